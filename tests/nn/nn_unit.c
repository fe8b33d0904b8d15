/* nn_unit: every layer's forward against the naive double implementation of naive.h,
 * at odd sizes (N=7, C=13, OC=5) and a bigger one; softmax cross-entropy with large
 * logits; MSE on docs/CLAIMS.md C22's example; dropout's keep rate and determinism. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/rng.h"
#include "harness.h"
#include "naive.h"
#include "nn/activation.h"
#include "nn/dropout.h"
#include "nn/linear.h"
#include "nn/loss.h"
#include "nn/norm.h"
#include "nn/vexp.h"

static gsl_rng *R;

static int has_nonfinite(const float *v, long n)
{
    for (long i = 0; i < n; i++)
        if (!isfinite(v[i])) return 1;
    return 0;
}

/* Float products over C terms of values in [-1,1): error grows like √C·eps. */
static void test_linear(int N, int C, int OC)
{
    float *x = xmalloc(sizeof(float) * N * C), *w = xmalloc(sizeof(float) * OC * C);
    float *b = xmalloc(sizeof(float) * OC), *y = xmalloc(sizeof(float) * N * OC);
    double *xd = xmalloc(sizeof(double) * N * C), *wd = xmalloc(sizeof(double) * OC * C);
    double *bd = xmalloc(sizeof(double) * OC), *yd = xmalloc(sizeof(double) * N * OC);
    fill_uniform(R, x, xd, (long)N * C, -1, 1);
    fill_uniform(R, w, wd, (long)OC * C, -1, 1);
    fill_uniform(R, b, bd, OC, -1, 1);
    char what[64];
    double atol = 4e-6 * sqrt(C);
    for (int i = 0; i < N * OC; i++) y[i] = NAN; /* forward overwrites */
    linear_forward(y, x, w, b, N, C, OC);
    naive_linear(yd, xd, wd, bd, N, C, OC);
    snprintf(what, sizeof what, "linear_forward N=%d C=%d OC=%d", N, C, OC);
    th_close(what, y, yd, (long)N * OC, atol, 1e-6);
    linear_forward(y, x, w, NULL, N, C, OC);
    naive_linear(yd, xd, wd, NULL, N, C, OC);
    snprintf(what, sizeof what, "linear_forward no bias N=%d C=%d OC=%d", N, C, OC);
    th_close(what, y, yd, (long)N * OC, atol, 1e-6);
    free(x), free(w), free(b), free(y), free(xd), free(wd), free(bd), free(yd);
}

static void test_activations(long n)
{
    static const char *names[] = {"relu", "gelu", "tanh", "sigmoid"};
    float *x = xmalloc(sizeof(float) * n), *y = xmalloc(sizeof(float) * n);
    double *xd = xmalloc(sizeof(double) * n), *yd = xmalloc(sizeof(double) * n);
    fill_uniform(R, x, xd, n, -6, 6);
    x[0] = xd[0] = 0.0f; /* ReLU(0) = 0 and the others at 0 */
    if (n > 2) x[1] = xd[1] = -100.0f, x[2] = xd[2] = 100.0f; /* saturation, no overflow NaN */
    for (int a = 0; a < 4; a++) {
        char what[64];
        for (long i = 0; i < n; i++) yd[i] = naive_act(xd[i], (Act)a);
        act_forward(y, x, n, (Act)a);
        snprintf(what, sizeof what, "act_forward %s n=%ld", names[a], n);
        /* libm tanhf/expf are within a few ulp; GELU adds a few float roundings */
        th_close(what, y, yd, n, 1e-6, 4e-7);
        memcpy(y, x, sizeof(float) * n);
        act_forward(y, y, n, (Act)a);
        snprintf(what, sizeof what, "act_forward %s in place n=%ld", names[a], n);
        th_close(what, y, yd, n, 1e-6, 4e-7);
        CHECK_TRUE(act_by_name(names[a]) == a, "act_by_name(\"%s\") = %d", names[a], a);
    }
    CHECK_TRUE(act_by_name("swish") == -1 && act_by_name("") == -1 && act_by_name("RELU") == -1,
               "act_by_name rejects unknown names");
    free(x), free(y), free(xd), free(yd);
}

