/* Fully connected layer, as torch.nn.Linear: y = x·wᵀ + b.
 * N rows (B, or B·T), C input channels, OC output channels. The products go through
 * mm(), the weight gradient through mm_acc() (fp32 accumulation under a 16-bit
 * policy). */
#include "nn/linear.h"

#include "core/blas.h"

/* y (N,OC) += b (OC) on every row */
static void add_bias(float *restrict y, const float *restrict b, int N, int OC)
{
    int oc8 = OC & ~7;
    for (int n = 0; n < N; n++) {
        float *restrict row = y + (long)n * OC;
        for (int o = 0; o < oc8; o++) row[o] += b[o];
        for (int o = oc8; o < OC; o++) row[o] += b[o];
    }
}

void linear_forward(float *restrict y, const float *restrict x, const float *restrict w,
                    const float *restrict b, int N, int C, int OC)
{
    /* y (N,OC), x (N,C), w (OC,C), b (OC) or NULL */
    mm(false, true, N, OC, C, 1.0f, x, C, w, C, 0.0f, y, OC);
    if (b) add_bias(y, b, N, OC);
}

void linear_forward_rows(float *restrict y, const float *restrict x, const float *restrict w,
                         const float *restrict b, int N, int C, int OC)
{
    /* y (N,OC), x (N,C), w (OC,C), b (OC) or NULL */
    mm_local(false, true, N, OC, C, 1.0f, x, C, w, C, 0.0f, y, OC);
    if (b) add_bias(y, b, N, OC);
}

void linear_backward(float *restrict dx, float *restrict dw, float *restrict db,
                     const float *restrict dy, const float *restrict x, const float *restrict w,
                     int N, int C, int OC)
{
    /* dx (N,C) or NULL, dw (OC,C), db (OC) or NULL, dy (N,OC), x (N,C), w (OC,C) */
    if (dx) mm(false, false, N, C, OC, 1.0f, dy, OC, w, C, 1.0f, dx, C);
    mm_acc(true, false, OC, C, N, 1.0f, dy, OC, x, C, dw, C);
    if (!db) return;
    /* this call's bias gradient, a sum over rows in order (a fixed summation order),
     * then added to db, as autograd adds dy.sum(0) to .grad; under a 16-bit policy the
     * sum is a kernel's output, stored rounded, and the add stays fp32 */
    enum { CHUNK = 256 };
    float sum[CHUNK];
    for (int o0 = 0; o0 < OC; o0 += CHUNK) {
        int cols = OC - o0 < CHUNK ? OC - o0 : CHUNK;
        for (int o = 0; o < cols; o++) sum[o] = 0.0f;
        for (int n = 0; n < N; n++) {
            const float *restrict row = dy + (long)n * OC + o0;
            for (int o = 0; o < cols; o++) sum[o] += row[o];
        }
        precision_round(sum, cols, blas_precision());
        for (int o = 0; o < cols; o++) db[o0 + o] += sum[o];
    }
}
