/* blas_unit: mm() against a naive double triple loop for all four transpose
 * combinations, odd and tiny shapes, alpha/beta, row strides larger than the rows
 * (padding must stay untouched), beta = 0 over a NaN-filled C, K = 0, and shapes big
 * enough for mm() to split C into tiles over the pool (rows when M >= N, columns
 * otherwise). Then bitwise identity of mm() with 1, 2 and 3 threads, and the one
 * floating-point mode of every pool thread: subnormals flushed to zero (core/fpmode.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/check.h"
#include "core/fpmode.h"
#include "core/pool.h"
#include "core/rng.h"
#include "harness.h"

static gsl_rng *R;

enum { PAD = 3 }; /* extra floats at the end of every stored row */

/* A stored matrix: rows × ld floats, the first cols of each row in use. */
typedef struct {
    float *v;
    int rows, cols, ld;
} Mat;

static Mat mat_rand(int rows, int cols)
{
    Mat m = {NULL, rows, cols, cols + PAD};
    size_t n = (size_t)(rows > 0 ? rows : 1) * m.ld;
    m.v = malloc(sizeof(float) * n);
    CHECK(m.v);
    for (size_t i = 0; i < n; i++) m.v[i] = (float)(2 * gsl_rng_uniform(R) - 1);
    return m;
}

/* C (M,N) = alpha · op(A) · op(B) + beta · C0, in double; op(A) (M,K), op(B) (K,N). */
static void naive_mm(double *C, bool ta, bool tb, int M, int N, int K, double alpha,
                     const Mat *A, const Mat *B, double beta, const Mat *C0)
{
    for (int i = 0; i < M; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < K; k++) {
                double a = ta ? A->v[(long)k * A->ld + i] : A->v[(long)i * A->ld + k];
                double b = tb ? B->v[(long)j * B->ld + k] : B->v[(long)k * B->ld + j];
                s += a * b;
            }
            double c = C0->v[(long)i * C0->ld + j];
            C[(long)i * N + j] = alpha * s + (beta != 0 ? beta * c : 0);
        }
}

static void run_mm(bool ta, bool tb, int M, int N, int K, float alpha, const Mat *A, const Mat *B,
                   float beta, Mat *C)
{
    mm(ta, tb, M, N, K, alpha, A->v, A->ld, B->v, B->ld, beta, C->v, C->ld);
}

static void check_case(bool ta, bool tb, int M, int N, int K, float alpha, float beta, int nan_c)
{
    Mat A = ta ? mat_rand(K, M) : mat_rand(M, K);
    Mat B = tb ? mat_rand(N, K) : mat_rand(K, N);
    Mat C = mat_rand(M, N);
    if (nan_c)
        for (long i = 0; i < (long)M * C.ld; i++) C.v[i] = NAN;
    Mat C0 = C;
    C0.v = malloc(sizeof(float) * (size_t)M * C.ld);
    memcpy(C0.v, C.v, sizeof(float) * (size_t)M * C.ld);
    double *want = malloc(sizeof(double) * (size_t)M * N);
    float *got = malloc(sizeof(float) * (size_t)M * N);
    naive_mm(want, ta, tb, M, N, K, alpha, &A, &B, beta, &C0);
    run_mm(ta, tb, M, N, K, alpha, &A, &B, beta, &C);
    int pad_ok = 1;
    for (int i = 0; i < M; i++) {
        memcpy(got + (long)i * N, C.v + (long)i * C.ld, sizeof(float) * N);
        pad_ok &= memcmp(C.v + (long)i * C.ld + N, C0.v + (long)i * C.ld + N, sizeof(float) * PAD) == 0;
    }
    /* float sums of K products of values in [-1,1): error ~ √K · eps · |terms| */
    double atol = 2e-6 * sqrt(K > 0 ? K : 1);
    char what[120];
    snprintf(what, sizeof what, "mm %c%c M=%d N=%d K=%d alpha=%g beta=%g%s", ta ? 'T' : 'N',
             tb ? 'T' : 'N', M, N, K, (double)alpha, (double)beta, nan_c ? " over NaN C" : "");
    th_close(what, got, want, (long)M * N, atol, 1e-6);
    if (!pad_ok) CHECK_TRUE(0, "%s: row padding of C untouched", what);
    free(A.v), free(B.v), free(C.v), free(C0.v), free(want), free(got);
}

