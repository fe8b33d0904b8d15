/* LayerNorm (torch.nn.LayerNorm(C), biased variance) and RMSNorm (Zhang & Sennrich
 * 2019, as torch.nn.RMSNorm(C)) over the last dimension of (N,C) rows, eps 1e-5.
 * Per-row statistics accumulate in double, in element order; the elementwise parts
 * run in float, to a multiple of 8 and then a scalar tail, so gcc -O2 vectorises them.
 * The statistics of four rows are accumulated side by side: four independent chains
 * of double adds instead of one, the same order within each row, the same bits.
 * N rows, C channels. */
#include "nn/norm.h"

#include <math.h>
#include <string.h>

#include "core/choices.h"

enum { GROUP = 4 };

/* Σ x, then Σ (x − mean)² of the rows x[0..k) (C each) in element order. */
static void moments(double *restrict mean, double *restrict var, const float *const *x, int k,
                    int C)
{
    double s[GROUP] = {0}, v[GROUP] = {0};
    if (k == GROUP) {
        const float *restrict x0 = x[0], *restrict x1 = x[1], *restrict x2 = x[2], *restrict x3 = x[3];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < C; i++) {
            s0 += x0[i];
            s1 += x1[i];
            s2 += x2[i];
            s3 += x3[i];
        }
        double m0 = s0 / C, m1 = s1 / C, m2 = s2 / C, m3 = s3 / C;
        double v0 = 0, v1 = 0, v2 = 0, v3 = 0;
        for (int i = 0; i < C; i++) {
            double d0 = x0[i] - m0, d1 = x1[i] - m1, d2 = x2[i] - m2, d3 = x3[i] - m3;
            v0 += d0 * d0;
            v1 += d1 * d1;
            v2 += d2 * d2;
            v3 += d3 * d3;
        }
        mean[0] = m0, mean[1] = m1, mean[2] = m2, mean[3] = m3;
        v[0] = v0, v[1] = v1, v[2] = v2, v[3] = v3;
    } else {
        for (int r = 0; r < k; r++) {
            for (int i = 0; i < C; i++) s[r] += x[r][i];
            mean[r] = s[r] / C;
            for (int i = 0; i < C; i++) {
                double d = x[r][i] - mean[r];
                v[r] += d * d;
            }
        }
    }
    for (int r = 0; r < k; r++) var[r] = v[r];
}

void layernorm_forward(float *restrict y, float *restrict mean, float *restrict rstd,
                       const float *restrict x, const float *restrict w,
                       const float *restrict b, int N, int C)
{
    /* y (N,C), mean (N), rstd (N), x (N,C), w (C), b (C) */
    int c8 = C & ~7;
    for (int n0 = 0; n0 < N; n0 += GROUP) {
        int k = N - n0 < GROUP ? N - n0 : GROUP;
        const float *rows[GROUP];
        double m[GROUP], v[GROUP];
        for (int r = 0; r < k; r++) rows[r] = x + (long)(n0 + r) * C;
        moments(m, v, rows, k, C);
        for (int r = 0; r < k; r++) {
            int n = n0 + r;
            const float *restrict xr = rows[r];
            float *restrict yr = y + (long)n * C;
            float mf = (float)m[r], rf = (float)(1.0 / sqrt(v[r] / C + NORM_EPS));
            for (int i = 0; i < c8; i++) yr[i] = (xr[i] - mf) * rf * w[i] + b[i];
            for (int i = c8; i < C; i++) yr[i] = (xr[i] - mf) * rf * w[i] + b[i];
            mean[n] = mf;
            rstd[n] = rf;
        }
    }
}

