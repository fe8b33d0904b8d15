/* unit: the minima and basins of C05's landscapes (toys/basins.c). Every listed minimum
 * of bumps and saddle has a zero gradient and a loss below its neighbours'; the global
 * one is flagged; a point is "at" a minimum only within half the distance to the next;
 * gradient flow from a point ends in the basin between the maxima around it, and from the
 * saddle's ridge in no minimum. */
#include <math.h>

#include "harness.h"
#include "toys/landscape.h"

static void check_minima(const char *name)
{
    const Landscape *l = landscape_by_name(name);
    const LandscapeArgs a = {1, 0};
    double worst = 0;
    int lower = 0, globals = 0;
    for (int i = 0; l && i < l->nminima; i++) {
        const double *m = l->minima + i * l->dim;
        double g[TOY_MAX_DIM], w[TOY_MAX_DIM];
        l->grad(g, m, &a);
        for (int d = 0; d < l->dim; d++) worst = fmax(worst, fabs(g[d]));
        int below = 1;
        for (int d = 0; d < l->dim; d++)
            for (int s = -1; s <= 1; s += 2) {
                for (int e = 0; e < l->dim; e++) w[e] = m[e] + (e == d ? s * 1e-3 : 0);
                below &= l->loss(m, &a) < l->loss(w, &a);
            }
        lower += below;
        globals += landscape_is_global(l, &a, i);
    }
    CHECK_TRUE(l && l->nminima > 0 && worst < 1e-12 && lower == l->nminima,
               "%s: %d listed minima, gradient at most %.3g there, each below its neighbours (%d)", name,
               l ? l->nminima : 0, worst, lower);
    CHECK_TRUE(globals == (name[0] == 'b' ? 1 : 2), "%s: %d global minima flagged", name, globals);
}

int main(void)
{
    check_minima("bumps");
    check_minima("saddle");
    const Landscape *b = landscape_by_name("bumps"), *s = landscape_by_name("saddle");
    const LandscapeArgs a = {1, 0};
    /* bumps: minima ordered -8.88 .. 8.88 (index 3 is 0); maxima at ±1.654, ±4.973, ±8.348 */
    CHECK_TRUE(landscape_basin(b, &a, (double[]){1.6}) == 3 && landscape_basin(b, &a, (double[]){1.7}) == 4 &&
                   landscape_basin(b, &a, (double[]){4.9}) == 4 && landscape_basin(b, &a, (double[]){5.0}) == 5 &&
                   landscape_basin(b, &a, (double[]){-8.3}) == 1 && landscape_basin(b, &a, (double[]){-8.4}) == 0,
               "bumps: gradient flow ends between the maxima around the start");
    CHECK_TRUE(landscape_at_minimum(b, (double[]){0.1}) == 3 && landscape_at_minimum(b, (double[]){1.495}) == -1 &&
                   landscape_is_global(b, &a, 3) && !landscape_is_global(b, &a, 4) && !landscape_is_global(b, &a, -1),
               "bumps: near 0 is at the global minimum, 1.495 (between 0 and 2.990) at none");
    CHECK_TRUE(landscape_basin(s, &a, (double[]){1.5, 0}) == -1 && landscape_basin(s, &a, (double[]){1.5, 1e-6}) == 1 &&
                   landscape_basin(s, &a, (double[]){-1, -0.5}) == 0 && landscape_at_minimum(s, (double[]){0, 0}) == -1,
               "saddle: from the ridge flow ends in the saddle, off it in the minimum on its side");
    return th_done();
}
