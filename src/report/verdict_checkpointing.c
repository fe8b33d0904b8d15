/* Verdict rule `checkpointing` (C09): what activation checkpointing costs and saves, from
 * a benchmark matrix ([bench]) with an activation_checkpoint axis.
 *
 * Each run with activation_checkpoint = K > 0 is paired with the run of the same other
 * settings with 0 (the same shape, number format, kernels):
 *   memory saved   1 − activation_bytes(K) / activation_bytes(0), the bytes the arena
 *                  holds (summary.tsv, counted as allocated)
 *   FLOP overhead  the executed FLOPs of forward and backward (the runs.tsv columns in
 *                  `flops`, summed: the recomputation is backward work) with K over
 *                  those without, minus 1
 *   time overhead  per thread count, the median over rounds of the run's ms_per_step over
 *                  that of its baseline timed beside it in the same process ([bench]
 *                  baseline = activation_checkpoint=0, bench.tsv's baseline_ms), minus 1: a
 *                  ratio of two runs timed minutes apart would carry the machine's drift
 *
 * Parameters ([verdict]), with defaults:
 *   memory = 0.5              the claimed saving: "more than half"
 *   compute = 0.3             the claimed overhead: "about 30 %"
 *   compute_tolerance = 0.1   "about": within this of `compute`
 *   flops = fwd_mm_flop fwd_ew_flop bwd_mm_flop bwd_ew_flop
 *
 * A pair holds the claim when it saves more than `memory` and its time overhead at
 * every thread count is within `compute_tolerance` of `compute`. Confirmed when every
 * pair holds it; refuted when one saves no more than `memory` or has a timed overhead
 * outside the band; inconclusive when there are no pairs or a run was not timed beside
 * its baseline (the memory and FLOP columns are still printed). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/stats.h"
#include "report/throughput.h"
#include "report/verdicts.h"

enum { MAX_THREADS = 8 };

/* What `descent bench --baseline` must have timed beside a run for its overhead. */
static const char BASELINE[] = "activation_checkpoint=0";

typedef struct {
    int n;
    int threads[MAX_THREADS];
    double over[MAX_THREADS], lo[MAX_THREADS], hi[MAX_THREADS]; /* time over the baseline's − 1: median, range */
} Timing;

/* The time overhead per thread count of runs.tsv row `row` against the baseline timed
 * beside it, from the benchmark rows bench_collect read (report/throughput.h); n = 0
 * when it was not timed so. */
static Timing timing_of(const BenchSet *b, int row)
{
    Timing tm = {0};
    for (int i = 0; i < b->n && tm.n < MAX_THREADS; i++) {
        const BenchRow *w = &b->row[i];
        if (w->run != row || strcmp(w->baseline, BASELINE) || !isfinite(w->vs_base)) continue;
        int k = tm.n++; /* kept in ascending thread counts, as bench.tsv lists them */
        for (; k > 0 && tm.threads[k - 1] > w->threads; k--)
            tm.threads[k] = tm.threads[k - 1], tm.over[k] = tm.over[k - 1], tm.lo[k] = tm.lo[k - 1], tm.hi[k] = tm.hi[k - 1];
        tm.threads[k] = w->threads, tm.over[k] = w->vs_base - 1, tm.lo[k] = w->vs_base_lo - 1, tm.hi[k] = w->vs_base_hi - 1;
    }
    return tm;
}

/* The sum of the `flops` columns of a row; NaN when one is missing. */
static double flops_of(const Experiment *x, int row, const char *cols)
{
    char buf[EXP_VALUE];
    snprintf(buf, sizeof buf, "%s", cols);
    double sum = 0;
    for (char *save, *tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save))
        sum += table_col(&x->runs, tok) >= 0 ? table_getnum(&x->runs, row, tok) : NAN;
    return sum;
}

