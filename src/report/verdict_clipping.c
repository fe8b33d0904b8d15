/* Verdict rule `clipping` (C15): a learning-rate sweep with global-norm clipping off
 * (clip = 0) and on (clip = `clip`), seeds on an axis: the fraction of diverged runs at
 * each rate with and without clipping, and the step each diverged run diverged at
 * (summary.tsv's diverged_step: with a large diverge_factor, the first step whose loss
 * or gradient norm was not finite).
 *
 * Parameters ([verdict]):
 *   clip = 1            the clipped runs' clip value
 *   trains_below = 2    a run trains when it ends ok with a final validation loss below this
 *   min_drop = 0.25     clipping must lower the diverged fraction over the whole grid by this
 *
 * Confirmed when clipping lowers the diverged fraction over the grid by at least
 * min_drop and at one rate or more every unclipped run diverges while every clipped one
 * trains (the exploding configuration that clipping rescues); refuted when the clipped
 * runs diverge at least as often as the unclipped ones although some of those diverge;
 * inconclusive otherwise (nothing diverges without clipping, a smaller drop, no rate
 * rescued). No runs of either kind is inconclusive, saying so. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { MAX_LRS = 64, MAX_SEEDS = 64 };

typedef struct {
    double lr;
    int n[2], diverged[2], trained[2]; /* [0] unclipped, [1] clipped */
    double steps[MAX_SEEDS];           /* unclipped runs' diverged steps */
    int nsteps;
    double loss[2][MAX_SEEDS];         /* final validation losses of runs that ended ok */
    int nloss[2];
} Rate;

/* The learning rates of the runs in increasing order, with their counts. */
static int rates(const Experiment *x, double clip, double trains_below, Rate *r)
{
    double lrs[MAX_LRS];
    int n = exp_distinct(x, "lr", lrs, MAX_LRS);
    memset(r, 0, sizeof *r * (size_t)n);
    for (int i = 0; i < n; i++) r[i].lr = lrs[i];
    for (int row = 0; row < x->runs.nrows; row++) {
        double lr = table_getnum(&x->runs, row, "lr"), c = table_getnum(&x->runs, row, "clip");
        int side = c == 0 ? 0 : fabs(c - clip) <= 1e-9 * clip ? 1 : -1, i = 0;
        while (i < n && r[i].lr != lr) i++;
        if (side < 0 || i == n) continue;
        Rate *q = &r[i];
        bool div = !strcmp(table_get(&x->runs, row, "status"), "diverged");
        double loss = table_getnum(&x->runs, row, "final_val_loss");
        q->n[side]++;
        q->diverged[side] += div;
        q->trained[side] += !div && loss < trains_below;
        if (div && side == 0 && q->nsteps < MAX_SEEDS) q->steps[q->nsteps++] = table_getnum(&x->runs, row, "diverged_step");
        if (!div && isfinite(loss) && q->nloss[side] < MAX_SEEDS) q->loss[side][q->nloss[side]++] = loss;
    }
    return n;
}

