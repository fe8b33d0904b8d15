/* Verdict rule `vanishing` (C14): the per-layer gradient norm of a deep plain MLP
 * against layer index, from layer_stats.tsv, one activation per cell of the sweep.
 *
 * For each run, the factor per layer going back towards the input, f = g(i−1) / g(i),
 * is fitted on a log axis (layerstats.c: ls_factor) over the hidden layers 1 .. n−1
 * (layer 0 reads the raw features and the head maps to the classes: neither is a layer
 * of the stack) at `step`.
 *
 * Parameters ([verdict]):
 *   step = 0                      the step whose statistics are judged (0: at initialisation)
 *   vanishing = sigmoid tanh      activations the claim says shrink the gradient
 *   flowing = relu gelu           activations the claim says keep it flowing
 *   vanish_below = 0.7            shrinks: every seed's factor below this
 *   flat_low = 0.8, flat_high = 1.25   near flat: every seed's factor in this range
 *   textbook = 1.0 0.45 0.20 0.08 0.02 0.003   the textbook's picture going back from the
 *                                  last layer (shown beside the first vanishing activation's)
 *
 * Confirmed when every `vanishing` activation shrinks and every `flowing` one is near
 * flat; refuted when a `vanishing` activation's every seed is at or above flat_low (it
 * does not shrink), or a `flowing` one's every seed is below vanish_below or above
 * 1/vanish_below; inconclusive otherwise (seeds on both sides, an activation without
 * runs). A run without layer_stats.tsv is an error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/layerstats.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { MAX_RUNS = 64, MAX_STEPS = 64, MAX_ACTS = 8 };

/* Factor per layer going back of column col (grad_norm, act_grad_norm) of run `row` at
 * `step`; the profile into v, n layers. */
static Status back_factor(const Experiment *x, int row, long step, const char *col, double *v, int *n, double *f)
{
    Status st = ls_profile(x, row, step, col, v, n);
    if (st != ST_OK) return st;
    double g = ls_factor(v, 1, *n - 2);
    *f = g == 0 ? INFINITY : isinf(g) ? 0 : 1 / g;
    return ST_OK;
}

/* The steps of run row's layer_stats.tsv, in order, at most cap. */
static int steps_of(const Experiment *x, int row, long *steps, int cap)
{
    Table t;
    int n = 0;
    if (exp_run_file(x, row, "layer_stats.tsv", &t) != ST_OK) return 0;
    for (int r = 0; r < t.nrows && n < cap; r++) {
        double v = table_getnum(&t, r, "step");
        if (!(fabs(v) < 1e15)) continue; /* not a step: skipped, not cast */
        if (n == 0 || steps[n - 1] != (long)v) steps[n++] = (long)v;
    }
    table_free(&t);
    return n;
}

/* Splits a blank-separated list into words (at most cap); returns how many. */
static int words(const char *text, char out[][32], int cap)
{
    int n = 0;
    for (const char *p = text; *p && n < cap;) {
        p += strspn(p, " \t");
        size_t len = strcspn(p, " \t");
        if (!len) break;
        snprintf(out[n++], 32, "%.*s", (int)(len < 31 ? len : 31), p);
        p += len;
    }
    return n;
}

/* A table of the mean factor over seeds of column col, per activation (columns) and
 * recorded step (rows), after a line of introduction. */
static void factor_table(const Experiment *x, Judgement *j, const char *col, char acts[][32], int nacts,
                         const long *steps, int ns, const char *intro)
{
    judge_printf(j, "\n%s:\n\n| step |", intro);
    for (int a = 0; a < nacts; a++) judge_printf(j, " %s |", acts[a]);
    judge_printf(j, "\n|---|");
    for (int a = 0; a < nacts; a++) judge_printf(j, "---|");
    judge_printf(j, "\n");
    for (int i = 0; i < ns; i++) {
        judge_printf(j, "| %ld |", steps[i]);
        for (int a = 0; a < nacts; a++) {
            double f[MAX_RUNS], prof[LS_MAX_LAYERS];
            int k = 0, n;
            for (int r = 0; r < x->runs.nrows && k < MAX_RUNS; r++)
                if (!strcmp(table_get(&x->runs, r, "act"), acts[a]) &&
                    back_factor(x, r, steps[i], col, prof, &n, &f[k]) == ST_OK)
                    k++;
            char b[32];
            judge_printf(j, " %s |", stats_fmt(b, stats_of(f, k).mean));
        }
        judge_printf(j, "\n");
    }
}

