/* Per-layer statistics of runs (layer_stats.tsv, docs/FORMATS.md) as the depth rules
 * read them (C14 vanishing, C15 clipping's deep runs, C16 residual and norm, C17
 * initialisation): one column of a run against layer index at one step, the factor
 * per layer fitted on a log axis, and the figure of such profiles, one line per cell. */
#ifndef DESCENT_REPORT_LAYERSTATS_H
#define DESCENT_REPORT_LAYERSTATS_H

#include "core/status.h"
#include "report/experiment.h"
#include "report/figures.h"

enum { LS_MAX_LAYERS = 128 };

/* Column `col` of run `row`'s layer_stats.tsv at `step` into v (by layer index, up to
 * LS_MAX_LAYERS), the number of layers into *n. ST_IO with the error set (run, file,
 * column or step) when any of them is missing. */
Status ls_profile(const Experiment *x, int row, long step, const char *col, double *v, int *n);

/* The geometric mean of column `col` over runs rows[0 .. nrows) at `step`, layer by
 * layer, over the runs whose value is finite and positive, into v (up to LS_MAX_LAYERS),
 * the number of layers into *n (0: no run has the column at that step); a layer where
 * every run has exactly 0 (underflowed) gets 0, one with no finite positive value and
 * some other value NaN. */
void ls_mean_profile(const Experiment *x, const int *rows, int nrows, long step, const char *col, double *v, int *n);

/* Whether the experiment's first run has a layer_stats.tsv with column `col` (results
 * written before a column existed lack it: a figure of it is then left out). */
bool ls_has(const Experiment *x, const char *col);

/* The factor per layer of v[from..to] on a log axis: 10^b of the least-squares line
 * log10 v = a + b·index (gsl_fit_linear). INFINITY when a value in the range is +inf
 * (overflowed); when values underflowed to 0 (none inf): 0 if the zeros are the last
 * layers of the range (it shrank to 0 going up), INFINITY if they are the first (it grew
 * from 0), NaN if they are neither or all of them; NaN when a value is NaN or fewer than
 * two layers are given. */
double ls_factor(const double *v, int from, int to);

/* The figure NAME = x->name + "_" + suffix: column `col` against layer index at `step`,
 * log y, one line per cell of c whose pick[i] is true (NULL: every cell), the geometric
 * mean over the cell's seeds; values that are not finite and positive are left out
 * (the caption should say what that means for its column). */
Status ls_figure(FigureSet *fs, const Experiment *x, const Cells *c, const bool *pick, long step,
                 const char *col, const char *suffix, const char *title, const char *ylabel,
                 const char *caption);

#endif
