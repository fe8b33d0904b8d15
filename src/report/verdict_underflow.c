/* Verdict rule `underflow` (C19 against the size of the gradients): where fp16 without
 * loss scaling starts to lose what fp32 keeps, as the gradients shrink.
 *
 * The experiment multiplies the loss by a factor (setting loss_multiplier, powers of
 * two from 1 down) that the backward pass sees and the update does not (it is divided
 * out in fp32, train/mixed.h): the backward's values are that many times smaller, as
 * a model with smaller gradients would have, and fp32 and bf16, whose range holds
 * them, take the same steps. Runs are told apart by precision and loss_scale: fp32
 * (the baseline), fp16 without scaling, fp16 with dynamic scaling (GradScaler's
 * rules), bf16. At each multiplier every format is paired by seed with fp32's run at
 * the same multiplier (report/paired.h).
 *
 * Parameters ([verdict]), with defaults:
 *   metric = final_val_loss   runs.tsv column, lower is better
 *   tolerance = 0.01          a format matches fp32 when its mean paired gap is at most
 *                             this fraction of fp32's mean, loses when the gap is larger
 *                             and positive on every seed (a diverged seed loses)
 *
 * The threshold is the largest multiplier at which unscaled fp16 loses (it matches at
 * every larger one, the model's own gradients at 1 among them: the claim does not
 * bite there). Confirmed when there is one, dynamic scaling matches there, and bf16
 * matches at every multiplier: the claim holds for gradients that many times smaller
 * than this model's. Refuted when unscaled fp16 matches down to the smallest
 * multiplier (fp16's range never bites), dynamic scaling loses at the threshold, or
 * bf16 loses anywhere. Inconclusive when a format's runs are missing at a multiplier
 * or a class is unclear where it decides. The fraction of exactly-zero gradient
 * elements beyond fp32's (curve.tsv grad_zero, mean over the evaluations after step
 * 0) is printed beside each comparison: underflow shows there first. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/labels.h"
#include "report/paired.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { U_MAX_MULT = 64 };

typedef enum { F_FP32, F_FP16, F_FP16_DYNAMIC, F_BF16, N_FORMATS } FormatId;

static const struct {
    const char *name, *precision, *loss_scale;
} formats[N_FORMATS] = {
    {"fp32", "fp32", "none"},
    {"fp16, no loss scaling", "fp16", "none"},
    {"fp16, dynamic loss scaling", "fp16", "dynamic"},
    {"bf16, no loss scaling", "bf16", "none"},
};

typedef struct {
    int n;          /* seeds paired with an fp32 run */
    Comparison c;   /* against fp32 at the same multiplier */
    double zero;    /* mean grad_zero beyond fp32's, over the paired seeds */
} Cmp;

typedef struct {
    int nmult, nseeds;
    double mult[U_MAX_MULT]; /* descending */
    double seed[PAIR_MAX_SEEDS];
    Cmp cmp[U_MAX_MULT][N_FORMATS];
} Grid;

static int find_run(const Experiment *x, FormatId f, double mult, double seed)
{
    const Table *t = &x->runs;
    for (int r = 0; r < t->nrows; r++)
        if (!strcmp(table_get(t, r, "precision"), formats[f].precision) &&
            !strcmp(table_get(t, r, "loss_scale"), formats[f].loss_scale) &&
            table_getnum(t, r, "loss_multiplier") == mult && table_getnum(t, r, "seed") == seed &&
            strcmp(table_get(t, r, "status"), "failed") != 0)
            return r;
    return -1;
}

/* grad_zero of a run, the mean over its evaluations after step 0; NaN without a curve. */
static double mean_grad_zero(const Experiment *x, int row)
{
    Table c;
    if (exp_run_file(x, row, "curve.tsv", &c) != ST_OK) return NAN;
    double sum = 0;
    int n = 0;
    for (int r = 0; r < c.nrows; r++) {
        double z = table_getnum(&c, r, "grad_zero");
        if (table_getnum(&c, r, "step") > 0 && isfinite(z)) sum += z, n++;
    }
    table_free(&c);
    return n ? sum / n : NAN;
}

