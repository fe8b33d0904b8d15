/* Verdict rule `precision` (C18, C19): number formats against fp32, seed by seed.
 *
 * The runs are told apart by their settings precision, rounding and loss_scale (in
 * the experiment, one linked axis) and paired by seed: a seed fixes the initial
 * weights and the batches, so the paired difference isolates the number format.
 *
 * Each mode is compared with fp32 twice: on held-out data (`metric`, from runs.tsv)
 * and on the training loss (`train_metric` from curve.tsv): updates lost to rounding or
 * gradients lost to underflow show first as worse optimisation, and an overfitting model
 * can hide them on held-out data. A curve.tsv row's training loss is the mean over the
 * steps since the row before; the last evaluation's row may cover only a few
 * mini-batches, too noisy to resolve a gap of 1 %, so `train_tail` can average it over
 * the rows that end in the last fraction of the steps, each weighted by its steps.
 *
 * Parameters ([verdict]), with defaults:
 *   metric = final_val_loss    runs.tsv column, lower is better
 *   train_metric = train_loss  curve.tsv column, lower is better
 *   train_tail = 0             0: train_metric at the last evaluation; f in (0, 1]: its
 *                              mean over the rows ending in the last f of the steps,
 *                              weighted by the steps each row covers
 *   tolerance = 0.01           on one comparison a mode "matches" fp32 when its mean
 *                              paired gap is at most this fraction of fp32's mean, and
 *                              "loses" when the gap is larger and positive on every seed
 *                              (a diverged seed loses); otherwise it is "unclear"
 *   bytes = activation_bytes   summary.tsv columns that bf16 must halve (C18)
 * A mode matches when it matches on both comparisons (on held-out data alone when the
 * runs have no curves), loses when it loses on either.
 *
 * Per mode it also prints the fraction of weights a step left unchanged (lost_updates)
 * and the excess of exactly-zero gradient elements over fp32 (grad_zero: fp16
 * underflow), both averaged over the evaluations after step 0, and the bytes of each
 * kind relative to fp32.
 *
 * C18: confirmed when bf16 matches and halves the `bytes` columns, bf16-pure with
 * nearest rounding loses and with stochastic rounding matches; refuted when bf16 loses
 * or fails to halve them, nearest rounding matches, or stochastic rounding loses.
 * C19: confirmed when fp16 without scaling loses while fp16 with dynamic scaling and
 * bf16 (never scaled) match; refuted when unscaled fp16 matches (this model did not
 * need scaling), or scaled fp16 or bf16 loses. Anything else is inconclusive. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/labels.h"
#include "report/paired.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { P_MAX_SEEDS = PAIR_MAX_SEEDS };

typedef enum { M_FP32, M_BF16, M_PURE_NEAREST, M_PURE_STOCHASTIC, M_FP16, M_FP16_DYNAMIC, N_MODES } ModeId;

typedef struct {
    const char *name, *precision, *rounding, *loss_scale; /* NULL: any */
} Mode;

static const Mode modes[N_MODES] = {
    {"fp32", "fp32", NULL, NULL},
    {"bf16 products, fp32 weights", "bf16", NULL, NULL},
    {"bf16 weights, round to nearest", "bf16-pure", "nearest", NULL},
    {"bf16 weights, stochastic rounding", "bf16-pure", "stochastic", NULL},
    {"fp16, no loss scaling", "fp16", NULL, "none"},
    {"fp16, dynamic loss scaling", "fp16", NULL, "dynamic"},
};

typedef struct {
    int n;                     /* seeds with a run and an fp32 partner */
    Comparison held_out, train;
    double lost, zero;         /* mean over runs of lost_updates and grad_zero */
    double bytes[4];           /* mean weight, grad, state, activation bytes */
    Class cls;
} ModeResult;

static const char *const byte_cols[4] = {"weight_bytes", "grad_bytes", "state_bytes", "activation_bytes"};

static bool is(const Table *t, int row, const char *col, const char *want)
{
    return !want || strcmp(table_get(t, row, col), want) == 0;
}

static int find_run(const Experiment *x, ModeId m, double seed)
{
    const Table *t = &x->runs;
    for (int r = 0; r < t->nrows; r++)
        if (is(t, r, "precision", modes[m].precision) && is(t, r, "rounding", modes[m].rounding) &&
            is(t, r, "loss_scale", modes[m].loss_scale) && table_getnum(t, r, "seed") == seed &&
            strcmp(table_get(t, r, "status"), "failed") != 0)
            return r;
    return -1;
}