static Status judge_clipping(const Experiment *x, Judgement *j)
{
    double clip = exp_param_num(x, "clip", 1), trains = exp_param_num(x, "trains_below", 2),
           min_drop = exp_param_num(x, "min_drop", 0.25);
    static const char *const need[] = {"lr", "clip", "status", "diverged_step", "final_val_loss"};
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
        if (table_col(&x->runs, need[k]) < 0) return err_set(ST_IO, "%s: runs.tsv has no column '%s'", x->name, need[k]);
    Rate r[MAX_LRS];
    int n = rates(x, clip, trains, r);
    int tot[2] = {0, 0}, div[2] = {0, 0}, rescued = 0;
    judge_printf(j, "Runs per learning rate without clipping and with the global gradient norm clipped at %g "
                    "(diverged: a loss or gradient norm that was not finite, or a loss above diverge_factor × "
                    "the first one; trains: ended ok with a final validation loss below %g):\n\n"
                    "| learning rate | diverged, no clipping | first non-finite step (median, range) | "
                    "diverged, clipped | trained, clipped | final val loss, clipped (mean) |\n"
                    "|---|---|---|---|---|---|\n", clip, trains);
    for (int i = 0; i < n; i++) {
        Rate *q = &r[i];
        for (int s = 0; s < 2; s++) tot[s] += q->n[s], div[s] += q->diverged[s];
        bool rescue = q->n[0] && q->n[1] && q->diverged[0] == q->n[0] && q->trained[1] == q->n[1];
        rescued += rescue;
        Stats st = stats_of(q->steps, q->nsteps);
        double med = stats_median(q->steps, q->nsteps);
        char a[32], b[32], c[32], d[128] = "–", e[32];
        if (q->nsteps) snprintf(d, sizeof d, "%s (%s–%s)", stats_fmt(a, med), stats_fmt(b, st.min), stats_fmt(c, st.max));
        judge_printf(j, "| %g | %d/%d | %s | %d/%d | %d/%d%s | %s |\n", q->lr, q->diverged[0], q->n[0], d,
                     q->diverged[1], q->n[1], q->trained[1], q->n[1], rescue ? " (rescued by clipping)" : "",
                     stats_fmt(e, stats_of(q->loss[1], q->nloss[1]).mean));
    }
    double f0 = tot[0] ? (double)div[0] / tot[0] : NAN, f1 = tot[1] ? (double)div[1] / tot[1] : NAN;
    Verdict v;
    const char *why;
    if (!tot[0] || !tot[1]) v = VERDICT_INCONCLUSIVE, why = "runs with and without clipping are both needed";
    else if (div[0] == 0) v = VERDICT_INCONCLUSIVE, why = "no run diverges without clipping: the grid has no exploding regime";
    else if (f1 >= f0) v = VERDICT_REFUTED, why = "clipping does not lower the diverged fraction";
    else if (f0 - f1 < min_drop) v = VERDICT_INCONCLUSIVE, why = "clipping lowers the diverged fraction by less than min_drop";
    else if (!rescued) v = VERDICT_INCONCLUSIVE, why = "no rate where clipping turns every diverging run into one that trains";
    else v = VERDICT_CONFIRMED, why = "clipping lowers the diverged fraction and rescues the exploding configuration";
    char a[32], b[32], c[32];
    judge_printf(j, "\nDiverged over the grid: %d/%d without clipping (%s), %d/%d with (%s); drop %s "
                    "(min_drop %g); rates rescued: %d. **%s**: %s.\n", div[0], tot[0], stats_fmt(a, f0), div[1],
                 tot[1], stats_fmt(b, f1), stats_fmt(c, f0 - f1), min_drop, rescued, verdict_names[v], why);
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "diverged %d/%d runs without clipping, %d/%d with; %d rate%s rescued", div[0],
             tot[0], div[1], tot[1], rescued, rescued == 1 ? "" : "s");
    return ST_OK;
}

/* The diverged fraction against the learning rate, clipping off and on. */
static Status figures_clipping(FigureSet *fs, const Experiment *x)
{
    double clip = exp_param_num(x, "clip", 1), trains = exp_param_num(x, "trains_below", 2);
    Rate r[MAX_LRS];
    int n = rates(x, clip, trains, r);
    char name[160], title[256], caption[768];
    snprintf(name, sizeof name, "%s_diverged", x->name);
    snprintf(title, sizeof title, "%s: diverged runs with and without clipping", x->name);
    snprintf(caption, sizeof caption,
             "The fraction of runs (over seeds) that diverged at each learning rate, without clipping and with "
             "the global gradient norm clipped at %g (log x).", clip);
    FILE *f = fig_open(fs, name, title, caption);
    if (!f) return ST_IO;
    fprintf(f, "set xlabel 'learning rate'\nset ylabel 'fraction of runs diverged'\nset logscale x\n"
               "set yrange [-0.05:1.05]\n");
    for (int s = 0; s < 2; s++) {
        fprintf(f, "$s%d << EOD\n# lr fraction\n", s);
        for (int i = 0; i < n; i++)
            if (r[i].n[s]) fprintf(f, "%.9g %.6g\n", r[i].lr, (double)r[i].diverged[s] / r[i].n[s]);
        fprintf(f, "EOD\n");
    }
    fprintf(f, "plot $s0 using 1:2 with linespoints lc rgb '%s' pt 7 lw 2 title 'no clipping', \\\n"
               "  $s1 using 1:2 with linespoints lc rgb '%s' pt 5 lw 2 title 'clipped at %g'\n",
            fig_colour(1), fig_colour(0), clip);
    return fig_close(f, name);
}

const VerdictRule verdict_rule_clipping = {
    "clipping",
    "counts diverged runs per learning rate with clipping off and at `clip`, and holds the drop over the grid "
    "against `min_drop` with at least one rate where clipping turns every diverging run into one that trains",
    judge_clipping,
    figures_clipping,
};
