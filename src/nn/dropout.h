/* Inverted dropout, as torch.nn.Dropout in training mode: each element is kept with
 * probability 1 − p and scaled by 1/(1 − p). The mask is drawn from the run's
 * "dropout" stream, so a run is reproducible. */
#ifndef DESCENT_NN_DROPOUT_H
#define DESCENT_NN_DROPOUT_H

#include <gsl/gsl_rng.h>

/* y (n) = x (n) · mask (n); mask[i] is 0 or 1/(1 − p), drawn from r. p = 0: copy, mask all 1. */
void dropout_forward(float *y, float *mask, const float *x, long n, float p, gsl_rng *r);
/* The mask alone, with the same draws as dropout_forward (p > 0), and its application
 * y (n) ·= mask (n): callers that draw masks ahead and apply them by row chunks. */
void dropout_mask(float *mask, long n, float p, gsl_rng *r);
void dropout_apply(float *y, const float *mask, long n);
/* dx (n) += dy (n) · mask (n). */
void dropout_backward(float *dx, const float *dy, const float *mask, long n);

#endif
