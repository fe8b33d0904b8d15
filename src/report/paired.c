/* Paired comparisons with a baseline (see paired.h). */
#include "report/paired.h"

#include <math.h>

const char *const class_names[4] = {"no runs", "matches", "loses", "unclear"};

void pair_compare(Comparison *c, const double *base, const bool *diverged, int n, double tolerance,
                  const NoiseFloor *floor)
{
    bool all_positive = true;
    int ndiv = 0;
    for (int k = 0; k < n; k++) {
        c->gap[k] = diverged[k] ? INFINITY : c->value[k] - base[k];
        ndiv += diverged[k];
        if (isfinite(c->gap[k])) all_positive &= c->gap[k] > 0;
    }
    c->v = stats_of(c->value, n);
    c->g = stats_of(c->gap, n);
    c->base = stats_of(base, n).mean;
    c->rel = c->g.mean / c->base;
    c->inside = false;
    if (c->g.n + ndiv == 0) c->cls = C_MISSING;
    else if (ndiv) c->cls = C_LOSES;
    else if (c->rel <= tolerance) c->cls = C_MATCHES;
    else if (!all_positive) c->cls = C_UNCLEAR;
    else c->cls = (c->inside = floor_inside(floor, c->g.mean, c->base)) ? C_UNCLEAR : C_LOSES;
}