/* What the rule reads from a run's curve.tsv (NaN when absent): the training metric
 * (at the last evaluation, or its step-weighted mean over the tail: train_tail), and
 * lost_updates and grad_zero averaged over the evaluations after step 0. */
typedef struct {
    double train, lost, zero;
} CurveSummary;

/* The step-weighted mean of col over the rows of c whose step is past (1 - tail) of the
 * last row's step, each row weighing the steps since the row before; NaN when a row in
 * it has none (a curve that stops early, or no such rows). */
static double tail_mean(const Table *c, const char *col, double tail)
{
    double last = table_getnum(c, c->nrows - 1, "step"), start = (1 - tail) * last, prev = 0, sum = 0, w = 0;
    for (int r = 0; r < c->nrows; r++) {
        double step = table_getnum(c, r, "step"), v = table_getnum(c, r, col);
        if (step > start && step > prev) {
            sum += v * (step - prev);
            w += step - prev;
        }
        prev = step;
    }
    return w > 0 ? sum / w : NAN;
}

static CurveSummary curve_summary(const Experiment *x, int row, const char *train_metric, double tail)
{
    CurveSummary s = {NAN, NAN, NAN};
    Table c;
    if (exp_run_file(x, row, "curve.tsv", &c) != ST_OK) return s;
    double lost = 0, zero = 0;
    int nlost = 0, nzero = 0;
    for (int r = 0; r < c.nrows; r++) {
        if (!(table_getnum(&c, r, "step") > 0)) continue;
        double l = table_getnum(&c, r, "lost_updates"), z = table_getnum(&c, r, "grad_zero");
        if (isfinite(l)) lost += l, nlost++;
        if (isfinite(z)) zero += z, nzero++;
    }
    if (c.nrows > 0 && table_getnum(&c, c.nrows - 1, "step") > 0) {
        double t = tail > 0 ? tail_mean(&c, train_metric, tail) : table_getnum(&c, c.nrows - 1, train_metric);
        if (isfinite(t)) s.train = t;
    }
    if (nlost) s.lost = lost / nlost;
    if (nzero) s.zero = zero / nzero;
    table_free(&c);
    return s;
}

static void judge_mode(const Experiment *x, ModeId m, const double *seeds, int nseeds, const char *metric,
                       const char *train_metric, double tail, double tolerance, const NoiseFloor *floor,
                       ModeResult *out)
{
    memset(out, 0, sizeof *out);
    double lost[P_MAX_SEEDS], zero[P_MAX_SEEDS], base[P_MAX_SEEDS], train_base[P_MAX_SEEDS];
    double bytes[4][P_MAX_SEEDS];
    bool diverged[P_MAX_SEEDS];
    for (int i = 0; i < nseeds; i++) {
        int r = find_run(x, m, seeds[i]), b = find_run(x, M_FP32, seeds[i]);
        if (r < 0 || b < 0) continue;
        int k = out->n++;
        CurveSummary run = curve_summary(x, r, train_metric, tail), fp32 = curve_summary(x, b, train_metric, tail);
        diverged[k] = !strcmp(table_get(&x->runs, r, "status"), "diverged");
        out->held_out.value[k] = diverged[k] ? NAN : table_getnum(&x->runs, r, metric);
        out->train.value[k] = diverged[k] ? NAN : run.train;
        base[k] = table_getnum(&x->runs, b, metric);
        train_base[k] = fp32.train;
        lost[k] = run.lost;
        zero[k] = run.zero;
        for (int c = 0; c < 4; c++) bytes[c][k] = table_getnum(&x->runs, r, byte_cols[c]);
    }
    pair_compare(&out->held_out, base, diverged, out->n, tolerance, floor);
    pair_compare(&out->train, train_base, diverged, out->n, tolerance, floor);
    out->lost = stats_of(lost, out->n).mean;
    out->zero = stats_of(zero, out->n).mean;
    for (int c = 0; c < 4; c++) out->bytes[c] = stats_of(bytes[c], out->n).mean;
    Class a = out->held_out.cls, b = out->train.cls; /* b is missing without curves */
    out->cls = a == C_MISSING                                       ? C_MISSING
               : a == C_LOSES || b == C_LOSES                       ? C_LOSES
               : a == C_MATCHES && (b == C_MATCHES || b == C_MISSING) ? C_MATCHES
                                                                    : C_UNCLEAR;
}

