/* nn_gradcheck: each layer's backward against central finite differences of
 * L = Σ out·r (r random), computed in double on the naive double forward of naive.h
 * at exactly the float inputs. Every gradient buffer is pre-filled with random values
 * and backward is called twice, so the check is g = g0 + 2·∂L/∂v: backward must ADD.
 * Each comparison is repeated on a deliberately broken gradient (the largest element
 * scaled by 1.01; for the norms also a missing term), which must fail: the stated
 * tolerances are tight enough to catch a 1 % error in one element.
 *
 * Steps: the FD error is h²·f'''/6 from truncation plus ~1e-16·|L|/h from rounding, so
 * h = 1e-4 leaves ~1e-9 on these O(1) functions (h = 1e-3 for the bilinear ones, which
 * have no truncation error). The tolerances are set by the float backward, which has
 * ~1e-7 relative error per operation; each is stated beside its op. */
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

static gsl_rng *R;

typedef double (*LossFn)(void *ctx);

/* g (n) = central differences of f with respect to v (n), step h. */
static void fd_grad(double *g, double *v, long n, double h, LossFn f, void *ctx)
{
    for (long i = 0; i < n; i++) {
        double save = v[i];
        v[i] = save + h;
        double lp = f(ctx);
        v[i] = save - h;
        double lm = f(ctx);
        v[i] = save;
        g[i] = (lp - lm) / (2 * h);
    }
}

