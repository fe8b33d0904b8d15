/* The landscape table (see toys.h). Formulas in double, gradients by hand. */
#include <string.h>

#include "toys/toys.h"

/* L(w) = w², L'(w) = 2w: the textbook's first example of the update rule (C01). */
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

const Landscape landscape_parabola = {"parabola", 1, parabola_loss, parabola_grad, "x**2", parabola_min};

static const Landscape *const landscapes[] = {&landscape_parabola,   &landscape_chain, &landscape_bowl,
                                              &landscape_mse_simplex, &landscape_ce_simplex,
                                              &landscape_mse_error,   &landscape_ce_error};

const Landscape *landscape_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof landscapes / sizeof landscapes[0]; i++)
        if (strcmp(landscapes[i]->name, name) == 0) return landscapes[i];
    return NULL;
}
