/* Learning-rate sweeps, analysed (see lrsweep.h). */
#include "report/lrsweep.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/labels.h"

const char *const regime_names[4] = {"crawl", "converge", "zigzag", "diverge"};

static bool run_diverged(const Experiment *x, int row, const char *metric)
{
    return strcmp(table_get(&x->runs, row, "status"), "diverged") == 0 ||
           !isfinite(table_getnum(&x->runs, row, metric));
}

/* Per-seed best: for each seed, the lr index with its lowest metric; the range of
 * those indices over seeds tells whether the seeds agree. */
static void seed_agreement(const Experiment *x, LrSeries *s, const char *metric)
{
    s->seed_best_lo = s->seed_best_hi = -1;
    for (int i = 0; i < s->ncell; i++)
        for (int k = 0; k < s->cell[i].n; k++) {
            const char *seed = table_get(&x->runs, s->cell[i].rows[k], "seed");
            int best = -1;
            double best_v = INFINITY;
            for (int j = 0; j < s->ncell; j++)
                for (int m = 0; m < s->cell[j].n; m++) {
                    int r = s->cell[j].rows[m];
                    double v = table_getnum(&x->runs, r, metric);
                    if (strcmp(table_get(&x->runs, r, "seed"), seed) == 0 &&
                        !run_diverged(x, r, metric) && v < best_v)
                        best_v = v, best = j;
                }
            if (best < 0) continue;
            if (s->seed_best_lo < 0 || best < s->seed_best_lo) s->seed_best_lo = best;
            if (best > s->seed_best_hi) s->seed_best_hi = best;
        }
}

Status lrsweep_build(LrSweep *w, const Experiment *x, const char *metric, double diverge_fraction,
                     double margin)
{
    memset(w, 0, sizeof *w);
    snprintf(w->metric, sizeof w->metric, "%s", metric);
    if (!exp_varies(x, "lr")) return err_set(ST_FAILED, "%s: no lr axis", x->name);
    if (!x->have_results) return err_set(ST_FAILED, "%s: no results", x->name);
    static const char *const not_series[] = {"lr", "seed", NULL};
    static const char *const not_cell[] = {"seed", NULL};
    Cells series, cells;
    Status st = exp_cells(&series, x, not_series);
    if (st != ST_OK) return st;
    if ((st = exp_cells(&cells, x, not_cell)) != ST_OK) return cells_free(&series), st;
    for (int i = 0; i < series.ncells && w->n < LR_MAX_SERIES; i++) {
        LrSeries *s = &w->s[w->n++];
        label_run(s->label, sizeof s->label, x, series.cell[i].rows[0], &series); /* "adamw, batch 64" */
        /* the cells (every axis but seed) whose first row belongs to this series, in lr order
         * (exp_cells orders by the axes in file order; sort by lr here) */
        for (int c = 0; c < cells.ncells && s->ncell < LR_MAX; c++) {
            int r0 = cells.cell[c].rows[0];
            bool mine = false;
            for (int k = 0; k < series.cell[i].nrows; k++) mine |= series.cell[i].rows[k] == r0;
            if (!mine) continue;
            LrCell *lc = &s->cell[s->ncell++];
            lc->lr = table_getnum(&x->runs, r0, "lr");
            double v[LR_MAX_SEEDS];
            for (int k = 0; k < cells.cell[c].nrows && lc->n < LR_MAX_SEEDS; k++) {
                int r = cells.cell[c].rows[k];
                /* a failed run (crash, timeout) says nothing about the learning rate */
                if (strcmp(table_get(&x->runs, r, "status"), "failed") == 0) continue;
                lc->rows[lc->n] = r;
                bool div = run_diverged(x, r, metric);
                lc->ndiv += div;
                v[lc->n++] = div ? NAN : table_getnum(&x->runs, r, metric);
            }
            lc->metric = stats_of(v, lc->n);
        }
        for (int a = 1; a < s->ncell; a++) /* insertion sort by lr */
            for (int b = a; b > 0 && s->cell[b].lr < s->cell[b - 1].lr; b--) {
                LrCell t = s->cell[b];
                s->cell[b] = s->cell[b - 1];
                s->cell[b - 1] = t;
            }
        s->best = s->first_div = -1;
        for (int j = 0; j < s->ncell; j++) {
            const LrCell *lc = &s->cell[j];
            if (lc->ndiv == 0 && lc->metric.n > 0 &&
                (s->best < 0 || lc->metric.mean < s->cell[s->best].metric.mean))
                s->best = j;
            if (s->first_div < 0 && lc->n > 0 && lc->ndiv >= diverge_fraction * lc->n) s->first_div = j;
        }
        for (int j = 0; j < s->ncell; j++) {
            LrCell *lc = &s->cell[j];
            double best = s->best >= 0 ? s->cell[s->best].metric.mean : NAN;
            if (lc->n > 0 && lc->ndiv >= diverge_fraction * lc->n) lc->regime = REG_DIVERGE;
            else if (s->best >= 0 && lc->metric.mean <= best * (1 + margin)) lc->regime = REG_CONVERGE;
            else if (s->best >= 0 && j < s->best) lc->regime = REG_CRAWL;
            else lc->regime = REG_ZIGZAG;
        }
        seed_agreement(x, s, metric);
    }
    cells_free(&series);
    cells_free(&cells);
    return ST_OK;
}

void lrsweep_best(LrBest *b, const Experiment *x, const LrSweep *w, const LrSeries *s)
{
    memset(b, 0, sizeof *b);
    if (s->best < 0) return;
    const LrCell *c = &s->cell[s->best];
    b->edge = s->ncell > 1 && (s->best == 0 || s->best == s->ncell - 1);
    for (int k = 0; k < c->n; k++) {
        b->seed[b->n] = table_getnum(&x->runs, c->rows[k], "seed");
        b->value[b->n++] = table_getnum(&x->runs, c->rows[k], w->metric);
    }
}

double lrbest_mean(const LrBest *b)
{
    return b->n ? stats_of(b->value, b->n).mean : NAN;
}

const char *const pair_names[6] = {"holds", "fails", "seeds disagree", "no runs", "loser's best lr at its grid's edge",
                                   "inside the noise floor"};

PairClass lrbest_beats(const LrBest *better, const LrBest *worse, const NoiseFloor *floor, int *wins, int *n)
{
    *wins = *n = 0;
    if (!better || !worse) return PAIR_MISSING;
    double diff = 0, base = 0; /* sums over the common seeds */
    for (int i = 0; i < better->n; i++)
        for (int k = 0; k < worse->n; k++)
            if (better->seed[i] == worse->seed[k]) {
                (*n)++, *wins += better->value[i] < worse->value[k];
                diff += better->value[i] - worse->value[k], base += worse->value[k];
            }
    if (!*n) return PAIR_MISSING;
    if ((*wins == *n || *wins == 0) && floor_inside(floor, diff / *n, base / *n)) return PAIR_FLOOR;
    if (*wins == *n) return worse->edge ? PAIR_EDGE : PAIR_HOLDS;
    if (*wins == 0) return better->edge ? PAIR_EDGE : PAIR_FAILS;
    return PAIR_UNCLEAR;
}
