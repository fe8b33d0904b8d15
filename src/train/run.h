/* What every kind of run shares (a model's training run, train.c, and gradient descent
 * on a toy landscape, toy.c): its result files in an atomic output folder, the
 * summary's settings columns and the provenance, the schedule and the optimizer's
 * hyper-parameters as the settings give them.
 *
 * Files (see docs/FORMATS.md): curve.tsv, layers.tsv, summary.tsv, provenance.tsv,
 * written into a temporary folder beside the output folder and renamed into place when
 * the run ends, so an interrupted or failed run leaves nothing behind. */
#ifndef DESCENT_TRAIN_RUN_H
#define DESCENT_TRAIN_RUN_H

#include <stdbool.h>
#include <stdio.h>

#include "core/status.h"
#include "optim/optim.h"
#include "optim/schedule.h"
#include "settings/settings.h"
#include "train/outdir.h"

typedef struct {
    OutDir out;
    bool begun; /* the temporary folder exists */
    FILE *curve, *layers, *summary, *prov; /* all NULL when the run writes no files */
} RunFiles;

/* dir NULL: no files (every FILE stays NULL). Otherwise creates the temporary folder
 * and opens the four files in it. */
Status run_files_begin(RunFiles *f, const char *dir);
/* summary.tsv: the settings' names then `columns` (tab-separated, ending in a newline),
 * then the settings' values and the values printf formats from fmt. */
void run_files_summary(RunFiles *f, const Settings *s, const char *columns, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Writes provenance.tsv and closes the four files; ST_IO if a write failed. Files may
 * still be added (outdir_path(&f->out, …)) before run_files_commit. */
Status run_files_close(RunFiles *f, const Settings *s);
/* Renames the folder into place. */
Status run_files_commit(RunFiles *f);
/* Closes what is open and removes the temporary folder, if any: the cleanup of a run
 * that failed (a no-op after run_files_commit). */
void run_files_abort(RunFiles *f);

/* The schedule of a run of `total` steps, and the optimizer's hyper-parameters at the
 * peak learning rate. */
Schedule run_schedule(const Settings *s, long total);
OptHyper run_hyper(const Settings *s);

#endif
