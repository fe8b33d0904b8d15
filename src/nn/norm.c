/* LayerNorm (torch.nn.LayerNorm(C), biased variance) and RMSNorm (Zhang & Sennrich
 * 2019, as torch.nn.RMSNorm(C)) over the last dimension of (N,C) rows, eps 1e-5.
 * Per-row statistics accumulate in double, in element order; the elementwise parts
 * run in float, to a multiple of 8 and then a scalar tail, so gcc -O2 vectorises them.
 * N rows, C channels. */
#include "nn/norm.h"

#include <math.h>

void layernorm_forward(float *restrict y, float *restrict mean, float *restrict rstd,
                       const float *restrict x, const float *restrict w,
                       const float *restrict b, int N, int C)
{
    /* y (N,C), mean (N), rstd (N), x (N,C), w (C), b (C) */
    int c8 = C & ~7;
    for (int n = 0; n < N; n++) {
        const float *restrict xr = x + (long)n * C;
        float *restrict yr = y + (long)n * C;
        double s = 0.0;
        for (int i = 0; i < C; i++) s += xr[i];
        double m = s / C, v = 0.0;
        for (int i = 0; i < C; i++) {
            double d = xr[i] - m;
            v += d * d;
        }
        float mf = (float)m, rf = (float)(1.0 / sqrt(v / C + NORM_EPS));
        for (int i = 0; i < c8; i++) yr[i] = (xr[i] - mf) * rf * w[i] + b[i];
        for (int i = c8; i < C; i++) yr[i] = (xr[i] - mf) * rf * w[i] + b[i];
        mean[n] = mf;
        rstd[n] = rf;
    }
}

void layernorm_backward(float *restrict dx, float *restrict dw, float *restrict db,
                        const float *restrict dy, const float *restrict x,
                        const float *restrict w, const float *restrict mean,
                        const float *restrict rstd, int N, int C)
{
    /* dx (N,C), dw (C), db (C) += from dy (N,C); x (N,C), w (C), mean (N), rstd (N).
     * With x̂ = (x − mean)·rstd and g = dy·w:
     * dx = rstd · (g − mean(g) − x̂ · mean(g · x̂)). */
    int c8 = C & ~7;
    for (int n = 0; n < N; n++) {
        const float *restrict xr = x + (long)n * C;
        const float *restrict dyr = dy + (long)n * C;
        float *restrict dxr = dx + (long)n * C;
        float m = mean[n], r = rstd[n];
        double sg = 0.0, sgx = 0.0;
        for (int i = 0; i < C; i++) {
            double g = (double)dyr[i] * w[i];
            sg += g;
            sgx += g * (((double)xr[i] - m) * r);
        }
        float mg = (float)(sg / C), mgx = (float)(sgx / C);
        for (int i = 0; i < c8; i++) {
            float xh = (xr[i] - m) * r;
            dxr[i] += r * (dyr[i] * w[i] - mg - xh * mgx);
            dw[i] += dyr[i] * xh;
            db[i] += dyr[i];
        }
        for (int i = c8; i < C; i++) {
            float xh = (xr[i] - m) * r;
            dxr[i] += r * (dyr[i] * w[i] - mg - xh * mgx);
            dw[i] += dyr[i] * xh;
            db[i] += dyr[i];
        }
    }
}

void rmsnorm_forward(float *restrict y, float *restrict rstd, const float *restrict x,
                     const float *restrict w, int N, int C)
{
    /* y (N,C), rstd (N), x (N,C), w (C) */
    int c8 = C & ~7;
    for (int n = 0; n < N; n++) {
        const float *restrict xr = x + (long)n * C;
        float *restrict yr = y + (long)n * C;
        double ss = 0.0;
        for (int i = 0; i < C; i++) ss += (double)xr[i] * xr[i];
        float rf = (float)(1.0 / sqrt(ss / C + NORM_EPS));
        for (int i = 0; i < c8; i++) yr[i] = xr[i] * rf * w[i];
        for (int i = c8; i < C; i++) yr[i] = xr[i] * rf * w[i];
        rstd[n] = rf;
    }
}

void rmsnorm_backward(float *restrict dx, float *restrict dw, const float *restrict dy,
                      const float *restrict x, const float *restrict w,
                      const float *restrict rstd, int N, int C)
{
    /* dx (N,C), dw (C) += from dy (N,C); x (N,C), w (C), rstd (N).
     * With x̂ = x·rstd and g = dy·w: dx = rstd · (g − x̂ · mean(g · x̂)). */
    int c8 = C & ~7;
    for (int n = 0; n < N; n++) {
        const float *restrict xr = x + (long)n * C;
        const float *restrict dyr = dy + (long)n * C;
        float *restrict dxr = dx + (long)n * C;
        float r = rstd[n];
        double sgx = 0.0;
        for (int i = 0; i < C; i++) sgx += (double)dyr[i] * w[i] * ((double)xr[i] * r);
        float mgx = (float)(sgx / C);
        for (int i = 0; i < c8; i++) {
            float xh = xr[i] * r;
            dxr[i] += r * (dyr[i] * w[i] - xh * mgx);
            dw[i] += dyr[i] * xh;
        }
        for (int i = c8; i < C; i++) {
            float xh = xr[i] * r;
            dxr[i] += r * (dyr[i] * w[i] - xh * mgx);
            dw[i] += dyr[i] * xh;
        }
    }
}
