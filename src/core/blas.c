/* mm(): deterministic tiled cblas_sgemm over the thread pool. */
#include "core/blas.h"

#include <cblas.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/check.h"
#include "core/choices.h"
#include "core/pool.h"

/* Products below this many multiply-adds run as one call: a thread hand-off costs more. */
enum { SPLIT_MIN_MACS = 1 << 17, MAX_TILES = 4, TILE_ALIGN = 16 };

typedef struct {
    bool ta, tb, split_rows;
    int M, N, K, lda, ldb, ldc, tiles;
    float alpha, beta;
    const float *A, *B;
    float *C;
    MmAfter after; /* or NULL: run on each tile of C once its product is done */
    void *after_ctx;
} MmJob;

enum { MAX_SCRATCH_THREADS = 64 };

static struct {
    Precision p;
    long n;                             /* floats per operand copy */
    int threads;                        /* threads with scratch */
    float *scratch[MAX_SCRATCH_THREADS]; /* (3n) each: rounded copies of A and B, and a
                                          * product of mm_acc */
} policy;

Status blas_set_precision(Precision p, long max_operand)
{
    for (int t = 0; t < policy.threads; t++) buf_free(policy.scratch[t]);
    policy.threads = 0;
    policy.n = 0;
    policy.p = p;
    if (p == PREC_FP32) return ST_OK;
    int threads = pool_threads();
    CHECK(threads <= MAX_SCRATCH_THREADS && max_operand > 0);
    for (int t = 0; t < threads; t++) {
        policy.scratch[t] = buf_floats(3 * (size_t)max_operand);
        if (!policy.scratch[t]) {
            blas_set_precision(PREC_FP32, 0);
            return ST_NOMEM;
        }
        policy.threads = t + 1;
    }
    policy.n = max_operand;
    return ST_OK;
}

Precision blas_precision(void) { return policy.p; }

/* Rounding a matrix to the policy's format, row chunk by row chunk over the pool
 * (elementwise, so any split gives the same bits): dst (rows, cols) with row stride
 * ldd ← src (rows, cols) with row stride lds; dst may equal src. */
typedef struct {
    float *dst;
    const float *src;
    int rows, cols, ldd, lds, chunk;
} RoundJob;

static void round_rows(void *ctx, int t)
{
    const RoundJob *j = ctx;
    int hi = (t + 1) * j->chunk < j->rows ? (t + 1) * j->chunk : j->rows;
    for (int i = t * j->chunk; i < hi; i++) {
        float *out = j->dst + (long)i * j->ldd;
        const float *in = j->src + (long)i * j->lds;
        if (out != in) memcpy(out, in, (size_t)j->cols * sizeof(float));
        precision_round(out, j->cols, policy.p);
    }
}

static void round_matrix(float *dst, int ldd, const float *src, int lds, int rows, int cols)
{
    int chunk = rows, tasks = 1;
    if ((long)rows * cols >= 1 << 15) { /* worth a hand-off */
        chunk = (rows + 7) / 8;
        tasks = (rows + chunk - 1) / chunk;
    }
    RoundJob j = {dst, src, rows, cols, ldd, lds, chunk};
    pool_run(tasks, round_rows, &j);
}

int blas_init(int nthreads)
{
    openblas_set_num_threads(1);
    return pool_init(nthreads);
}

const char *blas_core_name(void) { return openblas_get_corename(); }

const char *blas_kernels_name(int k)
{
    static const char *const names[] = {[BLAS_PINNED] = "pinned", [BLAS_NATIVE] = "native"};
    return CHOICE_AT(names, k);
}

bool blas_kernels_parse(const char *name, BlasKernels *k)
{
    for (int i = 0; blas_kernels_name(i); i++)
        if (!strcmp(name, blas_kernels_name(i))) return *k = (BlasKernels)i, true;
    return false;
}