static double dot(const double *a, const double *b, long n)
{
    double s = 0;
    for (long i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

/* A gradient buffer under test: g is pre-filled with g0, the float backward adds to it
 * (twice), fd holds the finite differences. */
typedef struct {
    float *g, *g0;
    double *fd, *want;
    long n;
} Grad;

static Grad grad_new(long n)
{
    Grad gr = {xmalloc(sizeof(float) * n), xmalloc(sizeof(float) * n),
               xmalloc(sizeof(double) * n), xmalloc(sizeof(double) * n), n};
    fill_uniform(R, gr.g, NULL, n, -1, 1);
    memcpy(gr.g0, gr.g, sizeof(float) * n);
    return gr;
}

static void grad_free(Grad *gr) { free(gr->g), free(gr->g0), free(gr->fd), free(gr->want); }

/* The comparison, quietly: the number of elements outside atol + rtol·|want|. */
static long count_bad(const float *got, const double *want, long n, double atol, double rtol)
{
    long bad = 0;
    for (long i = 0; i < n; i++) bad += !(fabs(got[i] - want[i]) <= atol + rtol * fabs(want[i]));
    return bad;
}

/* Checks g = g0 + 2·fd, then that the same check fails when the analytic gradient's
 * largest element is scaled by 1.01. */
static void check_grad(const char *what, Grad *gr, double atol, double rtol)
{
    long k = 0;
    for (long i = 0; i < gr->n; i++) {
        gr->want[i] = gr->g0[i] + 2 * gr->fd[i];
        if (fabs(gr->fd[i]) > fabs(gr->fd[k])) k = i;
    }
    th_close(what, gr->g, gr->want, gr->n, atol, rtol);
    float *broken = xmalloc(sizeof(float) * gr->n);
    memcpy(broken, gr->g, sizeof(float) * gr->n);
    broken[k] = gr->g0[k] + 1.01f * (gr->g[k] - gr->g0[k]);
    CHECK_TRUE(count_bad(broken, gr->want, gr->n, atol, rtol) > 0,
               "%s: the check fails when element %ld (fd %.3g) is scaled by 1.01", what, k,
               gr->fd[k]);
    free(broken);
}

/* ---- linear: y = x·wᵀ + b ---- */

typedef struct {
    double *x, *w, *b, *r, *y;
    int N, C, OC;
} LinearCtx;

static double linear_loss(void *p)
{
    LinearCtx *c = p;
    naive_linear(c->y, c->x, c->w, c->b, c->N, c->C, c->OC);
    return dot(c->y, c->r, (long)c->N * c->OC);
}

static void gc_linear(int N, int C, int OC)
{
    /* bilinear: h = 1e-3 is exact up to rounding. dw sums N products, dx sums OC: the
     * float error is ~1e-7 × √terms; atol 2e-6 and rtol 1e-5 sit ~10× above it. */
    const double h = 1e-3, atol = 2e-6, rtol = 1e-5;
    LinearCtx c = {xmalloc(sizeof(double) * N * C), xmalloc(sizeof(double) * OC * C),
                   xmalloc(sizeof(double) * OC), xmalloc(sizeof(double) * N * OC),
                   xmalloc(sizeof(double) * N * OC), N, C, OC};
    float *x = xmalloc(sizeof(float) * N * C), *w = xmalloc(sizeof(float) * OC * C);
    float *dy = xmalloc(sizeof(float) * N * OC), *b = xmalloc(sizeof(float) * OC);
    fill_uniform(R, x, c.x, (long)N * C, -1, 1);
    fill_uniform(R, w, c.w, (long)OC * C, -1, 1);
    fill_uniform(R, b, c.b, OC, -1, 1);
    fill_uniform(R, dy, c.r, (long)N * OC, -1, 1);
    Grad dx = grad_new((long)N * C), dw = grad_new((long)OC * C), db = grad_new(OC);
    fd_grad(dx.fd, c.x, dx.n, h, linear_loss, &c);
    fd_grad(dw.fd, c.w, dw.n, h, linear_loss, &c);
    fd_grad(db.fd, c.b, db.n, h, linear_loss, &c);
    for (int k = 0; k < 2; k++) linear_backward(dx.g, dw.g, db.g, dy, x, w, N, C, OC);
    char what[80];
    snprintf(what, sizeof what, "linear dx N=%d C=%d OC=%d", N, C, OC);
    check_grad(what, &dx, atol, rtol);
    snprintf(what, sizeof what, "linear dw N=%d C=%d OC=%d", N, C, OC);
    check_grad(what, &dw, atol, rtol);
    snprintf(what, sizeof what, "linear db N=%d C=%d OC=%d", N, C, OC);
    check_grad(what, &db, atol, rtol);
    /* dx and db NULL: only dw is touched */
    memcpy(dw.g, dw.g0, sizeof(float) * dw.n);
    for (int k = 0; k < 2; k++) linear_backward(NULL, dw.g, NULL, dy, x, w, N, C, OC);
    snprintf(what, sizeof what, "linear dw with dx, db NULL N=%d C=%d OC=%d", N, C, OC);
    th_close(what, dw.g, dw.want, dw.n, atol, rtol);
    grad_free(&dx), grad_free(&dw), grad_free(&db);
    free(c.x), free(c.w), free(c.b), free(c.r), free(c.y), free(x), free(w), free(dy), free(b);
}

/* ---- activations ---- */

typedef struct {
    double *x, *r;
    long n;
    Act a;
} ActCtx;

static double act_loss(void *p)
{
    ActCtx *c = p;
    double s = 0;
    for (long i = 0; i < c->n; i++) s += naive_act(c->x[i], c->a) * c->r[i];
    return s;
}

static void gc_act(Act a, const char *name, long n)
{
    /* one float f'(x) per element, a few roundings: atol 1e-6, rtol 1e-5 */
    const double h = 1e-4, atol = 1e-6, rtol = 1e-5;
    ActCtx c = {xmalloc(sizeof(double) * n), xmalloc(sizeof(double) * n), n, a};
    float *x = xmalloc(sizeof(float) * n), *dy = xmalloc(sizeof(float) * n);
    /* |x| in [0.05, 4): ReLU's kink at 0 is 500 steps away */
    fill_away_from_zero(R, x, c.x, n, 0.05, 4);
    fill_uniform(R, dy, c.r, n, -1, 1);
    Grad dx = grad_new(n);
    fd_grad(dx.fd, c.x, n, h, act_loss, &c);
    for (int k = 0; k < 2; k++) act_backward(dx.g, dy, x, n, a);
    char what[64];
    snprintf(what, sizeof what, "%s dx n=%ld", name, n);
    check_grad(what, &dx, atol, rtol);
    grad_free(&dx);
    free(c.x), free(c.r), free(x), free(dy);
}

/* ---- layernorm and rmsnorm ---- */

typedef struct {
    double *x, *w, *b, *r, *y;
    int N, C;
    int rms;
} NormCtx;

static double norm_loss(void *p)
{
    NormCtx *c = p;
    if (c->rms) naive_rmsnorm(c->y, NULL, c->x, c->w, c->N, c->C);
    else naive_layernorm(c->y, NULL, NULL, c->x, c->w, c->b, c->N, c->C);
    return dot(c->y, c->r, (long)c->N * c->C);
}

static void gc_norm(int rms, int N, int C)
{
    /* dx sums 2C float products per row, scaled by rstd (~1 here); observed max
     * differences ~1e-6 at |g| up to 10: atol 3e-6, rtol 3e-5 */
    const double h = 1e-4, atol = 3e-6, rtol = 3e-5;
    const char *name = rms ? "rmsnorm" : "layernorm";
    long nc = (long)N * C;
    NormCtx c = {xmalloc(sizeof(double) * nc), xmalloc(sizeof(double) * C),
                 xmalloc(sizeof(double) * C), xmalloc(sizeof(double) * nc),
                 xmalloc(sizeof(double) * nc), N, C, rms};
    float *x = xmalloc(sizeof(float) * nc), *w = xmalloc(sizeof(float) * C);
    float *b = xmalloc(sizeof(float) * C), *dy = xmalloc(sizeof(float) * nc);
    float *y = xmalloc(sizeof(float) * nc), *mean = xmalloc(sizeof(float) * N);
    float *rstd = xmalloc(sizeof(float) * N);
    fill_uniform(R, x, c.x, nc, -1, 2);
    fill_uniform(R, w, c.w, C, 0.5, 1.5);
    fill_uniform(R, b, c.b, C, -0.5, 0.5);
    fill_uniform(R, dy, c.r, nc, -1, 1);
    Grad dx = grad_new(nc), dw = grad_new(C), db = grad_new(C);
    fd_grad(dx.fd, c.x, nc, h, norm_loss, &c);
    fd_grad(dw.fd, c.w, C, h, norm_loss, &c);
    if (!rms) fd_grad(db.fd, c.b, C, h, norm_loss, &c);
    if (rms) {
        rmsnorm_forward(y, rstd, x, w, N, C);
        for (int k = 0; k < 2; k++) rmsnorm_backward(dx.g, dw.g, dy, x, w, rstd, N, C);
    } else {
        layernorm_forward(y, mean, rstd, x, w, b, N, C);
        for (int k = 0; k < 2; k++)
            layernorm_backward(dx.g, dw.g, db.g, dy, x, w, mean, rstd, N, C);
    }
    char what[80];
    snprintf(what, sizeof what, "%s dx N=%d C=%d", name, N, C);
    check_grad(what, &dx, atol, rtol);
    snprintf(what, sizeof what, "%s dw N=%d C=%d", name, N, C);
    check_grad(what, &dw, atol, rtol);
    if (!rms) {
        snprintf(what, sizeof what, "%s db N=%d C=%d", name, N, C);
        check_grad(what, &db, atol, rtol);
    }

    /* A classic bug: dropping one term of dx. LayerNorm without −mean(g), RMSNorm
     * without −x̂·mean(g·x̂) (g = dy·w, x̂ the normalised input): add the term back
     * (twice, as backward ran twice) and the same comparison must fail. */
    float *broken = xmalloc(sizeof(float) * nc);
    for (int n = 0; n < N; n++) {
        double sg = 0, sgx = 0, m = rms ? 0 : mean[n];
        for (int i = 0; i < C; i++) {
            double g = (double)dy[(long)n * C + i] * w[i];
            sg += g;
            sgx += g * (x[(long)n * C + i] - m) * rstd[n];
        }
        for (int i = 0; i < C; i++) {
            long j = (long)n * C + i;
            double xh = (x[j] - m) * rstd[n];
            double term = rms ? xh * sgx / C : sg / C;
            broken[j] = (float)(dx.g[j] + 2 * rstd[n] * term);
        }
    }
    CHECK_TRUE(count_bad(broken, dx.want, nc, atol, rtol) > 0,
               "%s dx N=%d C=%d: the check fails without the %s term", name, N, C,
               rms ? "x̂·mean(g·x̂)" : "mean(g)");
    free(broken);
    grad_free(&dx), grad_free(&dw), grad_free(&db);
    free(c.x), free(c.w), free(c.b), free(c.r), free(c.y);
    free(x), free(w), free(b), free(dy), free(y), free(mean), free(rstd);
}

/* ---- softmax cross-entropy, mean over rows, times dloss ---- */

typedef struct {
    double *z;
    const int *t;
    int N, V;
    double dloss;
} CeCtx;

static double ce_loss(void *p)
{
    CeCtx *c = p;
    return c->dloss * naive_crossentropy(NULL, c->z, c->t, c->N, c->V) / c->N;
}

static void gc_crossentropy(int N, int V)
{
    /* dlogits = dloss·(p − onehot)/N, one float rounding or two: atol 1e-7, rtol 1e-5 */
    const double h = 1e-4, atol = 1e-7, rtol = 1e-5;
    const float dloss = 0.75f;
    int *t = xmalloc(sizeof(int) * N);
    for (int n = 0; n < N; n++) t[n] = (int)gsl_rng_uniform_int(R, (unsigned long)V);
    CeCtx c = {xmalloc(sizeof(double) * N * V), t, N, V, dloss};
    float *z = xmalloc(sizeof(float) * N * V), *probs = xmalloc(sizeof(float) * N * V);
    fill_uniform(R, z, c.z, (long)N * V, -3, 3);
    Grad dz = grad_new((long)N * V);
    fd_grad(dz.fd, c.z, dz.n, h, ce_loss, &c);
    crossentropy_forward(probs, z, t, N, V);
    for (int k = 0; k < 2; k++) crossentropy_backward(dz.g, probs, t, N, V, dloss);
    char what[80];
    snprintf(what, sizeof what, "crossentropy dlogits N=%d V=%d", N, V);
    check_grad(what, &dz, atol, rtol);
    grad_free(&dz);
    free(c.z), free(t), free(z), free(probs);
}

/* ---- MSE, mean over elements, times dloss ---- */

typedef struct {
    double *pred, *target;
    long n;
    double dloss;
} MseCtx;

static double mse_loss(void *p)
{
    MseCtx *c = p;
    return c->dloss * naive_mse(c->pred, c->target, c->n);
}

static void gc_mse(int N, int C)
{
    /* quadratic: h = 1e-3 is exact up to rounding; atol 1e-7, rtol 1e-5 */
    const double h = 1e-3, atol = 1e-7, rtol = 1e-5;
    const float dloss = 1.5f;
    long n = (long)N * C;
    MseCtx c = {xmalloc(sizeof(double) * n), xmalloc(sizeof(double) * n), n, dloss};
    float *pred = xmalloc(sizeof(float) * n), *target = xmalloc(sizeof(float) * n);
    fill_uniform(R, pred, c.pred, n, -2, 2);
    fill_uniform(R, target, c.target, n, -2, 2);
    Grad dp = grad_new(n);
    fd_grad(dp.fd, c.pred, n, h, mse_loss, &c);
    for (int k = 0; k < 2; k++) mse_backward(dp.g, pred, target, N, C, dloss);
    char what[64];
    snprintf(what, sizeof what, "mse dpred N=%d C=%d", N, C);
    check_grad(what, &dp, atol, rtol);
    grad_free(&dp);
    free(c.pred), free(c.target), free(pred), free(target);
}

/* ---- dropout with a fixed mask ---- */

typedef struct {
    double *x, *mask, *r;
    long n;
} DropCtx;

static double dropout_loss(void *p)
{
    DropCtx *c = p;
    double s = 0;
    for (long i = 0; i < c->n; i++) s += c->x[i] * c->mask[i] * c->r[i];
    return s;
}

static void gc_dropout(long n, float p)
{
    /* linear: h = 1e-3; one float product per element: atol 1e-7, rtol 1e-6 */
    const double h = 1e-3, atol = 1e-7, rtol = 1e-6;
    DropCtx c = {xmalloc(sizeof(double) * n), xmalloc(sizeof(double) * n),
                 xmalloc(sizeof(double) * n), n};
    float *x = xmalloc(sizeof(float) * n), *y = xmalloc(sizeof(float) * n);
    float *mask = xmalloc(sizeof(float) * n), *dy = xmalloc(sizeof(float) * n);
    fill_uniform(R, x, c.x, n, -1, 1);
    fill_uniform(R, dy, c.r, n, -1, 1);
    gsl_rng *r = rng_stream(3, "dropout");
    dropout_forward(y, mask, x, n, p, r);
    gsl_rng_free(r);
    for (long i = 0; i < n; i++) c.mask[i] = mask[i];
    Grad dx = grad_new(n);
    fd_grad(dx.fd, c.x, n, h, dropout_loss, &c);
    for (int k = 0; k < 2; k++) dropout_backward(dx.g, dy, mask, n);
    char what[64];
    snprintf(what, sizeof what, "dropout dx n=%ld p=%.2f", n, (double)p);
    check_grad(what, &dx, atol, rtol);
    grad_free(&dx);
    free(c.x), free(c.mask), free(c.r), free(x), free(y), free(mask), free(dy);
}

int main(void)
{
    blas_init(2);
    R = rng_stream(1, "nn_gradcheck");
    gc_linear(7, 13, 5);
    gc_linear(16, 64, 24);
    const char *names[] = {"relu", "gelu", "tanh", "sigmoid"};
    for (int a = 0; a < 4; a++) {
        gc_act((Act)a, names[a], 37);
        gc_act((Act)a, names[a], 1000);
    }
    gc_norm(0, 7, 13);
    gc_norm(0, 8, 96);
    gc_norm(1, 7, 13);
    gc_norm(1, 8, 96);
    gc_crossentropy(7, 13);
    gc_crossentropy(8, 65);
    gc_mse(7, 13);
    gc_dropout(101, 0.25f);
    gsl_rng_free(R);
    return th_done();
}