/* The distinct seeds of the fp32 runs, ascending. */
static int fp32_seeds(const Experiment *x, double *seeds)
{
    int n = 0;
    for (int r = 0; r < x->runs.nrows; r++) {
        if (!is(&x->runs, r, "precision", "fp32")) continue;
        double s = table_getnum(&x->runs, r, "seed");
        bool have = false;
        for (int i = 0; i < n; i++) have |= seeds[i] == s;
        if (!have && n < P_MAX_SEEDS) seeds[n++] = s;
    }
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && seeds[j - 1] > seeds[j]; j--) {
            double t = seeds[j];
            seeds[j] = seeds[j - 1], seeds[j - 1] = t;
        }
    return n;
}

static bool any_missing(const ModeResult *r, const ModeId *ids, int n)
{
    for (int i = 0; i < n; i++)
        if (r[ids[i]].cls == C_MISSING) return true;
    return false;
}

/* Whether bf16 halves each column named in `bytes` (ratio at most 0.5) into *ok, the
 * largest ratio into *ratio; ST_FAILED for a name that is not a bytes column. */
static Status halves(const ModeResult *r, const char *bytes, bool *ok, double *ratio)
{
    char buf[EXP_VALUE];
    snprintf(buf, sizeof buf, "%s", bytes);
    *ok = true;
    *ratio = 0;
    for (char *save, *tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
        int c = 0;
        while (c < 4 && strcmp(tok, byte_cols[c])) c++;
        if (c == 4)
            return err_set(ST_FAILED, "bytes: '%s' is not one of weight_bytes grad_bytes state_bytes "
                                      "activation_bytes", tok);
        double q = r[M_BF16].bytes[c] / r[M_FP32].bytes[c];
        if (!(q <= 0.5 + 1e-9)) *ok = false;
        if (q > *ratio || !isfinite(q)) *ratio = q;
    }
    return ST_OK;
}

static Verdict judge_c18(const ModeResult *r, bool bytes_ok, const char **why)
{
    static const ModeId need[] = {M_FP32, M_BF16, M_PURE_NEAREST, M_PURE_STOCHASTIC};
    if (any_missing(r, need, 4)) return *why = "runs of a mode are missing", VERDICT_INCONCLUSIVE;
    if (r[M_BF16].cls == C_LOSES) return *why = "bf16 with fp32 master weights loses", VERDICT_REFUTED;
    if (!bytes_ok) return *why = "bf16 does not halve the bytes", VERDICT_REFUTED;
    if (r[M_PURE_NEAREST].cls == C_MATCHES)
        return *why = "bf16 weights with nearest rounding lose nothing", VERDICT_REFUTED;
    if (r[M_PURE_STOCHASTIC].cls == C_LOSES)
        return *why = "stochastic rounding does not rescue bf16 weights", VERDICT_REFUTED;
    if (r[M_BF16].cls == C_MATCHES && r[M_PURE_NEAREST].cls == C_LOSES && r[M_PURE_STOCHASTIC].cls == C_MATCHES)
        return *why = "bf16 matches fp32; bf16 weights lose with nearest rounding, not with stochastic", VERDICT_CONFIRMED;
    return *why = "a mode is unclear: the seeds disagree on its gap", VERDICT_INCONCLUSIVE;
}

static Verdict judge_c19(const ModeResult *r, const char **why)
{
    static const ModeId need[] = {M_FP32, M_BF16, M_FP16, M_FP16_DYNAMIC};
    if (any_missing(r, need, 4)) return *why = "runs of a mode are missing", VERDICT_INCONCLUSIVE;
    if (r[M_FP16].cls == C_MATCHES) return *why = "fp16 without loss scaling matches fp32", VERDICT_REFUTED;
    if (r[M_FP16_DYNAMIC].cls == C_LOSES) return *why = "fp16 loses even with loss scaling", VERDICT_REFUTED;
    if (r[M_BF16].cls == C_LOSES) return *why = "bf16 without scaling loses", VERDICT_REFUTED;
    if (r[M_FP16].cls == C_LOSES && r[M_FP16_DYNAMIC].cls == C_MATCHES && r[M_BF16].cls == C_MATCHES)
        return *why = "unscaled fp16 loses; scaled fp16 and bf16 match fp32", VERDICT_CONFIRMED;
    return *why = "a mode is unclear: the seeds disagree on its gap", VERDICT_INCONCLUSIVE;
}

