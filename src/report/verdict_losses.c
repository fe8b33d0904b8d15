/* Verdict rule `losses` (C22): the loss-function arithmetic, read from toy runs on the
 * landscapes of src/toys/loss_examples.c, whose loss is computed by nn/loss.c.
 *
 * Parameters ([verdict]):
 *   decimals = 4     compare after rounding to this many decimals
 *   mse = 0.0467     the claimed MSE of (0.7, 0.2, 0.1) against (1, 0, 0): the loss of the
 *                    mse_simplex run at w0 = 0.7, w0_2 = 0.2
 *   mse_ratio = 4    the claimed cost of an error of 2 over an error of 1 under MSE: the
 *                    loss of the mse_error run at w0 = 2 over the one at w0 = 1
 *
 * Every run's loss (step 0 of curve.tsv) is also held against its definition computed
 * here in double from the run's point: MSE = Σ (p − t)² / n, cross-entropy
 * = −log p(correct class) (ce_simplex: −log w1; ce_error: −log(1 / (1 + e^w))).
 * Confirmed when every run matches its definition and both claimed numbers match, to
 * `decimals` decimals; refuted when one differs; inconclusive when a run is missing. The
 * cost of an error of 2 over 1 under cross-entropy (ce_error at w0 = 2 and 1) is
 * reported beside MSE's. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/figures.h"
#include "report/stats.h"
#include "report/verdicts.h"

/* The definition of each landscape's loss at (w1, w2), in double; NaN for others. */
static double definition(const char *land, double w1, double w2)
{
    if (!strcmp(land, "mse_simplex")) {
        double e[3] = {w1 - 1, w2, 1 - w1 - w2};
        return (e[0] * e[0] + e[1] * e[1] + e[2] * e[2]) / 3;
    }
    if (!strcmp(land, "ce_simplex")) return -log(w1);
    if (!strcmp(land, "mse_error")) return w1 * w1;
    if (!strcmp(land, "ce_error")) return -log(1 / (1 + exp(w1)));
    return NAN;
}

/* The run on `land` starting at w0 (and w0_2 when finite), or -1. */
static int find(const Experiment *x, const char *land, double w0, double w0_2)
{
    for (int r = 0; r < x->runs.nrows; r++) {
        if (strcmp(table_get(&x->runs, r, "landscape"), land) != 0) continue;
        if (fabs(table_getnum(&x->runs, r, "w0") - w0) > 1e-9) continue;
        if (isfinite(w0_2) && fabs(table_getnum(&x->runs, r, "w0_2") - w0_2) > 1e-9) continue;
        return r;
    }
    return -1;
}

/* Step 0 of run `row`: the loss and the point; false when the curve is unreadable. */
static bool first_point(const Experiment *x, int row, double *loss, double *w1, double *w2)
{
    Table c;
    if (row < 0 || exp_run_file(x, row, "curve.tsv", &c) != ST_OK) return false;
    bool two = table_col(&c, "w1") >= 0;
    *loss = table_getnum(&c, 0, "loss");
    *w1 = table_getnum(&c, 0, two ? "w1" : "w");
    *w2 = two ? table_getnum(&c, 0, "w2") : 0;
    bool ok = c.nrows > 0 && table_getnum(&c, 0, "step") == 0 && isfinite(*loss);
    table_free(&c);
    return ok;
}

static bool same(double a, double b, double scale)
{
    return fabs(round(a * scale) - round(b * scale)) < 0.5;
}

