/* Least-squares fits with GSL for the scaling rules: a parabola and its vertex with a
 * 95 % interval from the fit's covariance, and a weighted straight line (a power law on
 * log-log axes) with the slope's interval. */
#ifndef DESCENT_REPORT_FITS_H
#define DESCENT_REPORT_FITS_H

#include "core/status.h"

typedef struct {
    int n, dof;             /* points, n − 3 */
    double c[3];            /* y = c0 + c1·u + c2·u² */
    double cov[3][3];       /* covariance of c, scaled by the residual variance */
    double vertex;          /* u* = −c1 / (2 c2) */
    double vertex_se;       /* its standard error (delta method) */
    double t;               /* the 95 % two-sided t quantile at dof */
    double curv_lo, curv_hi; /* 95 % interval of c2 */
} Parabola;

/* The parabola through the n points (u, y) (gsl_multifit_linear). ST_FAILED with
 * fewer than 4 points: an interval needs a residual degree of freedom. */
Status fit_parabola(const double *u, const double *y, int n, Parabola *p);

typedef struct {
    int n;
    double a, b;      /* y = a + b·x */
    double b_se;      /* standard error of b */
    double b_lo, b_hi; /* its 95 % interval */
} Line;

/* y = a + b·x over n points; with sd (the standard error of each y) weighted by 1/sd²
 * (gsl_fit_wlinear: the errors of b come from the sd, normal quantiles), else unweighted
 * with the residuals' scale and t quantiles at n − 2 (gsl_fit_linear). ST_FAILED with
 * fewer than 2 points (3 unweighted) or an sd that is not positive. */
Status fit_line(const double *x, const double *y, const double *sd, int n, Line *l);
/* Unweighted fit_line of log10 y against log10 x over the points where both are
 * positive and finite (a power law y ∝ x^b); n counts those points. */
Status fit_loglog(const double *x, const double *y, int n, Line *l);

#endif
