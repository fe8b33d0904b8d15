/* Spirals and the classification data source: determinism, balance, epochs that
 * visit every example once, a shuffle drawn from the data stream, fixed eval batches. */
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "data/classify.h"
#include "data/data.h"
#include "data/dataset.h"
#include "harness.h"

static int same_dataset(const Dataset *a, const Dataset *b)
{
    return a->n == b->n && a->dim == b->dim && a->classes == b->classes &&
           memcmp(a->x, b->x, (size_t)a->n * a->dim * sizeof(float)) == 0 &&
           memcmp(a->y, b->y, (size_t)a->n * sizeof(int)) == 0;
}

static void spirals(void)
{
    Splits a, b, c;
    Status st = spirals_make(&a, 3, 200, 0.2, 7);
    st |= spirals_make(&b, 3, 200, 0.2, 7);
    st |= spirals_make(&c, 3, 200, 0.2, 8);
    CHECK_TRUE(st == ST_OK, "spirals: made three sets");
    CHECK_TRUE(a.train.n == 600 && a.val.n == 150 && a.test.n == 150 && a.train.dim == 2 &&
                   a.train.classes == 3,
               "spirals: sizes 600/150/150, dim 2, 3 classes");
    CHECK_TRUE(same_dataset(&a.train, &b.train) && same_dataset(&a.val, &b.val) &&
                   same_dataset(&a.test, &b.test),
               "spirals: same seed, same bits");
    CHECK_TRUE(memcmp(a.train.x, c.train.x, 600 * 2 * sizeof(float)) != 0 &&
                   memcmp(a.test.x, c.test.x, 150 * 2 * sizeof(float)) != 0,
               "spirals: another seed, other points");
    CHECK_TRUE(memcmp(a.train.x, a.val.x, 150 * 2 * sizeof(float)) != 0 &&
                   memcmp(a.val.x, a.test.x, 150 * 2 * sizeof(float)) != 0,
               "spirals: splits are different draws");
    const Dataset *ds[3] = {&a.train, &a.val, &a.test};
    int balanced = 1, finite = 1;
    for (int s = 0; s < 3; s++) {
        int count[3] = {0};
        for (int i = 0; i < ds[s]->n; i++) {
            count[ds[s]->y[i]]++;
            finite &= isfinite(ds[s]->x[2 * i]) && fabsf(ds[s]->x[2 * i]) < 3;
        }
        balanced &= count[0] == count[1] && count[1] == count[2];
    }
    CHECK_TRUE(balanced && finite, "spirals: classes balanced in every split, points finite");
    /* Without noise every point lies on its arm: |x| = t <= 1. */
    Splits z;
    st = spirals_make(&z, 4, 100, 0.0, 1);
    double rmax = 0;
    for (int i = 0; i < z.train.n; i++)
        rmax = fmax(rmax, hypot(z.train.x[2 * i], z.train.x[2 * i + 1]));
    CHECK_TRUE(st == ST_OK && rmax <= 1.0 + 1e-6 && rmax > 0.9, "spirals: noiseless radius <= 1 (max %.4f)",
               rmax);
    splits_free(&z); /* spirals_make starts from an empty Splits: it would lose these */
    CHECK_TRUE(spirals_make(&z, 1, 100, 0.1, 1) == ST_USAGE, "spirals: 1 class is a usage error");
    splits_free(&z);
    splits_free(&a);
    splits_free(&b);
    splits_free(&c);
}

/* Index of a training example by its bits (x, y), or -1. */
static int find_example(const Dataset *tr, const float *x, int y)
{
    for (int i = 0; i < tr->n; i++)
        if (tr->y[i] == y && memcmp(tr->x + 2 * i, x, 2 * sizeof(float)) == 0) return i;
    return -1;
}

static Data *open_spirals(int batch, uint64_t stream_seed, Splits *copy)
{
    Splits sp;
    if (spirals_make(&sp, 3, 100, 0.2, 5) != ST_OK) return NULL;
    if (copy) spirals_make(copy, 3, 100, 0.2, 5);
    Data *d;
    if (classify_open(&d, &sp, batch, stream_seed, "spirals") != ST_OK) return NULL;
    return d;
}