void layernorm_backward_dx(float *restrict dx, const float *restrict dy, const float *restrict x,
                           const float *restrict w, const float *restrict mean,
                           const float *restrict rstd, int N, int C)
{
    /* dx (N,C) += from dy (N,C); x (N,C), w (C), mean (N), rstd (N).
     * With x̂ = (x − mean)·rstd and g = dy·w:
     * dx = rstd · (g − mean(g) − x̂ · mean(g · x̂)). */
    int c8 = C & ~7;
    for (int n0 = 0; n0 < N; n0 += GROUP) {
        int k = N - n0 < GROUP ? N - n0 : GROUP;
        double sg[GROUP] = {0}, sgx[GROUP] = {0};
        if (k == GROUP) {
            const float *restrict x0 = x + (long)n0 * C, *restrict x1 = x0 + C,
                                  *restrict x2 = x1 + C, *restrict x3 = x2 + C;
            const float *restrict d0 = dy + (long)n0 * C, *restrict d1 = d0 + C,
                                  *restrict d2 = d1 + C, *restrict d3 = d2 + C;
            double m0 = mean[n0], m1 = mean[n0 + 1], m2 = mean[n0 + 2], m3 = mean[n0 + 3];
            double r0 = rstd[n0], r1 = rstd[n0 + 1], r2 = rstd[n0 + 2], r3 = rstd[n0 + 3];
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            for (int i = 0; i < C; i++) {
                double wi = w[i];
                double g0 = d0[i] * wi, g1 = d1[i] * wi, g2 = d2[i] * wi, g3 = d3[i] * wi;
                a0 += g0, a1 += g1, a2 += g2, a3 += g3;
                b0 += g0 * ((x0[i] - m0) * r0);
                b1 += g1 * ((x1[i] - m1) * r1);
                b2 += g2 * ((x2[i] - m2) * r2);
                b3 += g3 * ((x3[i] - m3) * r3);
            }
            sg[0] = a0, sg[1] = a1, sg[2] = a2, sg[3] = a3;
            sgx[0] = b0, sgx[1] = b1, sgx[2] = b2, sgx[3] = b3;
        } else {
            for (int r = 0; r < k; r++) {
                const float *restrict xr = x + (long)(n0 + r) * C, *restrict dr = dy + (long)(n0 + r) * C;
                double m = mean[n0 + r], rs = rstd[n0 + r];
                for (int i = 0; i < C; i++) {
                    double g = (double)dr[i] * w[i];
                    sg[r] += g;
                    sgx[r] += g * ((xr[i] - m) * rs);
                }
            }
        }
        for (int r = 0; r < k; r++) {
            int n = n0 + r;
            const float *restrict xr = x + (long)n * C;
            const float *restrict dyr = dy + (long)n * C;
            float *restrict dxr = dx + (long)n * C;
            float m = mean[n], rs = rstd[n];
            float mg = (float)(sg[r] / C), mgx = (float)(sgx[r] / C);
            for (int i = 0; i < c8; i++) {
                float xh = (xr[i] - m) * rs;
                dxr[i] += rs * (dyr[i] * w[i] - mg - xh * mgx);
            }
            for (int i = c8; i < C; i++) {
                float xh = (xr[i] - m) * rs;
                dxr[i] += rs * (dyr[i] * w[i] - mg - xh * mgx);
            }
        }
    }
}

void layernorm_backward_params(float *restrict dw, float *restrict db, const float *restrict dy,
                               const float *restrict x, const float *restrict mean,
                               const float *restrict rstd, int N, int C, int c0, int c1)
{
    /* dw (C), db (C) += over channels [c0,c1), rows in order; dy, x (N,C), mean, rstd (N) */
    for (int n = 0; n < N; n++) {
        const float *restrict xr = x + (long)n * C;
        const float *restrict dyr = dy + (long)n * C;
        float m = mean[n], r = rstd[n];
        for (int i = c0; i < c1; i++) {
            float xh = (xr[i] - m) * r;
            dw[i] += dyr[i] * xh;
            db[i] += dyr[i];
        }
    }
}

void layernorm_backward(float *restrict dx, float *restrict dw, float *restrict db,
                        const float *restrict dy, const float *restrict x,
                        const float *restrict w, const float *restrict mean,
                        const float *restrict rstd, int N, int C)
{
    /* dx (N,C), dw (C), db (C) += from dy (N,C); x (N,C), w (C), mean (N), rstd (N) */
    layernorm_backward_dx(dx, dy, x, w, mean, rstd, N, C);
    layernorm_backward_params(dw, db, dy, x, mean, rstd, N, C, 0, C);
}

void rmsnorm_forward(float *restrict y, float *restrict rstd, const float *restrict x,
                     const float *restrict w, int N, int C)
{
    /* y (N,C), rstd (N), x (N,C), w (C) */
    int c8 = C & ~7;
    for (int n0 = 0; n0 < N; n0 += GROUP) {
        int k = N - n0 < GROUP ? N - n0 : GROUP;
        double ss[GROUP] = {0};
        if (k == GROUP) {
            const float *restrict x0 = x + (long)n0 * C, *restrict x1 = x0 + C,
                                  *restrict x2 = x1 + C, *restrict x3 = x2 + C;
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int i = 0; i < C; i++) {
                double v0 = x0[i], v1 = x1[i], v2 = x2[i], v3 = x3[i];
                a0 += v0 * v0, a1 += v1 * v1, a2 += v2 * v2, a3 += v3 * v3;
            }
            ss[0] = a0, ss[1] = a1, ss[2] = a2, ss[3] = a3;
        } else {
            for (int r = 0; r < k; r++)
                for (int i = 0; i < C; i++) {
                    double v = x[(long)(n0 + r) * C + i];
                    ss[r] += v * v;
                }
        }
        for (int r = 0; r < k; r++) {
            int n = n0 + r;
            const float *restrict xr = x + (long)n * C;
            float *restrict yr = y + (long)n * C;
            float rf = (float)(1.0 / sqrt(ss[r] / C + NORM_EPS));
            for (int i = 0; i < c8; i++) yr[i] = xr[i] * rf * w[i];
            for (int i = c8; i < C; i++) yr[i] = xr[i] * rf * w[i];
            rstd[n] = rf;
        }
    }
}

