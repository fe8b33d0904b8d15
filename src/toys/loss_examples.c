/* The loss-function arithmetic of C22 as landscapes whose loss is computed by the
 * project's own loss code (nn/loss.c, the functions the models train with), so a toy
 * run at a point reports what MSE and cross-entropy make of that prediction. The
 * gradients are written out by hand from the formulas below.
 *
 *   mse_simplex  p = (w1, w2, 1 − w1 − w2), a distribution over three classes whose
 *                correct class is the first; L = MSE(p, (1, 0, 0)) = Σ (p_i − t_i)² / 3.
 *                At w = (0.7, 0.2): (0.09 + 0.04 + 0.01) / 3 = 0.0467.
 *   ce_simplex   the same p; L = cross-entropy of the correct class with logits log p
 *                (softmax(log p) = p): −log w1. At w = (0.7, 0.2): 0.3567.
 *   mse_error    one prediction w of the target 0: L = MSE(w, 0) = w², so an error of 2
 *                costs 4 × an error of 1.
 *   ce_error     two logits (0, w) with the correct class the first: w is how far the
 *                wrong class leads (the error in logit units); L = cross-entropy
 *                = log(1 + e^w), which grows like w for large w (an error of 2 costs
 *                log(1 + e²) / log(1 + e) = 1.62 × an error of 1). */
#include <math.h>

#include "nn/loss.h"
#include "toys/landscape.h"

static void simplex(float *p, const double *w)
{
    p[0] = (float)w[0], p[1] = (float)w[1], p[2] = (float)(1 - w[0] - w[1]);
}

static double mse_simplex_loss(const double *w, const LandscapeArgs *a)
{
    (void)a;
    float p[3], t[3] = {1, 0, 0};
    simplex(p, w);
    return mse_forward(p, t, 1, 3);
}

/* ∂/∂w1 of Σ e_i² / 3 with e = p − t and p3 = 1 − w1 − w2: (2/3)(e1 − e3), likewise w2. */
static void mse_simplex_grad(double *g, const double *w, const LandscapeArgs *a)
{
    (void)a;
    double e1 = w[0] - 1, e2 = w[1], e3 = 1 - w[0] - w[1];
    g[0] = 2.0 / 3 * (e1 - e3);
    g[1] = 2.0 / 3 * (e2 - e3);
}

static double ce_simplex_loss(const double *w, const LandscapeArgs *a)
{
    (void)a;
    float p[3], z[3], probs[3];
    int target = 0;
    simplex(p, w);
    for (int i = 0; i < 3; i++) z[i] = logf(p[i]);
    return crossentropy_forward(probs, z, &target, 1, 3);
}

static void ce_simplex_grad(double *g, const double *w, const LandscapeArgs *a)
{
    (void)a;
    g[0] = -1 / w[0];
    g[1] = 0;
}

static double mse_error_loss(const double *w, const LandscapeArgs *a)
{
    (void)a;
    float p = (float)w[0], t = 0;
    return mse_forward(&p, &t, 1, 1);
}

static void mse_error_grad(double *g, const double *w, const LandscapeArgs *a)
{
    (void)a;
    g[0] = 2 * w[0];
}

static double ce_error_loss(const double *w, const LandscapeArgs *a)
{
    (void)a;
    float z[2] = {0, (float)w[0]}, probs[2];
    int target = 0;
    return crossentropy_forward(probs, z, &target, 1, 2);
}

/* d/dw log(1 + e^w) = e^w / (1 + e^w), the wrong class's probability */
static void ce_error_grad(double *g, const double *w, const LandscapeArgs *a)
{
    (void)a;
    g[0] = 1 / (1 + exp(-w[0]));
}

/* the correct class at probability 1 */
static const double mse_simplex_min[2] = {1, 0}, mse_error_min[1] = {0};

const Landscape landscape_mse_simplex = {"mse_simplex", 2, mse_simplex_loss, mse_simplex_grad,
                                         "((x-1)**2 + y**2 + (1-x-y)**2)/3", mse_simplex_min, 0, NULL};
/* the cross-entropies have no minimum: they fall towards w1 = 1 and w → −∞ */
const Landscape landscape_ce_simplex = {"ce_simplex", 2, ce_simplex_loss, ce_simplex_grad,
                                        "-log(x)", NULL, 0, NULL};
const Landscape landscape_mse_error = {"mse_error", 1, mse_error_loss, mse_error_grad, "x**2",
                                       mse_error_min, 0, NULL};
const Landscape landscape_ce_error = {"ce_error", 1, ce_error_loss, ce_error_grad, "log(1+exp(x))",
                                      NULL, 0, NULL};
