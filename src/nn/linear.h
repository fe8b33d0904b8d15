/* Fully connected layer, as torch.nn.Linear: y = x·wᵀ + b.
 * N rows (B, or B·T), C input channels, OC output channels. */
#ifndef DESCENT_NN_LINEAR_H
#define DESCENT_NN_LINEAR_H

#include "core/blas.h"

/* y (N,OC) = x (N,C) · wᵀ + b; w (OC,C) as PyTorch stores it; b (OC) or NULL. */
void linear_forward(float *y, const float *x, const float *w, const float *b, int N, int C, int OC);

/* linear_forward, then after() on each block of y once its bias is added (by the
 * thread that computed the block: see mm_then). */
void linear_forward_then(float *y, const float *x, const float *w, const float *b, int N, int C,
                         int OC, MmAfter after, void *ctx);

/* linear_forward as one product on the calling thread (mm_local), for row chunks that
 * the caller runs as pool tasks. */
void linear_forward_rows(float *y, const float *x, const float *w, const float *b, int N, int C,
                         int OC);

/* Adds dx (N,C) += dy·w (skipped when dx is NULL), dw (OC,C) += dyᵀ·x and db (OC) += Σ_rows dy
 * (skipped when db is NULL). dy (N,OC), x (N,C), w (OC,C). */
void linear_backward(float *dx, float *dw, float *db, const float *dy, const float *x,
                     const float *w, int N, int C, int OC);

/* linear_backward with dx = dy·w + dx_beta·dx: 0 overwrites dx, 1 adds (linear_backward).
 * The two products and the bias gradient run as one batch over the pool (mm_batch). */
void linear_backward_to(float *dx, float dx_beta, float *dw, float *db, const float *dy,
                        const float *x, const float *w, int N, int C, int OC);

#endif
