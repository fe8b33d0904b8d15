/* Statistics with GSL (see stats.h). */
#include "report/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>

Stats stats_of(const double *x, int n)
{
    Stats s = {0, NAN, NAN, NAN, NAN, NAN, NAN};
    double *v = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!v) return s;
    int k = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(x[i])) v[k++] = x[i];
    s.n = k;
    if (k == 0) return free(v), s;
    s.mean = gsl_stats_mean(v, 1, (size_t)k);
    s.min = s.max = v[0];
    for (int i = 1; i < k; i++) {
        if (v[i] < s.min) s.min = v[i];
        if (v[i] > s.max) s.max = v[i];
    }
    if (k >= 2) {
        s.sd = gsl_stats_sd_m(v, 1, (size_t)k, s.mean);
        double h = gsl_cdf_tdist_Pinv(0.975, k - 1) * s.sd / sqrt(k);
        s.ci_lo = s.mean - h;
        s.ci_hi = s.mean + h;
    }
    free(v);
    return s;
}

Status stats_loglog_fit(const double *x, const double *y, int n, double *slope, double *intercept)
{
    double *lx = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    double *ly = malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!lx || !ly) return free(lx), free(ly), ST_NOMEM;
    int k = 0;
    for (int i = 0; i < n; i++)
        if (x[i] > 0 && y[i] > 0 && isfinite(x[i]) && isfinite(y[i]))
            lx[k] = log10(x[i]), ly[k] = log10(y[i]), k++;
    Status st = ST_FAILED;
    if (k >= 2) {
        double c0, c1, cov00, cov01, cov11, sumsq;
        gsl_fit_linear(lx, 1, ly, 1, (size_t)k, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
        *intercept = c0;
        *slope = c1;
        st = ST_OK;
    }
    free(lx);
    free(ly);
    if (st != ST_OK) return err_set(ST_FAILED, "log-log fit: fewer than two positive points");
    return ST_OK;
}

char *stats_fmt(char *buf, double v)
{
    if (!isfinite(v)) snprintf(buf, 32, "–");
    else snprintf(buf, 32, "%.4g", v);
    return buf;
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_median(double *v, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i])) v[k++] = v[i];
    if (!k) return NAN;
    qsort(v, (size_t)k, sizeof *v, dbl_cmp);
    return k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
}

char *stats_pct(char *buf, double v, int decimals)
{
    if (!isfinite(v)) snprintf(buf, 32, "–");
    else snprintf(buf, 32, "%+.*f %%", decimals, 100 * v);
    return buf;
}
