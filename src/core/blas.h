/* The one door to matrix products. Every product of the numeric core is mm(), which
 * calls OpenBLAS's cblas_sgemm; no other file includes <cblas.h>.
 *
 * Determinism: OpenBLAS's own threading changes the bits of some products with the
 * thread count. mm() therefore keeps OpenBLAS single-threaded and splits C itself into
 * tiles whose number depends only on the shape, each computed by one sgemm call over
 * the full K, spread over the thread pool. Same shape ⇒ same calls ⇒ same bits, for
 * any number of threads. */
#ifndef DESCENT_CORE_BLAS_H
#define DESCENT_CORE_BLAS_H

#include <stdbool.h>

#include "core/pool.h"
#include "core/precision.h"
#include "core/status.h"

/* Sets OpenBLAS to one thread and starts the pool (nthreads <= 0: default). */
int blas_init(int nthreads);

/* Row-major C (M,N) = alpha · op(A) · op(B) + beta · C, where op(A) is (M,K) and op(B)
 * is (K,N); op transposes when ta / tb is true. lda, ldb, ldc are row strides of the
 * matrices as stored. */
void mm(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
        const float *B, int ldb, float beta, float *C, int ldc);

/* after(ctx, r0, r1, c0, c1) is called on the block rows [r0, r1) × columns [c0, c1) of
 * C once its product is done (and rounded under a 16-bit policy), by the thread that
 * computed it, while it is in cache; the blocks cover C once. For elementwise work on
 * C (a bias, an activation): the same arithmetic per element as a loop after mm(). */
typedef void (*MmAfter)(void *ctx, int r0, int r1, int c0, int c1);

/* mm(), then after() on each block of C. */
void mm_then(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
             const float *B, int ldb, float beta, float *C, int ldc, MmAfter after, void *ctx);

/* One product of a batch: mm()'s arguments, or with acc those of mm_acc() (beta unused). */
typedef struct {
    bool ta, tb, acc;
    int M, N, K;
    float alpha;
    const float *A;
    int lda;
    const float *B;
    int ldb;
    float beta;
    float *C;
    int ldc;
} MmCall;

enum { MM_BATCH_MAX = 4 };

/* Independent products (none reads or writes what another writes) and `extra` more
 * tasks extra_fn(extra_ctx, 0..extra-1) (independent of them too) as one batch over
 * the pool: the tiles of every product, largest first, then the extra tasks. Each
 * product is computed by the same sgemm calls as mm() (mm_acc()) would make, so the
 * bits are those of calling them one after the other; one hand-off instead of n, and
 * the tiles of several products balance each other over the threads. */
void mm_batch(const MmCall *calls, int n, int extra, PoolTask extra_fn, void *extra_ctx);

/* The same product as mm(), as one sgemm call on the calling thread: for callers that
 * spread their own row chunks over the pool (a chunk's product then depends only on
 * the chunk's shape, never on the thread count). */
void mm_local(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
              const float *B, int ldb, float beta, float *C, int ldc);

/* C (M,N) += alpha · op(A) · op(B) where C accumulates a parameter gradient, fp32 as in
 * mixed-precision training. Under fp32 it is mm() with beta = 1. Under a 16-bit
 * policy the product is rounded once, as the kernel stores it, and added to C in
 * fp32: a gradient summed over micro-batches (or over the uses of a tied weight) is
 * never rounded again, where mm() with beta = 1 would round the sum. */
void mm_acc(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
            const float *B, int ldb, float *C, int ldc);

/* The same product as mm() in fp32 whatever the precision policy: for the optimizers,
 * whose state stays fp32 in the mixed modes. */
void mm_fp32(bool ta, bool tb, int M, int N, int K, float alpha, const float *A, int lda,
             const float *B, int ldb, float beta, float *C, int ldc);

/* The same product in double, as one dgemm call on the calling thread: for the few
 * small products whose float rounding an algorithm cannot afford (Shampoo's statistics,
 * whose near-zero eigenvalues are raised to the power −¼). */
void mm_f64(bool ta, bool tb, int M, int N, int K, double alpha, const double *A, int lda,
            const double *B, int ldb, double beta, double *C, int ldc);

/* The precision policy of every product. Under bf16 (and bf16-pure) or fp16, mm()
 * rounds the elements of A and B to that format before multiplying, accumulates in
 * fp32 as a mixed-precision kernel does, and rounds C as the kernel stores it (with
 * beta = 1 the sum: C is then a 16-bit activation gradient; mm_acc() for fp32 ones).
 * max_operand bounds the elements of any A or B a caller will pass (as stored, padding
 * rows included): each pool thread gets scratch for the rounded copies here, once, so
 * nothing is allocated inside a step. PREC_FP32 frees it. */
Status blas_set_precision(Precision p, long max_operand);
Precision blas_precision(void);

/* FLOPs (2·M·N·K per product) of every product through this wrapper (mm, mm_local,
 * mm_acc, mm_fp32, mm_f64) since the last blas_flops_reset(), summed over threads:
 * what the shape-based counts of nn/flops.h are tested against. */
void blas_flops_reset(void);
double blas_flops(void);

/* OpenBLAS's name for the kernels it runs, e.g. "Haswell" or "Prescott". */
const char *blas_core_name(void);

/* Kernel families. The bits of a product depend on the kernels OpenBLAS runs, and a
 * DYNAMIC_ARCH build (Debian's) picks them once, when the library loads, before main:
 * from OPENBLAS_CORETYPE if it is set, else from the CPU (on a CPU it does not know, a
 * generic SSE3 family). So that the same settings give the same bits on any x86-64 CPU
 * with AVX2 and FMA, descent pins the Haswell family by default (the committed results
 * were made with it); native leaves the choice to OpenBLAS, for speed. The setting is
 * honoured by blas_kernels_env() before OpenBLAS loads: the command-line main
 * re-executes itself once with the environment it asks for. */
typedef enum { BLAS_PINNED, BLAS_NATIVE } BlasKernels;
#define BLAS_PINNED_CORE "Haswell"

/* "pinned", "native" for BLAS_*, NULL past the last (the blas setting's choices, a
 * ChoiceName of core/choices.h); and back (false for another name). */
const char *blas_kernels_name(int k);
bool blas_kernels_parse(const char *name, BlasKernels *k);

/* Whether this CPU can run the pinned family: x86-64 with AVX2 and FMA. */
bool blas_can_pin(void);
/* Makes OPENBLAS_CORETYPE what a process running kernels k starts with: the pinned
 * core, or unset for native. Returns true when it changed the environment (the
 * kernels loaded now are not those: the process must re-execute). Call with
 * BLAS_NATIVE where blas_can_pin() is false. */
bool blas_kernels_env(BlasKernels k);

#endif