static void source(void)
{
    Splits ref;
    Data *d = open_spirals(30, 1, &ref);
    CHECK_TRUE(d && d->shape.inputs == 2 && d->shape.classes == 3 && d->train_items == 300 &&
                   d->train_rows == 300 && isnan(d->entropy_rate) && d->epoch == 0,
               "classify: opened, shape 2 -> 3, 300 items, entropy unknown, epoch 0");
    if (!d) return;
    int *seen = calloc(300, sizeof(int));
    int order1[300], found = 1;
    for (int b = 0; b < 10; b++) {
        Batch bt;
        d->ops->train_batch(d, 30, &bt);
        found &= bt.rows == 30 && d->epoch == 1;
        for (int r = 0; r < 30; r++) {
            int i = find_example(&ref.train, bt.x + 2 * r, bt.y[r]);
            found &= i >= 0;
            if (i >= 0) seen[i]++;
            order1[b * 30 + r] = i;
        }
    }
    int once = 1;
    for (int i = 0; i < 300; i++) once &= seen[i] == 1;
    CHECK_TRUE(found && once, "classify: one epoch of 10 batches of 30 visits each of 300 once");
    int shuffled = 0;
    for (int i = 0; i < 300; i++) shuffled += order1[i] != i;
    CHECK_TRUE(shuffled > 250, "classify: the epoch order is shuffled (%d of 300 moved)", shuffled);
    Batch bt;
    d->ops->train_batch(d, 30, &bt);
    int differs = 0;
    for (int r = 0; r < 30; r++) differs |= find_example(&ref.train, bt.x + 2 * r, bt.y[r]) != order1[r];
    CHECK_TRUE(d->epoch == 2 && differs, "classify: epoch 2 starts with a fresh permutation");

    /* Same stream seed: same order; another: another order. */
    Data *e = open_spirals(30, 1, NULL), *f = open_spirals(30, 2, NULL);
    int same = 1, other = 0;
    for (int b = 0; b < 10; b++) {
        Batch be, bf;
        e->ops->train_batch(e, 30, &be);
        f->ops->train_batch(f, 30, &bf);
        for (int r = 0; r < 30; r++) {
            same &= find_example(&ref.train, be.x + 2 * r, be.y[r]) == order1[b * 30 + r];
            other |= find_example(&ref.train, bf.x + 2 * r, bf.y[r]) != order1[b * 30 + r];
        }
    }
    CHECK_TRUE(same && other, "classify: the order depends only on the data stream's seed");

    /* Eval batches: consecutive chunks in file order, the same whatever the seed and
     * however much training has been drawn. */
    int ok = 1, total = 0;
    for (int i = 0;; i++) {
        Batch b1, b2;
        int n1 = d->ops->eval_batch(d, SPLIT_VAL, i, 32, &b1);
        int n2 = f->ops->eval_batch(f, SPLIT_VAL, i, 32, &b2);
        ok &= n1 == n2 && b1.rows == n1;
        if (n1 == 0) break;
        ok &= memcmp(b1.x, b2.x, (size_t)n1 * 2 * sizeof(float)) == 0 &&
              memcmp(b1.y, b2.y, (size_t)n1 * sizeof(int)) == 0 &&
              memcmp(b1.x, ref.val.x + total * 2, (size_t)n1 * 2 * sizeof(float)) == 0;
        ok &= n1 == (i < 2 ? 32 : 75 - 64);
        total += n1;
    }
    CHECK_TRUE(ok && total == 75, "classify: val in chunks of 32, 32, 11, identical across seeds");
    Batch bt2;
    int nt = d->ops->eval_batch(d, SPLIT_TEST, 2, 32, &bt2);
    CHECK_TRUE(nt == 11 && memcmp(bt2.y, ref.test.y + 64, 11 * sizeof(int)) == 0 &&
                   d->ops->eval_batch(d, SPLIT_TEST, 3, 32, &bt2) == 0,
               "classify: test chunk 2 is rows 64..74, chunk 3 is empty");

    /* A batch that does not divide n: the partial last batch is dropped. */
    Data *g = open_spirals(32, 1, NULL);
    long epochs[10];
    for (int b = 0; b < 10; b++) {
        g->ops->train_batch(g, 32, &bt);
        epochs[b] = g->epoch;
    }
    CHECK_TRUE(epochs[0] == 1 && epochs[8] == 1 && epochs[9] == 2,
               "classify: 300 examples, batch 32: 9 batches per epoch, the 10th starts epoch 2");
    free(seen);
    data_free(d);
    data_free(e);
    data_free(f);
    data_free(g);
    splits_free(&ref);
}

static void open_from_settings(void)
{
    Settings s;
    settings_defaults(&s, MODEL_MLP);
    snprintf(s.data, sizeof s.data, "spirals");
    s.spirals_classes = 4;
    s.spirals_points = 50;
    s.batch = 16;
    Data *d;
    Status st = data_open(&d, &s);
    CHECK_TRUE(st == ST_OK && d->shape.inputs == 2 && d->shape.classes == 4 &&
                   d->train_items == 200 && d->stream,
               "data_open spirals: 4 classes, 200 training points (%s)", st ? err_msg() : "ok");
    if (st == ST_OK) {
        /* The data stream is rng_stream(seed, "data"). */
        gsl_rng *r = rng_stream(1, "data");
        CHECK_TRUE(gsl_rng_get(r) == gsl_rng_get(d->stream), "data_open: stream is (seed, \"data\")");
        gsl_rng_free(r);
    }
    data_free(d);
    s.batch = 1000;
    CHECK_TRUE(data_open(&d, &s) == ST_USAGE && d == NULL,
               "data_open: a batch larger than the training set is a usage error (%s)", err_msg());
    snprintf(s.data, sizeof s.data, "mnist");
    CHECK_TRUE(data_open(&d, &s) == ST_USAGE && strstr(err_msg(), "mnist"),
               "data_open: unknown dataset is a usage error naming it (%s)", err_msg());
    data_free(NULL);
}

int main(void)
{
    spirals();
    source();
    open_from_settings();
    return th_done();
}
