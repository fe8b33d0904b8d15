/* The noise floor (C21): how far apart two settings must be before a rule calls the
 * difference an effect. Different seeds of one setting end at slightly different losses;
 * a difference between two settings no larger than that seed-to-seed spread is inside
 * the noise, and every rule that compares two settings on a loss judges it unclear
 * (inconclusive), whatever its own threshold says.
 *
 * The floor is a relative spread: the standard deviation over seeds of a runs.tsv
 * column divided by its mean, for one setting; over several settings, the median of
 * theirs (a setting counts with at least two seeds that ended ok with a finite value).
 * A difference d against a baseline b is inside the floor when |d| <= floor · |b|.
 *
 * [verdict] floor = ..., read by every rule that compares two settings:
 *   (absent)  the experiment's own seeds when it has at least two; with one seed, the
 *             experiment of rule `seeds` (experiments/ beside this one) that trains the
 *             same model (its `model` setting), e.g. seeds_mlp or seeds_lm
 *   own       the experiment's own seeds
 *   NAME      the seeds of experiments/NAME.ini's results
 *   none      no floor (the rule's own thresholds alone)
 * A named experiment without results or without the column is an error; no floor to be
 * found (one seed, no seeds experiment of the model) is a floor of 0, said so. */
#ifndef DESCENT_REPORT_FLOOR_H
#define DESCENT_REPORT_FLOOR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "report/experiment.h"

typedef struct {
    double rel;        /* the floor, relative to the baseline's mean; 0: none */
    int nsettings;     /* the settings it is the median over */
    int nseeds;        /* the most seeds one of them had */
    char metric[64];   /* the runs.tsv column */
    char source[128];  /* the experiment it was measured on; "" for the experiment itself */
    char why[256];     /* when rel is 0: why there is none */
} NoiseFloor;

/* The floor of experiment x for runs.tsv column `metric`, as its [verdict] `floor` says. */
Status floor_measure(NoiseFloor *f, const Experiment *x, const char *metric);

/* Whether difference d against baseline value b is inside the floor. */
bool floor_inside(const NoiseFloor *f, double d, double b);

/* The page's paragraph into buf (a rule appends it to its text): the floor, what it was
 * measured on, and `used_by` (the comparisons it applies to, in words); returns buf. */
char *floor_text(char *buf, size_t cap, const NoiseFloor *f, const char *used_by);

#endif
