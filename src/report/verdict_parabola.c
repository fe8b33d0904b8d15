/* Verdict rule `parabola` (C01): gradient descent on L(w) = w² from w0.
 *
 * Parameters ([verdict]):
 *   expect_ETA = v0 v1 ...  the claimed w after steps 0, 1, ... at lr ETA
 *   decimals = 2            compare after rounding to this many decimals
 *   boundaries = 0.5 1      the claimed lr of the monotone/oscillating and the
 *                           convergent/divergent boundaries
 *   boundary_tol = 0.02     a boundary located more loosely than ± this is inconclusive
 *
 * Each run's whole curve is classified: divergent (status diverged, or |w| ends above
 * |w0|), bouncing (|w| never changes), one-step (w is exactly 0 after step 1), oscillating
 * (w changes sign, |w| shrinks) or monotone. A boundary is bracketed by the largest lr
 * of the regime below and the smallest of the regime above; a run that lands exactly on
 * it (one-step at 0.5, bouncing at 1) pins it. Confirmed when every trajectory matches
 * and both boundaries are pinned or bracketed within the tolerance around the claimed
 * value; refuted when a trajectory differs, a bracket excludes the claimed value, or the
 * run at the second boundary does not bounce; inconclusive when runs are missing or the
 * grid is too coarse. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "report/stats.h"
#include "report/verdicts.h"

typedef enum { PC_MONOTONE, PC_ONESTEP, PC_OSCILLATING, PC_BOUNCING, PC_DIVERGENT, PC_MISSING } PClass;

static const char *const pclass_names[] = {"monotone", "one step", "oscillating", "bouncing",
                                           "divergent", "no curve"};

static PClass classify(const Experiment *x, int row)
{
    Table c;
    if (exp_run_file(x, row, "curve.tsv", &c) != ST_OK) return PC_MISSING;
    int col = table_col(&c, "w");
    if (col < 0 || c.nrows < 2) return table_free(&c), PC_MISSING;
    double w0 = fabs(table_num(&c, 0, col)), wl = fabs(table_num(&c, c.nrows - 1, col));
    bool flips = false, same = true, zero = false;
    for (int i = 1; i < c.nrows; i++) {
        double a = table_num(&c, i - 1, col), b = table_num(&c, i, col);
        flips |= a * b < 0;
        same &= fabs(fabs(b) - w0) <= 1e-6 * w0;
        zero |= i == 1 && b == 0; /* later zeros are float underflow, not one exact step */
    }
    table_free(&c);
    if (!strcmp(table_get(&x->runs, row, "status"), "diverged") || !(wl <= w0 * (1 + 1e-6)))
        return PC_DIVERGENT;
    if (same) return PC_BOUNCING;
    if (zero) return PC_ONESTEP;
    return flips ? PC_OSCILLATING : PC_MONOTONE;
}

typedef struct {
    double lr;
    PClass cls;
} LrClass;

static int lrclass_cmp(const void *a, const void *b)
{
    double u = ((const LrClass *)a)->lr, v = ((const LrClass *)b)->lr;
    return (u > v) - (u < v);
}

/* Locates the boundary between classes `below` and `above`, with `pin` the class a run
 * exactly on it has. Returns the verdict for a claimed boundary at `claim`. */
static Verdict boundary(Judgement *j, const LrClass *lc, int n, PClass below, PClass pin,
                        PClass above, double claim, double tol, const char *what, double *est)
{
    *est = NAN;
    double lo = -INFINITY, hi = INFINITY, pinned = NAN;
    for (int i = 0; i < n; i++) {
        if (lc[i].cls == below && lc[i].lr > lo) lo = lc[i].lr;
        if (lc[i].cls == above && lc[i].lr < hi) hi = lc[i].lr;
        if (lc[i].cls == pin && lo < lc[i].lr) pinned = lc[i].lr;
    }
    if (isfinite(pinned) && !(pinned > lo && pinned < hi)) pinned = NAN;
    char a[32], b[32], p[32];
    if (!isfinite(lo) || !isfinite(hi)) {
        judge_printf(j, "- %s boundary: the grid has no %s run %s it: **not located**\n", what,
                     !isfinite(lo) ? pclass_names[below] : pclass_names[above],
                     !isfinite(lo) ? "below" : "above");
        return VERDICT_INCONCLUSIVE;
    }
    *est = isfinite(pinned) ? pinned : (lo + hi) / 2;
    if (isfinite(pinned)) {
        bool ok = fabs(pinned - claim) <= 1e-9;
        judge_printf(j, "- %s boundary: %s up to lr %s, %s exactly at lr %s, %s from lr %s: "
                     "boundary at %s (claimed %g): **%s**\n",
                     what, pclass_names[below], stats_fmt(a, lo), pclass_names[pin], stats_fmt(p, pinned),
                     pclass_names[above], stats_fmt(b, hi), p, claim, ok ? "matches" : "differs");
        return ok ? VERDICT_CONFIRMED : VERDICT_REFUTED;
    }
    Verdict v = !(claim >= lo && claim <= hi) ? VERDICT_REFUTED
                : (hi - lo) / 2 > tol       ? VERDICT_INCONCLUSIVE
                                            : VERDICT_CONFIRMED;
    judge_printf(j, "- %s boundary: %s up to lr %s, %s from lr %s: boundary at %.4g ± %.2g "
                 "(claimed %g, tolerance %g): **%s**\n",
                 what, pclass_names[below], stats_fmt(a, lo), pclass_names[above], stats_fmt(b, hi),
                 (lo + hi) / 2, (hi - lo) / 2, claim, tol,
                 v == VERDICT_CONFIRMED ? "matches" : v == VERDICT_REFUTED ? "differs" : "grid too coarse");
    return v;
}

