/* L(w) = w², L'(w) = 2w: the textbook's first example of the update rule (C01). */
#include "toys/landscape.h"

static double parabola_loss(const double *w, const LandscapeArgs *a)
{
    (void)a;
    return w[0] * w[0];
}

static void parabola_grad(double *g, const double *w, const LandscapeArgs *a)
{
    (void)a;
    g[0] = 2 * w[0];
}

static const double parabola_min[1] = {0};

const Landscape landscape_parabola = {"parabola", 1, parabola_loss, parabola_grad, "x**2", parabola_min, 0, NULL};