static void test_norms(int N, int C)
{
    long nc = (long)N * C;
    float *x = xmalloc(sizeof(float) * nc), *y = xmalloc(sizeof(float) * nc);
    float *w = xmalloc(sizeof(float) * C), *b = xmalloc(sizeof(float) * C);
    float *mean = xmalloc(sizeof(float) * N), *rstd = xmalloc(sizeof(float) * N);
    double *xd = xmalloc(sizeof(double) * nc), *yd = xmalloc(sizeof(double) * nc);
    double *wd = xmalloc(sizeof(double) * C), *bd = xmalloc(sizeof(double) * C);
    double *md = xmalloc(sizeof(double) * N), *rd = xmalloc(sizeof(double) * N);
    /* an offset mean (3) and a spread of scales: a one-pass variance would lose digits */
    fill_uniform(R, x, xd, nc, 1, 5);
    fill_uniform(R, w, wd, C, 0.5, 1.5);
    fill_uniform(R, b, bd, C, -0.5, 0.5);
    char what[80];
    layernorm_forward(y, mean, rstd, x, w, b, N, C);
    naive_layernorm(yd, md, rd, xd, wd, bd, N, C);
    snprintf(what, sizeof what, "layernorm_forward y N=%d C=%d", N, C);
    th_close(what, y, yd, nc, 2e-6, 2e-6);
    snprintf(what, sizeof what, "layernorm_forward mean N=%d C=%d", N, C);
    th_close(what, mean, md, N, 0, 1e-7);
    snprintf(what, sizeof what, "layernorm_forward rstd N=%d C=%d", N, C);
    th_close(what, rstd, rd, N, 0, 1e-7);
    rmsnorm_forward(y, rstd, x, w, N, C);
    naive_rmsnorm(yd, rd, xd, wd, N, C);
    snprintf(what, sizeof what, "rmsnorm_forward y N=%d C=%d", N, C);
    th_close(what, y, yd, nc, 1e-6, 1e-6);
    snprintf(what, sizeof what, "rmsnorm_forward rstd N=%d C=%d", N, C);
    th_close(what, rstd, rd, N, 0, 1e-7);

    /* a constant row: variance 0, so y = b exactly and rstd = 1/√eps */
    for (int i = 0; i < C; i++) x[i] = 2.5f;
    layernorm_forward(y, mean, rstd, x, w, b, 1, C);
    int ok = 1;
    for (int i = 0; i < C; i++) ok &= y[i] == b[i];
    CHECK_TRUE(ok && mean[0] == 2.5f && fabs(rstd[0] - 1 / sqrt(NORM_EPS)) < 1e-2,
               "layernorm_forward constant row: y = b, rstd = %g", (double)rstd[0]);
    free(x), free(y), free(w), free(b), free(mean), free(rstd);
    free(xd), free(yd), free(wd), free(bd), free(md), free(rd);
}

static void test_crossentropy(int N, int V)
{
    long nv = (long)N * V;
    float *z = xmalloc(sizeof(float) * nv), *p = xmalloc(sizeof(float) * nv);
    double *zd = xmalloc(sizeof(double) * nv), *pd = xmalloc(sizeof(double) * nv);
    int *t = xmalloc(sizeof(int) * N);
    for (int n = 0; n < N; n++) t[n] = (int)gsl_rng_uniform_int(R, (unsigned long)V);
    char what[80];
    fill_uniform(R, z, zd, nv, -4, 4);
    double loss = crossentropy_forward(p, z, t, N, V);
    double want = naive_crossentropy(pd, zd, t, N, V);
    snprintf(what, sizeof what, "crossentropy_forward probs N=%d V=%d", N, V);
    th_close(what, p, pd, nv, 1e-8, 1e-6);
    CHECK_TRUE(fabs(loss - want) <= 1e-6 * fabs(want), "crossentropy_forward loss N=%d V=%d: %.9g, want %.9g",
               N, V, loss, want);

    /* large logits: exp would overflow without the max subtracted */
    fill_uniform(R, z, zd, nv, 900, 1000);
    loss = crossentropy_forward(p, z, t, N, V);
    want = naive_crossentropy(pd, zd, t, N, V);
    snprintf(what, sizeof what, "crossentropy_forward probs, logits in [900,1000) N=%d V=%d", N, V);
    th_close(what, p, pd, nv, 1e-8, 1e-6);
    CHECK_TRUE(isfinite(loss) && fabs(loss - want) <= 1e-6 * fabs(want),
               "crossentropy_forward loss, logits in [900,1000): %.9g, want %.9g", loss, want);
    free(z), free(p), free(zd), free(pd), free(t);
}

