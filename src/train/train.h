/* The training loop: micro-batch accumulation, global-norm clipping, the optimizer
 * step under the schedule, periodic evaluation, early stopping and divergence
 * detection, and the run's result files.
 *
 * Files written to the output folder (see docs/FORMATS.md):
 *   curve.tsv      one row per evaluation
 *   layers.tsv     per-tensor gradient and weight norms per evaluation
 *   layer_stats.tsv per layer, at step 0 and each evaluation: output mean and variance,
 *                  parameter and output gradient norms, on a fixed probe batch
 *   summary.tsv    every setting, then the outcome and timing (one row)
 *   provenance.tsv run id, code revision, compiler, BLAS core, threads, host
 *   model.safetensors with save
 * They are written into a temporary folder beside it, renamed into place when the
 * run ends, so an interrupted or failed run leaves nothing behind. */
#ifndef DESCENT_TRAIN_TRAIN_H
#define DESCENT_TRAIN_TRAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "core/status.h"
#include "models/model.h"
#include "optim/optim.h"
#include "settings/settings.h"

typedef struct {
    const char *out_dir; /* NULL: no files */
    bool save;           /* also write model.safetensors */
    bool progress;       /* a live progress line on stderr (a terminal) */
    bool quiet;          /* no per-evaluation lines */
} TrainOptions;

typedef struct {
    char status[16]; /* ok, diverged, stopped, target */
    long steps_done, diverged_step;
    double final_train_loss, final_val_loss, best_val_loss, val_acc;
    double test_loss, test_acc;
    double wall_s, step_s, items_per_s;
} TrainResult;

/* The timing columns from the n > 0 step times (sorted in place): step_s, the median;
 * items_per_s, items_per_step over the median, or over the mean when the median is 0 s
 * (steps faster than the clock can tell), NaN when both are 0: never inf. */
void train_step_timing(double *step_times, long n, long items_per_step, double *step_s,
                       double *items_per_s);

/* The executed FLOPs of one optimizer step of rows_per_step rows (batch × accum):
 * forward and backward into f, the optimizer's products and elementwise work into
 * opt_mm and opt_ew (nn/flops.h's conventions). */
void step_flops(const Model *m, const Optimizer *opt, const OptHyper *h, long rows_per_step,
                StepFlops *f, double *opt_mm, double *opt_ew);

/* Trains the model the settings name (mlp or gpt; model toy is toy_run, train/toy.h:
 * the caller chooses). */
Status train_run(const Settings *s, const TrainOptions *o, TrainResult *r);

/* Pieces of the result files other run kinds share (run.c): the settings columns of
 * summary.tsv (each name or value followed by a tab) and provenance.tsv. The runner
 * writes them for runs that failed. */
void train_write_settings_header(FILE *f);
void train_write_settings_row(FILE *f, const Settings *s);
void train_write_provenance(FILE *f, const Settings *s);

#endif
