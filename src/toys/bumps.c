/* The bumpy curve of C05: a wide bowl with ripples, one global minimum and six local
 * ones whose depth grows away from the centre while their barriers shrink:
 *
 *   L(w) = w²/20 + sin²(w),   L'(w) = w/10 + sin(2w).
 *
 * Minima where w/10 + sin 2w = 0 with 0.1 + 2 cos 2w > 0: w = 0 (L = 0, the global
 * one) and ±2.98978, ±5.96370, ±8.87846 (L = 0.470, 1.877, 4.211), found by Newton's
 * method to double precision; the maxima between them sit at ±1.65387, ±4.97261,
 * ±8.34785 (L = 1.130, 2.170, 4.260), so the barriers out of the local minima are
 * 0.660, 0.293 and 0.048: the farther from the centre, the shallower. */
#include <math.h>

#include "toys/landscape.h"

static double bumps_loss(const double *w, const LandscapeArgs *a)
{
    (void)a;
    double s = sin(w[0]);
    return w[0] * w[0] / 20 + s * s;
}

static void bumps_grad(double *g, const double *w, const LandscapeArgs *a)
{
    (void)a;
    g[0] = w[0] / 10 + sin(2 * w[0]);
}

static const double bumps_min[1] = {0};
static const double bumps_minima[7] = {-8.878456969484127, -5.963699682921448, -2.9897818149298603, 0,
                                       2.9897818149298603,  5.963699682921448,  8.878456969484127};

const Landscape landscape_bumps = {"bumps", 1, bumps_loss, bumps_grad, "x**2/20 + sin(x)**2", bumps_min,
                                   7, bumps_minima};