void rmsnorm_backward_dx(float *restrict dx, const float *restrict dy, const float *restrict x,
                         const float *restrict w, const float *restrict rstd, int N, int C)
{
    /* dx (N,C) += from dy (N,C); x (N,C), w (C), rstd (N).
     * With x̂ = x·rstd and g = dy·w: dx = rstd · (g − x̂ · mean(g · x̂)). */
    int c8 = C & ~7;
    for (int n0 = 0; n0 < N; n0 += GROUP) {
        int k = N - n0 < GROUP ? N - n0 : GROUP;
        double sgx[GROUP] = {0};
        if (k == GROUP) {
            const float *restrict x0 = x + (long)n0 * C, *restrict x1 = x0 + C,
                                  *restrict x2 = x1 + C, *restrict x3 = x2 + C;
            const float *restrict d0 = dy + (long)n0 * C, *restrict d1 = d0 + C,
                                  *restrict d2 = d1 + C, *restrict d3 = d2 + C;
            double r0 = rstd[n0], r1 = rstd[n0 + 1], r2 = rstd[n0 + 2], r3 = rstd[n0 + 3];
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int i = 0; i < C; i++) {
                double wi = w[i];
                a0 += d0[i] * wi * (x0[i] * r0);
                a1 += d1[i] * wi * (x1[i] * r1);
                a2 += d2[i] * wi * (x2[i] * r2);
                a3 += d3[i] * wi * (x3[i] * r3);
            }
            sgx[0] = a0, sgx[1] = a1, sgx[2] = a2, sgx[3] = a3;
        } else {
            for (int r = 0; r < k; r++)
                for (int i = 0; i < C; i++) {
                    long o = (long)(n0 + r) * C + i;
                    sgx[r] += (double)dy[o] * w[i] * ((double)x[o] * rstd[n0 + r]);
                }
        }
        for (int r = 0; r < k; r++) {
            int n = n0 + r;
            const float *restrict xr = x + (long)n * C;
            const float *restrict dyr = dy + (long)n * C;
            float *restrict dxr = dx + (long)n * C;
            float rs = rstd[n], mgx = (float)(sgx[r] / C);
            for (int i = 0; i < c8; i++) {
                float xh = xr[i] * rs;
                dxr[i] += rs * (dyr[i] * w[i] - xh * mgx);
            }
            for (int i = c8; i < C; i++) {
                float xh = xr[i] * rs;
                dxr[i] += rs * (dyr[i] * w[i] - xh * mgx);
            }
        }
    }
}

void rmsnorm_backward_params(float *restrict dw, const float *restrict dy,
                             const float *restrict x, const float *restrict rstd, int N, int C,
                             int c0, int c1)
{
    /* dw (C) += over channels [c0,c1), rows in order; dy, x (N,C), rstd (N) */
    for (int n = 0; n < N; n++) {
        const float *restrict xr = x + (long)n * C;
        const float *restrict dyr = dy + (long)n * C;
        float r = rstd[n];
        for (int i = c0; i < c1; i++) dw[i] += dyr[i] * (xr[i] * r);
    }
}

void rmsnorm_backward(float *restrict dx, float *restrict dw, const float *restrict dy,
                      const float *restrict x, const float *restrict w,
                      const float *restrict rstd, int N, int C)
{
    /* dx (N,C), dw (C) += from dy (N,C); x (N,C), w (C), rstd (N) */
    rmsnorm_backward_dx(dx, dy, x, w, rstd, N, C);
    rmsnorm_backward_params(dw, dy, x, rstd, N, C, 0, C);
}

const char *norm_name(int k)
{
    static const char *const names[] = {[NORM_NONE] = "none", [NORM_LAYER] = "layer",
                                        [NORM_RMS] = "rms"};
    return CHOICE_AT(names, k);
}