/* Adds v to the set a[0..*n) (at most cap), keeping it sorted (descending or not). */
static void add_sorted(double *a, int *n, int cap, double v, bool descending)
{
    for (int i = 0; i < *n; i++)
        if (a[i] == v) return;
    if (*n == cap) return;
    int i = (*n)++;
    for (; i > 0 && (descending ? a[i - 1] < v : a[i - 1] > v); i--) a[i] = a[i - 1];
    a[i] = v;
}

/* The multipliers are the experiment's (its axis, or its one setting), so that one
 * without runs shows as missing. */
static void build(Grid *g, const Experiment *x, const char *metric, double tolerance, const NoiseFloor *floor)
{
    memset(g, 0, sizeof *g);
    char buf[EXP_VALUE];
    const char *axis = NULL;
    for (int a = 0; a < x->naxes; a++)
        if (!strcmp(x->axes[a].key, "loss_multiplier")) axis = x->axes[a].value;
    const char *set = exp_setting(x, "loss_multiplier");
    snprintf(buf, sizeof buf, "%s", axis ? axis : set ? set : "1");
    for (char *save, *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
        add_sorted(g->mult, &g->nmult, U_MAX_MULT, strtod(tok, NULL), true);
    for (int r = 0; r < x->runs.nrows; r++) {
        if (!strcmp(table_get(&x->runs, r, "precision"), "fp32"))
            add_sorted(g->seed, &g->nseeds, PAIR_MAX_SEEDS, table_getnum(&x->runs, r, "seed"), false);
    }
    for (int i = 0; i < g->nmult; i++)
        for (int f = 0; f < N_FORMATS; f++) {
            Cmp *o = &g->cmp[i][f];
            double base[PAIR_MAX_SEEDS], zero[PAIR_MAX_SEEDS];
            bool diverged[PAIR_MAX_SEEDS];
            for (int s = 0; s < g->nseeds; s++) {
                int r = find_run(x, (FormatId)f, g->mult[i], g->seed[s]);
                int b = find_run(x, F_FP32, g->mult[i], g->seed[s]);
                if (r < 0 || b < 0) continue;
                int k = o->n++;
                diverged[k] = !strcmp(table_get(&x->runs, r, "status"), "diverged");
                o->c.value[k] = diverged[k] ? NAN : table_getnum(&x->runs, r, metric);
                base[k] = table_getnum(&x->runs, b, metric);
                zero[k] = mean_grad_zero(x, r) - mean_grad_zero(x, b);
            }
            pair_compare(&o->c, base, diverged, o->n, tolerance, floor);
            o->zero = stats_of(zero, o->n).mean;
        }
}

/* "2^-12" for a power of two, else the number. */
static char *mult_label(char *buf, double m)
{
    int e;
    double frac = frexp(m, &e);
    if (frac == 0.5) snprintf(buf, 32, "2^%d", e - 1);
    else snprintf(buf, 32, "%.4g", m);
    return buf;
}

static Status judge_underflow(const Experiment *x, Judgement *j)
{
    const char *metric = exp_param(x, "metric", "final_val_loss");
    double tolerance = exp_param_num(x, "tolerance", 0.01);
    const char *need[] = {"precision", "loss_scale", "loss_multiplier", "seed", "status", metric};
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
        if (table_col(&x->runs, need[k]) < 0) return err_set(ST_FAILED, "runs.tsv has no %s column", need[k]);
    NoiseFloor floor;
    Status st = floor_measure(&floor, x, metric);
    if (st != ST_OK) return st;
    static Grid g;
    build(&g, x, metric, tolerance, &floor);

    char mw[128];
    judge_printf(j, "Relative gap of %s to fp32 at the same loss multiplier, paired by seed (%d seeds), "
                    "and the zero gradient elements beyond fp32's:\n\n| loss multiplier |",
                 label_key(mw, sizeof mw, metric), g.nseeds);
    for (int f = 1; f < N_FORMATS; f++) judge_printf(j, " %s |", formats[f].name);
    judge_printf(j, " fp32 %s |\n|---|", mw);
    for (int f = 1; f < N_FORMATS; f++) judge_printf(j, "---|");
    judge_printf(j, "---|\n");
    for (int i = 0; i < g.nmult; i++) {
        char a[32], b[32], c[32];
        judge_printf(j, "| %s |", mult_label(a, g.mult[i]));
        for (int f = 1; f < N_FORMATS; f++) {
            const Cmp *o = &g.cmp[i][f];
            judge_printf(j, " %s, %s%s; zeros %s |", stats_pct(b, o->c.rel, 2), class_names[o->c.cls],
                         o->c.inside ? " (inside the floor)" : "", stats_pct(c, o->zero, 2));
        }
        Stats base = stats_of(g.cmp[i][F_FP32].c.value, g.cmp[i][F_FP32].n);
        judge_printf(j, " %s ± %s |\n", stats_fmt(a, base.mean), stats_fmt(b, base.sd));
    }
    judge_printf(j, "\nA format matches fp32 when its mean gap is at most %g %% of fp32's mean, loses when the "
                    "gap is larger, positive on every seed and outside the noise floor (or a seed diverged), and is "
                    "unclear otherwise.\n\n",
                 100 * tolerance);
    char ft[1024];
    judge_printf(j, "%s", floor_text(ft, sizeof ft, &floor, "every format's gap at every multiplier"));

    /* the verdict */
    Verdict v = VERDICT_INCONCLUSIVE;
    const char *why = "";
    int thr = -1, dyn_low = -1; /* the threshold; the smallest multiplier dynamic scaling matches at */
    bool missing = g.nmult == 0, bf16_loses = false, bf16_unclear = false, fp16_unclear = false;
    for (int i = 0; i < g.nmult; i++)
        for (int f = 0; f < N_FORMATS; f++) missing |= g.cmp[i][f].c.cls == C_MISSING;
    for (int i = 0; i < g.nmult; i++) {
        Class c16 = g.cmp[i][F_FP16].c.cls, cb = g.cmp[i][F_BF16].c.cls;
        bf16_loses |= cb == C_LOSES;
        bf16_unclear |= cb == C_UNCLEAR;
        if (thr < 0 && c16 == C_LOSES) thr = i;
        if (thr < 0 && c16 == C_UNCLEAR) fp16_unclear = true;
        if (g.cmp[i][F_FP16_DYNAMIC].c.cls == C_MATCHES && (dyn_low < 0 || dyn_low == i - 1)) dyn_low = i;
    }
    Class dyn = thr >= 0 ? g.cmp[thr][F_FP16_DYNAMIC].c.cls : C_MISSING;
    if (missing) why = "runs of a format are missing at a multiplier";
    else if (bf16_loses) v = VERDICT_REFUTED, why = "bf16 loses without scaling";
    else if (thr < 0 && !fp16_unclear)
        v = VERDICT_REFUTED, why = "unscaled fp16 matches fp32 at every multiplier: its range never bites here";
    else if (thr < 0) why = "unscaled fp16 is unclear before it ever loses";
    else if (dyn == C_LOSES) v = VERDICT_REFUTED, why = "dynamic loss scaling loses where unscaled fp16 starts to";
    else if (fp16_unclear) why = "unscaled fp16 is unclear above the multiplier where it loses";
    else if (dyn != C_MATCHES || bf16_unclear) why = "dynamic scaling or bf16 is unclear";
    else v = VERDICT_CONFIRMED, why = "unscaled fp16 loses below a multiplier where scaled fp16 and bf16 match";

    char t[32], d[32], one[32];
    if (thr >= 0) {
        judge_printf(j, "Unscaled fp16 starts to lose at a loss multiplier of %s (it matches fp32 at every larger "
                        "one): gradients %s times this model's. ", mult_label(t, g.mult[thr]), mult_label(one, g.mult[thr]));
        judge_printf(j, "There dynamic loss scaling %s", class_names[dyn]);
        if (dyn_low >= 0) judge_printf(j, " (it matches fp32 down to %s)", mult_label(d, g.mult[dyn_low]));
        judge_printf(j, ". The model's own gradients (multiplier 1) sit a factor %.4g above the threshold.\n\n",
                     1 / g.mult[thr]);
    } else {
        judge_printf(j, "Unscaled fp16 never loses down to a multiplier of %s.\n\n",
                     g.nmult ? mult_label(t, g.mult[g.nmult - 1]) : "–");
    }
    judge_printf(j, "- **C19: %s**: %s", verdict_names[v], why);
    if (v == VERDICT_CONFIRMED)
        judge_printf(j, ": the claim holds for gradients at most %s times this model's, not at its own size",
                     mult_label(t, g.mult[thr]));
    judge_printf(j, ".\n");
    j->verdict = v;
    if (thr >= 0)
        snprintf(j->key, sizeof j->key, "unscaled fp16 loses from gradients %s× the model's (%s); dynamic scaling "
                 "%s there; bf16 %s", mult_label(t, g.mult[thr]), stats_pct(one, g.cmp[thr][F_FP16].c.rel, 2),
                 class_names[dyn], bf16_loses ? "loses somewhere" : "matches throughout");
    else
        snprintf(j->key, sizeof j->key, "unscaled fp16 never loses down to gradients %s× the model's",
                 g.nmult ? mult_label(t, g.mult[g.nmult - 1]) : "–");
    return ST_OK;
}

/* The relative gap to fp32 and the excess zero gradients against the multiplier (log2),
 * one line per format. */
static Status figures_underflow(FigureSet *fs, const Experiment *x)
{
    static Grid g;
    static const NoiseFloor no_floor; /* the figures draw gaps, not classes */
    build(&g, x, exp_param(x, "metric", "final_val_loss"), exp_param_num(x, "tolerance", 0.01), &no_floor);
    const char *what[2] = {"gap", "zeros"};
    for (int k = 0; k < 2; k++) {
        char name[160], title[512], caption[768], mw[128];
        snprintf(name, sizeof name, "%s_%s", x->name, what[k]);
        label_key(mw, sizeof mw, exp_param(x, "metric", "final_val_loss"));
        if (k == 0) {
            snprintf(title, sizeof title, "%s: %s against fp32 as the gradients shrink", x->name, mw);
            snprintf(caption, sizeof caption,
                     "Relative gap of %s to fp32 at the same loss multiplier (mean over seeds, paired by seed; "
                     "a diverged seed is drawn at the top), against the multiplier the backward pass sees: "
                     "the gradients that many times smaller than the model's own.", mw);
        } else {
            snprintf(title, sizeof title, "%s: gradient elements lost to zero", x->name);
            snprintf(caption, sizeof caption,
                     "Fraction of gradient elements exactly zero beyond fp32's at the same multiplier (mean over "
                     "the evaluations and seeds): fp16's underflow as the gradients shrink.");
        }
        FILE *f = fig_open(fs, name, title, caption);
        if (!f) return ST_IO;
        fprintf(f, "set xlabel 'log2 of the loss multiplier'\nset ylabel '%s'\n",
                k == 0 ? "relative gap to fp32 (%)" : "zero gradient elements beyond fp32 (%)");
        for (int fm = 1; fm < N_FORMATS; fm++) {
            fprintf(f, "$f%d << EOD\n# log2(multiplier) value\n", fm);
            for (int i = 0; i < g.nmult; i++) {
                const Cmp *o = &g.cmp[i][fm];
                double y = k == 0 ? o->c.rel : o->zero;
                if (k == 0 && o->c.cls == C_LOSES && !isfinite(y)) y = 1; /* diverged: 100 % */
                if (o->n && isfinite(y)) fprintf(f, "%.6g %.6g\n", log2(g.mult[i]), 100 * y);
            }
            fprintf(f, "EOD\n");
        }
        fprintf(f, "plot 0 with lines lc rgb '#404040' dt 2 notitle");
        for (int fm = 1; fm < N_FORMATS; fm++) {
            fprintf(f, ", \\\n  $f%d using 1:2 with linespoints lc rgb '%s' lw 2 pt 7 title ", fm, fig_colour(fm - 1));
            gp_quote(f, formats[fm].name);
        }
        fprintf(f, "\n");
        Status st = fig_close(f, name);
        if (st != ST_OK) return st;
    }
    return ST_OK;
}

const VerdictRule verdict_rule_underflow = {
    "underflow",
    "pairs each format with fp32 at the same loss multiplier and seed (matches within `tolerance` of fp32's "
    "`metric`, loses when worse on every seed); the threshold is the largest multiplier where unscaled fp16 "
    "loses; C19 holds there when dynamic scaling matches and bf16 matches at every multiplier",
    judge_underflow,
    figures_underflow,
};