/* mm() with `threads` threads into C (M, N+PAD), from fixed A and B. */
static void mm_threads(int threads, bool ta, bool tb, int M, int N, int K, const Mat *A,
                       const Mat *B, Mat *C, const float *c0)
{
    CHECK(blas_init(threads) == threads); /* returns the thread count */
    memcpy(C->v, c0, sizeof(float) * (size_t)M * C->ld);
    run_mm(ta, tb, M, N, K, 0.75f, A, B, 0.5f, C);
}

static void check_threads(bool ta, bool tb, int M, int N, int K)
{
    Mat A = ta ? mat_rand(K, M) : mat_rand(M, K);
    Mat B = tb ? mat_rand(N, K) : mat_rand(K, N);
    Mat C = mat_rand(M, N);
    size_t bytes = sizeof(float) * (size_t)M * C.ld;
    float *c0 = malloc(bytes), *c1 = malloc(bytes);
    memcpy(c0, C.v, bytes);
    mm_threads(1, ta, tb, M, N, K, &A, &B, &C, c0);
    memcpy(c1, C.v, bytes);
    int same = 1;
    for (int t = 2; t <= 3; t++) {
        mm_threads(t, ta, tb, M, N, K, &A, &B, &C, c0);
        same &= memcmp(c1, C.v, bytes) == 0;
    }
    CHECK_TRUE(same, "mm %c%c M=%d N=%d K=%d: identical bits with 1, 2 and 3 threads",
               ta ? 'T' : 'N', tb ? 'T' : 'N', M, N, K);
    free(A.v), free(B.v), free(C.v), free(c0), free(c1);
}

/* Each task records whether its thread flushes subnormals, and what a product whose
 * IEEE result is subnormal (1e-20 · 1e-20 = 1e-40) gives there. */
typedef struct {
    int flushes[8];
    float product[8];
    volatile float small;
} ModeJob;

static void record_mode(void *ctx, int task)
{
    ModeJob *j = ctx;
    for (volatile long spin = 0; spin < 2000000; spin++) {} /* long enough to spread over threads */
    j->flushes[task] = fpmode_flushes_subnormals();
    j->product[task] = j->small * j->small;
}

static void check_fpmode(void)
{
    CHECK(blas_init(2) == 2);
    ModeJob j = {.small = 1e-20f};
    pool_run(8, record_mode, &j);
    int all = 1;
    for (int t = 0; t < 8; t++) all &= j.flushes[t] && j.product[t] == 0.0f;
    CHECK_TRUE(all, "every pool thread flushes subnormals: 1e-20f * 1e-20f gives 0 in all 8 tasks");
    /* A subnormal input reads as zero (DAZ) in a product too: 1e-40 · 1e30 would be 1e-10. */
    float a[4] = {1e-40f, 0, 0, 0}, b[4] = {1e30f, 0, 0, 0}, c[4] = {1, 1, 1, 1};
    mm(false, false, 2, 2, 2, 1.0f, a, 2, b, 2, 0.0f, c, 2);
    CHECK_TRUE(c[0] == 0.0f, "mm(): a subnormal input counts as zero (got %g)", (double)c[0]);
}

int main(void)
{
    R = rng_stream(1, "blas_unit");
    CHECK(blas_init(2) == 2);
    static const int shapes[][3] = {
        {1, 1, 1}, {7, 5, 13}, {5, 7, 1}, {33, 17, 65},
        {128, 256, 784}, /* an MLP layer: split into row tiles */
        {64, 515, 100},  /* N > M: split into column tiles, ragged last tile */
        {300, 300, 300},
    };
    for (int s = 0; s < (int)(sizeof shapes / sizeof shapes[0]); s++)
        for (int t = 0; t < 4; t++) {
            bool ta = t & 1, tb = t & 2;
            int M = shapes[s][0], N = shapes[s][1], K = shapes[s][2];
            check_case(ta, tb, M, N, K, 1.0f, 0.0f, 0);
            check_case(ta, tb, M, N, K, 0.5f, 0.25f, 0);
        }
    for (int t = 0; t < 4; t++) {
        check_case(t & 1, t & 2, 33, 17, 65, 1.0f, 0.0f, 1); /* beta = 0 ignores C, NaN or not */
        check_case(t & 1, t & 2, 7, 5, 0, 1.0f, 0.5f, 0);    /* K = 0: C = beta·C */
    }
    static const int big[][3] = {{128, 256, 784}, {64, 515, 100}, {300, 300, 300}, {97, 61, 33}};
    for (int s = 0; s < 4; s++)
        for (int t = 0; t < 4; t++) check_threads(t & 1, t & 2, big[s][0], big[s][1], big[s][2]);
    check_fpmode();
    gsl_rng_free(R);
    return th_done();
}
