/* Per-layer statistics of runs (see layerstats.h). */
#include "report/layerstats.h"

#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/labels.h"

Status ls_profile(const Experiment *x, int row, long step, const char *col, double *v, int *n)
{
    Table t;
    *n = 0;
    const char *id = table_get(&x->runs, row, "run_id");
    if (exp_run_file(x, row, "layer_stats.tsv", &t) != ST_OK)
        return err_set(ST_IO, "%s: run %s has no layer_stats.tsv", x->name, id);
    int cs = table_col(&t, "step"), ci = table_col(&t, "index"), cv = table_col(&t, col);
    if (cs < 0 || ci < 0 || cv < 0) {
        table_free(&t);
        return err_set(ST_IO, "%s: run %s: layer_stats.tsv has no column '%s'", x->name, id,
                       cv < 0 ? col : cs < 0 ? "step" : "index");
    }
    for (int r = 0; r < t.nrows; r++) {
        double di = table_num(&t, r, ci); /* a cell that is no index is skipped, not cast */
        if (table_num(&t, r, cs) != (double)step || !(di >= 0 && di < LS_MAX_LAYERS)) continue;
        int i = (int)di;
        v[i] = table_num(&t, r, cv);
        if (i + 1 > *n) *n = i + 1;
    }
    table_free(&t);
    if (*n == 0) return err_set(ST_IO, "%s: run %s: layer_stats.tsv has no rows at step %ld", x->name, id, step);
    return ST_OK;
}

void ls_mean_profile(const Experiment *x, const int *rows, int nrows, long step, const char *col, double *v, int *n)
{
    double sum[LS_MAX_LAYERS] = {0};
    int cnt[LS_MAX_LAYERS] = {0}, zeros[LS_MAX_LAYERS] = {0}, seen[LS_MAX_LAYERS] = {0};
    *n = 0;
    for (int k = 0; k < nrows; k++) {
        double p[LS_MAX_LAYERS];
        int m;
        if (ls_profile(x, rows[k], step, col, p, &m) != ST_OK) continue;
        for (int l = 0; l < m; l++) {
            if (isfinite(p[l]) && p[l] > 0) sum[l] += log10(p[l]), cnt[l]++;
            zeros[l] += p[l] == 0, seen[l]++;
        }
        if (m > *n) *n = m;
    }
    for (int l = 0; l < *n; l++) v[l] = cnt[l] ? pow(10, sum[l] / cnt[l]) : seen[l] && zeros[l] == seen[l] ? 0 : NAN;
}

bool ls_has(const Experiment *x, const char *col)
{
    Table t;
    if (x->runs.nrows < 1 || exp_run_file(x, 0, "layer_stats.tsv", &t) != ST_OK) return false;
    bool has = table_col(&t, col) >= 0;
    table_free(&t);
    return has;
}

double ls_factor(const double *v, int from, int to)
{
    if (to - from < 1) return NAN;
    bool inf = false, nan = false;
    int zeros = 0, first_zero = -1, last_zero = -1;
    for (int i = from; i <= to; i++) {
        inf |= isinf(v[i]) && v[i] > 0;
        nan |= isnan(v[i]) || v[i] < 0;
        if (v[i] == 0) {
            zeros++, last_zero = i;
            if (first_zero < 0) first_zero = i;
        }
    }
    if (inf) return INFINITY;
    if (nan || zeros == to - from + 1) return NAN;
    if (zeros) { /* underflowed: at the far end it shrank to 0, at the near end it grew from 0 */
        if (first_zero == to - zeros + 1) return 0;
        if (last_zero == from + zeros - 1) return INFINITY;
        return NAN;
    }
    int k = to - from + 1;
    double *lx = malloc(sizeof *lx * (size_t)k), *ly = malloc(sizeof *ly * (size_t)k);
    if (!lx || !ly) return free(lx), free(ly), NAN;
    for (int i = 0; i < k; i++) lx[i] = from + i, ly[i] = log10(v[from + i]);
    double c0, c1, cov00, cov01, cov11, sumsq;
    gsl_fit_linear(lx, 1, ly, 1, (size_t)k, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    free(lx), free(ly);
    return pow(10, c1);
}

Status ls_figure(FigureSet *fs, const Experiment *x, const Cells *c, const bool *pick, long step,
                 const char *col, const char *suffix, const char *title, const char *ylabel,
                 const char *caption)
{
    char name[160];
    snprintf(name, sizeof name, "%s_%s", x->name, suffix);
    FILE *f = fig_open(fs, name, title, caption);
    if (!f) return ST_IO;
    fprintf(f, "set xlabel 'layer index (0: the input side)'\nset ylabel ");
    gp_quote(f, ylabel);
    fprintf(f, "\nset logscale y\nset format y '10^{%%L}'\n");
    bool any = false;
    for (int i = 0; i < c->ncells; i++) {
        if (pick && !pick[i]) continue;
        double v[LS_MAX_LAYERS];
        int layers;
        ls_mean_profile(x, c->cell[i].rows, c->cell[i].nrows, step, col, v, &layers);
        fprintf(f, "$c%d << EOD\n# layer %s (geometric mean over seeds)\n", i, col);
        for (int l = 0; l < layers; l++)
            if (isfinite(v[l]) && v[l] > 0) fprintf(f, "%d %.6g\n", l, v[l]), any = true;
        fprintf(f, "EOD\n");
    }
    fprintf(f, "plot ");
    int drawn = 0;
    for (int i = 0; i < c->ncells; i++) {
        if (pick && !pick[i]) continue;
        char label[512];
        label_run(label, sizeof label, x, c->cell[i].rows[0], c);
        fprintf(f, "%s$c%d using 1:2 with linespoints lc rgb '%s' pt %d ps 0.6 lw 2 title ", drawn ? ", \\\n  " : "",
                i, fig_colour(drawn), 5 + drawn % 4 * 2);
        gp_quote(f, label);
        drawn++;
    }
    if (!any) fprintf(f, "%s1/0 notitle", drawn ? ", " : "");
    fprintf(f, "\n");
    return fig_close(f, name);
}
