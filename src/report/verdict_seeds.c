/* Verdict rule `seeds` (C21): different seeds land in different minima with nearly the
 * same loss.
 *
 * The runs are grouped by every axis but seed (e.g. one group per model); each run saved
 * its weights (`save = on`). Per group the rule measures the spread of the final loss
 * over seeds (standard deviation, range, and the standard deviation relative to the
 * mean) and how far apart the solutions are: for every pair of seeds the relative
 * distance ‖a − b‖ / √((‖a‖² + ‖b‖²)/2) of the whole weight vectors, raw: hidden units
 * are not aligned, so part of the distance may be a permutation of units (two unrelated
 * vectors of equal norm are √2 ≈ 1.41 apart, the same vector 0).
 *
 * Parameters ([verdict]), with defaults:
 *   metric = final_val_loss  runs.tsv column, the loss compared
 *   loss_spread = 0.02       "nearly the same loss": relative standard deviation at most this
 *   distance = 0.5           "different minima": every pair at least this far apart
 * Confirmed when every group has both; refuted when a group's relative spread exceeds
 * loss_spread or its closest pair is nearer than distance; inconclusive with fewer than
 * 3 seeds in a group. The measured spread is the noise floor other comparisons on the
 * same settings should use: the page states it per group. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/safetensors.h"
#include "report/labels.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { S_MAX_SEEDS = 64 };

typedef struct {
    int n;
    Stats loss, dist;
    double rel_sd;
    Verdict verdict;
    const char *why;
} Group;

/* The saved weights of a run as one vector in the file's tensor order. */
static Status load_weights(const Experiment *x, int r, double **w, long *n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/runs/%s/model.safetensors", x->dir, table_get(&x->runs, r, "run_id"));
    StFile f = {0};
    Status st = st_read(&f, path);
    if (st != ST_OK) return st;
    long total = 0;
    for (int t = 0; t < f.n; t++) total += f.tensors[t].numel;
    *w = malloc(sizeof **w * (size_t)(total ? total : 1));
    if (!*w) return st_free(&f), ST_NOMEM;
    long k = 0;
    for (int t = 0; t < f.n; t++)
        for (long i = 0; i < f.tensors[t].numel; i++) (*w)[k++] = f.tensors[t].data[i];
    *n = total;
    st_free(&f);
    return ST_OK;
}

static Status judge_group(const Experiment *x, const Cell *c, const char *metric, double loss_spread,
                          double distance, Group *g)
{
    memset(g, 0, sizeof *g);
    double loss[S_MAX_SEEDS], *w[S_MAX_SEEDS] = {0};
    long len[S_MAX_SEEDS];
    const char *id[S_MAX_SEEDS];
    Status st = ST_OK;
    for (int i = 0; i < c->nrows && g->n < S_MAX_SEEDS && st == ST_OK; i++) {
        int r = c->rows[i];
        if (strcmp(table_get(&x->runs, r, "status"), "ok")) continue;
        loss[g->n] = table_getnum(&x->runs, r, metric);
        id[g->n] = table_get(&x->runs, r, "run_id");
        st = load_weights(x, r, &w[g->n], &len[g->n]);
        if (st == ST_OK) g->n++;
    }
    int npairs = g->n * (g->n - 1) / 2, k = 0, distinct = 0;
    for (int a = 0; a < g->n; a++) {
        bool seen = false;
        for (int b = 0; b < a && !seen; b++) seen = !strcmp(id[a], id[b]);
        distinct += !seen;
    }
    double *d = malloc(sizeof *d * (size_t)(npairs ? npairs : 1));
    if (st == ST_OK && !d) st = ST_NOMEM;
    for (int a = 0; st == ST_OK && a < g->n; a++)
        for (int b = a + 1; st == ST_OK && b < g->n; b++) {
            if (!strcmp(id[a], id[b])) continue; /* a seed drawn twice (a bootstrap resample) is no pair */
            if (len[a] != len[b]) {
                st = err_set(ST_FAILED, "%s: runs of one setting saved weights of different sizes", x->dir);
                break;
            }
            double dd = 0, aa = 0, bb = 0;
            for (long i = 0; i < len[a]; i++) {
                double u = w[a][i], v = w[b][i];
                dd += (u - v) * (u - v), aa += u * u, bb += v * v;
            }
            d[k++] = sqrt(dd / ((aa + bb) / 2));
        }
    g->loss = stats_of(loss, g->n);
    g->dist = stats_of(d, k);
    g->rel_sd = g->loss.sd / fabs(g->loss.mean);
    free(d);
    for (int i = 0; i < S_MAX_SEEDS; i++) free(w[i]);
    if (st != ST_OK) return st;
    if (distinct < 3) g->verdict = VERDICT_INCONCLUSIVE, g->why = "fewer than 3 seeds";
    else if (!(g->rel_sd <= loss_spread)) g->verdict = VERDICT_REFUTED, g->why = "the final loss spreads more than `loss_spread`";
    else if (!(g->dist.min >= distance)) g->verdict = VERDICT_REFUTED, g->why = "two seeds end nearer than `distance`";
    else g->verdict = VERDICT_CONFIRMED, g->why = "nearly the same loss, far-apart weights";
    return ST_OK;
}

