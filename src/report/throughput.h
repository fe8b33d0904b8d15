/* Throughput from a benchmark experiment ([bench] in its file: `descent bench` runs
 * timed one at a time). Each run's bench.tsv holds one row per thread count and round;
 * per run and thread count the report takes the median over the rounds of ms/step,
 * forward and backward time and the sgemm peak measured in the same run, and derives
 * items/s, GFLOP/s, the fraction of the peak and the backward/forward ratio.
 *
 * Timings of different machines never share a table or a line: rows are grouped by
 * host and CPU model (as bench.tsv records them), each group its own table and
 * figures. */
#ifndef DESCENT_REPORT_THROUGHPUT_H
#define DESCENT_REPORT_THROUGHPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "report/figures.h"

enum { BENCH_MAX_ROWS = 4096, BENCH_MAX_MACHINES = 16, BENCH_MAX_ROUNDS = 256 };

/* One run at one thread count: medians over its rounds. */
typedef struct {
    int run;                    /* row of runs.tsv */
    int threads, rounds;
    char machine[400];          /* "host, cpu" */
    char core[64];              /* the OpenBLAS kernels that ran */
    double ms, ms_lo, ms_hi;    /* median of the rounds' median steps; their range */
    double fwd, bwd, opt;       /* medians over the rounds */
    double fraction;            /* of the peak: median over rounds of each round's GFLOP/s over its peak */
    double ratio, ratio_lo, ratio_hi; /* backward over forward time: median over rounds, range */
    double gflop, items;        /* work of a step (runs.tsv) */
    char baseline[128];         /* bench --baseline KEY=VALUE, or "" */
    double vs_base, vs_base_lo, vs_base_hi; /* ms_per_step over baseline_ms: median over rounds, range; NaN without */
} BenchRow;

typedef struct {
    int n, nmachines;
    BenchRow row[BENCH_MAX_ROWS];
    char machine[BENCH_MAX_MACHINES][400];
} BenchSet;

/* Reads every run's bench.tsv into rows, sorted by machine, work, run, threads; runs
 * without one are left out. */
void bench_collect(BenchSet *b, const Experiment *x);

/* Per machine and model: ms/step, GFLOP/s, fraction of peak and backward/forward
 * against the work of a step (GFLOP, log axis), one line per number format, kernels
 * and thread count. */
Status throughput_figures(FigureSet *fs, const Experiment *x);
/* Per machine: a table of every run and thread count. `page` names the experiment's
 * page to link to (the front page), or NULL (on that page). */
void throughput_tables(FILE *f, const Experiment *x, const char *page);

#endif
