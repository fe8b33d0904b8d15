/* Differences to a baseline against steps (see figures.h: figures_baseline_diff). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/labels.h"
#include "report/stats.h"

enum { MAX_SEEDS = 64 };

/* The baseline run with run r's seed, or -1. */
static int paired_run(const Experiment *x, int r, const char *key, const char *value)
{
    const char *seed = table_get(&x->runs, r, "seed");
    for (int k = 0; k < x->runs.nrows; k++)
        if (!strcmp(table_get(&x->runs, k, key), value) && !strcmp(table_get(&x->runs, k, "seed"), seed)) return k;
    return -1;
}

/* One cell's line: per row of the baseline's curve, the differences over the cell's seeds. */
static bool write_cell(FILE *f, const Experiment *x, const Cell *cell, int i, const char *col, const char *key,
                       const char *value)
{
    Table run[MAX_SEEDS], base[MAX_SEEDS];
    int n = 0;
    for (int k = 0; k < cell->nrows && n < MAX_SEEDS; k++) {
        int b = paired_run(x, cell->rows[k], key, value);
        if (b < 0 || exp_run_file(x, cell->rows[k], "curve.tsv", &run[n]) != ST_OK) continue;
        if (exp_run_file(x, b, "curve.tsv", &base[n]) != ST_OK) {
            table_free(&run[n]);
            continue;
        }
        n++;
    }
    bool drawn = false;
    fprintf(f, "$c%d << EOD\n# step mean min max (over %d seeds)\n", i, n);
    for (int row = 0; n && row < base[0].nrows; row++) {
        double step = table_getnum(&base[0], row, "step"), d[MAX_SEEDS];
        for (int k = 0; k < n; k++) {
            bool same = row < run[k].nrows && row < base[k].nrows && table_getnum(&run[k], row, "step") == step &&
                        table_getnum(&base[k], row, "step") == step;
            d[k] = same ? table_getnum(&run[k], row, col) - table_getnum(&base[k], row, col) : NAN;
        }
        Stats s = stats_of(d, n);
        if (s.n && step > 0) fprintf(f, "%.9g %.6g %.6g %.6g\n", step, s.mean, s.min, s.max), drawn = true;
    }
    fprintf(f, "EOD\n");
    for (int k = 0; k < n; k++) table_free(&run[k]), table_free(&base[k]);
    return drawn;
}

Status figures_baseline_diff(FigureSet *fs, const Experiment *x, const char *col, const char *suffix,
                             const char *ylabel, const char *key, const char *value)
{
    static const char *const not_seed[] = {"seed", NULL};
    Cells c;
    Status st = exp_cells(&c, x, not_seed);
    if (st != ST_OK) return st;
    char name[160], title[512], caption[768];
    snprintf(name, sizeof name, "%s_%s", x->name, suffix);
    snprintf(title, sizeof title, "%s: %s", x->name, ylabel);
    snprintf(caption, sizeof caption,
             "%s against optimizer steps: each setting's run minus the run of the same seed with %s = %s, "
             "one line per setting: mean over seeds, shaded from the lowest to the highest seed; the dashed line "
             "at zero is the baseline itself.", ylabel, key, value);
    FILE *f = fig_open(fs, name, title, caption);
    if (!f) return cells_free(&c), ST_IO;
    fprintf(f, "set xlabel 'optimizer step'\nset ylabel ");
    gp_quote(f, ylabel);
    fprintf(f, "\n");
    bool *drawn = calloc((size_t)(c.ncells ? c.ncells : 1), sizeof *drawn);
    if (!drawn) return fclose(f), cells_free(&c), ST_NOMEM;
    for (int i = 0; i < c.ncells; i++)
        if (strcmp(table_get(&x->runs, c.cell[i].rows[0], key), value))
            drawn[i] = write_cell(f, x, &c.cell[i], i, col, key, value);
    fprintf(f, "plot \\\n  0 with lines lc rgb '#404040' dt 2 lw 1 notitle");
    for (int i = 0; i < c.ncells; i++) {
        if (!drawn[i]) continue;
        char label[512];
        label_run(label, sizeof label, x, c.cell[i].rows[0], &c);
        fprintf(f, ", \\\n  $c%d using 1:3:4 with filledcurves fc rgb '%s' fs transparent solid 0.15 noborder notitle",
                i, fig_colour(i));
        fprintf(f, ", \\\n  $c%d using 1:2 with lines lc rgb '%s' lw 2 title ", i, fig_colour(i));
        gp_quote(f, label);
    }
    fprintf(f, "\n");
    free(drawn);
    cells_free(&c);
    return fig_close(f, name);
}
