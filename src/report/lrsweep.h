/* A learning-rate sweep, analysed: the runs of an experiment with an `lr` axis (or `lr`
 * as one part of a linked axis, e.g. `optimizer/lr`, giving each optimizer its own grid),
 * grouped into series (one per value of the other axes but seed, e.g. per optimizer)
 * and, within a series, by learning rate. Shared by the C02 verdict rule and the
 * learning-rate figures, so both judge by the same numbers.
 *
 * Per learning rate: seeds run, seeds diverged (status diverged or a non-finite
 * metric), and the metric's statistics over the seeds that did not diverge. A
 * learning rate "diverges" when at least `diverge_fraction` of its seeds did. The
 * best learning rate of a series is the one with the lowest mean metric among those
 * where no seed diverged. Regimes, relative to it:
 *   converge  mean metric within (1 + margin) × best mean
 *   crawl     below the best learning rate and worse than that
 *   zigzag    above it, worse, but not diverging
 *   diverge   diverging */
#ifndef DESCENT_REPORT_LRSWEEP_H
#define DESCENT_REPORT_LRSWEEP_H

#include "report/experiment.h"
#include "report/floor.h"
#include "report/stats.h"

enum { LR_MAX = 64, LR_MAX_SERIES = 16, LR_MAX_SEEDS = 32 };

typedef enum { REG_CRAWL, REG_CONVERGE, REG_ZIGZAG, REG_DIVERGE } Regime;

extern const char *const regime_names[4];

typedef struct {
    double lr;
    int n, ndiv;
    int rows[LR_MAX_SEEDS]; /* row indices of runs.tsv, nrows = n (at most LR_MAX_SEEDS) */
    Stats metric;           /* over the seeds that did not diverge */
    Regime regime;
} LrCell;

typedef struct {
    char label[256]; /* the other axes' values in words (labels.h), e.g. "sgd", "adamw, batch 64" */
    int ncell;
    LrCell cell[LR_MAX]; /* ascending lr */
    int best;            /* index of the best lr, -1 if every lr had a diverged seed */
    int first_div;       /* index of the smallest diverging lr, -1 if none */
    int seed_best_lo, seed_best_hi; /* range of the per-seed best lr indices */
} LrSeries;

typedef struct {
    char metric[64];
    int n;
    LrSeries s[LR_MAX_SERIES];
} LrSweep;

/* ST_FAILED (with a message) when the experiment has no lr axis or no results. */
Status lrsweep_build(LrSweep *w, const Experiment *x, const char *metric,
                     double diverge_fraction, double margin);

/* A series at its best lr, seed by seed: for comparing series fairly, each at its own
 * best rate, paired by seed (a seed fixes the initial weights and the batches). */
typedef struct {
    int n;                                         /* seeds at the best lr (0: no best) */
    double seed[LR_MAX_SEEDS], value[LR_MAX_SEEDS]; /* the metric per seed */
    bool edge;                                     /* the best lr is the grid's first or last */
} LrBest;

void lrsweep_best(LrBest *b, const Experiment *x, const LrSweep *w, const LrSeries *s);
/* The mean of its values (NaN for none). */
double lrbest_mean(const LrBest *b);

/* Whether `better` has the lower metric than `worse` on every seed both have: holds when
 * it does, fails when it does on none, unclear when the seeds disagree, missing without
 * common seeds. A result that rests on a series tuned at its grid's edge losing is
 * edge (with a better rate it might not lose). Holding or failing with a mean paired
 * difference inside the noise floor (floor.h, relative to `worse`'s mean) is floor.
 * *wins and *n: seeds won, compared. */
typedef enum { PAIR_HOLDS, PAIR_FAILS, PAIR_UNCLEAR, PAIR_MISSING, PAIR_EDGE, PAIR_FLOOR } PairClass;
/* "holds", "fails", "seeds disagree", "no runs", "loser's best lr at its grid's edge",
 * "inside the noise floor" */
extern const char *const pair_names[6];
PairClass lrbest_beats(const LrBest *better, const LrBest *worse, const NoiseFloor *floor, int *wins, int *n);

#endif
