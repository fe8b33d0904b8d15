/* Fits with GSL (see fits.h). */
#include "report/fits.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>

Status fit_parabola(const double *u, const double *y, int n, Parabola *p)
{
    *p = (Parabola){.n = n, .dof = n - 3, .vertex = NAN, .vertex_se = NAN};
    if (n < 4) return err_set(ST_FAILED, "parabola fit: %d points, 4 are needed", n);
    gsl_matrix *X = gsl_matrix_alloc((size_t)n, 3), *cov = gsl_matrix_alloc(3, 3);
    gsl_vector *yv = gsl_vector_alloc((size_t)n), *c = gsl_vector_alloc(3);
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc((size_t)n, 3);
    Status st = ST_NOMEM;
    if (X && cov && yv && c && w) {
        for (int i = 0; i < n; i++) {
            gsl_matrix_set(X, (size_t)i, 0, 1.0);
            gsl_matrix_set(X, (size_t)i, 1, u[i]);
            gsl_matrix_set(X, (size_t)i, 2, u[i] * u[i]);
            gsl_vector_set(yv, (size_t)i, y[i]);
        }
        double chisq;
        st = gsl_multifit_linear(X, yv, c, cov, &chisq, w) ? ST_FAILED : ST_OK;
        for (int i = 0; i < 3 && st == ST_OK; i++) {
            p->c[i] = gsl_vector_get(c, (size_t)i);
            for (int j = 0; j < 3; j++) p->cov[i][j] = gsl_matrix_get(cov, (size_t)i, (size_t)j);
        }
    }
    gsl_multifit_linear_free(w);
    gsl_matrix_free(X), gsl_matrix_free(cov), gsl_vector_free(yv), gsl_vector_free(c);
    if (st != ST_OK) return err_set(st, "parabola fit failed");
    p->t = gsl_cdf_tdist_Pinv(0.975, p->dof);
    double c1 = p->c[1], c2 = p->c[2], se2 = sqrt(p->cov[2][2]);
    p->curv_lo = c2 - p->t * se2, p->curv_hi = c2 + p->t * se2;
    if (c2 != 0) {
        /* the gradient of the vertex in (c0, c1, c2): (0, −1/(2c2), c1/(2c2²)) */
        double g1 = -1 / (2 * c2), g2 = c1 / (2 * c2 * c2);
        p->vertex = -c1 / (2 * c2);
        p->vertex_se = sqrt(g1 * g1 * p->cov[1][1] + 2 * g1 * g2 * p->cov[1][2] + g2 * g2 * p->cov[2][2]);
    }
    return ST_OK;
}

Status fit_line(const double *x, const double *y, const double *sd, int n, Line *l)
{
    *l = (Line){.n = n, .a = NAN, .b = NAN, .b_se = NAN, .b_lo = NAN, .b_hi = NAN};
    double c0, c1, cov00, cov01, cov11, chisq, q;
    (void)chisq;
    if (sd) {
        if (n < 2) return err_set(ST_FAILED, "line fit: %d points, 2 are needed", n);
        double *wt = malloc(sizeof *wt * (size_t)n);
        if (!wt) return ST_NOMEM;
        for (int i = 0; i < n; i++) {
            if (!(sd[i] > 0) || !isfinite(sd[i])) {
                free(wt);
                return err_set(ST_FAILED, "line fit: point %d has no error", i);
            }
            wt[i] = 1 / (sd[i] * sd[i]);
        }
        gsl_fit_wlinear(x, 1, wt, 1, y, 1, (size_t)n, &c0, &c1, &cov00, &cov01, &cov11, &chisq);
        free(wt);
        q = gsl_cdf_ugaussian_Pinv(0.975);
    } else {
        if (n < 3) return err_set(ST_FAILED, "line fit: %d points, 3 are needed", n);
        gsl_fit_linear(x, 1, y, 1, (size_t)n, &c0, &c1, &cov00, &cov01, &cov11, &chisq);
        q = gsl_cdf_tdist_Pinv(0.975, n - 2);
    }
    l->a = c0, l->b = c1, l->b_se = sqrt(cov11);
    l->b_lo = c1 - q * l->b_se, l->b_hi = c1 + q * l->b_se;
    return ST_OK;
}

Status fit_loglog(const double *x, const double *y, int n, Line *l)
{
    double *lx = malloc(sizeof *lx * (size_t)(n > 0 ? n : 1)), *ly = malloc(sizeof *ly * (size_t)(n > 0 ? n : 1));
    if (!lx || !ly) return free(lx), free(ly), ST_NOMEM;
    int k = 0;
    for (int i = 0; i < n; i++)
        if (x[i] > 0 && y[i] > 0 && isfinite(x[i]) && isfinite(y[i])) lx[k] = log10(x[i]), ly[k] = log10(y[i]), k++;
    Status st = fit_line(lx, ly, NULL, k, l);
    free(lx);
    free(ly);
    return st;
}
