/* gradcheck: the whole MLP's backward against central finite differences of its loss,
 * for every combination of norm (none, layer, rms) × position (pre, post) × residual
 * (on, off), and for each activation. The model computes in float, so the check uses
 * Richardson-extrapolated central differences (steps h and 2h; h = 1e-2 on smooth
 * activations, 5e-4 across ReLU's kinks; models/gradcheck.c, shared with descent
 * gradcheck) and compares each tensor's gradient by relative error
 * ‖g − g_fd‖ / max(‖g‖, ‖g_fd‖) < 1e-3 (5e-3 with ReLU); a gradient off by 2 % in one
 * tensor must fail the same comparison. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/rng.h"
#include "harness.h"
#include "models/gradcheck.h"
#include "models/model.h"

enum { B = 5, IN = 6, CLASSES = 4 };
#define TOL 1e-3

static int check_config(const char *act, const char *norm, const char *pos, const char *residual,
                        const char *init, float h, double tol)
{
    SettingPairs pairs = {0};
    const char *kv[][2] = {{"data", "spirals"}, {"widths", "7,7,7"}, {"batch", "5"}, {"act", act},
                           {"norm", norm}, {"norm_position", pos}, {"residual", residual},
                           {"init", init}, {"seed", "3"}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) pairs_add(&pairs, kv[i][0], kv[i][1], "test");
    Settings s;
    if (settings_from_pairs(&s, &pairs) != ST_OK) return CHECK_TRUE(0, "settings: %s", err_msg());
    DataShape shape = {.inputs = IN, .classes = CLASSES};
    Model *m = NULL;
    if (model_create(&m, &s, &shape) != ST_OK) return CHECK_TRUE(0, "model: %s", err_msg());
    /* random non-trivial gains and biases, so the norm parameters' gradients are exercised */
    gsl_rng *r = rng_stream(7, "gradcheck");
    Params *p = &m->params;
    for (int i = 0; i < p->n; i++)
        if (p->spec[i].ndim == 1)
            for (long j = 0; j < p->spec[i].numel; j++)
                p->w[p->spec[i].offset + j] += (float)gsl_ran_gaussian(r, 0.3);
    float x[B * IN];
    int y[B];
    for (int i = 0; i < B * IN; i++) x[i] = (float)gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < B; i++) y[i] = (int)gsl_rng_uniform_int(r, CLASSES);
    Batch b = {B, x, y, NULL};

    gradcheck_backward(m, &b);
    double *fd = malloc((size_t)p->numel * sizeof *fd), *err = malloc((size_t)p->n * sizeof *err);
    gradcheck_fd(fd, m, &b, h);
    gradcheck_compare(p, p->g, fd, err);
    int worst = 0;
    for (int i = 1; i < p->n; i++)
        if (!(err[i] <= err[worst])) worst = i;
    int ok = CHECK_TRUE(err[worst] < tol, "mlp act=%s norm=%s/%s residual=%s: worst tensor %s rel err %.2e (tol %.0e)",
                        act, norm, pos, residual, p->spec[worst].name, err[worst], tol);
    /* tightness: the same check on a gradient with one tensor scaled by 1.02 must fail */
    const ParamSpec *victim = &p->spec[p->n > 2 ? 2 : 0];
    for (long j = 0; j < victim->numel; j++) p->g[victim->offset + j] *= 1.02f;
    gradcheck_compare(p, p->g, fd, err);
    double bad = 0;
    for (int i = 0; i < p->n; i++) bad = fmax(bad, err[i]);
    ok &= CHECK_TRUE(bad > tol, "  a 2%% error in %s is caught (rel err %.2e)", victim->name, bad);
    free(fd), free(err);
    gsl_rng_free(r);
    model_free(m);
    return ok;
}

int main(void)
{
    blas_init(1);
    const char *norms[] = {"none", "layer", "rms"}, *pos[] = {"pre", "post"}, *res[] = {"off", "on"};
    for (int n = 0; n < 3; n++)
        for (int q = 0; q < 2; q++)
            for (int k = 0; k < 2; k++) {
                if (n == 0 && q == 1) continue; /* position means nothing without a norm */
                check_config("tanh", norms[n], pos[q], res[k], "xavier", 1e-2f, TOL);
            }
    check_config("gelu", "layer", "pre", "on", "he", 1e-2f, TOL);
    check_config("sigmoid", "rms", "post", "on", "xavier", 1e-2f, TOL);
    /* ReLU has kinks: a small step so that few differences straddle one, and a looser
     * tolerance for the float round-off that a small step magnifies */
    check_config("relu", "none", "pre", "on", "he", 5e-4f, 5e-3);
    check_config("relu", "layer", "post", "on", "he", 5e-4f, 5e-3);
    check_config("tanh", "none", "pre", "off", "normal", 1e-2f, TOL);
    return th_done();
}
