/* Fully connected layer, as torch.nn.Linear: y = x·wᵀ + b.
 * N rows (B, or B·T), C input channels, OC output channels. The products go through
 * mm(), the weight gradient through mm_acc() (fp32 accumulation under a 16-bit
 * policy). */
#include "nn/linear.h"

#include <stddef.h>

#include "core/blas.h"

/* y (N,OC) += b (OC) on rows [r0, r1), columns [c0, c1) */
static void add_bias(float *restrict y, const float *restrict b, int OC, int r0, int r1, int c0,
                     int c1)
{
    int n = c1 - c0, n8 = n & ~7;
    for (int r = r0; r < r1; r++) {
        float *restrict row = y + (long)r * OC + c0;
        const float *restrict bb = b + c0;
        for (int o = 0; o < n8; o++) row[o] += bb[o];
        for (int o = n8; o < n; o++) row[o] += bb[o];
    }
}

typedef struct {
    float *y;
    const float *b;
    int OC;
    MmAfter after;
    void *ctx;
} BiasThen;

/* After each block of the product: its bias, then the caller's work. */
static void bias_then(void *ctx, int r0, int r1, int c0, int c1)
{
    const BiasThen *j = ctx;
    if (j->b) add_bias(j->y, j->b, j->OC, r0, r1, c0, c1);
    if (j->after) j->after(j->ctx, r0, r1, c0, c1);
}

void linear_forward_then(float *y, const float *x, const float *w, const float *b, int N, int C,
                         int OC, MmAfter after, void *ctx)
{
    /* y (N,OC), x (N,C), w (OC,C), b (OC) or NULL */
    BiasThen j = {y, b, OC, after, ctx};
    mm_then(false, true, N, OC, C, 1.0f, x, C, w, C, 0.0f, y, OC, b || after ? bias_then : NULL, &j);
}

void linear_forward(float *restrict y, const float *restrict x, const float *restrict w,
                    const float *restrict b, int N, int C, int OC)
{
    linear_forward_then(y, x, w, b, N, C, OC, NULL, NULL);
}

void linear_forward_rows(float *restrict y, const float *restrict x, const float *restrict w,
                         const float *restrict b, int N, int C, int OC)
{
    /* y (N,OC), x (N,C), w (OC,C), b (OC) or NULL */
    mm_local(false, true, N, OC, C, 1.0f, x, C, w, C, 0.0f, y, OC);
    if (b) add_bias(y, b, OC, 0, N, 0, OC);
}

/* The bias gradient by chunks of DB_COLS columns, one pool task each: every column a
 * sum over the rows in order (a fixed summation order, whatever the chunks), then
 * added to db, as autograd adds dy.sum(0) to .grad; under a 16-bit policy the sum is a
 * kernel's output, stored rounded, and the add stays fp32. */
enum { DB_COLS = 128 };

typedef struct {
    float *db;
    const float *dy;
    int N, OC;
} BiasGrad;

static void bias_grad_task(void *ctx, int t)
{
    const BiasGrad *j = ctx;
    int o0 = t * DB_COLS, cols = j->OC - o0 < DB_COLS ? j->OC - o0 : DB_COLS;
    float sum[DB_COLS];
    for (int o = 0; o < cols; o++) sum[o] = 0.0f;
    for (int n = 0; n < j->N; n++) {
        const float *restrict row = j->dy + (long)n * j->OC + o0;
        for (int o = 0; o < cols; o++) sum[o] += row[o];
    }
    precision_round(sum, cols, blas_precision());
    for (int o = 0; o < cols; o++) j->db[o0 + o] += sum[o];
}

void linear_backward_to(float *restrict dx, float dx_beta, float *restrict dw, float *restrict db,
                        const float *restrict dy, const float *restrict x,
                        const float *restrict w, int N, int C, int OC)
{
    /* dx (N,C) or NULL, dw (OC,C), db (OC) or NULL, dy (N,OC), x (N,C), w (OC,C):
     * the products and the bias gradient are independent, one batch over the pool */
    MmCall calls[2] = {
        {.acc = true, .ta = true, .M = OC, .N = C, .K = N, .alpha = 1.0f, .A = dy, .lda = OC,
         .B = x, .ldb = C, .C = dw, .ldc = C},
        {.M = N, .N = C, .K = OC, .alpha = 1.0f, .A = dy, .lda = OC, .B = w, .ldb = C,
         .beta = dx_beta, .C = dx, .ldc = C},
    };
    BiasGrad bg = {db, dy, N, OC};
    mm_batch(calls, dx ? 2 : 1, db ? (OC + DB_COLS - 1) / DB_COLS : 0, bias_grad_task, &bg);
}

void linear_backward(float *restrict dx, float *restrict dw, float *restrict db,
                     const float *restrict dy, const float *restrict x, const float *restrict w,
                     int N, int C, int OC)
{
    linear_backward_to(dx, 1.0f, dw, db, dy, x, w, N, C, OC);
}
