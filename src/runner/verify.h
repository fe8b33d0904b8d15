/* descent verify: committed runs rerun and compared, value for value.
 *
 * Runs of an experiment with committed results (status ok, stopped or diverged) are
 * chosen at random with a seed (or the quickest by their recorded wall_s), rerun
 * exactly as the sweep ran them into a scratch results folder, and their result files
 * (summary.tsv, curve.tsv, layers.tsv, layer_stats.tsv; gradcheck.tsv for gradient checks) compared
 * with the committed files: every column but the
 * timings (names ending in _s: wall_s, step_s, items_per_s) and locations
 * (fashion_dir), cell for cell as text, which for numbers written to 9 digits is the
 * bits of the float. A setting column one side lacks (added since) compares as its
 * default. */
#ifndef DESCENT_RUNNER_VERIFY_H
#define DESCENT_RUNNER_VERIFY_H

#include <stdbool.h>
#include <stdio.h>

#include "core/status.h"
#include "runner/expfile.h"

/* The result files a run may write (gradcheck runs write summary.tsv and gradcheck.tsv,
 * training runs the first four): those the committed run folder holds are compared. */
enum { VERIFY_FILES = 6 };
extern const char *const verify_files[VERIFY_FILES]; /* summary, curve, layers, layer_stats, gradcheck, starts .tsv */

/* Whether column `name` is a timing (never compared). */
bool verify_is_timing(const char *name);

/* Chooses runs with results under results/NAME: n of them (0: all) at random from
 * seed, or with quickest the n with the smallest recorded wall_s, no more than fit in
 * budget_s seconds of recorded wall_s (0: no limit; at least one run); chosen[i] set
 * for each, the count returned (0: none has results). */
int verify_choose(const ExpFile *x, const char *results, int n, unsigned long seed, bool quickest,
                  double budget_s, bool *chosen);

/* The first difference between a committed and a rerun file of one run. */
typedef struct {
    int rows, columns; /* compared (rows of the committed file, columns not timings) */
    bool same;
    char column[64], step[64]; /* the first differing value: its column and row's step ("row N" without one) */
    char committed[600], now[600];
} FileCompare;

/* Compares file `name` of two run folders; ST_IO if the committed one cannot be read,
 * a difference if the rerun one cannot. */
Status verify_compare(const ExpFile *x, int run, const char *committed_dir, const char *rerun_dir,
                      const char *name, FileCompare *c);

/* The blas_core column of dir/provenance.tsv into out ("" without one). */
void verify_blas_core(const char *dir, char *out, size_t cap);

#endif