static Status judge_checkpointing(const Experiment *x, Judgement *j)
{
    double memory = exp_param_num(x, "memory", 0.5), compute = exp_param_num(x, "compute", 0.3);
    double tol = exp_param_num(x, "compute_tolerance", 0.1);
    const char *flops = exp_param(x, "flops", "fwd_mm_flop fwd_ew_flop bwd_mm_flop bwd_ew_flop");
    const char *need[] = {"activation_checkpoint", "activation_bytes"};
    for (int k = 0; k < 2; k++)
        if (table_col(&x->runs, need[k]) < 0) return err_set(ST_FAILED, "runs.tsv has no %s column", need[k]);
    static const char *const not_k[] = {"activation_checkpoint", NULL};
    Cells c;
    Status st = exp_cells(&c, x, not_k);
    if (st != ST_OK) return st;
    static BenchSet bench; /* 2 MB: not on the stack */
    bench_collect(&bench, x);

    judge_printf(j, "| shape | checkpoint every | activation bytes without → with | change | FLOPs per step without → "
                    "with | FLOP overhead | time overhead beside the baseline (threads: median over rounds, range) | holds |\n"
                    "|---|---|---|---|---|---|---|---|\n");
    int pairs = 0, holding = 0, failing = 0, untimed = 0, short_memory = 0;
    double min_saved = INFINITY, max_saved = -INFINITY, min_t = INFINITY, max_t = -INFINITY;
    double min_f = INFINITY, max_f = -INFINITY;
    for (int i = 0; i < c.ncells; i++) {
        const Cell *cell = &c.cell[i];
        int base = -1;
        for (int k = 0; k < cell->nrows; k++)
            if (table_getnum(&x->runs, cell->rows[k], "activation_checkpoint") == 0) base = cell->rows[k];
        if (base < 0) continue;
        double ab = table_getnum(&x->runs, base, "activation_bytes"), fb = flops_of(x, base, flops);
        for (int k = 0; k < cell->nrows; k++) {
            int r = cell->rows[k];
            double K = table_getnum(&x->runs, r, "activation_checkpoint");
            if (!(K > 0)) continue;
            pairs++;
            double ar = table_getnum(&x->runs, r, "activation_bytes"), fr = flops_of(x, r, flops);
            double saved = 1 - ar / ab, fover = fr / fb - 1;
            Timing tr = timing_of(&bench, r);
            char s1[32], s2[32], s3[32], s4[32], times[512] = "";
            bool timed = tr.n > 0, ok_t = timed;
            size_t len = 0;
            for (int a = 0; a < tr.n; a++) {
                double over = tr.over[a];
                ok_t &= fabs(over - compute) <= tol;
                min_t = fmin(min_t, over), max_t = fmax(max_t, over);
                len += (size_t)snprintf(times + len, sizeof times - len, "%s%d: %s (%s to %s)", len ? "; " : "",
                                        tr.threads[a], stats_pct(s1, over, 1), stats_pct(s2, tr.lo[a], 1),
                                        stats_pct(s3, tr.hi[a], 1));
                if (len >= sizeof times) len = sizeof times - 1;
            }
            bool ok_m = saved > memory;
            min_saved = fmin(min_saved, saved), max_saved = fmax(max_saved, saved);
            if (isfinite(fover)) min_f = fmin(min_f, fover), max_f = fmax(max_f, fover);
            const char *holds = !ok_m ? "no: memory" : !timed ? "memory yes, not timed" : ok_t ? "yes" : "no: time";
            short_memory += !ok_m;
            if (!ok_m || (timed && !ok_t)) failing++;
            else if (!timed) untimed++;
            else holding++;
            judge_printf(j, "| %s | %g | %.0f → %.0f | %s | %s → %s | %s | %s | %s |\n",
                         table_col(&x->runs, "shape") >= 0 ? table_get(&x->runs, r, "shape") : cell->label, K, ab, ar,
                         stats_pct(s2, -saved, 1), stats_fmt(s1, fb), stats_fmt(s3, fr), stats_pct(s4, fover, 1), timed ? times : "not timed beside its baseline",
                         holds);
        }
    }
    cells_free(&c);
    judge_printf(j, "\nA pair holds the claim when checkpointing saves more than %g %% of the activation bytes and "
                    "costs %g ± %g %% more time per step than its baseline (`%s`, timed beside it in the same "
                    "process, round by round) at every thread count timed.\n\n",
                 100 * memory, 100 * compute, 100 * tol, BASELINE);
    Verdict v = pairs == 0 ? VERDICT_INCONCLUSIVE
                : failing  ? VERDICT_REFUTED
                : untimed  ? VERDICT_INCONCLUSIVE
                           : VERDICT_CONFIRMED;
    judge_printf(j, "- **C09: %s**: %d of %d pairs hold the claim, %d fail it (%d save too little, %d miss the time "
                    "band), %d are not timed.\n",
                 verdict_names[v], holding, pairs, failing, short_memory, failing - short_memory, untimed);
    j->verdict = v;
    char a[32], b[32], d[32], e[32], f[32], g[32];
    snprintf(j->key, sizeof j->key,
             "%d of %d shapes hold it, %d save too little, %d miss the time band; activation memory saved %s to %s; "
             "FLOPs %s to %s; time %s to %s",
             holding, pairs, short_memory, failing - short_memory,
             stats_pct(a, max_saved > -INFINITY ? min_saved : NAN, 1), stats_pct(b, max_saved > -INFINITY ? max_saved : NAN, 1),
             stats_pct(d, min_f < INFINITY ? min_f : NAN, 1), stats_pct(e, max_f > -INFINITY ? max_f : NAN, 1),
             stats_pct(f, min_t < INFINITY ? min_t : NAN, 1), stats_pct(g, max_t > -INFINITY ? max_t : NAN, 1));
    return ST_OK;
}

const VerdictRule verdict_rule_checkpointing = {
    "checkpointing",
    "pairs each benchmark run with activation_checkpoint > 0 with the run without: memory saved from "
    "activation_bytes, FLOP overhead from the `flops` columns, time overhead from bench.tsv's ms_per_step "
    "over the baseline_ms of activation_checkpoint=0 timed beside it, median over rounds; the claim holds where more than `memory` is saved and the time overhead is within "
    "`compute_tolerance` of `compute`",
    judge_checkpointing,
    NULL,
};
