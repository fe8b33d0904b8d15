/* A paired comparison with a baseline: runs of one setting against the baseline's runs
 * of the same seeds (the seed fixes the initial weights and the batches, so the paired
 * difference isolates the setting), classified as matching, losing or unclear. Used by
 * the rules `precision` (C18, C19) and `underflow` (C19 against the gradients' size). */
#ifndef DESCENT_REPORT_PAIRED_H
#define DESCENT_REPORT_PAIRED_H

#include <stdbool.h>

#include "report/floor.h"
#include "report/stats.h"

enum { PAIR_MAX_SEEDS = 32 };

typedef enum { C_MISSING, C_MATCHES, C_LOSES, C_UNCLEAR } Class;
extern const char *const class_names[4]; /* "no runs", "matches", "loses", "unclear" */

/* One comparison with the baseline over n paired seeds. */
typedef struct {
    double value[PAIR_MAX_SEEDS]; /* NaN when diverged */
    double gap[PAIR_MAX_SEEDS];   /* value - baseline's, +inf when diverged */
    Stats v, g;                   /* of the values, of the finite gaps */
    double base;                  /* the baseline's mean value */
    double rel;                   /* mean gap / base */
    Class cls;
    bool inside;                  /* unclear because the gap is inside the noise floor */
} Comparison;

/* Fills c's gaps, statistics and class from c->value[0..n) and the baseline's base[0..n)
 * (lower is better). A diverged seed's gap is +inf and loses; otherwise the setting
 * matches when the mean gap is at most `tolerance` of the baseline's mean, loses when
 * it is larger, positive on every seed and outside the noise floor (floor.h), and is
 * unclear else; no values: missing. A value missing without divergence (NaN) is left
 * out. */
void pair_compare(Comparison *c, const double *base, const bool *diverged, int n, double tolerance,
                  const NoiseFloor *floor);

#endif