static Status judge_losses(const Experiment *x, Judgement *j)
{
    int decimals = (int)exp_param_num(x, "decimals", 4);
    double scale = pow(10, decimals);
    double claim_mse = exp_param_num(x, "mse", 0.0467), claim_ratio = exp_param_num(x, "mse_ratio", 4);
    Verdict v = VERDICT_CONFIRMED;

    judge_printf(j, "Every run's loss, as nn/loss.c computes it, against its definition computed "
                    "in double, %d decimals:\n\n| landscape | point | loss (nn/loss.c) | definition | match |\n"
                    "|---|---|---|---|---|\n", decimals);
    for (int r = 0; r < x->runs.nrows; r++) {
        const char *land = table_get(&x->runs, r, "landscape");
        double loss, w1, w2;
        if (!first_point(x, r, &loss, &w1, &w2)) {
            judge_printf(j, "| %s | – | no curve | – | – |\n", land);
            v = verdict_worse(v, VERDICT_INCONCLUSIVE);
            continue;
        }
        double def = definition(land, w1, w2);
        bool ok = same(loss, def, scale);
        char point[64];
        if (!strcmp(land, "mse_simplex") || !strcmp(land, "ce_simplex"))
            snprintf(point, sizeof point, "p = (%.4g, %.4g, %.4g)", w1, w2, 1 - w1 - w2);
        else snprintf(point, sizeof point, "%s = %.4g", strncmp(land, "ce", 2) ? "error" : "logit gap", w1);
        judge_printf(j, "| %s | %s | %.*f | %.*f | %s |\n", land, point, decimals, loss, decimals, def,
                     ok ? "yes" : "**no**");
        if (!ok) v = VERDICT_REFUTED;
    }

    double mse = NAN, m1 = NAN, m2 = NAN, c1 = NAN, c2 = NAN, ce = NAN, w1, w2;
    bool have = first_point(x, find(x, "mse_simplex", 0.7, 0.2), &mse, &w1, &w2);
    have &= first_point(x, find(x, "mse_error", 1, NAN), &m1, &w1, &w2);
    have &= first_point(x, find(x, "mse_error", 2, NAN), &m2, &w1, &w2);
    bool have_ce = first_point(x, find(x, "ce_error", 1, NAN), &c1, &w1, &w2) &
                   first_point(x, find(x, "ce_error", 2, NAN), &c2, &w1, &w2);
    bool have_p = first_point(x, find(x, "ce_simplex", 0.7, 0.2), &ce, &w1, &w2);
    judge_printf(j, "\nThe claimed numbers:\n\n");
    if (!have) {
        judge_printf(j, "- the runs mse_simplex at (0.7, 0.2) and mse_error at 1 and 2 are needed: "
                        "**inconclusive**\n");
        v = verdict_worse(v, VERDICT_INCONCLUSIVE);
    } else {
        bool ok_mse = same(mse, claim_mse, scale), ok_ratio = same(m2 / m1, claim_ratio, scale);
        judge_printf(j, "- MSE of (0.7, 0.2, 0.1) against (1, 0, 0): %.*f (claimed %g): **%s**\n", decimals,
                     mse, claim_mse, ok_mse ? "matches" : "differs");
        judge_printf(j, "- an error of 2 against an error of 1 under MSE: %.*f / %.*f = %.*f × (claimed %g ×): "
                        "**%s**\n", decimals, m2, decimals, m1, decimals, m2 / m1, claim_ratio,
                     ok_ratio ? "matches" : "differs");
        if (!ok_mse || !ok_ratio) v = VERDICT_REFUTED;
    }
    if (have_ce)
        judge_printf(j, "- the same under cross-entropy (the wrong class's logit 1 or 2 above the "
                        "correct one's): %.*f / %.*f = %.*f × (log(1 + e²) / log(1 + e)); it grows "
                        "like the error for large errors, not like its square\n",
                     decimals, c2, decimals, c1, decimals, c2 / c1);
    if (have_p)
        judge_printf(j, "- cross-entropy of the same prediction, the correct class at 0.7: %.*f = −log 0.7\n",
                     decimals, ce);
    j->verdict = v;
    char a[32], b[32];
    snprintf(j->key, sizeof j->key, "MSE %.*f; error 2 costs %s× error 1 under MSE, %s× under cross-entropy",
             decimals, mse, stats_fmt(a, m2 / m1), stats_fmt(b, c2 / c1));
    return ST_OK;
}

/* Loss against the error for MSE (w²) and cross-entropy (log(1 + e^w)), with the runs'
 * points marked. */
static Status figures_losses(FigureSet *fs, const Experiment *x)
{
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_error_cost", x->name);
    snprintf(title, sizeof title, "%s: the cost of an error under MSE and cross-entropy", x->name);
    FILE *f = fig_open(fs, name, title,
                       "MSE of one prediction off by the error (w², line) and the cross-entropy of two "
                       "classes when the wrong one's logit leads by the error (log(1 + e^w), line), with "
                       "the losses nn/loss.c computed in the runs (points). MSE grows with the square of "
                       "the error, cross-entropy like the error itself.");
    if (!f) return ST_IO;
    fprintf(f, "set xlabel 'error'\nset ylabel 'loss'\nset xrange [0:3]\nset yrange [0:*]\nset samples 200\n");
    const char *lands[2] = {"mse_error", "ce_error"};
    for (int k = 0; k < 2; k++) {
        fprintf(f, "$%s << EOD\n# error loss\n", lands[k]);
        for (int r = 0; r < x->runs.nrows; r++) {
            double loss, w1, w2;
            if (strcmp(table_get(&x->runs, r, "landscape"), lands[k]) != 0) continue;
            if (first_point(x, r, &loss, &w1, &w2)) fprintf(f, "%.6g %.6g\n", w1, loss);
        }
        fprintf(f, "EOD\n");
    }
    fprintf(f, "plot x**2 with lines lc rgb '#0072b2' lw 2 title 'MSE: w²', \\\n"
               "  log(1 + exp(x)) with lines lc rgb '#d55e00' lw 2 title 'cross-entropy: log(1 + e^w)', \\\n"
               "  $mse_error using 1:2 with points lc rgb '#0072b2' pt 7 ps 1.2 title 'MSE runs', \\\n"
               "  $ce_error using 1:2 with points lc rgb '#d55e00' pt 7 ps 1.2 title 'cross-entropy runs'\n");
    return fig_close(f, name);
}

const VerdictRule verdict_rule_losses = {
    "losses",
    "holds every run's loss (nn/loss.c) against its definition and the claimed `mse` and `mse_ratio` "
    "to `decimals` decimals",
    judge_losses,
    figures_losses,
};
