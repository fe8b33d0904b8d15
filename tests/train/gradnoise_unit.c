/* unit: the gradient-noise estimators of McCandlish et al. 2018 (train/gradnoise) on a
 * case with a known answer. A linear model w on N fixed examples (x_i, y_i) with the
 * loss ½(w·x_i − y_i)² has the per-example gradient g_i = (w·x_i − y_i) x_i, so the
 * full-batch gradient G = mean g_i and the covariance of one row drawn uniformly with
 * replacement, tr(Σ) = mean |g_i − G|², are exact sums. The measurement, which draws
 * its batches through Data.sample_batch and computes gradients through ModelOps as in
 * training, must give both without bias: the mean of many measurements within 4
 * standard errors of the exact values, with standard errors small enough (< 3 %) that
 * a bias of a tenth would fail. With noise_full the full-batch gradient is exact and the
 * big batch's mean is unbiased: E|G_B − G|² = tr(Σ)/B. The estimator formulas are also
 * checked on their expectations, where they are exact. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "harness.h"
#include "report/stats.h"
#include "train/gradnoise.h"

enum { N = 40, D = 6, MAXB = 8 };

static double X[N][D], Y[N];

/* ---- the data: rows drawn with replacement from the N examples */
typedef struct {
    Data base;
    float bx[MAXB * D];
    int by[MAXB]; /* the row's index: the model reads y from Y */
} Lin;

static void lin_sample(Data *d, gsl_rng *r, int rows, Batch *out)
{
    Lin *l = (Lin *)d;
    for (int i = 0; i < rows; i++) {
        int k = (int)gsl_rng_uniform_int(r, N);
        for (int j = 0; j < D; j++) l->bx[i * D + j] = (float)X[k][j];
        l->by[i] = k;
    }
    *out = (Batch){.rows = rows, .x = l->bx, .y = l->by};
}

/* the training split in order, for the full-batch gradient */
static int lin_eval(Data *d, Split split, int i, int rows, Batch *out)
{
    Lin *l = (Lin *)d;
    if (split != SPLIT_TRAIN) exit(99);
    int first = i * rows, n = first >= N ? 0 : N - first < rows ? N - first : rows;
    for (int r = 0; r < n; r++) {
        for (int j = 0; j < D; j++) l->bx[r * D + j] = (float)X[first + r][j];
        l->by[r] = first + r;
    }
    *out = (Batch){.rows = n, .x = l->bx, .y = l->by};
    return n;
}

static const DataOps lin_data_ops = {.name = "linear", .sample_batch = lin_sample, .eval_batch = lin_eval};

/* ---- the model: ½(w·x − y)², mean over rows */
typedef struct {
    Model base;
    double r[MAXB]; /* residuals of the last forward */
} LinModel;

static double lin_forward(Model *m, const Batch *b)
{
    LinModel *l = (LinModel *)m;
    double sum = 0;
    for (int i = 0; i < b->rows; i++) {
        double wx = 0;
        for (int j = 0; j < D; j++) wx += (double)m->params.w[j] * b->x[i * D + j];
        l->r[i] = wx - Y[b->y[i]];
        sum += 0.5 * l->r[i] * l->r[i];
    }
    return sum / b->rows;
}

static void lin_backward(Model *m, const Batch *b, float dloss)
{
    LinModel *l = (LinModel *)m;
    for (int j = 0; j < D; j++) {
        double g = 0;
        for (int i = 0; i < b->rows; i++) g += l->r[i] * b->x[i * D + j];
        m->params.g[j] += (float)(dloss * g / b->rows);
    }
}

static const ModelOps lin_model_ops = {.name = "linear", .forward = lin_forward, .backward = lin_backward};

/* exact |G|² and tr(Σ) at the model's weights */
static void exact(const float *w, double *g2, double *trace)
{
    double g[N][D], G[D] = {0};
    for (int i = 0; i < N; i++) {
        double wx = 0;
        for (int j = 0; j < D; j++) wx += (double)w[j] * (float)X[i][j];
        for (int j = 0; j < D; j++) G[j] += (g[i][j] = (wx - Y[i]) * (float)X[i][j]) / N;
    }
    *g2 = *trace = 0;
    for (int j = 0; j < D; j++) *g2 += G[j] * G[j];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < D; j++) *trace += (g[i][j] - G[j]) * (g[i][j] - G[j]) / N;
}

