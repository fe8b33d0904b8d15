/* blas_batch_unit: mm_batch() and mm_then() keep mm()'s bits. A batch of independent
 * products (mm() and mm_acc() kinds, row and column tiles, one-tile and empty ones)
 * with extra tasks gives, with 1, 2 and 3 threads, exactly the bits of the same calls
 * made one after the other with one thread, under fp32 and under bf16 (where the batch
 * runs them in turn); every extra task runs once. mm_then() hands every element of C
 * to after() exactly once, after its product (and rounding) is done, and its result is
 * mm() followed by the same elementwise work on all of C. It runs the pinned (Haswell)
 * kernels where the CPU can, as descent does: there, a product's bits depend on how C
 * is cut into sgemm calls (checked: one of the products in one call differs from its
 * tiles), so a batch that cut C differently would fail. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/blas.h"
#include "core/check.h"
#include "core/pool.h"
#include "core/rng.h"
#include "harness.h"

static gsl_rng *R;

static float *rand_floats(long n)
{
    float *v = malloc(sizeof(float) * (size_t)(n > 0 ? n : 1));
    CHECK(v);
    for (long i = 0; i < n; i++) v[i] = (float)(2 * gsl_rng_uniform(R) - 1);
    return v;
}

/* The products of a batch: {ta, tb, acc, M, N, K, beta} */
static const int SHAPES[][7] = {
    {1, 0, 1, 256, 784, 128, 1}, /* an MLP weight gradient: column tiles */
    {0, 0, 0, 96, 100, 111, 0},  /* three column tiles, whose bits differ from one call's */
    {0, 1, 0, 300, 97, 65, 1},   /* row tiles, ragged */
    {0, 0, 0, 5, 7, 3, 0},       /* one tile */
};
enum { NCALLS = 4, EXTRA = 7 };

typedef struct {
    MmCall c[NCALLS];
    float *c0[NCALLS]; /* the starting C of each */
    int ran[EXTRA];
} Batch;

static Batch batch_new(void)
{
    Batch b = {0};
    for (int i = 0; i < NCALLS; i++) {
        const int *s = SHAPES[i];
        MmCall *c = &b.c[i];
        c->ta = s[0], c->tb = s[1], c->acc = s[2], c->M = s[3], c->N = s[4], c->K = s[5];
        c->alpha = 0.75f, c->beta = (float)s[6];
        c->lda = c->ta ? c->M : c->K, c->ldb = c->tb ? c->K : c->N, c->ldc = c->N;
        c->A = rand_floats((long)c->M * c->K);
        c->B = rand_floats((long)c->K * c->N);
        b.c0[i] = rand_floats((long)c->M * c->N);
        c->C = malloc(sizeof(float) * (size_t)c->M * c->N);
        CHECK(c->C);
    }
    return b;
}

static void batch_reset(Batch *b)
{
    for (int i = 0; i < NCALLS; i++)
        memcpy(b->c[i].C, b->c0[i], sizeof(float) * (size_t)b->c[i].M * b->c[i].N);
    memset(b->ran, 0, sizeof b->ran);
}

static void extra_task(void *ctx, int t)
{
    Batch *b = ctx;
    b->ran[t]++;
}

/* The calls one after the other, as the layers made them before batches. */
static void one_by_one(Batch *b)
{
    for (int i = 0; i < NCALLS; i++) {
        const MmCall *c = &b->c[i];
        if (c->acc) mm_acc(c->ta, c->tb, c->M, c->N, c->K, c->alpha, c->A, c->lda, c->B, c->ldb, c->C, c->ldc);
        else mm(c->ta, c->tb, c->M, c->N, c->K, c->alpha, c->A, c->lda, c->B, c->ldb, c->beta, c->C, c->ldc);
    }
}

static bool same_as(const Batch *b, float *const *want)
{
    bool same = true;
    for (int i = 0; i < NCALLS; i++)
        same &= memcmp(b->c[i].C, want[i], sizeof(float) * (size_t)b->c[i].M * b->c[i].N) == 0;
    return same;
}

