/* Figures: gnuplot scripts with their data inline (so each .gp stands alone and can be
 * edited and rerun from report/figures/), rendered to SVG in a light theme:
 *   set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
 * Nothing in a script depends on the time or the machine, so unchanged results give
 * the same bytes. */
#ifndef DESCENT_REPORT_FIGURES_H
#define DESCENT_REPORT_FIGURES_H

#include <stdbool.h>
#include <stdio.h>

#include "core/status.h"
#include "report/experiment.h"
#include "report/lrsweep.h"

enum { FIG_MAX = 128 };

typedef struct {
    char name[160];    /* file stem: NAME.gp renders NAME.svg */
    char caption[768];
} Figure;

typedef struct {
    char dir[1024]; /* report/figures */
    int n;
    Figure fig[FIG_MAX];
} FigureSet;

/* Starts fs->dir/NAME.gp with the common preamble (terminal, output, theme, title);
 * records the figure. NULL with the error set. */
FILE *fig_open(FigureSet *fs, const char *name, const char *title, const char *caption);
Status fig_close(FILE *f, const char *name);
/* Runs gnuplot on every recorded script, in fs->dir. */
Status figures_render(const FigureSet *fs);

/* The figures of an experiment with an lr axis: final metric against lr (log axis, one
 * line per series, mean over seeds and the min–max band, diverged runs marked); the
 * training loss (every row of curve.tsv: with train_every, far more often than the
 * evaluations), validation loss and global gradient norm curves at each series' best lr. */
Status figures_lr_sweep(FigureSet *fs, const Experiment *x, const char *metric);
/* The same for the [verdict] `metric` (default final_val_loss): a rule's figures. */
Status figures_lr_sweep_metric(FigureSet *fs, const Experiment *x);
/* Its parts, for a rule that draws a subset of the series (w filtered, e.g. one
 * workload): the metric against lr as NAME_SUFFIX, and a curve.tsv column at each
 * series' best lr; `part` is appended to the title (" (gpt, kjv)" or ""). */
Status figures_lr(FigureSet *fs, const Experiment *x, const LrSweep *w, const char *suffix, const char *part);
Status figures_best_curves(FigureSet *fs, const Experiment *x, const LrSweep *w, const char *col,
                           const char *suffix, const char *ylabel, bool logy, const char *part);
/* The same against training time: steps × ms_per_step[i] (series i of w; one per series,
 * a series without a positive time is left out) from the benchmark experiment `timing`. */
Status figures_best_curves_seconds(FigureSet *fs, const Experiment *x, const LrSweep *w, const double *ms_per_step,
                                   const char *timing, const char *col, const char *suffix, const char *ylabel,
                                   const char *part);
/* A curve.tsv column against steps after step 0, one line per cell (the axes but
 * seed): mean over seeds with the min–max band. Written as report/figures/NAME_SUFFIX.gp. */
Status figures_cell_curves(FigureSet *fs, const Experiment *x, const char *col, const char *suffix,
                           const char *ylabel, bool logy);
/* C18, C19: training and validation loss and their differences to fp32, lost updates and
 * zero gradient elements against steps, one line per number format. */
Status figures_precision(FigureSet *fs, const Experiment *x);
/* C01: the claimed trajectories drawn on the parabola; the measured contraction
 * factor per step against lr with the theory |1 - 2 lr|. */
Status figures_parabola(FigureSet *fs, const Experiment *x);

/* Series compared with a baseline (the number formats with fp32): per cell of the axes
 * but seed, the curve.tsv column minus the baseline run's of the same seed (the run
 * whose `key` is `value`), step by step; mean over seeds with the min–max band, a zero
 * line for the baseline. Written as report/figures/NAME_SUFFIX.gp. */
Status figures_baseline_diff(FigureSet *fs, const Experiment *x, const char *col, const char *suffix,
                             const char *ylabel, const char *key, const char *value);
/* The i-th line colour (colour-blind-safe, Okabe & Ito; wraps). */
const char *fig_colour(int i);

/* Writes s as a gnuplot single-quoted string (quotes doubled). */
void gp_quote(FILE *f, const char *s);

#endif