bool blas_can_pin(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

bool blas_kernels_env(BlasKernels k)
{
    const char *have = getenv("OPENBLAS_CORETYPE");
    if (k == BLAS_NATIVE) return have && unsetenv("OPENBLAS_CORETYPE") == 0;
    if (have && !strcmp(have, BLAS_PINNED_CORE)) return false;
    return setenv("OPENBLAS_CORETYPE", BLAS_PINNED_CORE, 1) == 0;
}

static void sgemm(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
                  const float *B, int ldb, float beta, float *C, int ldc)
{
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

/* Tile t covers [lo, hi) of the split dimension; boundaries are multiples of TILE_ALIGN. */
static void tile_range(int len, int tiles, int t, int *lo, int *hi)
{
    int step = (len + tiles - 1) / tiles;
    step = (step + TILE_ALIGN - 1) / TILE_ALIGN * TILE_ALIGN;
    *lo = t * step < len ? t * step : len;
    *hi = (t + 1) * step < len ? (t + 1) * step : len;
}

static void mm_tile(void *ctx, int t)
{
    const MmJob *j = ctx;
    int lo, hi;
    if (j->split_rows) {
        tile_range(j->M, j->tiles, t, &lo, &hi);
        if (lo == hi) return;
        /* rows lo..hi of op(A): row i of A, or column i of A when transposed */
        const float *A = j->ta ? j->A + lo : j->A + (long)lo * j->lda;
        sgemm(j->ta, j->tb, hi - lo, j->N, j->K, j->alpha, A, j->lda, j->B, j->ldb, j->beta,
              j->C + (long)lo * j->ldc, j->ldc);
        if (j->after) j->after(j->after_ctx, lo, hi, 0, j->N);
    } else {
        tile_range(j->N, j->tiles, t, &lo, &hi);
        if (lo == hi) return;
        /* columns lo..hi of op(B): column i of B, or row i of B when transposed */
        const float *B = j->tb ? j->B + (long)lo * j->ldb : j->B + lo;
        sgemm(j->ta, j->tb, j->M, hi - lo, j->K, j->alpha, j->A, j->lda, B, j->ldb, j->beta,
              j->C + lo, j->ldc);
        if (j->after) j->after(j->after_ctx, 0, j->M, lo, hi);
    }
}

/* The job of one product: its tiles, a function of the shape alone (never of the
 * thread count); one tile when local or below SPLIT_MIN_MACS. */
static MmJob mm_job(bool local, bool ta, bool tb, int M, int N, int K, float alpha,
                    const float *A, int lda, const float *B, int ldb, float beta, float *C,
                    int ldc)
{
    MmJob j = {ta, tb, M >= N, M, N, K, lda, ldb, ldc, 1, alpha, beta, A, B, C, NULL, NULL};
    long macs = (long)M * N * (K > 0 ? K : 1);
    int len = j.split_rows ? M : N;
    if (macs >= SPLIT_MIN_MACS && !local) {
        j.tiles = len / (2 * TILE_ALIGN);
        if (j.tiles > MAX_TILES) j.tiles = MAX_TILES;
        if (j.tiles < 1) j.tiles = 1;
    }
    return j;
}

/* multiply-adds of every product since the last reset (relaxed: a count, not an order) */
static _Atomic long long mm_macs;

void blas_flops_reset(void) { atomic_store(&mm_macs, 0); }
double blas_flops(void) { return 2.0 * (double)atomic_load(&mm_macs); }

static void count_macs(int M, int N, int K)
{
    if (M > 0 && N > 0 && K > 0)
        atomic_fetch_add_explicit(&mm_macs, (long long)M * N * K, memory_order_relaxed);
}

static void mm_any(bool local, bool fp32, bool ta, bool tb, int M, int N, int K, float alpha,
                   const float *A, int lda, const float *B, int ldb, float beta, float *C,
                   int ldc, MmAfter after, void *after_ctx)
{
    if (M <= 0 || N <= 0) return;
    count_macs(M, N, K);
    const bool round = policy.p != PREC_FP32 && !fp32;
    if (round && K > 0) {
        int t = pool_thread_index();
        int a_rows = ta ? K : M, a_cols = ta ? M : K, b_rows = tb ? N : K, b_cols = tb ? K : N;
        CHECK(t < policy.threads && (long)a_rows * a_cols <= policy.n &&
              (long)b_rows * b_cols <= policy.n);
        float *sa = policy.scratch[t], *sb = policy.scratch[t] + policy.n;
        round_matrix(sa, a_cols, A, lda, a_rows, a_cols);
        round_matrix(sb, b_cols, B, ldb, b_rows, b_cols);
        A = sa, lda = a_cols, B = sb, ldb = b_cols;
    }
    MmJob j = mm_job(local, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    if (!round) j.after = after, j.after_ctx = after_ctx;
    pool_run(j.tiles, mm_tile, &j);
    if (round) {
        round_matrix(C, ldc, C, ldc, M, N);
        if (after) after(after_ctx, 0, M, 0, N); /* on C as stored, as one tile */
    }
}

void mm(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
        const float *B, int ldb, float beta, float *C, int ldc)
{
    mm_any(false, false, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, NULL, NULL);
}

void mm_then(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
             const float *B, int ldb, float beta, float *C, int ldc, MmAfter after, void *ctx)
{
    mm_any(false, false, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, after, ctx);
}

void mm_local(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
              const float *B, int ldb, float beta, float *C, int ldc)
{
    mm_any(true, false, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, NULL, NULL);
}

void mm_f64(bool ta, bool tb, int M, int N, int K, double alpha, const double *A, int lda,
            const double *B, int ldb, double beta, double *C, int ldc)
{
    if (M <= 0 || N <= 0) return;
    count_macs(M, N, K);
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

void mm_fp32(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
             const float *B, int ldb, float beta, float *C, int ldc)
{
    mm_any(false, true, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, NULL, NULL);
}

void mm_acc(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
            const float *B, int ldb, float *C, int ldc)
{
    if (policy.p == PREC_FP32) {
        mm_any(false, false, ta, tb, M, N, K, alpha, A, lda, B, ldb, 1.0f, C, ldc, NULL, NULL);
        return;
    }
    /* the product as a 16-bit kernel stores it, then an fp32 add */
    int t = pool_thread_index();
    CHECK(t < policy.threads && (long)M * N <= policy.n);
    float *prod = policy.scratch[t] + 2 * policy.n;
    mm_any(false, false, ta, tb, M, N, K, alpha, A, lda, B, ldb, 0.0f, prod, N, NULL, NULL);
    for (int i = 0; i < M; i++) {
        float *c = C + (long)i * ldc;
        const float *p = prod + (long)i * N;
        for (int j = 0; j < N; j++) c[j] += p[j];
    }
}

/* ---- batches of independent products ---- */

typedef struct {
    MmJob jobs[MM_BATCH_MAX];
    struct {
        signed char job, tile;
    } task[MM_BATCH_MAX * MAX_TILES];
    int tiles;
    PoolTask extra;
    void *extra_ctx;
} BatchRun;

static void batch_task(void *ctx, int t)
{
    const BatchRun *r = ctx;
    if (t < r->tiles) mm_tile((void *)&r->jobs[r->task[t].job], r->task[t].tile);
    else r->extra(r->extra_ctx, t - r->tiles);
}

/* Multiply-adds of tile t of j (0 for an empty tile). */
static long tile_macs(const MmJob *j, int t)
{
    int lo, hi;
    tile_range(j->split_rows ? j->M : j->N, j->tiles, t, &lo, &hi);
    return (long)(hi - lo) * (j->split_rows ? j->N : j->M) * (j->K > 0 ? j->K : 1);
}

void mm_batch(const MmCall *calls, int n, int extra, PoolTask extra_fn, void *extra_ctx)
{
    CHECK(n >= 0 && n <= MM_BATCH_MAX && extra >= 0 && (extra == 0 || extra_fn));
    if (policy.p != PREC_FP32) { /* each product rounds its operands into the calling
                                  * thread's scratch: one after the other */
        for (int i = 0; i < n; i++) {
            const MmCall *c = &calls[i];
            if (c->acc) mm_acc(c->ta, c->tb, c->M, c->N, c->K, c->alpha, c->A, c->lda, c->B, c->ldb, c->C, c->ldc);
            else mm(c->ta, c->tb, c->M, c->N, c->K, c->alpha, c->A, c->lda, c->B, c->ldb, c->beta, c->C, c->ldc);
        }
        pool_run(extra, extra_fn, extra_ctx);
        return;
    }
    BatchRun r = {.extra = extra_fn, .extra_ctx = extra_ctx};
    long macs[MM_BATCH_MAX * MAX_TILES];
    for (int i = 0; i < n; i++) {
        const MmCall *c = &calls[i];
        if (c->M <= 0 || c->N <= 0) continue;
        count_macs(c->M, c->N, c->K);
        r.jobs[i] = mm_job(false, c->ta, c->tb, c->M, c->N, c->K, c->alpha, c->A, c->lda, c->B,
                           c->ldb, c->acc ? 1.0f : c->beta, c->C, c->ldc);
        for (int t = 0; t < r.jobs[i].tiles; t++) {
            /* insertion by multiply-adds, largest first: the pool hands tasks out in
             * order, so the longest start first (the order changes no bit) */
            long w = tile_macs(&r.jobs[i], t);
            int k = r.tiles++;
            for (; k > 0 && macs[k - 1] < w; k--) macs[k] = macs[k - 1], r.task[k] = r.task[k - 1];
            macs[k] = w;
            r.task[k].job = (signed char)i, r.task[k].tile = (signed char)t;
        }
    }
    pool_run(r.tiles + extra, batch_task, &r);
}