static Status judge_seeds(const Experiment *x, Judgement *j)
{
    const char *metric = exp_param(x, "metric", "final_val_loss");
    double loss_spread = exp_param_num(x, "loss_spread", 0.02), distance = exp_param_num(x, "distance", 0.5);
    if (table_col(&x->runs, metric) < 0) return err_set(ST_FAILED, "runs.tsv has no %s column", metric);
    static const char *const not_seed[] = {"seed", NULL};
    Cells cells;
    Status st = exp_cells(&cells, x, not_seed);
    if (st != ST_OK) return st;
    char h[128], a[32], b[32], c[32], d[32], e[32], f[32], g2[32];
    judge_printf(j, "| setting | seeds | %s, mean ± sd (min–max) | relative sd | weight distance between seeds, "
                    "mean (min–max) | verdict |\n|---|---|---|---|---|---|\n", label_key(h, sizeof h, metric));
    j->verdict = cells.ncells ? VERDICT_CONFIRMED : VERDICT_INCONCLUSIVE;
    size_t klen = 0;
    for (int i = 0; i < cells.ncells && st == ST_OK; i++) {
        Group g;
        if ((st = judge_group(x, &cells.cell[i], metric, loss_spread, distance, &g)) != ST_OK) break;
        judge_printf(j, "| %s | %d | %s ± %s (%s–%s) | %.2f %% | %s (%s–%s) | %s: %s |\n", cells.cell[i].label, g.n,
                     stats_fmt(a, g.loss.mean), stats_fmt(b, g.loss.sd), stats_fmt(c, g.loss.min), stats_fmt(d, g.loss.max),
                     100 * g.rel_sd, stats_fmt(e, g.dist.mean), stats_fmt(f, g.dist.min), stats_fmt(g2, g.dist.max),
                     verdict_names[g.verdict], g.why);
        j->verdict = verdict_worse(j->verdict, g.verdict);
        if (klen < sizeof j->key)
            klen += (size_t)snprintf(j->key + klen, sizeof j->key - klen, "%s%s%sloss sd %.2f %% of the mean, weights "
                                     "%s apart", i ? "; " : "", cells.cell[i].label, cells.cell[i].label[0] ? ": " : "",
                                     100 * g.rel_sd, stats_fmt(a, g.dist.mean));
    }
    cells_free(&cells);
    if (st != ST_OK) return st;
    judge_printf(j, "\nWeight distances are raw (hidden units not aligned): ‖a − b‖ / √((‖a‖² + ‖b‖²)/2) over every "
                    "pair of seeds; unrelated vectors of equal norm are 1.41 apart. The standard deviation of %s "
                    "over seeds is the noise floor of a comparison between settings of this kind.\n\n",
                 label_key(h, sizeof h, metric));
    return ST_OK;
}

const VerdictRule verdict_rule_seeds = {
    "seeds",
    "measures, per setting, the spread of the final `metric` over seeds and the raw relative distance "
    "between every two seeds' saved weights; confirmed when the relative standard deviation is at most "
    "`loss_spread` and every pair is at least `distance` apart",
    judge_seeds,
    NULL,
};
