/* Normalisation over the last dimension of (N,C) rows, eps 1e-5.
 * LayerNorm as torch.nn.LayerNorm(C): y = (x − mean)/√(var + eps) · w + b, var biased.
 * RMSNorm: y = x / √(mean(x²) + eps) · w (no bias).
 * Statistics are accumulated in double; the saved mean and rstd (N) feed backward. */
#ifndef DESCENT_NN_NORM_H
#define DESCENT_NN_NORM_H

#define NORM_EPS 1e-5

/* The `norm` setting: none, layer (LayerNorm) or rms (RMSNorm). */
typedef enum { NORM_NONE, NORM_LAYER, NORM_RMS } NormKind;

/* The `norm` setting's choices: "none", "layer", "rms" for NORM_*, NULL past the last
 * (a ChoiceName, core/choices.h). */
const char *norm_name(int k);

/* y (N,C), mean (N), rstd (N) ← x (N,C), w (C), b (C). */
void layernorm_forward(float *y, float *mean, float *rstd, const float *x, const float *w,
                       const float *b, int N, int C);
/* Adds dx (N,C), dw (C), db (C) from dy (N,C); x, w, mean, rstd as in forward. */
void layernorm_backward(float *dx, float *dw, float *db, const float *dy, const float *x,
                        const float *w, const float *mean, const float *rstd, int N, int C);
/* The two halves of layernorm_backward, with the same bits: dx (N,C) row by row, and
 * dw, db over channels [c0,c1) only (each sums all N rows in order), so that callers
 * can spread rows and channels over threads. */
void layernorm_backward_dx(float *dx, const float *dy, const float *x, const float *w,
                           const float *mean, const float *rstd, int N, int C);
void layernorm_backward_params(float *dw, float *db, const float *dy, const float *x,
                               const float *mean, const float *rstd, int N, int C, int c0,
                               int c1);

/* y (N,C), rstd (N) ← x (N,C), w (C). */
void rmsnorm_forward(float *y, float *rstd, const float *x, const float *w, int N, int C);
/* Adds dx (N,C), dw (C) from dy (N,C). */
void rmsnorm_backward(float *dx, float *dw, const float *dy, const float *x, const float *w,
                      const float *rstd, int N, int C);
/* Its halves, as for LayerNorm: dx (N,C) by rows; dw over channels [c0,c1). */
void rmsnorm_backward_dx(float *dx, const float *dy, const float *x, const float *w,
                         const float *rstd, int N, int C);
void rmsnorm_backward_params(float *dw, const float *dy, const float *x, const float *rstd, int N,
                             int C, int c0, int c1);

#endif