static void check_batch(Precision p, const char *name)
{
    Batch b = batch_new();
    float *want[NCALLS];
    CHECK(blas_init(1) == 1 && blas_set_precision(p, 1 << 20) == ST_OK);
    batch_reset(&b);
    one_by_one(&b);
    for (int i = 0; i < NCALLS; i++) {
        want[i] = malloc(sizeof(float) * (size_t)b.c[i].M * b.c[i].N);
        memcpy(want[i], b.c[i].C, sizeof(float) * (size_t)b.c[i].M * b.c[i].N);
    }
    if (p == PREC_FP32 && !strcmp(blas_core_name(), "Haswell")) {
        /* the cut matters: product 1 as one sgemm call (mm_local) instead of its three
         * column tiles gives other bits, so a batch that cut C differently would fail */
        const MmCall *c = &b.c[1];
        float *one = malloc(sizeof(float) * (size_t)c->M * c->N);
        CHECK(one);
        memcpy(one, b.c0[1], sizeof(float) * (size_t)c->M * c->N);
        mm_local(c->ta, c->tb, c->M, c->N, c->K, c->alpha, c->A, c->lda, c->B, c->ldb, c->beta, one, c->ldc);
        CHECK_TRUE(memcmp(one, want[1], sizeof(float) * (size_t)c->M * c->N) != 0,
                   "fp32: a %dx%dx%d product in one call has other bits than in its three column tiles", c->M, c->N,
                   c->K);
        free(one);
    }
    for (int threads = 1; threads <= 3; threads++) {
        CHECK(blas_init(threads) == threads && blas_set_precision(p, 1 << 20) == ST_OK);
        batch_reset(&b);
        mm_batch(b.c, NCALLS, EXTRA, extra_task, &b);
        bool once = true;
        for (int t = 0; t < EXTRA; t++) once &= b.ran[t] == 1;
        CHECK_TRUE(same_as(&b, want), "%s: mm_batch of %d products with %d thread(s): the bits of the calls one by one",
                   name, NCALLS, threads);
        CHECK_TRUE(once, "%s: mm_batch with %d thread(s): each of %d extra tasks ran once", name, threads, EXTRA);
    }
    /* a batch with no products: the extra tasks alone */
    batch_reset(&b);
    mm_batch(b.c, 0, EXTRA, extra_task, &b);
    bool once = true;
    for (int t = 0; t < EXTRA; t++) once &= b.ran[t] == 1;
    CHECK_TRUE(once && memcmp(b.c[0].C, b.c0[0], sizeof(float) * (size_t)b.c[0].M * b.c[0].N) == 0,
               "%s: mm_batch of no products runs the extra tasks and touches no C", name);
    CHECK(blas_set_precision(PREC_FP32, 0) == ST_OK);
    for (int i = 0; i < NCALLS; i++)
        free((void *)b.c[i].A), free((void *)b.c[i].B), free(b.c[i].C), free(b.c0[i]), free(want[i]);
}

/* after(): counts each element's visits and replaces it by 2·c + 1 (elementwise work on
 * the finished product). */
typedef struct {
    float *C;
    int *visits;
    int N;
} Then;

static void twice_plus_one(void *ctx, int r0, int r1, int c0, int c1)
{
    const Then *j = ctx;
    for (int r = r0; r < r1; r++)
        for (int c = c0; c < c1; c++) {
            j->visits[(long)r * j->N + c]++;
            j->C[(long)r * j->N + c] = 2.0f * j->C[(long)r * j->N + c] + 1.0f;
        }
}

static void check_then(Precision p, const char *name, int M, int N, int K)
{
    float *A = rand_floats((long)M * K), *B = rand_floats((long)K * N);
    float *want = rand_floats((long)M * N), *got = malloc(sizeof(float) * (size_t)M * N);
    int *visits = calloc((size_t)M * N, sizeof(int));
    CHECK(got && visits);
    memcpy(got, want, sizeof(float) * (size_t)M * N);
    CHECK(blas_init(2) == 2 && blas_set_precision(p, 1 << 20) == ST_OK);
    mm(false, true, M, N, K, 1.0f, A, K, B, K, 0.5f, want, N);
    for (long i = 0; i < (long)M * N; i++) want[i] = 2.0f * want[i] + 1.0f;
    Then j = {got, visits, N};
    mm_then(false, true, M, N, K, 1.0f, A, K, B, K, 0.5f, got, N, twice_plus_one, &j);
    bool once = true;
    for (long i = 0; i < (long)M * N; i++) once &= visits[i] == 1;
    CHECK_TRUE(once, "%s: mm_then M=%d N=%d K=%d hands every element of C to after() once", name, M, N, K);
    CHECK_TRUE(memcmp(got, want, sizeof(float) * (size_t)M * N) == 0,
               "%s: mm_then M=%d N=%d K=%d: the bits of mm() and then the same work on C", name, M, N, K);
    CHECK(blas_set_precision(PREC_FP32, 0) == ST_OK);
    free(A), free(B), free(want), free(got), free(visits);
}

int main(int argc, char **argv)
{
    (void)argc;
    if (blas_can_pin() && blas_kernels_env(BLAS_PINNED)) { /* OpenBLAS loaded other kernels */
        execv("/proc/self/exe", argv);
        return 99;
    }
    CHECK_TRUE(1, "kernels: %s", blas_core_name());
    R = rng_stream(1, "blas_batch_unit");
    check_batch(PREC_FP32, "fp32");
    check_batch(PREC_BF16, "bf16");
    static const int shapes[][3] = {{256, 128, 784}, {128, 1024, 256}, {96, 64, 1024}, {5, 7, 3}};
    for (int s = 0; s < 4; s++) {
        check_then(PREC_FP32, "fp32", shapes[s][0], shapes[s][1], shapes[s][2]);
        check_then(PREC_BF16, "bf16", shapes[s][0], shapes[s][1], shapes[s][2]);
    }
    gsl_rng_free(R);
    return th_done();
}
