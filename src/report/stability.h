/* Whether a verdict hangs on the seeds chosen, for any rule: the report judges the
 * experiment again with each seed left out in turn and on bootstrap resamples of the
 * seeds (drawn with replacement from a fixed-seed mt19937, so the report stays
 * byte-stable), and calls a verdict `fragile` when a leave-one-out verdict differs from
 * the full one or fewer than STAB_AGREE of the resamples agree with it. A resample that
 * draws a seed twice gets the second copy's runs under a new seed value (the seed plus
 * 10⁶ per copy), so a rule that pairs runs by seed sees two seeds with equal numbers.
 *
 * Beside it, the power calculation: a rule that compares a per-seed quantity with a
 * threshold states the smallest difference it must resolve and the standard deviation
 * of that quantity over the seeds (Judgement.resolve, .spread, .spread_n); the page
 * shows the half-width of the 95 % t-interval those seeds allow and how many seeds
 * would bring it under the smallest difference. */
#ifndef DESCENT_REPORT_STABILITY_H
#define DESCENT_REPORT_STABILITY_H

#include <stdbool.h>
#include <stdio.h>

#include "core/status.h"
#include "report/experiment.h"
#include "report/verdicts.h"

enum { STAB_MAX_SEEDS = 64, STAB_BOOT = 100 };
#define STAB_AGREE 0.9 /* the fraction of bootstrap resamples that must agree */

/* One verdict (the experiment's, or one claim's) under resampling. */
typedef struct {
    char id[8];              /* the claim, "" for the experiment's verdict */
    Verdict full;
    Verdict loo[STAB_MAX_SEEDS]; /* with seed i left out; VERDICT_NONE: the rule failed */
    int loo_changed;         /* how many leave-one-out verdicts differ from full */
    int boot[4];             /* bootstrap verdicts by Verdict (VERDICT_NONE: failed) */
    int boot_agree;          /* resamples whose verdict equals full */
    bool fragile;
} StabVerdict;

typedef struct {
    bool applicable;         /* a seed axis with at least 3 seeds (2 leave one each) */
    int nseeds;
    double seed[STAB_MAX_SEEDS]; /* the distinct seeds, ascending */
    int nboot;
    int nv;                  /* v[0]: the experiment; v[1..]: each claim the rule judged apart */
    StabVerdict v[1 + J_MAX_CLAIMS];
} Stability;

/* The distinct values of runs.tsv's seed column, ascending (at most max). */
int stab_seeds(const Experiment *x, double *seed, int max);

/* x restricted to the runs of the n seeds listed (a seed may repeat: its runs again,
 * under a new seed value). Free with stab_subset_free; it shares x's strings. */
Status stab_subset(Experiment *dst, const Experiment *x, const double *seeds, int n);
void stab_subset_free(Experiment *dst);

/* Judges x again by rule on its seed subsets; full is the verdict of all seeds. */
Status stability_judge(Stability *s, const Experiment *x, const VerdictRule *rule, const Judgement *full);

/* True when the verdict of claim id (NULL or "": the experiment's) is fragile. */
bool stability_fragile(const Stability *s, const char *id);

/* The smallest number of seeds n >= 2 whose 95 % t-interval half-width
 * t(0.975, n-1)·spread/√n is below resolve (1000 when none up to it). */
int power_seeds_needed(double resolve, double spread);
/* That half-width for n seeds (NaN for n < 2). */
double power_half_width(double spread, int n);

/* The page's paragraphs: **Stability.** and **Power.** */
void stability_write(FILE *f, const Stability *s, const Judgement *j);

#endif
