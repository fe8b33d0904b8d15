/* Naive double-precision reference implementations of the nn layers, written from the
 * formulas (PyTorch semantics) and shared by nn_unit and nn_gradcheck, plus the random
 * fills both tests use. Letters as in src/nn: N rows, C channels, OC output channels,
 * V classes. */
#ifndef DESCENT_TESTS_NN_NAIVE_H
#define DESCENT_TESTS_NN_NAIVE_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#include "core/check.h"
#include "nn/activation.h"
#include "nn/norm.h"

/* Uniform floats in [lo, hi) into f (n), and the same values as doubles into d (n)
 * when d is not NULL: the double forward then runs at exactly the float's point. */
static inline void fill_uniform(gsl_rng *r, float *f, double *d, long n, double lo, double hi)
{
    for (long i = 0; i < n; i++) {
        f[i] = (float)(lo + (hi - lo) * gsl_rng_uniform(r));
        if (d) d[i] = f[i];
    }
}

/* Like fill_uniform but |value| in [lo, hi) with a random sign: keeps inputs away
 * from ReLU's kink at 0. */
static inline void fill_away_from_zero(gsl_rng *r, float *f, double *d, long n, double lo,
                                       double hi)
{
    fill_uniform(r, f, d, n, lo, hi);
    for (long i = 0; i < n; i++)
        if (gsl_rng_uniform(r) < 0.5) {
            f[i] = -f[i];
            if (d) d[i] = -d[i];
        }
}

static inline void *xmalloc(size_t bytes)
{
    void *p = calloc(1, bytes ? bytes : 1);
    CHECK(p);
    return p;
}

/* y (N,OC) = x (N,C) · wᵀ + b; w (OC,C); b (OC) or NULL. */
static inline void naive_linear(double *y, const double *x, const double *w, const double *b,
                                int N, int C, int OC)
{
    for (int n = 0; n < N; n++)
        for (int o = 0; o < OC; o++) {
            double s = b ? b[o] : 0.0;
            for (int c = 0; c < C; c++) s += x[(long)n * C + c] * w[(long)o * C + c];
            y[(long)n * OC + o] = s;
        }
}

static inline double naive_act(double x, Act a)
{
    switch (a) {
    case ACT_RELU: return x > 0 ? x : 0;
    case ACT_GELU: {
        const double k = sqrt(2.0 / 3.14159265358979323846);
        return 0.5 * x * (1.0 + tanh(k * (x + 0.044715 * x * x * x)));
    }
    case ACT_TANH: return tanh(x);
    case ACT_SIGMOID: return 1.0 / (1.0 + exp(-x));
    }
    return NAN;
}

/* y (N,C), mean (N), rstd (N) ← x (N,C), w (C), b (C); two-pass, biased variance. */
static inline void naive_layernorm(double *y, double *mean, double *rstd, const double *x,
                                   const double *w, const double *b, int N, int C)
{
    for (int n = 0; n < N; n++) {
        const double *xr = x + (long)n * C;
        double m = 0, v = 0;
        for (int i = 0; i < C; i++) m += xr[i];
        m /= C;
        for (int i = 0; i < C; i++) v += (xr[i] - m) * (xr[i] - m);
        v /= C;
        double rs = 1.0 / sqrt(v + NORM_EPS);
        for (int i = 0; i < C; i++) y[(long)n * C + i] = (xr[i] - m) * rs * w[i] + b[i];
        if (mean) mean[n] = m;
        if (rstd) rstd[n] = rs;
    }
}

/* y (N,C), rstd (N) ← x (N,C), w (C). */
static inline void naive_rmsnorm(double *y, double *rstd, const double *x, const double *w,
                                 int N, int C)
{
    for (int n = 0; n < N; n++) {
        const double *xr = x + (long)n * C;
        double ss = 0;
        for (int i = 0; i < C; i++) ss += xr[i] * xr[i];
        double rs = 1.0 / sqrt(ss / C + NORM_EPS);
        for (int i = 0; i < C; i++) y[(long)n * C + i] = xr[i] * rs * w[i];
        if (rstd) rstd[n] = rs;
    }
}

/* probs (N,V) (or NULL) = softmax(logits (N,V)); returns Σ_rows −log probs[target]. */
static inline double naive_crossentropy(double *probs, const double *logits, const int *targets,
                                        int N, int V)
{
    double loss = 0;
    for (int n = 0; n < N; n++) {
        const double *z = logits + (long)n * V;
        double mx = z[0], s = 0;
        for (int i = 1; i < V; i++) mx = z[i] > mx ? z[i] : mx;
        for (int i = 0; i < V; i++) s += exp(z[i] - mx);
        for (int i = 0; probs && i < V; i++) probs[(long)n * V + i] = exp(z[i] - mx) / s;
        loss += log(s) - (z[targets[n]] - mx);
    }
    return loss;
}

/* Mean of (pred − target)² over n elements. */
static inline double naive_mse(const double *pred, const double *target, long n)
{
    double s = 0;
    for (long i = 0; i < n; i++) s += (pred[i] - target[i]) * (pred[i] - target[i]);
    return s / n;
}

#endif
