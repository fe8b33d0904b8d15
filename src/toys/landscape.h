/* Toy loss landscapes: 1-D and 2-D formulas with exact gradients, on which the
 * textbook's pictures of gradient descent can be checked number by number (C01, the
 * ill-conditioned bowl of C03, the chain-rule example of C07, the loss arithmetic of
 * C22; the bumpy curve and the saddle of C05).
 *
 * A Landscape is a static type table (after GSL's gsl_multimin_function):
 * {name, dim, loss, grad, formula, minimum, nminima, minima}. Adding one is one new file (defining
 * `const Landscape landscape_NAME`), one line in the registry (LANDSCAPES in
 * landscapes.c) and one in meson.build: the `landscape` setting takes its choices from
 * the registry. The settings that shape a landscape (kappa, rotation) reach it as
 * LandscapeArgs. */
#ifndef DESCENT_TOYS_LANDSCAPE_H
#define DESCENT_TOYS_LANDSCAPE_H

#include <stddef.h>

enum { TOY_MAX_DIM = 2 };

/* The settings a landscape may depend on. */
typedef struct {
    double kappa;    /* bowl: condition number */
    double rotation; /* bowl: angle of its axes in degrees */
} LandscapeArgs;

typedef struct {
    const char *name;
    int dim; /* 1 or 2 */
    /* L(w), w (dim), in double */
    double (*loss)(const double *w, const LandscapeArgs *a);
    /* g (dim) = ∇L(w), exact */
    void (*grad)(double *g, const double *w, const LandscapeArgs *a);
    const char *formula; /* gnuplot syntax in x (and y): "x**2" */
    const double *minimum; /* (dim) the point of least loss; NULL: none or unknown */
    /* Every local minimum (C05's basins; 0 and NULL: not listed), the global ones
     * among them. */
    int nminima;
    const double *minima; /* (nminima, dim) */
} Landscape;

/* The registry: entry i, NULL past the last. */
const Landscape *landscape_at(int i);
/* Its name (the `landscape` setting's choices, a ChoiceName of core/choices.h). */
const char *landscape_name(int i);
/* NULL when no landscape has that name. */
const Landscape *landscape_by_name(const char *name);

/* Where a point is, among l's listed minima: the index of the minimum it lies at (closer
 * than half the distance from that minimum to the nearest other one), or -1. */
int landscape_at_minimum(const Landscape *l, const double *w);
/* Whether minimum i has the least loss of the listed ones (within 1e-12). */
int landscape_is_global(const Landscape *l, const LandscapeArgs *a, int i);
/* The basin of w: where gradient flow from w ends (landscape_at_minimum of the point
 * that explicit Euler steps of 0.01 reach after 10⁵ steps or once the gradient is below
 * 1e-10; -1: a saddle or a ridge, no minimum). In double. */
int landscape_basin(const Landscape *l, const LandscapeArgs *a, const double *w);

#endif
