/* Verdict rule `escape` (C05): gradient noise lets descent escape shallow minima and
 * saddles; full-batch descent stays where it started.
 *
 * The runs are toy descents from many starts (`starts`, src/train/toy.c) whose
 * summary.tsv holds the fraction of starts that ended at a global minimum
 * (global_fraction), at the minimum whose basin holds the start (stay_fraction: where
 * gradient flow from the start ends, a start on a ridge staying when it ends at no
 * minimum) and at no minimum (stuck_fraction). They are grouped by every axis but the
 * noise axis and seed (e.g. one group per landscape) and, in a group, paired by seed:
 * a seed draws the same starts at every noise level, so the paired gain in
 * global_fraction over the noise-free runs isolates the noise.
 *
 * Parameters ([verdict]), with defaults:
 *   noise = toy_noise   the axis of the noise level (0: full batch, no noise)
 *   stay = 0.95         full-batch descent "stays" when its mean stay_fraction is at least this
 *   rise = 0.1          the least gain in global_fraction that counts as escaping
 * A group confirms when full-batch descent stays and the best noise level's mean
 * paired gain is at least `rise` with a 95 % t-interval above 0; it refutes when
 * full-batch descent does not stay, or when no noise level's gain reaches `rise` even
 * at the top of its interval; anything else (one seed, no full-batch runs) is
 * inconclusive. The verdict is the weakest group's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/labels.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { E_MAX_LEVELS = 32, E_MAX_SEEDS = 256 };

typedef struct {
    double noise;
    int n;                             /* seeds with a run here and at noise 0 */
    int diverged;                      /* runs here that diverged (left out) */
    double global[E_MAX_SEEDS], gain[E_MAX_SEEDS], stay[E_MAX_SEEDS], stuck[E_MAX_SEEDS];
    Stats g, d, s, k;                  /* of global, gain, stay, stuck */
} Level;

typedef struct {
    int nlevels;
    Level level[E_MAX_LEVELS];         /* ascending noise; level[0] is noise 0 when present */
    int best;                          /* the level > 0 with the largest mean gain, -1 */
    Verdict verdict;
    const char *why;
} Group;

static int find_level(Group *g, double noise)
{
    for (int i = 0; i < g->nlevels; i++)
        if (g->level[i].noise == noise) return i;
    if (g->nlevels == E_MAX_LEVELS) return -1;
    int i = g->nlevels++;
    while (i > 0 && g->level[i - 1].noise > noise) g->level[i] = g->level[i - 1], i--;
    memset(&g->level[i], 0, sizeof g->level[i]);
    g->level[i].noise = noise;
    return i;
}

/* The run of cell c at noise `noise` and seed `seed`, or -1. */
static int find_run(const Experiment *x, const Cell *c, const char *axis, double noise, double seed)
{
    for (int i = 0; i < c->nrows; i++) {
        int r = c->rows[i];
        if (table_getnum(&x->runs, r, axis) == noise && table_getnum(&x->runs, r, "seed") == seed &&
            !strcmp(table_get(&x->runs, r, "status"), "ok"))
            return r;
    }
    return -1;
}

static void judge_group(const Experiment *x, const Cell *c, const char *axis, double stay, double rise, Group *g)
{
    memset(g, 0, sizeof *g);
    for (int i = 0; i < c->nrows; i++) find_level(g, table_getnum(&x->runs, c->rows[i], axis));
    g->best = -1;
    bool have0 = g->nlevels > 0 && g->level[0].noise == 0;
    for (int l = 0; l < g->nlevels; l++) {
        Level *v = &g->level[l];
        for (int i = 0; i < c->nrows && v->n < E_MAX_SEEDS; i++) {
            int r = c->rows[i];
            if (table_getnum(&x->runs, r, axis) != v->noise) continue;
            double seed = table_getnum(&x->runs, r, "seed");
            v->diverged += !strcmp(table_get(&x->runs, r, "status"), "diverged");
            int b = have0 ? find_run(x, c, axis, 0, seed) : -1;
            if (b < 0 || strcmp(table_get(&x->runs, r, "status"), "ok")) continue;
            int k = v->n++;
            v->global[k] = table_getnum(&x->runs, r, "global_fraction");
            v->gain[k] = v->global[k] - table_getnum(&x->runs, b, "global_fraction");
            v->stay[k] = table_getnum(&x->runs, r, "stay_fraction");
            v->stuck[k] = table_getnum(&x->runs, r, "stuck_fraction");
        }
        v->g = stats_of(v->global, v->n), v->d = stats_of(v->gain, v->n);
        v->s = stats_of(v->stay, v->n), v->k = stats_of(v->stuck, v->n);
        if (l > 0 && v->n && (g->best < 0 || v->d.mean > g->level[g->best].d.mean)) g->best = l;
    }
    if (!have0 || !g->level[0].n) {
        g->verdict = VERDICT_INCONCLUSIVE, g->why = "no full-batch (noise 0) runs to compare with";
        return;
    }
    if (!(g->level[0].s.mean >= stay)) {
        g->verdict = VERDICT_REFUTED, g->why = "full-batch descent leaves the basin it started in";
        return;
    }
    if (g->best < 0) {
        g->verdict = VERDICT_INCONCLUSIVE, g->why = "no runs with noise";
        return;
    }
    bool any_reach = false;
    for (int l = 1; l < g->nlevels; l++) {
        const Stats *d = &g->level[l].d;
        any_reach |= d->n >= 2 ? d->ci_hi >= rise : d->n == 1; /* one seed cannot rule it out */
    }
    const Stats *d = &g->level[g->best].d;
    if (!any_reach) g->verdict = VERDICT_REFUTED, g->why = "no noise level gains `rise` in global minima reached";
    else if (d->n >= 2 && d->mean >= rise && d->ci_lo > 0)
        g->verdict = VERDICT_CONFIRMED, g->why = "full-batch descent stays; noise takes more starts to the global minimum";
    else g->verdict = VERDICT_INCONCLUSIVE, g->why = "the gain is not resolved by the seeds";
}