static void set_claim(const Experiment *x, Judgement *j, const char *id, Verdict v, const char *key)
{
    bool tested = false;
    for (int k = 0; k < x->nclaims; k++) tested |= !strcmp(x->claims[k], id);
    if (!tested || j->nclaims == J_MAX_CLAIMS) return;
    snprintf(j->claim[j->nclaims].id, sizeof j->claim[0].id, "%s", id);
    j->claim[j->nclaims].verdict = v;
    snprintf(j->claim[j->nclaims].key, sizeof j->claim[0].key, "%s", key);
    j->nclaims++;
}

/* "+0.79/-0.20 %": a mode's relative gaps on held-out data and on training. */
static char *gaps(char *buf, const ModeResult *o)
{
    if (!o->n) snprintf(buf, 32, "–");
    else snprintf(buf, 32, "%+.2f/%+.2f %%", 100 * o->held_out.rel, 100 * o->train.rel);
    return buf;
}

static void print_comparison(Judgement *j, const Comparison *c)
{
    char a[32], b[32], d[32], e[32], f[32], g[32];
    judge_printf(j, " %s ± %s | %s (%s to %s) | %s |", stats_fmt(a, c->v.mean), stats_fmt(b, c->v.sd),
                 stats_fmt(d, c->g.mean), stats_fmt(e, c->g.ci_lo), stats_fmt(f, c->g.ci_hi), stats_pct(g, c->rel, 2));
}