static Verdict worst(Verdict a, Verdict b)
{
    if (a == VERDICT_REFUTED || b == VERDICT_REFUTED) return VERDICT_REFUTED;
    if (a == VERDICT_INCONCLUSIVE || b == VERDICT_INCONCLUSIVE) return VERDICT_INCONCLUSIVE;
    return VERDICT_CONFIRMED;
}

/* Compares one claimed trajectory; returns its verdict. */
static Verdict trajectory(const Experiment *x, Judgement *j, double eta, const char *claimed,
                          int decimals)
{
    double scale = pow(10, decimals);
    int row = exp_find_run(x, "lr", eta);
    Table c = {0};
    if (row < 0 || exp_run_file(x, row, "curve.tsv", &c) != ST_OK || table_col(&c, "w") < 0) {
        judge_printf(j, "| %g | %s | no run | – |\n", eta, claimed);
        table_free(&c);
        return VERDICT_INCONCLUSIVE;
    }
    char buf[EXP_VALUE], got[EXP_VALUE] = "";
    snprintf(buf, sizeof buf, "%s", claimed);
    int k = 0, bad = 0;
    for (char *save, *tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save), k++) {
        double want = strtod(tok, NULL), w = table_getnum(&c, k, "w");
        double r = round(w * scale) / scale;
        bad += !(fabs(r - want) < 0.5 / scale * 1e-3) || table_getnum(&c, k, "step") != k;
        size_t len = strlen(got);
        snprintf(got + len, sizeof got - len, "%s%.*f", k ? " " : "", decimals, r + 0.0);
    }
    table_free(&c);
    judge_printf(j, "| %g | %s | %s | %s |\n", eta, claimed, got, bad ? "**no**" : "yes");
    return bad ? VERDICT_REFUTED : VERDICT_CONFIRMED;
}

static Status judge_parabola(const Experiment *x, Judgement *j)
{
    int decimals = (int)exp_param_num(x, "decimals", 2);
    double tol = exp_param_num(x, "boundary_tol", 0.02);
    double claim_a = 0.5, claim_b = 1;
    sscanf(exp_param(x, "boundaries", "0.5 1"), "%lf %lf", &claim_a, &claim_b);

    Verdict v = VERDICT_CONFIRMED;
    int ntraj = 0, nmatch = 0;
    judge_printf(j, "Trajectories, w after steps 0, 1, … rounded to %d decimals:\n\n"
                    "| lr | claimed | measured | match |\n|---|---|---|---|\n", decimals);
    for (int i = 0; i < x->nparams; i++) {
        if (strncmp(x->params[i].key, "expect_", 7) != 0) continue;
        Verdict t = trajectory(x, j, strtod(x->params[i].key + 7, NULL), x->params[i].value, decimals);
        ntraj++, nmatch += t == VERDICT_CONFIRMED;
        v = worst(v, t);
    }
    if (ntraj == 0) judge_printf(j, "| – | no expect_ETA parameters | – | – |\n"), v = VERDICT_INCONCLUSIVE;

    int n = x->runs.nrows;
    LrClass *lc = calloc((size_t)(n ? n : 1), sizeof *lc);
    if (!lc) return ST_NOMEM;
    for (int r = 0; r < n; r++) lc[r] = (LrClass){table_getnum(&x->runs, r, "lr"), classify(x, r)};
    qsort(lc, (size_t)n, sizeof *lc, lrclass_cmp);
    judge_printf(j, "\nRegime of every run (%d learning rates, whole curve):\n\n| lr | regime |\n|---|---|\n", n);
    for (int r = 0; r < n; r++) judge_printf(j, "| %g | %s |\n", lc[r].lr, pclass_names[lc[r].cls]);
    judge_printf(j, "\n");
    double est_a, est_b;
    v = worst(v, boundary(j, lc, n, PC_MONOTONE, PC_ONESTEP, PC_OSCILLATING, claim_a, tol,
                          "monotone / oscillating", &est_a));
    v = worst(v, boundary(j, lc, n, PC_OSCILLATING, PC_BOUNCING, PC_DIVERGENT, claim_b, tol,
                          "convergent / divergent", &est_b));
    /* the regimes must come in order of lr: a class below one seen at a smaller lr is out of place */
    int out_of_order = 0;
    PClass seen = PC_MONOTONE;
    for (int r = 0; r < n; r++) {
        if (lc[r].cls == PC_MISSING) continue;
        out_of_order += lc[r].cls < seen;
        if (lc[r].cls > seen) seen = lc[r].cls;
    }
    if (out_of_order) {
        judge_printf(j, "- %d runs fall outside the order monotone < oscillating < divergent: **refutes**\n",
                     out_of_order);
        v = VERDICT_REFUTED;
    }
    free(lc);
    j->verdict = v;
    char a[32], b[32];
    snprintf(j->key, sizeof j->key, "%d/%d trajectories match to %d decimals; regime boundaries at lr %s and %s",
             nmatch, ntraj, decimals, stats_fmt(a, est_a), stats_fmt(b, est_b));
    return ST_OK;
}

const VerdictRule verdict_rule_parabola = {
    "parabola",
    "checks each expect_ETA trajectory to `decimals` decimals and locates the regime boundaries "
    "(monotone / oscillating / bouncing / divergent) on the lr grid against `boundaries` within "
    "`boundary_tol`",
    judge_parabola,
    figures_parabola,
};
