/* Minima and basins of a landscape with listed minima (see landscape.h), for C05: where
 * a descent ended, and where gradient flow from its start would have ended. */
#include <math.h>

#include "toys/landscape.h"

static double dist(const double *a, const double *b, int dim)
{
    double ss = 0;
    for (int i = 0; i < dim; i++) ss += (a[i] - b[i]) * (a[i] - b[i]);
    return sqrt(ss);
}

int landscape_at_minimum(const Landscape *l, const double *w)
{
    int best = -1;
    double d = INFINITY;
    for (int i = 0; i < l->nminima; i++) {
        double di = dist(w, l->minima + i * l->dim, l->dim);
        if (di < d) d = di, best = i;
    }
    if (best < 0) return -1;
    double gap = INFINITY; /* to the nearest other minimum */
    for (int i = 0; i < l->nminima; i++)
        if (i != best) gap = fmin(gap, dist(l->minima + best * l->dim, l->minima + i * l->dim, l->dim));
    return d < gap / 2 ? best : -1;
}

int landscape_is_global(const Landscape *l, const LandscapeArgs *a, int i)
{
    if (i < 0 || i >= l->nminima) return 0;
    double least = INFINITY;
    for (int k = 0; k < l->nminima; k++) least = fmin(least, l->loss(l->minima + k * l->dim, a));
    return l->loss(l->minima + i * l->dim, a) <= least + 1e-12;
}

int landscape_basin(const Landscape *l, const LandscapeArgs *a, const double *w0)
{
    double w[TOY_MAX_DIM], g[TOY_MAX_DIM];
    for (int i = 0; i < l->dim; i++) w[i] = w0[i];
    for (long step = 0; step < 100000; step++) {
        l->grad(g, w, a);
        double gn = 0;
        for (int i = 0; i < l->dim; i++) gn += g[i] * g[i];
        if (sqrt(gn) < 1e-10) break;
        for (int i = 0; i < l->dim; i++) w[i] -= 0.01 * g[i];
    }
    return landscape_at_minimum(l, w);
}
