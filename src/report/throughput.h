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

/* Per machine and model: ms/step, GFLOP/s, fraction of peak and backward/forward
 * against the work of a step (GFLOP, log axis), one line per number format, kernels
 * and thread count. */
Status throughput_figures(FigureSet *fs, const Experiment *x);
/* Per machine: a table of every run and thread count. `page` names the experiment's
 * page to link to (the front page), or NULL (on that page). */
void throughput_tables(FILE *f, const Experiment *x, const char *page);

#endif