static void test_crossentropy_edges(void)
{
    /* p[target] underflows in float (e^-200): the loss must still be 200, not inf */
    float z[6] = {1000, 800, -1e30f, 0, 0, 0}, p[6];
    int t[2] = {1, 2};
    double loss = crossentropy_forward(p, z, t, 2, 3);
    double want = 200.0 + log(3.0);
    CHECK_TRUE(fabs(loss - want) < 1e-9 * want && !has_nonfinite(p, 6) && p[0] == 1.0f &&
                   p[2] == 0.0f,
               "crossentropy_forward underflowing target: loss %.12g, want %.12g", loss, want);
    /* argmax: first index wins ties */
    float zz[9] = {1, 3, 3, /* tie: index 1 */ 5, 0, 0, /* 0 */ -1, -1, -2 /* 0 */};
    int t1[3] = {1, 0, 0}, t2[3] = {2, 1, 1};
    CHECK_TRUE(argmax_correct(zz, t1, 3, 3) == 3 && argmax_correct(zz, t2, 3, 3) == 0,
               "argmax_correct counts first-index argmax hits");
}

static void test_mse(void)
{
    /* docs/CLAIMS.md C22: (0.7, 0.2, 0.1) against (1, 0, 0) → (0.09 + 0.04 + 0.01)/3 */
    float pred[3] = {0.7f, 0.2f, 0.1f}, target[3] = {1, 0, 0};
    double m = mse_forward(pred, target, 1, 3);
    CHECK_TRUE(fabs(m - 0.14 / 3) < 1e-7 && fabs(round(m * 1e4) / 1e4 - 0.0467) < 1e-12,
               "mse_forward C22 example: %.6f (0.0467 to four places)", m);
    /* an error of 2 costs 4× an error of 1 */
    float one[1] = {1}, two[1] = {2}, zero[1] = {0};
    CHECK_TRUE(mse_forward(two, zero, 1, 1) == 4 * mse_forward(one, zero, 1, 1),
               "mse_forward: error 2 costs 4x error 1");
    int N = 7, C = 13;
    float *a = xmalloc(sizeof(float) * N * C), *b = xmalloc(sizeof(float) * N * C);
    double *ad = xmalloc(sizeof(double) * N * C), *bd = xmalloc(sizeof(double) * N * C);
    fill_uniform(R, a, ad, N * C, -2, 2);
    fill_uniform(R, b, bd, N * C, -2, 2);
    double got = mse_forward(a, b, N, C), want = naive_mse(ad, bd, N * C);
    CHECK_TRUE(fabs(got - want) <= 1e-14 * want, "mse_forward N=%d C=%d: %.15g want %.15g", N, C,
               got, want);
    free(a), free(b), free(ad), free(bd);
}

