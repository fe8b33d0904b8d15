/* Inverted dropout, as torch.nn.Dropout in training mode: keep with probability 1 − p,
 * scale the kept elements by 1/(1 − p). One uniform draw per element from the run's
 * "dropout" stream, in element order, whatever p is (p = 0 draws nothing). */
#include "nn/dropout.h"

#include <string.h>

#include "core/check.h"

/* Out of line on purpose: inlined, gcc 12 -O2 stops vectorising these loops. */
__attribute__((noinline)) static void mul_mask(float *restrict y, const float *restrict x,
                                               const float *restrict mask, long n)
{
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) y[i] = x[i] * mask[i];
    for (long i = n8; i < n; i++) y[i] = x[i] * mask[i];
}

__attribute__((noinline)) static void mul_mask_inplace(float *restrict y,
                                                       const float *restrict mask, long n)
{
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) y[i] *= mask[i];
    for (long i = n8; i < n; i++) y[i] *= mask[i];
}

void dropout_forward(float *y, float *mask, const float *x, long n, float p, gsl_rng *r)
{
    /* y (n), mask (n), x (n); y may equal x */
    CHECK(p >= 0.0f && p <= 1.0f);
    if (p == 0.0f) {
        for (long i = 0; i < n; i++) mask[i] = 1.0f;
        if (y != x) memcpy(y, x, (size_t)n * sizeof *y);
        return;
    }
    dropout_mask(mask, n, p, r);
    if (y == x) mul_mask_inplace(y, mask, n);
    else mul_mask(y, x, mask, n);
}

void dropout_mask(float *mask, long n, float p, gsl_rng *r)
{
    /* mask (n) */
    CHECK(p > 0.0f && p <= 1.0f);
    /* p = 1 drops everything (as PyTorch) instead of scaling by 1/0 */
    float scale = p < 1.0f ? 1.0f / (1.0f - p) : 0.0f;
    for (long i = 0; i < n; i++) mask[i] = gsl_rng_uniform(r) >= p ? scale : 0.0f;
}

void dropout_apply(float *y, const float *mask, long n)
{
    /* y (n) ·= mask (n) */
    mul_mask_inplace(y, mask, n);
}

void dropout_backward(float *restrict dx, const float *restrict dy, const float *restrict mask,
                      long n)
{
    /* dx (n) += dy (n) · mask (n) */
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) dx[i] += dy[i] * mask[i];
    for (long i = n8; i < n; i++) dx[i] += dy[i] * mask[i];
}
