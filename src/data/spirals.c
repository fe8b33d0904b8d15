/* K interleaved 2-D spirals, the classic toy for nonlinear classifiers (as in the
 * CS231n "spiral data" example, with the noise on the angle there put on the points
 * here). Point j of a split belongs to arm k = j mod K; with t ~ U[0,1],
 *     r = t,   θ = 2π·TURNS·t + 2πk/K,   x = r·(cos θ, sin θ) + noise·N(0, I₂),
 * so the arms start together at the origin and separate as they wind outwards.
 * train (n per arm), val and test (n/4 per arm each) are drawn in that order from the
 * stream "spirals" of the seed: same seed, same bits. */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "core/rng.h"
#include "data/dataset.h"

enum { SPIRAL_DIM = 2 };
static const double TURNS = 0.75;
static const double TWO_PI = 6.283185307179586476925286766559;

static void fill(Dataset *d, int classes, double noise, gsl_rng *r)
{
    for (int j = 0; j < d->n; j++) {
        int k = j % classes;
        double t = gsl_rng_uniform(r);
        double th = TWO_PI * TURNS * t + TWO_PI * k / classes;
        double ex = gsl_ran_gaussian(r, 1.0), ey = gsl_ran_gaussian(r, 1.0);
        d->x[2 * j] = (float)(t * cos(th) + noise * ex);
        d->x[2 * j + 1] = (float)(t * sin(th) + noise * ey);
        d->y[j] = k;
    }
}

Status spirals_make(Splits *out, int classes, int n_per_class, double noise, uint64_t seed)
{
    *out = (Splits){0};
    if (classes < 2)
        return err_set(ST_USAGE, "spirals_classes: %d must be at least 2", classes);
    if (n_per_class < 4)
        return err_set(ST_USAGE, "spirals_points: %d must be at least 4", n_per_class);
    if (!(noise >= 0))
        return err_set(ST_USAGE, "spirals_noise: %g must be at least 0", noise);
    if ((long)classes * n_per_class > 100000000L)
        return err_set(ST_USAGE, "spirals: %d classes x %d points is too many", classes,
                       n_per_class);
    int n_held = n_per_class / 4;
    gsl_rng *r = rng_stream(seed, "spirals");
    if (!r) return ST_NOMEM;
    Status st = dataset_alloc(&out->train, classes * n_per_class, SPIRAL_DIM, classes);
    if (st == ST_OK) st = dataset_alloc(&out->val, classes * n_held, SPIRAL_DIM, classes);
    if (st == ST_OK) st = dataset_alloc(&out->test, classes * n_held, SPIRAL_DIM, classes);
    if (st != ST_OK) {
        gsl_rng_free(r);
        splits_free(out);
        return st;
    }
    fill(&out->train, classes, noise, r);
    fill(&out->val, classes, noise, r);
    fill(&out->test, classes, noise, r);
    gsl_rng_free(r);
    return ST_OK;
}
