/* The sweep runner: the runs of an experiment file as child processes
 * (`descent train ... --out RESULTS/NAME/runs/ID --threads 1 --quiet`), N at a time,
 * cached by run id, and RESULTS/NAME/runs.tsv rebuilt from the run folders.
 *
 * A run is pending when its folder is missing, or always with force, or when its
 * status is failed with rerun_failed. A child that exits non-zero, dies of a signal or
 * passes the timeout becomes a run folder with status failed: summary.tsv (the
 * settings, status, reason), provenance.tsv and stderr.txt (the tail of what the child
 * printed), written atomically like a result. A diverged run is a result.
 *
 * SIGINT stops launching and waits for the running children (they ignore it); a
 * second SIGINT, or SIGTERM, kills them. Children die with the runner (PDEATHSIG), so
 * a killed sweep leaves only temporary folders, removed when the next sweep starts. */
#ifndef DESCENT_RUNNER_SWEEP_H
#define DESCENT_RUNNER_SWEEP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/status.h"
#include "runner/expfile.h"

typedef struct {
    const char *results; /* the results root, e.g. "results" */
    int jobs;            /* children at a time (>= 1) */
    bool force, rerun_failed;
    double timeout_s;    /* per run; 0: none */
    bool progress;       /* a live status line on stderr (a terminal) */
    const bool *only;    /* (nruns) when set: the runs outside it are never pending */
} SweepOptions;

/* The matrix's runs at the end of a sweep (from their folders). */
typedef struct {
    int total;       /* runs in the matrix */
    int ran;         /* finished in this sweep (including failures) */
    int cached;      /* skipped: a result existed */
    int done;        /* with a result: ok, stopped or diverged */
    int diverged;
    int failed;      /* status failed (now or in an earlier sweep) */
    int failed_now;  /* failed in this sweep, recorded or not (a forced rerun whose failure
                      * could not replace the folder leaves its earlier result) */
    int missing;     /* no folder (interrupted) */
    bool interrupted;
    double wall_s;
} SweepTally;

/* RESULTS/NAME/runs/ID of run i. */
void sweep_run_dir(const ExpFile *x, const char *results, int i, char *out, size_t cap);
/* Run i's state from its folder: "missing", "failed" (reason filled from its
 * summary.tsv), or the status train wrote ("ok", "stopped", "diverged"). */
const char *sweep_run_status(const ExpFile *x, const char *results, int i, char *reason, size_t cap);
/* Whether run i is to run under the options. */
bool sweep_pending(const ExpFile *x, const SweepOptions *o, int i);
/* The descent train (or, for a benchmark, descent bench) arguments of run i, argv[0] = binary, NULL-terminated (free with
 * sweep_argv_free). */
char **sweep_train_argv(const ExpFile *x, const char *results, int i, const char *binary);
void sweep_argv_free(char **argv);
/* One line per pending run: its command, shell-quoted. */
Status sweep_list(const ExpFile *x, const SweepOptions *o, const char *binary, FILE *out);

/* Runs the pending runs, then rebuilds runs.tsv. Names every failed run on stderr. The
 * runs of a benchmark experiment ([bench]) are `descent bench --out DIR` and run one at
 * a time whatever o->jobs says. */
Status sweep_run(const ExpFile *x, const SweepOptions *o, SweepTally *t);

/* Rebuilds RESULTS/NAME/runs.tsv (atomically): a header, then one row per run of the
 * matrix that has a folder, in matrix order: run_id and its summary.tsv columns (the
 * union of the columns; a failed run leaves the metrics empty). Folders not in the
 * matrix are left out and counted in *stray. */
Status sweep_collect(const ExpFile *x, const char *results, int *rows, int *stray);

#endif
