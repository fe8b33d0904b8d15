/* The saddle of C05: two equal minima at w = (0, ±1) (L = 0) and between them a saddle
 * at the origin (L = 1/4) on the ridge w2 = 0:
 *
 *   L(w) = w1²/2 + (w2² − 1)²/4,   ∇L(w) = (w1, w2³ − w2).
 *
 * On the ridge the second component of the gradient is exactly 0, so full-batch
 * descent started there slides along it into the saddle and stays; any noise across
 * the ridge grows (the curvature there is −1) and carries the point to a minimum. */
#include "toys/landscape.h"

static double saddle_loss(const double *w, const LandscapeArgs *a)
{
    (void)a;
    double q = w[1] * w[1] - 1;
    return w[0] * w[0] / 2 + q * q / 4;
}

static void saddle_grad(double *g, const double *w, const LandscapeArgs *a)
{
    (void)a;
    g[0] = w[0];
    g[1] = w[1] * w[1] * w[1] - w[1];
}

static const double saddle_min[2] = {0, 1};
static const double saddle_minima[4] = {0, -1, 0, 1};

const Landscape landscape_saddle = {"saddle", 2, saddle_loss, saddle_grad, "x**2/2 + (y**2 - 1)**2/4",
                                    saddle_min, 2, saddle_minima};
