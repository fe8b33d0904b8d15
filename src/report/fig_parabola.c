/* C01 figures (see figures.h): trajectories on the parabola, and the contraction factor
 * per step against the learning rate. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "report/figures.h"
#include "report/stats.h"

enum { TRAJ_MAX = 8 };

static const char *const traj_colours[] = {"#0072b2", "#009e73", "#e69f00", "#d55e00",
                                           "#cc79a7", "#56b4e9", "#000000", "#999999"};

/* The expect_ETA trajectories, each drawn as arrows from (w_t, w_t²) to (w_t+1, w_t+1²)
 * for as many steps as the claim lists, in one panel per learning rate. */
static Status fig_trajectories(FigureSet *fs, const Experiment *x)
{
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_trajectories", x->name);
    snprintf(title, sizeof title, "%s: gradient descent on L(w) = w² from w = %s", x->name,
             exp_setting(x, "w0") ? exp_setting(x, "w0") : "4");
    FILE *f = fig_open(fs, name, title,
                       "The measured points w_t (steps 0 to 4) on L(w) = w², joined in step order, "
                       "one panel per learning rate of the claim.");
    if (!f) return ST_IO;
    int n = 0;
    double lrs[TRAJ_MAX];
    Table t[TRAJ_MAX];
    int steps[TRAJ_MAX];
    for (int i = 0; i < x->nparams && n < TRAJ_MAX; i++) {
        if (strncmp(x->params[i].key, "expect_", 7) != 0) continue;
        double lr = strtod(x->params[i].key + 7, NULL);
        int row = exp_find_run(x, "lr", lr);
        if (row < 0 || exp_run_file(x, row, "curve.tsv", &t[n]) != ST_OK) continue;
        int k = 0;
        for (const char *p = x->params[i].value; *p;) { /* count the claimed values */
            while (*p == ' ' || *p == ',') p++;
            if (!*p) break;
            k++;
            while (*p && *p != ' ' && *p != ',') p++;
        }
        steps[n] = k < t[n].nrows ? k : t[n].nrows;
        lrs[n++] = lr;
    }
    int cols = n > 2 ? 2 : (n ? n : 1), rows = (n + 1) / 2 ? (n + 1) / 2 : 1;
    fprintf(f, "unset title\nset key off\nset samples 400\n");
    fprintf(f, "set multiplot layout %d,%d title ", rows, cols);
    gp_quote(f, title);
    fprintf(f, " noenhanced\n");
    for (int i = 0; i < n; i++) {
        double r = 0;
        for (int k = 0; k < steps[i]; k++) r = fmax(r, fabs(table_getnum(&t[i], k, "w")));
        r = r > 0 ? 1.15 * r : 1;
        fprintf(f, "set title 'η = %g' enhanced\nset xrange [%.4g:%.4g]\nset yrange [0:%.4g]\n"
                   "set xlabel 'w'\nset ylabel 'L(w) = w²'\n", lrs[i], -r, r, r * r * 1.05);
        fprintf(f, "$t%d << EOD\n# step w L\n", i);
        for (int k = 0; k < steps[i]; k++) {
            double w = table_getnum(&t[i], k, "w");
            fprintf(f, "%d %.6g %.6g\n", k, w, w * w);
        }
        fprintf(f, "EOD\n");
        const char *c = traj_colours[i % 8];
        fprintf(f, "plot x**2 with lines lc rgb '#a0a0a0' lw 1.5, \\\n"
                   "  $t%d using 2:3 with linespoints lc rgb '%s' lw 1.5 pt 7 ps 0.8, \\\n"
                   "  $t%d using 2:3:(sprintf('%%d', $1)) with labels offset 0,0.8 textcolor rgb '%s'\n",
                i, c, i, c);
    }
    if (n == 0) fprintf(f, "set label 'no runs to draw' at graph 0.5, 0.5 center\nplot [0:1] [0:1] 2\n");
    fprintf(f, "unset multiplot\n");
    for (int i = 0; i < n; i++) table_free(&t[i]);
    return fig_close(f, name);
}

/* Measured |w_T / w_0|^(1/T) over each run against lr, with the theory |1 - 2 lr|. */
static Status fig_contraction(FigureSet *fs, const Experiment *x)
{
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_contraction", x->name);
    snprintf(title, sizeof title, "%s: contraction of |w| per step against the learning rate", x->name);
    FILE *f = fig_open(fs, name, title,
                       "|w_T / w_0|^(1/T) over each run (points; T is the last step, or the step where float w underflowed to 0) against the learning rate, and "
                       "the theory |1 − 2η| (line). Below 1 the run converges, at 1 it bounces, above "
                       "1 it diverges; the factor is 0 at η = 0.5.");
    if (!f) return ST_IO;
    fprintf(f, "set xlabel 'learning rate η'\nset ylabel 'contraction factor of |w| per step' noenhanced\n"
               "set xrange [0:*]\nset yrange [0:*]\nset samples 401\n$m << EOD\n# lr factor steps\n");
    double xmax = 0;
    int *order = malloc(sizeof(int) * (size_t)(x->runs.nrows ? x->runs.nrows : 1));
    if (!order) return fclose(f), ST_NOMEM;
    for (int r = 0; r < x->runs.nrows; r++) order[r] = r;
    for (int a = 1; a < x->runs.nrows; a++) /* by lr */
        for (int b = a; b > 0 && table_getnum(&x->runs, order[b], "lr") <
                                     table_getnum(&x->runs, order[b - 1], "lr"); b--) {
            int tmp = order[b];
            order[b] = order[b - 1], order[b - 1] = tmp;
        }
    for (int i = 0; i < x->runs.nrows; i++) {
        Table c;
        if (exp_run_file(x, order[i], "curve.tsv", &c) != ST_OK) continue;
        /* the run stops counting where float w underflows (|w| < 1e-30) and turns 0 */
        int last = c.nrows - 1;
        for (int k = 1; k < c.nrows; k++)
            if (fabs(table_getnum(&c, k, "w")) < 1e-30) {
                last = k;
                break;
            }
        double w0 = table_getnum(&c, 0, "w"), wt = table_getnum(&c, last, "w");
        double steps = table_getnum(&c, last, "step"), lr = table_getnum(&x->runs, order[i], "lr");
        if (steps > 0 && w0 != 0 && isfinite(wt)) {
            fprintf(f, "%.6g %.6g %.0f\n", lr, pow(fabs(wt / w0), 1 / steps), steps);
            xmax = fmax(xmax, lr);
        }
        table_free(&c);
    }
    free(order);
    fprintf(f, "EOD\nset xrange [0:%.4g]\nset arrow from 0,1 to %.4g,1 nohead lc rgb '#808080' dt 2\n",
            xmax * 1.05, xmax * 1.05);
    fprintf(f, "plot abs(1 - 2*x) with lines lc rgb '#a0a0a0' lw 2 title '|1 − 2η| (theory)', \\\n"
               "  $m using 1:2 with points lc rgb '#0072b2' pt 7 ps 0.9 title 'measured'\n");
    return fig_close(f, name);
}

Status figures_parabola(FigureSet *fs, const Experiment *x)
{
    Status st = fig_trajectories(fs, x);
    return st != ST_OK ? st : fig_contraction(fs, x);
}