static Status judge_vanishing(const Experiment *x, Judgement *j)
{
    double sp = exp_param_num(x, "step", 0);
    if (!(sp >= 0 && sp < 1e15)) return err_set(ST_USAGE, "%s: [verdict] step must be a step number", x->name);
    long step = (long)sp;
    double below = exp_param_num(x, "vanish_below", 0.7), lo = exp_param_num(x, "flat_low", 0.8),
           hi = exp_param_num(x, "flat_high", 1.25);
    char acts[MAX_ACTS][32], tb[8][32];
    int nv = words(exp_param(x, "vanishing", "sigmoid tanh"), acts, MAX_ACTS);
    int nacts = nv + words(exp_param(x, "flowing", "relu gelu"), acts + nv, MAX_ACTS - nv);
    int ntb = words(exp_param(x, "textbook", "1.0 0.45 0.20 0.08 0.02 0.003"), tb, 8);
    if (table_col(&x->runs, "act") < 0) return err_set(ST_IO, "%s: runs.tsv has no column 'act'", x->name);
    Verdict v = VERDICT_CONFIRMED;
    char key[256] = "";
    size_t klen = 0;

    judge_printf(j, "The factor per layer by which the gradient norm shrinks going back one layer towards "
                    "the input, fitted on a log axis over the hidden layers at step %ld (below %g: shrinks; "
                    "%g–%g: near flat), per seed:\n\n| activation | claim | seeds | factor per layer | mean | "
                    "judged |\n|---|---|---|---|---|---|\n", step, below, lo, hi);
    double first_profile[LS_MAX_LAYERS] = {0};
    int first_n = 0, first_k = 0;
    for (int a = 0; a < nacts; a++) {
        bool vanish = a < nv;
        double f[MAX_RUNS];
        int k = 0;
        char list[512] = "";
        size_t len = 0;
        for (int r = 0; r < x->runs.nrows && k < MAX_RUNS; r++) {
            if (strcmp(table_get(&x->runs, r, "act"), acts[a])) continue;
            double prof[LS_MAX_LAYERS];
            int n;
            Status st = back_factor(x, r, step, "grad_norm", prof, &n, &f[k]);
            if (st != ST_OK) return st;
            if (a == 0 && vanish) { /* the textbook's picture: the sigmoid's last layers */
                for (int l = 0; l < n; l++) first_profile[l] += log10(prof[l]);
                first_n = n, first_k++;
            }
            char b[32];
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "", stats_fmt(b, f[k]));
            k++;
        }
        Stats s = stats_of(f, k);
        int below_n = 0, flat_n = 0, steep_n = 0, high_n = 0;
        for (int i = 0; i < k; i++) {
            below_n += f[i] < below;
            flat_n += f[i] >= lo && f[i] <= hi;
            steep_n += f[i] >= lo;
            high_n += f[i] > 1 / below;
        }
        Verdict va;
        if (!k) va = VERDICT_INCONCLUSIVE;
        else if (vanish) va = below_n == k ? VERDICT_CONFIRMED : steep_n == k ? VERDICT_REFUTED : VERDICT_INCONCLUSIVE;
        else va = flat_n == k ? VERDICT_CONFIRMED
                  : below_n == k || high_n == k ? VERDICT_REFUTED : VERDICT_INCONCLUSIVE;
        v = verdict_worse(v, va);
        char m[32];
        judge_printf(j, "| %s | %s | %d | %s | %s | %s |\n", acts[a], vanish ? "shrinks" : "near flat", k,
                     k ? list : "no runs", stats_fmt(m, s.mean),
                     !k ? "**inconclusive** (no runs)" : va == VERDICT_CONFIRMED ? "as claimed"
                     : va == VERDICT_REFUTED ? "**refuted**" : "**inconclusive** (seeds disagree)");
        if (klen < sizeof key)
            klen += (size_t)snprintf(key + klen, sizeof key - klen, "%s%s %s", a ? ", " : "", acts[a], m);
    }
    if (first_k && first_n >= 3) {
        int last = first_n - 2; /* the last hidden layer */
        judge_printf(j, "\nThe textbook's picture against the measured %s gradient norm (geometric mean over %d "
                        "seeds), going back from the last hidden layer, relative to it:\n\n| layers back | ",
                     acts[0], first_k);
        for (int i = 0; i < ntb && last - i >= 0; i++) judge_printf(j, "%d | ", i);
        judge_printf(j, "\n|---|");
        for (int i = 0; i < ntb && last - i >= 0; i++) judge_printf(j, "---|");
        judge_printf(j, "\n| textbook | ");
        for (int i = 0; i < ntb && last - i >= 0; i++) judge_printf(j, "%s | ", tb[i]);
        judge_printf(j, "\n| measured | ");
        for (int i = 0; i < ntb && last - i >= 0; i++) {
            char b[32];
            judge_printf(j, "%s | ", stats_fmt(b, pow(10, (first_profile[last - i] - first_profile[last]) / first_k)));
        }
        double tf = ntb > 1 ? pow(strtod(tb[ntb - 1], NULL) / strtod(tb[0], NULL), 1.0 / (ntb - 1)) : NAN;
        char b[32];
        judge_printf(j, "\n\nThe textbook's numbers shrink by %s per layer on average (geometric mean over its %d "
                        "steps).\n", stats_fmt(b, tf), ntb - 1);
    }

    /* early training: the mean factor at every recorded step */
    long steps[MAX_STEPS];
    int ns = x->runs.nrows ? steps_of(x, 0, steps, MAX_STEPS) : 0;
    if (ns > 1)
        factor_table(x, j, "grad_norm", acts, nacts, steps, ns,
                     "The same factor (mean over seeds) at every step the runs recorded");
    if (ns > 0 && ls_has(x, "act_grad_norm"))
        factor_table(x, j, "act_grad_norm", acts, nacts, steps, ns,
                     "The same factor for the gradient with respect to each layer's output (`act_grad_norm`: what "
                     "backpropagation carries down, the textbook's quantity) over the same layers, mean over seeds, "
                     "at every step the runs recorded");
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "gradient factor per layer going back: %s", key);
    return ST_OK;
}

