/* Statistics of a handful of runs, with GSL: mean, sample standard deviation, range
 * and the 95 % t-interval of the mean; least-squares slopes on log-log axes. */
#ifndef DESCENT_REPORT_STATS_H
#define DESCENT_REPORT_STATS_H

#include "core/status.h"

typedef struct {
    int n;                /* finite values used */
    double mean, sd;      /* sd: sample standard deviation (n - 1); NaN for n < 2 */
    double min, max;
    double ci_lo, ci_hi;  /* 95 % t-interval of the mean; NaN for n < 2 */
} Stats;

/* Over the finite values of x (n of them); NaN and ±Inf are left out. */
Stats stats_of(const double *x, int n);

/* Slope and intercept of log10 y = a + b log10 x over the points with x, y > 0 and
 * finite (gsl_fit_linear). ST_FAILED with fewer than two such points. */
Status stats_loglog_fit(const double *x, const double *y, int n, double *slope,
                        double *intercept);

/* The median of the finite values of v (sorts v in place); NaN when there are none. */
double stats_median(double *v, int n);

/* v as "%.4g" into buf (at least 32 bytes), "–" when not finite; returns buf. */
char *stats_fmt(char *buf, double v);
/* The fraction v as a signed percentage with `decimals` decimals ("+1.25 %") into buf
 * (at least 32 bytes), "–" when not finite; returns buf. */
char *stats_pct(char *buf, double v, int decimals);

#endif