static Status judge_precision(const Experiment *x, Judgement *j)
{
    const char *metric = exp_param(x, "metric", "final_val_loss");
    const char *train_metric = exp_param(x, "train_metric", "train_loss");
    double tolerance = exp_param_num(x, "tolerance", 0.01);
    const char *tail_text = exp_param(x, "train_tail", "0"), *bytes = exp_param(x, "bytes", "activation_bytes");
    char *end;
    double tail = strtod(tail_text, &end);
    if (end == tail_text || *end || !(tail >= 0 && tail <= 1))
        return err_set(ST_FAILED, "train_tail: '%s' is not a fraction of the steps from 0 to 1", tail_text);
    if (table_col(&x->runs, "precision") < 0 || table_col(&x->runs, metric) < 0)
        return err_set(ST_FAILED, "runs.tsv has no precision or %s column", metric);
    double seeds[P_MAX_SEEDS];
    int nseeds = fp32_seeds(x, seeds);
    NoiseFloor floor;
    Status st = floor_measure(&floor, x, metric);
    if (st != ST_OK) return st;
    ModeResult r[N_MODES];
    for (int m = 0; m < N_MODES; m++)
        judge_mode(x, (ModeId)m, seeds, nseeds, metric, train_metric, tail, tolerance, &floor, &r[m]);

    char mw[128], tw[128], where[64];
    if (tail > 0) snprintf(where, sizeof where, "mean over the last %g %% of the steps", 100 * tail);
    else snprintf(where, sizeof where, "last evaluation");
    judge_printf(j, "| number format | n | %s | paired gap to fp32 (95 %% CI) | relative | %s (%s) | "
                    "paired gap to fp32 (95 %% CI) | relative | judged |\n|---|---|---|---|---|---|---|---|---|\n",
                 label_key(mw, sizeof mw, metric), label_key(tw, sizeof tw, train_metric), where);
    for (int m = 0; m < N_MODES; m++) {
        judge_printf(j, "| %s | %d |", modes[m].name, r[m].n);
        print_comparison(j, &r[m].held_out);
        print_comparison(j, &r[m].train);
        bool inside = r[m].cls == C_UNCLEAR && (r[m].held_out.inside || r[m].train.inside);
        judge_printf(j, " %s%s |\n", m == M_FP32 ? "baseline" : class_names[r[m].cls], inside ? " (inside the floor)" : "");
    }
    judge_printf(j, "\nA mode matches fp32 on a comparison when its mean gap is at most %g %% of fp32's mean, "
                    "loses when the gap is larger, positive on every seed and outside the noise floor; it matches "
                    "when it matches on both, loses when it loses on either. Gaps are paired by seed (%d seeds).\n\n",
                 100 * tolerance, nseeds);
    char ft[1024];
    judge_printf(j, "%s", floor_text(ft, sizeof ft, &floor, "both comparisons of every mode (the training side with "
                                     "the same relative floor)"));
    judge_printf(j, "| number format | weights a step left unchanged | zero gradient elements beyond fp32 | weights | "
                    "gradients | optimizer state | activations |\n|---|---|---|---|---|---|---|\n");
    for (int m = 0; m < N_MODES; m++) {
        const ModeResult *o = &r[m];
        char g[32], z[32], h[4][32];
        for (int k = 0; k < 4; k++) stats_fmt(h[k], o->n ? o->bytes[k] / r[M_FP32].bytes[k] : NAN);
        judge_printf(j, "| %s | %s | %s | ×%s | ×%s | ×%s | ×%s |\n", modes[m].name, stats_fmt(g, o->lost),
                     stats_pct(z, o->zero - r[M_FP32].zero, 2), h[0], h[1], h[2], h[3]);
    }
    judge_printf(j, "\nBoth diagnostics are means over the evaluations after step 0; bytes are those a real "
                    "implementation keeps, relative to fp32 (docs/FORMATS.md).\n\n");
    double ratio;
    bool bytes_ok;
    st = halves(r, bytes, &bytes_ok, &ratio);
    if (st != ST_OK) return st;
    const char *why18, *why19;
    Verdict v18 = judge_c18(r, bytes_ok, &why18), v19 = judge_c19(r, &why19);
    judge_printf(j, "- **C18: %s**: %s; bf16 %s of %s (largest ratio to fp32 ×%.3g).\n", verdict_names[v18],
                 why18, bytes_ok ? "halves each" : "does not halve each", bytes, ratio);
    judge_printf(j, "- **C19: %s**: %s.\n", verdict_names[v19], why19);

    char k18[256], k19[256], p1[32], p2[32], p3[32], p4[32];
    snprintf(k18, sizeof k18, "gap to fp32 held-out/training: bf16 %s; bf16 weights, nearest %s, stochastic %s",
             gaps(p1, &r[M_BF16]), gaps(p2, &r[M_PURE_NEAREST]), gaps(p3, &r[M_PURE_STOCHASTIC]));
    snprintf(k19, sizeof k19, "gap to fp32 held-out/training: fp16 unscaled %s (zero gradients %s beyond fp32), "
             "scaled %s", gaps(p1, &r[M_FP16]), stats_pct(p4, r[M_FP16].zero - r[M_FP32].zero, 2), gaps(p2, &r[M_FP16_DYNAMIC]));
    /* the power calculation: the gaps, relative to fp32's mean, of the modes the claims
     * want to match fp32 (the ones whose gap must be resolved against the tolerance) */
    j->resolve = tolerance;
    j->spread_n = nseeds;
    static const ModeId must_match[] = {M_BF16, M_PURE_STOCHASTIC, M_FP16_DYNAMIC};
    for (int i = 0; i < 3; i++) {
        ModeId m = must_match[i];
        const Comparison *c[2] = {&r[m].held_out, &r[m].train};
        for (int k = 0; k < 2; k++) {
            double sd = c[k]->g.sd / fabs(c[k]->base);
            if (c[k]->g.n >= 2 && isfinite(sd) && sd > j->spread) j->spread = sd;
        }
    }
    snprintf(j->resolve_what, sizeof j->resolve_what, "the mean paired gap to fp32 (relative to fp32's mean) of "
             "the modes that should match fp32 (bf16, stochastic rounding, scaled fp16) against `tolerance`, a "
             "difference");
    set_claim(x, j, "C18", v18, k18);
    set_claim(x, j, "C19", v19, k19);
    j->verdict = verdict_worse(v18, v19);
    snprintf(j->key, sizeof j->key, "C18 %s, C19 %s", verdict_names[v18], verdict_names[v19]);
    return ST_OK;
}

const VerdictRule verdict_rule_precision = {
    "precision",
    "pairs every mode's run with the fp32 run of the same seed; a mode matches fp32 when its mean "
    "gap in `metric` is at most `tolerance` of fp32's, loses when it is larger on every seed; C18 "
    "wants bf16 to match and halve `bytes`, bf16 weights to lose with nearest rounding and match "
    "with stochastic rounding; C19 wants unscaled fp16 to lose while scaled fp16 and bf16 match",
    judge_precision,
    figures_precision,
};
