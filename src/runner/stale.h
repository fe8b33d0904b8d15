/* Stale runs: a cached run is reused only when the settings its summary.tsv records
 * equal what the experiment expands to now. A key the record lacks (a setting added
 * since it was made) counts as that setting's default, so new settings never make
 * committed runs stale; locations (fashion_dir) are not compared. */
#ifndef DESCENT_RUNNER_STALE_H
#define DESCENT_RUNNER_STALE_H

#include <stdio.h>

#include "core/table.h"
#include "runner/expfile.h"
#include "runner/sweep.h"

/* How row `row` of t (a summary.tsv or runs.tsv: a column per setting) differs from s:
 * "key recorded A, now B; ..." into diff, the number of differing keys returned. A
 * missing column or an empty cell counts as the default. */
int stale_row_diff(const Settings *s, const Table *t, int row, char *diff, size_t cap);

/* The same for run i's folder: -1 when it has no readable summary.tsv. */
int stale_run_diff(const ExpFile *x, const char *results, int i, char *diff, size_t cap);

/* Names on err (at most 20, then a count) every run the options would reuse whose
 * record is stale, with the keys that differ; returns how many there are. */
int sweep_stale(const ExpFile *x, const SweepOptions *o, FILE *err);

#endif
