/* The classification data source. Training batches walk a fresh permutation of the
 * training split each epoch (drawn from the run's "data" stream); an epoch is
 * floor(n / batch) full batches and the partial last batch is dropped, as
 * torch.utils.data.DataLoader(shuffle=True, drop_last=True) does. Evaluation batches
 * are consecutive chunks of val or test in file order, independent of the seed. */
#include "data/classify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/check.h"
#include "core/rng.h"

typedef struct {
    Data base; /* first, so a Data * is a Classify * */
    Splits sp;
    int max_batch;
    int *perm; /* (n train) this epoch's order */
    int pos;   /* next index into perm */
    float *bx; /* (max_batch, dim) batch copy */
    int *by;   /* (max_batch) */
} Classify;

static const Dataset *split_of(const Classify *c, Split split)
{
    switch (split) {
    case SPLIT_TRAIN: return &c->sp.train;
    case SPLIT_VAL: return &c->sp.val;
    case SPLIT_TEST: return &c->sp.test;
    }
    CHECK(!"unknown split");
    return NULL;
}

static void classify_train_batch(Data *d, int rows, Batch *out)
{
    Classify *c = (Classify *)d;
    const Dataset *tr = &c->sp.train;
    CHECK(rows > 0 && rows <= c->max_batch && rows <= tr->n);
    if (c->pos + rows > tr->n) { /* drop the partial last batch; start a new epoch */
        rng_permutation(d->stream, c->perm, tr->n);
        c->pos = 0;
        d->epoch++;
    }
    size_t dim = (size_t)tr->dim;
    for (int r = 0; r < rows; r++) {
        int i = c->perm[c->pos + r];
        memcpy(c->bx + (size_t)r * dim, tr->x + (size_t)i * dim, dim * sizeof(float));
        c->by[r] = tr->y[i];
    }
    c->pos += rows;
    *out = (Batch){.rows = rows, .x = c->bx, .y = c->by, .tokens = NULL};
}

/* Rows drawn uniformly with replacement from the training split with rng; the
 * epoch's permutation and position stay as they were. */
static void classify_sample_batch(Data *d, gsl_rng *rng, int rows, Batch *out)
{
    Classify *c = (Classify *)d;
    const Dataset *tr = &c->sp.train;
    CHECK(rows > 0 && rows <= c->max_batch);
    size_t dim = (size_t)tr->dim;
    for (int r = 0; r < rows; r++) {
        long i = (long)gsl_rng_uniform_int(rng, (unsigned long)tr->n);
        memcpy(c->bx + (size_t)r * dim, tr->x + (size_t)i * dim, dim * sizeof(float));
        c->by[r] = tr->y[i];
    }
    *out = (Batch){.rows = rows, .x = c->bx, .y = c->by, .tokens = NULL};
}

static int classify_eval_batch(Data *d, Split split, int i, int rows, Batch *out)
{
    const Dataset *ds = split_of((Classify *)d, split);
    CHECK(i >= 0 && rows > 0);
    long start = (long)i * rows;
    if (start >= ds->n) {
        *out = (Batch){0};
        return 0;
    }
    int n = (int)(ds->n - start < rows ? ds->n - start : rows);
    *out = (Batch){.rows = n, .x = ds->x + start * ds->dim, .y = ds->y + start, .tokens = NULL};
    return n;
}

static void classify_free(Data *d)
{
    Classify *c = (Classify *)d;
    splits_free(&c->sp);
    free(c->perm);
    buf_free(c->bx);
    buf_free(c->by);
    gsl_rng_free(d->stream);
    free(c);
}

static const DataOps classify_ops = {
    .name = "classify",
    .train_batch = classify_train_batch,
    .sample_batch = classify_sample_batch,
    .eval_batch = classify_eval_batch,
    .free = classify_free,
};

Status classify_open(Data **out, Splits *sp, int max_batch, uint64_t seed, const char *name)
{
    *out = NULL;
    Splits own = *sp;
    memset(sp, 0, sizeof *sp);
    if (max_batch <= 0 || max_batch > own.train.n) {
        int n = own.train.n;
        splits_free(&own);
        return err_set(ST_USAGE, "data %s: batch %d must be between 1 and the %d training examples",
                       name, max_batch, n);
    }
    Classify *c = calloc(1, sizeof *c);
    if (!c) {
        splits_free(&own);
        return err_set(ST_NOMEM, "out of memory opening data %s", name);
    }
    c->sp = own;
    c->max_batch = max_batch;
    c->perm = malloc((size_t)own.train.n * sizeof(int));
    c->bx = buf_floats((size_t)max_batch * (size_t)own.train.dim);
    c->by = buf_alloc((size_t)max_batch * sizeof(int));
    c->base.stream = rng_stream(seed, "data");
    if (!c->perm || !c->bx || !c->by || !c->base.stream) {
        classify_free(&c->base);
        return err_set(ST_NOMEM, "out of memory opening data %s", name);
    }
    c->pos = own.train.n; /* the first batch starts epoch 1 */
    c->base.ops = &classify_ops;
    c->base.shape.inputs = own.train.dim;
    c->base.shape.classes = own.train.classes;
    c->base.train_items = own.train.n;
    c->base.train_rows = own.train.n;
    c->base.entropy_rate = NAN;
    c->base.epoch = 0;
    *out = &c->base;
    return ST_OK;
}