static void formulas(void)
{
    /* on the expectations E|G_b|² = |G|² + tr(Σ)/b the estimators are exact */
    double g2 = 0.37, tr = 11.5;
    NoiseEstimate e = gradnoise_estimate(g2 + tr / 4, g2 + tr / 64, 4, 64);
    CHECK_TRUE(fabs(e.sq_norm - g2) < 1e-12 && fabs(e.trace - tr) < 1e-12 && fabs(e.scale - tr / g2) < 1e-9,
               "estimators on their expectations: |G|^2 %.12g (0.37), tr %.12g (11.5), B_simple %.9g",
               e.sq_norm, e.trace, e.scale);
    e = gradnoise_estimate(1.0, 0.05, 4, 64); /* noise can make the |G|² estimate negative */
    CHECK_TRUE(e.sq_norm < 0 && isnan(e.scale), "a negative |G|^2 estimate gives no noise scale (%g, %g)",
               e.sq_norm, e.scale);
}

static void known_answer(int small, int big)
{
    gsl_rng *r = rng_stream(7, "test");
    double wstar[D];
    for (int j = 0; j < D; j++) wstar[j] = gsl_ran_gaussian(r, 1);
    for (int i = 0; i < N; i++) {
        Y[i] = gsl_ran_gaussian(r, 0.5);
        for (int j = 0; j < D; j++) {
            X[i][j] = (float)gsl_ran_gaussian(r, 1);
            Y[i] += wstar[j] * (float)X[i][j];
        }
    }
    static LinModel lm;
    static Lin data;
    memset(&lm, 0, sizeof lm);
    memset(&data, 0, sizeof data);
    lm.base.ops = &lin_model_ops;
    int shape[1] = {D};
    params_add(&lm.base.params, "w", 1, shape, false);
    if (params_alloc(&lm.base.params) != ST_OK) exit(99);
    for (int j = 0; j < D; j++) lm.base.params.w[j] = (float)(wstar[j] + gsl_ran_gaussian(r, 0.3));
    data.base.ops = &lin_data_ops;
    double g2, tr;
    exact(lm.base.params.w, &g2, &tr);

    Settings s;
    settings_defaults(&s, MODEL_MLP);
    s.seed = 3, s.batch = small, s.noise_small = small, s.noise_big = big, s.noise_full = true;
    GradNoise gn;
    if (gradnoise_init(&gn, &s, &lm.base) != ST_OK) exit(99);
    enum { M = 4000 };
    static double e_g2[M], e_tr[M], e_err[M];
    double full_sq = NAN;
    for (int k = 0; k < M; k++) {
        NoiseEstimate e = gradnoise_measure(&gn, &lm.base, &data.base);
        e_g2[k] = e.sq_norm, e_tr[k] = e.trace, e_err[k] = e.mean_sq_error, full_sq = e.full_sq_norm;
    }
    Stats sg = stats_of(e_g2, M), st = stats_of(e_tr, M);
    double se_g = sg.sd / sqrt(M), se_t = st.sd / sqrt(M);
    CHECK_TRUE(fabs(sg.mean - g2) < 4 * se_g && se_g < 0.03 * g2,
               "b=%d B=%d: mean |G|^2 estimate %.6g, exact %.6g (standard error %.3g)", small, big, sg.mean,
               g2, se_g);
    CHECK_TRUE(fabs(st.mean - tr) < 4 * se_t && se_t < 0.03 * tr,
               "b=%d B=%d: mean tr(Sigma) estimate %.6g, exact %.6g (standard error %.3g)", small, big,
               st.mean, tr, se_t);
    CHECK_TRUE(fabs(full_sq - g2) < 1e-5 * g2, "b=%d B=%d: full-batch |G|^2 %.9g, exact %.9g", small, big,
               full_sq, g2);
    Stats se = stats_of(e_err, M);
    double se_e = se.sd / sqrt(M), want = tr / big;
    CHECK_TRUE(fabs(se.mean - want) < 4 * se_e && se_e < 0.03 * want,
               "b=%d B=%d: mean |G_B - G|^2 %.6g, tr(Sigma)/B %.6g (standard error %.3g): the mean is unbiased",
               small, big, se.mean, want, se_e);
    printf("    exact noise scale tr(Sigma)/|G|^2 = %.4g; ratio of the mean estimates %.4g\n", tr / g2,
           st.mean / sg.mean);
    CHECK_TRUE(gn.k == big / small, "b=%d B=%d: %d small batches per measurement", small, big, gn.k);
    gradnoise_free(&gn);
    params_free(&lm.base.params);
    gsl_rng_free(r);
}

int main(void)
{
    formulas();
    known_answer(1, 8);  /* per-example gradients */
    known_answer(4, 32);
    return th_done();
}
