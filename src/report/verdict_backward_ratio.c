/* Verdict rule `backward_ratio` (C08): what the backward pass costs against the forward
 * pass, from a benchmark matrix ([bench]: `descent bench` runs timed one at a time).
 *
 * Per run and thread count, bench.tsv holds one row per round with the round's forward
 * and backward milliseconds; the rule takes each round's backward/forward ratio, their
 * median and range (report/throughput.h). Beside it, where the runs record them, the
 * counted FLOPs of each phase (summary.tsv: fwd_mm_flop, fwd_ew_flop, bwd_mm_flop,
 * bwd_ew_flop): the ratio of the products alone and of all the work, which say where the
 * time ratio comes from.
 *
 * Parameters ([verdict]), with defaults:
 *   ratio = 2          the claimed backward/forward time ratio ("about two forward passes")
 *   tolerance = 0.5    "about": a ratio holds within ratio ± tolerance
 * A shape at a thread count holds the claim when its median ratio is inside the band;
 * it misses it when every round's ratio is outside (on one side). Confirmed when every
 * row holds it; refuted when at least half the rows miss it; inconclusive otherwise
 * (the claim holds at some sizes only, or rounds straddle the band) and when there are
 * no timings. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/stats.h"
#include "report/throughput.h"
#include "report/verdicts.h"

/* The counted FLOP ratio backward/forward of a run: products only (mm) or everything;
 * NaN when the runs do not record the counts. */
static double flop_ratio(const Experiment *x, int row, bool products_only)
{
    double fm = table_getnum(&x->runs, row, "fwd_mm_flop"), bm = table_getnum(&x->runs, row, "bwd_mm_flop");
    if (products_only) return bm / fm;
    return (bm + table_getnum(&x->runs, row, "bwd_ew_flop")) / (fm + table_getnum(&x->runs, row, "fwd_ew_flop"));
}

static Status judge_backward_ratio(const Experiment *x, Judgement *j)
{
    double want = exp_param_num(x, "ratio", 2), tol = exp_param_num(x, "tolerance", 0.5);
    double lo = want - tol, hi = want + tol;
    static BenchSet b; /* 2 MB: not on the stack */
    bench_collect(&b, x);
    bool counts = table_col(&x->runs, "fwd_mm_flop") >= 0 && table_col(&x->runs, "bwd_mm_flop") >= 0;
    judge_printf(j, "| machine | model and shape | threads | matmul GFLOP/step | forward ms | backward ms | backward/forward "
                    "(range over rounds) | counted FLOPs, products | counted FLOPs, all | holds |\n"
                    "|---|---|---|---|---|---|---|---|---|---|\n");
    int rows = 0, hold = 0, miss = 0;
    double rmin = INFINITY, rmax = -INFINITY;
    for (int i = 0; i < b.n; i++) {
        const BenchRow *w = &b.row[i];
        if (!isfinite(w->ratio)) continue;
        rows++;
        bool holds = w->ratio >= lo && w->ratio <= hi, misses = w->ratio_hi < lo || w->ratio_lo > hi;
        hold += holds, miss += misses;
        rmin = fmin(rmin, w->ratio), rmax = fmax(rmax, w->ratio);
        char g[32], f[32], bw[32], r[32], rl[32], rh[32], pm[32], pa[32];
        judge_printf(j, "| %s | %s %s | %d | %s | %s | %s | %s (%s–%s) | %s | %s | %s |\n", w->machine, table_get(&x->runs, w->run, "model"),
                     table_get(&x->runs, w->run, "shape"), w->threads,
                     stats_fmt(g, w->gflop), stats_fmt(f, w->fwd), stats_fmt(bw, w->bwd), stats_fmt(r, w->ratio),
                     stats_fmt(rl, w->ratio_lo), stats_fmt(rh, w->ratio_hi),
                     stats_fmt(pm, counts ? flop_ratio(x, w->run, true) : NAN),
                     stats_fmt(pa, counts ? flop_ratio(x, w->run, false) : NAN),
                     holds ? "yes" : misses ? "**no**" : "in part");
    }
    char a[32], c[32];
    judge_printf(j, "\nThe claim holds for a row when its median backward/forward ratio lies in [%s, %s] "
                    "(%g ± %g); a row misses it when every round lies outside. %d of %d rows hold it, %d miss it.\n",
                 stats_fmt(a, lo), stats_fmt(c, hi), want, tol, hold, rows, miss);
    if (!rows) {
        j->verdict = VERDICT_INCONCLUSIVE;
        snprintf(j->key, sizeof j->key, "no timings yet");
        return ST_OK;
    }
    j->verdict = hold == rows ? VERDICT_CONFIRMED : 2 * miss >= rows ? VERDICT_REFUTED : VERDICT_INCONCLUSIVE;
    snprintf(j->key, sizeof j->key, "backward/forward time %s–%s over %d shapes × threads (claim %g ± %g); %d hold it",
             stats_fmt(a, rmin), stats_fmt(c, rmax), rows, want, tol, hold);
    return ST_OK;
}

const VerdictRule verdict_rule_backward_ratio = {
    "backward_ratio",
    "per run and thread count, the median over rounds of the backward/forward time ratio (bench.tsv), beside the "
    "counted FLOP ratios; each must lie within `ratio` ± `tolerance`",
    judge_backward_ratio,
    NULL,
};
