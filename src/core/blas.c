/* mm(): deterministic tiled cblas_sgemm over the thread pool. */
#include "core/blas.h"

#include <cblas.h>

#include "core/pool.h"

/* Products below this many multiply-adds run as one call: a thread hand-off costs more. */
enum { SPLIT_MIN_MACS = 1 << 17, MAX_TILES = 4, TILE_ALIGN = 16 };

typedef struct {
    bool ta, tb, split_rows;
    int M, N, K, lda, ldb, ldc, tiles;
    float alpha, beta;
    const float *A, *B;
    float *C;
} MmJob;

int blas_init(int nthreads)
{
    openblas_set_num_threads(1);
    return pool_init(nthreads);
}

const char *blas_core_name(void) { return openblas_get_corename(); }

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
    } else {
        tile_range(j->N, j->tiles, t, &lo, &hi);
        if (lo == hi) return;
        /* columns lo..hi of op(B): column i of B, or row i of B when transposed */
        const float *B = j->tb ? j->B + (long)lo * j->ldb : j->B + lo;
        sgemm(j->ta, j->tb, j->M, hi - lo, j->K, j->alpha, j->A, j->lda, B, j->ldb, j->beta,
              j->C + lo, j->ldc);
    }
}

void mm(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
        const float *B, int ldb, float beta, float *C, int ldc)
{
    if (M <= 0 || N <= 0) return;
    MmJob j = {ta, tb, M >= N, M, N, K, lda, ldb, ldc, 1, alpha, beta, A, B, C};
    long macs = (long)M * N * (K > 0 ? K : 1);
    int len = j.split_rows ? M : N;
    if (macs >= SPLIT_MIN_MACS) {
        j.tiles = len / (2 * TILE_ALIGN);
        if (j.tiles > MAX_TILES) j.tiles = MAX_TILES;
        if (j.tiles < 1) j.tiles = 1;
    }
    /* The tile count is a function of the shape alone, never of the thread count. */
    pool_run(j.tiles, mm_tile, &j);
}