static Status judge_escape(const Experiment *x, Judgement *j)
{
    const char *axis = exp_param(x, "noise", "toy_noise");
    double stay = exp_param_num(x, "stay", 0.95), rise = exp_param_num(x, "rise", 0.1);
    static const char *const need[] = {"global_fraction", "stay_fraction", "stuck_fraction", "seed"};
    for (int k = 0; k < 4; k++)
        if (table_col(&x->runs, need[k]) < 0)
            return err_set(ST_FAILED, "runs.tsv has no %s column (runs of model toy with starts)", need[k]);
    if (table_col(&x->runs, axis) < 0) return err_set(ST_FAILED, "runs.tsv has no %s column (the noise axis)", axis);
    const char *exclude[] = {axis, "seed", NULL};
    Cells cells;
    Status st = exp_cells(&cells, x, exclude);
    if (st != ST_OK) return st;
    Group *groups = calloc((size_t)(cells.ncells ? cells.ncells : 1), sizeof *groups);
    if (!groups) return cells_free(&cells), ST_NOMEM;
    char h[128], a[32], b[32], c2[32], d[32], e[32], f[32];
    judge_printf(j, "| group | %s | seeds | diverged | starts at a global minimum | gain over full batch (95 %% CI) | "
                    "in the basin they started in | at no minimum |\n|---|---|---|---|---|---|---|---|\n",
                 label_key(h, sizeof h, axis));
    j->verdict = VERDICT_CONFIRMED;
    j->resolve = rise;
    size_t klen = 0;
    for (int ci = 0; ci < cells.ncells; ci++) {
        Group *g = &groups[ci];
        judge_group(x, &cells.cell[ci], axis, stay, rise, g);
        for (int l = 0; l < g->nlevels; l++) {
            const Level *v = &g->level[l];
            judge_printf(j, "| %s | %g | %d | %d | %s ± %s | ", cells.cell[ci].label, v->noise, v->n, v->diverged,
                         stats_fmt(a, v->g.mean),
                         stats_fmt(b, v->g.sd));
            if (v->noise == 0) judge_printf(j, "baseline |");
            else judge_printf(j, "%s (%s to %s) |", stats_fmt(c2, v->d.mean), stats_fmt(d, v->d.ci_lo), stats_fmt(e, v->d.ci_hi));
            judge_printf(j, " %s | %s |\n", stats_fmt(f, v->s.mean), stats_fmt(a, v->k.mean));
            if (v->noise > 0 && v->d.n >= 2 && isfinite(v->d.sd) && v->d.sd > j->spread)
                j->spread = v->d.sd, j->spread_n = v->d.n;
        }
        j->verdict = verdict_worse(j->verdict, g->verdict);
        if (klen < sizeof j->key && g->nlevels && g->level[0].noise == 0 && g->best >= 0)
            klen += (size_t)snprintf(j->key + klen, sizeof j->key - klen, "%s%s%sglobal minimum reached by %s "
                                     "at noise 0, %s at noise %g", ci ? "; " : "", cells.cell[ci].label,
                                     cells.cell[ci].label[0] ? ": " : "", stats_fmt(a, g->level[0].g.mean),
                                     stats_fmt(b, g->level[g->best].g.mean), g->level[g->best].noise);
    }
    judge_printf(j, "\nFractions are means over seeds (± standard deviation) of each run's starts; gains are paired "
                    "by seed. A diverged run (mean loss above `diverge_factor` times its start) is left out.\n\n");
    for (int ci = 0; ci < cells.ncells; ci++)
        judge_printf(j, "- %s: **%s**: %s.\n", cells.cell[ci].label, verdict_names[groups[ci].verdict], groups[ci].why);
    judge_printf(j, "\n");
    snprintf(j->resolve_what, sizeof j->resolve_what, "a paired gain in the fraction of starts reaching a global "
             "minimum (noise against full batch), `rise`");
    if (!klen) snprintf(j->key, sizeof j->key, "no full-batch and noisy runs to compare");
    if (!cells.ncells) j->verdict = VERDICT_INCONCLUSIVE;
    free(groups);
    cells_free(&cells);
    return ST_OK;
}

static Status figures_escape(FigureSet *fs, const Experiment *x)
{
    return figures_cell_curves(fs, x, "at_global", "at_global", "fraction of starts at a global minimum", false);
}

const VerdictRule verdict_rule_escape = {
    "escape",
    "pairs each noise level's runs with the full-batch (noise 0) runs of the same seed, group by group; "
    "confirmed when full-batch descent ends in the basin it started in for at least `stay` of its starts "
    "and some noise level raises the fraction of starts ending at a global minimum by at least `rise` "
    "(95 % interval above 0); refuted when full batch leaves its basins or no level can reach `rise`",
    judge_escape,
    figures_escape,
};
