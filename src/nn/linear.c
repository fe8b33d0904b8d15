/* Fully connected layer, as torch.nn.Linear: y = x·wᵀ + b.
 * N rows (B, or B·T), C input channels, OC output channels. Both products go through
 * mm(); the bias loops run to a multiple of 8 so that gcc -O2 vectorises them. */
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
    mm(true, false, OC, C, N, 1.0f, dy, OC, x, C, 1.0f, dw, C);
    if (!db) return;
    int oc8 = OC & ~7;
    for (int n = 0; n < N; n++) { /* rows in order: a fixed summation order */
        const float *restrict row = dy + (long)n * OC;
        for (int o = 0; o < oc8; o++) db[o] += row[o];
        for (int o = oc8; o < OC; o++) db[o] += row[o];
    }
}