static void test_dropout(void)
{
    enum { N = 200001 };
    float *x = xmalloc(sizeof(float) * N), *y = xmalloc(sizeof(float) * N);
    float *m1 = xmalloc(sizeof(float) * N), *m2 = xmalloc(sizeof(float) * N);
    float *y2 = xmalloc(sizeof(float) * N);
    fill_uniform(R, x, NULL, N, -1, 1);
    const float ps[3] = {0.1f, 0.3f, 0.5f};
    for (int k = 0; k < 3; k++) {
        float p = ps[k], scale = 1.0f / (1.0f - p);
        gsl_rng *r = rng_stream(7, "dropout");
        dropout_forward(y, m1, x, N, p, r);
        long kept = 0, bad = 0;
        for (long i = 0; i < N; i++) {
            kept += m1[i] != 0.0f;
            bad += !(m1[i] == 0.0f || m1[i] == scale) || y[i] != x[i] * m1[i];
        }
        double rate = (double)kept / N, sd = sqrt(p * (1.0 - p) / N);
        CHECK_TRUE(fabs(rate - (1 - p)) < 5 * sd,
                   "dropout p=%.1f: keep rate %.5f, want %.5f within 5 sd (%.5f)", (double)p, rate,
                   1.0 - p, 5 * sd);
        CHECK_TRUE(bad == 0, "dropout p=%.1f: mask is 0 or 1/(1-p) and y = x*mask (%ld bad)",
                   (double)p, bad);
        /* same seed and name: same bits; in place gives the same result */
        gsl_rng *r2 = rng_stream(7, "dropout");
        memcpy(y2, x, sizeof(float) * N);
        dropout_forward(y2, m2, y2, N, p, r2);
        CHECK_TRUE(memcmp(m1, m2, sizeof(float) * N) == 0 && memcmp(y, y2, sizeof(float) * N) == 0,
                   "dropout p=%.1f: same stream, same mask and output (in place)", (double)p);
        gsl_rng_free(r2);
        r2 = rng_stream(8, "dropout");
        dropout_forward(y2, m2, x, N, p, r2);
        CHECK_TRUE(memcmp(m1, m2, sizeof(float) * N) != 0, "dropout p=%.1f: another seed, another mask",
                   (double)p);
        gsl_rng_free(r2);
        /* backward adds dy·mask */
        for (long i = 0; i < N; i++) y2[i] = 1.0f;
        dropout_backward(y2, x, m1, N);
        bad = 0;
        for (long i = 0; i < N; i++) bad += y2[i] != 1.0f + x[i] * m1[i];
        CHECK_TRUE(bad == 0, "dropout_backward p=%.1f adds dy*mask (%ld bad)", (double)p, bad);
        gsl_rng_free(r);
    }
    gsl_rng *r = rng_stream(7, "dropout");
    dropout_forward(y, m1, x, N, 0.0f, r);
    long bad = 0;
    for (long i = 0; i < N; i++) bad += m1[i] != 1.0f || y[i] != x[i];
    CHECK_TRUE(bad == 0, "dropout p=0 copies with mask 1");
    dropout_forward(y, m1, x, N, 1.0f, r);
    bad = 0;
    for (long i = 0; i < N; i++) bad += m1[i] != 0.0f || y[i] != 0.0f;
    CHECK_TRUE(bad == 0, "dropout p=1 zeroes everything (no 1/0)");
    gsl_rng_free(r);
    free(x), free(y), free(m1), free(m2), free(y2);
}

/* vexp: a NaN comes back a NaN (through the softmax of attention and the GELU too),
 * without the undefined left shift of a negative exponent the sanitizer build stops
 * on; finite results keep their bits (pinned, and checked once against the previous
 * formula over all 2^32 inputs). */
static void test_vexp(void)
{
    static const struct { float x; uint32_t bits; } pin[] = {
        {0.0f, 0x3f800000}, {1.0f, 0x402df854}, {-1.0f, 0x3ebc5ab2}, {-20.5f, 0x30abd1d8},
        {88.0f, 0x7ef882b7}, {-87.0f, 0x00b33687}, {3.25f, 0x41ce529e}};
    int same = 1;
    for (size_t i = 0; i < sizeof pin / sizeof pin[0]; i++) {
        float y = vexp(pin[i].x);
        uint32_t u;
        memcpy(&u, &y, sizeof u);
        same &= u == pin[i].bits;
    }
    CHECK_TRUE(same, "vexp: pinned bits of 7 finite results");
    CHECK_TRUE(vexp(-INFINITY) == 0.0f && vexp(-100.0f) == 0.0f && isfinite(vexp(INFINITY)),
               "vexp: -inf and -100 give 0, +inf is held finite");
    float x[19], y[19];
    for (int i = 0; i < 19; i++) x[i] = i == 7 ? NAN : 0.25f * (float)(i - 9);
    for (int i = 0; i < 19; i++) y[i] = vexp(x[i]);
    CHECK_TRUE(isnan(y[7]) && isnan(vexp(-NAN)) && !has_nonfinite(y, 7) && !has_nonfinite(y + 8, 11),
               "vexp: NaN in, NaN out, neighbours in a vectorised loop untouched");
    act_forward(y, x, 19, ACT_GELU);
    CHECK_TRUE(isnan(y[7]) && !has_nonfinite(y, 7) && !has_nonfinite(y + 8, 11), "gelu: a NaN stays a NaN");
}

int main(void)
{
    blas_init(2);
    R = rng_stream(1, "nn_unit");
    test_linear(7, 13, 5);
    test_linear(1, 1, 1);
    test_linear(64, 784, 100); /* big enough to be split into tiles */
    test_activations(37);
    test_activations(4099);
    test_vexp();
    test_norms(7, 13);
    test_norms(33, 768);
    test_crossentropy(7, 13);
    test_crossentropy(64, 257);
    test_crossentropy_edges();
    test_mse();
    test_dropout();
    gsl_rng_free(R);
    return th_done();
}