/* Gradient norm against layer index at step 0 and at the last recorded step: of each
 * layer's parameters, and (when the runs record it) with respect to its output. */
static Status figures_vanishing(FigureSet *fs, const Experiment *x)
{
    static const char *const not_seed[] = {"seed", NULL};
    Cells c;
    Status st = exp_cells(&c, x, not_seed);
    if (st != ST_OK) return st;
    long steps[MAX_STEPS];
    int ns = x->runs.nrows ? steps_of(x, 0, steps, MAX_STEPS) : 0;
    long at[2] = {0, ns ? steps[ns - 1] : 0};
    /* each layer's parameter gradient; the gradient with respect to its output when the
     * runs record it (results older than the column do not) */
    static const struct {
        const char *col, *suffix, *what, *ylabel, *head, *tail;
    } kind[] = {
        {"grad_norm", "grad_layers", "gradient norm per layer", "gradient norm",
         "The norm of each layer's gradient (its weight and bias) on the probe batch",
         "A straight falling line towards the input is geometric vanishing; a layer whose gradient is exactly 0 or "
         "not finite is left out."},
        {"act_grad_norm", "act_grad_layers", "gradient with respect to each layer's output", "output gradient norm",
         "The norm of the gradient of the probe batch's loss with respect to each layer's output (the signal "
         "backpropagation carries into the layers below, the textbook's picture of vanishing; the head's: the "
         "logits)",
         "A value exactly 0 or not finite is left out."},
    };
    bool has_act = ls_has(x, "act_grad_norm");
    for (int i = 0; i < (at[1] > 0 ? 2 : 1) && st == ST_OK; i++)
        for (int k = 0; k < (has_act ? 2 : 1) && st == ST_OK; k++) {
            char suffix[64], title[256], caption[768];
            snprintf(suffix, sizeof suffix, "%s_step%ld", kind[k].suffix, at[i]);
            snprintf(title, sizeof title, "%s: %s at step %ld", x->name, kind[k].what, at[i]);
            snprintf(caption, sizeof caption,
                     "%s at step %ld%s, against the layer's index (0 reads the input; the last is the head), log "
                     "scale, one line per activation: geometric mean over seeds. %s",
                     kind[k].head, at[i], at[i] == 0 ? " (initialisation, before any update)" : "", kind[k].tail);
            st = ls_figure(fs, x, &c, NULL, at[i], kind[k].col, suffix, title, kind[k].ylabel, caption);
        }
    cells_free(&c);
    return st;
}

const VerdictRule verdict_rule_vanishing = {
    "vanishing",
    "fits the gradient norm's factor per layer going back (log axis, hidden layers, at `step`) and holds "
    "the `vanishing` activations below `vanish_below` and the `flowing` ones within `flat_low`–`flat_high`",
    judge_vanishing,
    figures_vanishing,
};
