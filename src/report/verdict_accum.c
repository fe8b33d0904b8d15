/* Verdict rule `accum` (C10): accumulating k micro-batches of b and stepping once gives
 * the update of one batch of k·b, up to summation order.
 *
 * Every run with accum = k > 1 is paired with the run of accum 1 and batch k·b that has
 * the same seed and the same value on every other axis (number format, steps): same
 * initial weights, same examples in the same order (as long as the run stays inside the
 * first epoch, where the drop of a partial last batch cannot differ). Both runs saved
 * their weights (`save = on`: model.safetensors); per pair the rule measures
 *   - the largest difference of any parameter in units in the last place (ulps) of
 *     float32 at the larger of the two values: |a − b| / ulp(max(|a|, |b|)). Near zero
 *     an ulp is tiny, and Adam's step g/(√v + ε) turns a rounding-sized change of a
 *     near-zero gradient into a change of a sizeable fraction of the step, so this
 *     number is set by a few such parameters;
 *   - the relative L2 distance ‖a − b‖ / ‖b‖ of the whole weight vectors in units of
 *     float32's machine epsilon ε = 2⁻²³ (the spacing of floats at 1): what summation
 *     order changes, measured over all the weights;
 *   - the largest difference of the training-loss curves (curve.tsv train_loss, row by row).
 *
 * Parameters ([verdict]), with defaults:
 *   axis = batch/accum  the axis that sets k and b (left out of the pairing)
 *   max_eps = 16        summation-order rounding: the relative distance the claim allows,
 *                       in ε (summing 128 terms in another order moves the sum by about
 *                       √128 ≈ 11 half-ε in a typical case)
 *   at_steps            the horizon judged (default: the smallest `steps` of the runs)
 *   precision = fp32    the number format judged (others are shown, not judged)
 * Confirmed when every seed's relative distance is at most max_eps for every k at that
 * horizon and format; refuted when for some k every seed's exceeds it; else
 * inconclusive. Longer horizons and other formats are tabled beside it: they show what
 * grows the difference. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/safetensors.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { A_MAX_GROUPS = 128, A_MAX_SEEDS = 256 };

static double ulp_of(float v)
{
    float a = fabsf(v);
    return (double)(nextafterf(a, INFINITY) - a);
}

/* Largest ulp difference and relative L2 distance of two runs' saved weights. */
static Status weight_diff(const Experiment *x, int r, int b, double *ulps, double *rel)
{
    char path[2][4096];
    StFile f[2] = {{0}, {0}};
    int rows[2] = {r, b};
    Status st = ST_OK;
    for (int i = 0; i < 2 && st == ST_OK; i++) {
        snprintf(path[i], sizeof path[i], "%s/runs/%s/model.safetensors", x->dir, table_get(&x->runs, rows[i], "run_id"));
        st = st_read(&f[i], path[i]);
    }
    *ulps = 0;
    double dd = 0, bb = 0;
    for (int t = 0; st == ST_OK && t < f[1].n; t++) {
        const StTensor *u = &f[1].tensors[t], *v = st_find(&f[0], u->name);
        if (!v || v->numel != u->numel) {
            st = err_set(ST_FAILED, "%s: no tensor %s of %ld values as in %s", path[0], u->name, u->numel, path[1]);
            break;
        }
        for (long i = 0; i < u->numel; i++) {
            float p = v->data[i], q = u->data[i];
            double d = fabs((double)p - (double)q);
            if (d > 0) *ulps = fmax(*ulps, d / ulp_of(fabsf(p) > fabsf(q) ? p : q));
            dd += d * d, bb += (double)q * q;
        }
    }
    if (st == ST_OK && f[1].n == 0) st = err_set(ST_FAILED, "%s: no tensors", path[1]);
    *rel = sqrt(dd / bb) / FLT_EPSILON;
    st_free(&f[0]);
    st_free(&f[1]);
    return st;
}

/* Largest |difference| of the two curves' train_loss over the rows both have. */
static Status curve_diff(const Experiment *x, int r, int b, double *gap)
{
    Table c[2] = {{0}, {0}};
    Status st = exp_run_file(x, r, "curve.tsv", &c[0]);
    if (st == ST_OK) st = exp_run_file(x, b, "curve.tsv", &c[1]);
    *gap = 0;
    for (int i = 0; st == ST_OK && i < c[0].nrows && i < c[1].nrows; i++) {
        double u = table_getnum(&c[0], i, "train_loss"), v = table_getnum(&c[1], i, "train_loss");
        if (isfinite(u) && isfinite(v)) *gap = fmax(*gap, fabs(u - v));
    }
    table_free(&c[0]);
    table_free(&c[1]);
    return st;
}

/* The baseline of run r: accum 1, batch k·b, the same seed and other axes; -1 if none. */
static int find_base(const Experiment *x, int r, const char *axis)
{
    const Table *t = &x->runs;
    double k = table_getnum(t, r, "accum"), b = table_getnum(t, r, "batch");
    for (int s = 0; s < t->nrows; s++) {
        if (table_getnum(t, s, "accum") != 1 || table_getnum(t, s, "batch") != k * b) continue;
        bool same = table_getnum(t, s, "seed") == table_getnum(t, r, "seed");
        for (int a = 0; same && a < x->naxes; a++)
            if (strcmp(x->axes[a].key, axis) && strcmp(x->axes[a].key, "seed"))
                same = !strcmp(table_get(t, s, x->axes[a].key), table_get(t, r, x->axes[a].key));
        if (same) return s;
    }
    return -1;
}

/* "precision=bf16, steps=10": run r's values of the axes but `axis`, seed and `skip`. */
static void other_axes(const Experiment *x, int r, const char *axis, const char *skip, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int a = 0; a < x->naxes && len < cap; a++)
        if (strcmp(x->axes[a].key, axis) && strcmp(x->axes[a].key, "seed") && strcmp(x->axes[a].key, skip))
            len += (size_t)snprintf(out + len, cap - len, "%s%s=%s", len ? ", " : "", x->axes[a].key,
                                    table_get(&x->runs, r, x->axes[a].key));
}

/* A run of k > 1 against its baseline. */
typedef struct {
    int run;
    bool format;  /* the run's precision is the one judged (or the runs have none) */
    double k, steps, ulps, rel, gap;
} Pair;

/* Every run of accum > 1 with its baseline's differences; *n of them in *out (free it). */
static Status collect(const Experiment *x, const char *axis, Pair **out, int *n)
{
    const char *format = exp_param(x, "precision", "fp32");
    const Table *t = &x->runs;
    if (table_col(t, "accum") < 0 || table_col(t, "batch") < 0 || table_col(t, "seed") < 0)
        return err_set(ST_FAILED, "runs.tsv has no accum, batch or seed column");
    Pair *p = calloc((size_t)(t->nrows ? t->nrows : 1), sizeof *p);
    if (!p) return ST_NOMEM;
    *n = 0;
    Status st = ST_OK;
    for (int r = 0; r < t->nrows && st == ST_OK; r++) {
        if (!(table_getnum(t, r, "accum") > 1)) continue;
        int b = find_base(x, r, axis);
        if (b < 0) {
            st = err_set(ST_FAILED, "run %s (accum %s, batch %s) has no run of accum 1 and batch %g to compare with",
                         table_get(t, r, "run_id"), table_get(t, r, "accum"), table_get(t, r, "batch"),
                         table_getnum(t, r, "accum") * table_getnum(t, r, "batch"));
            break;
        }
        Pair *q = &p[(*n)++];
        q->run = r, q->k = table_getnum(t, r, "accum"), q->steps = table_getnum(t, r, "steps");
        q->format = table_col(t, "precision") < 0 || !strcmp(table_get(t, r, "precision"), format);
        if ((st = weight_diff(x, r, b, &q->ulps, &q->rel)) == ST_OK) st = curve_diff(x, r, b, &q->gap);
    }
    if (st == ST_OK && *n == 0) st = err_set(ST_FAILED, "no runs with accum > 1 to compare");
    if (st != ST_OK) return free(p), st;
    *out = p;
    return ST_OK;
}

/* Pairs of one k and one value of the other axes (with or without steps). */
typedef struct {
    char label[256];
    double k, steps;
    bool format; /* of the format judged */
    int n;
    double ulps[A_MAX_SEEDS], rel[A_MAX_SEEDS], gap[A_MAX_SEEDS];
    double at[A_MAX_SEEDS]; /* each pair's steps (when the group spans several) */
} Group;

static int group_cmp(const void *a, const void *b)
{
    const Group *g = a, *h = b;
    if (g->steps != h->steps) return g->steps < h->steps ? -1 : 1;
    int c = strcmp(g->label, h->label);
    if (c) return c;
    return (g->k > h->k) - (g->k < h->k);
}

/* Groups the pairs by k and the other axes (but `skip`), ordered. */
static int group_pairs(const Experiment *x, const char *axis, const char *skip, const Pair *p, int np, Group *g)
{
    int ng = 0;
    for (int i = 0; i < np; i++) {
        char label[256];
        other_axes(x, p[i].run, axis, skip, label, sizeof label);
        int k = 0;
        while (k < ng && (strcmp(g[k].label, label) || g[k].k != p[i].k)) k++;
        if (k == ng && ng == A_MAX_GROUPS) continue;
        if (k == ng) {
            memset(&g[ng], 0, sizeof g[ng]);
            snprintf(g[ng].label, sizeof g[ng].label, "%s", label);
            g[ng].k = p[i].k, g[ng].steps = p[i].steps, g[ng].format = p[i].format;
            ng++;
        }
        if (g[k].n == A_MAX_SEEDS) continue;
        g[k].ulps[g[k].n] = p[i].ulps, g[k].rel[g[k].n] = p[i].rel, g[k].gap[g[k].n] = p[i].gap;
        g[k].at[g[k].n] = p[i].steps;
        g[k].n++;
    }
    qsort(g, (size_t)ng, sizeof *g, group_cmp);
    return ng;
}

static Status judge_accum(const Experiment *x, Judgement *j)
{
    const char *axis = exp_param(x, "axis", "batch/accum");
    const char *format = exp_param(x, "precision", "fp32");
    double max_eps = exp_param_num(x, "max_eps", 16);
    Pair *p;
    int np;
    Status st = collect(x, axis, &p, &np);
    if (st != ST_OK) return st;
    double at = exp_param_num(x, "at_steps", NAN);
    for (int i = 0; !isfinite(exp_param_num(x, "at_steps", NAN)) && i < np; i++)
        if (!(p[i].steps >= at)) at = p[i].steps;
    Group *g = calloc(A_MAX_GROUPS, sizeof *g);
    if (!g) return free(p), ST_NOMEM;
    int ng = group_pairs(x, axis, "", p, np, g);
    free(p);

    judge_printf(j, "| other settings | k | seeds | relative L2 distance (ε), mean ± sd (min–max) | largest single "
                    "difference (ulps), over seeds | largest training-loss difference, mean (nats) | judged |\n"
                    "|---|---|---|---|---|---|---|\n");
    bool any_over = false, all_under = true, any_judged = false;
    char key_rel[128] = "", key_ulps[128] = "";
    size_t lr = 0, lu = 0;
    j->resolve = max_eps;
    for (int i = 0; i < ng; i++) {
        Stats u = stats_of(g[i].ulps, g[i].n), rel = stats_of(g[i].rel, g[i].n), c = stats_of(g[i].gap, g[i].n);
        bool judged = g[i].format && g[i].steps == at;
        char a[32], b[32], lo[32], hi[32], e[32], f[32];
        judge_printf(j, "| %s | %g | %d | %s ± %s (%s–%s) | %s | %s | %s |\n", g[i].label[0] ? g[i].label : "–", g[i].k,
                     g[i].n, stats_fmt(a, rel.mean), stats_fmt(b, rel.sd), stats_fmt(lo, rel.min), stats_fmt(hi, rel.max),
                     stats_fmt(e, u.max), stats_fmt(f, c.mean), judged ? "yes" : "");
        if (!judged) continue;
        any_judged = true;
        all_under &= rel.max <= max_eps;
        any_over |= rel.min > max_eps;
        if (isfinite(rel.sd) && rel.sd > j->spread) j->spread = rel.sd, j->spread_n = rel.n;
        if (lr < sizeof key_rel)
            lr += (size_t)snprintf(key_rel + lr, sizeof key_rel - lr, "%sk=%g %s", lr ? ", " : "", g[i].k, stats_fmt(a, rel.max));
        if (lu < sizeof key_ulps)
            lu += (size_t)snprintf(key_ulps + lu, sizeof key_ulps - lu, "%sk=%g %s", lu ? ", " : "", g[i].k, stats_fmt(a, u.max));
    }
    if (any_judged)
        snprintf(j->key, sizeof j->key, "%s after %g steps: relative distance at most %s ε; largest single difference %s ulps",
                 format, at, key_rel, key_ulps);
    j->verdict = !any_judged ? VERDICT_INCONCLUSIVE
                 : any_over  ? VERDICT_REFUTED
                 : all_under ? VERDICT_CONFIRMED
                             : VERDICT_INCONCLUSIVE;
    judge_printf(j, "\nJudged: number format %s after %g steps, the relative distance against `max_eps` = %g ε "
                    "(ε = 2⁻²³). %s The largest single difference is shown, not judged: it sits at weights near "
                    "zero, whose ulp is tiny.\n\n", format, at, max_eps,
                 !any_judged  ? "No runs of that format and horizon."
                 : any_over   ? "For some k every seed's distance exceeds it."
                 : all_under  ? "Every seed's distance is within it for every k."
                              : "The seeds disagree: some exceed it, some do not.");
    snprintf(j->resolve_what, sizeof j->resolve_what, "a relative weight distance against `max_eps`, in ε,");
    free(g);
    return ST_OK;
}

/* The relative distance in ε against steps, one line per k and value of the other axes. */
static Status figures_accum(FigureSet *fs, const Experiment *x)
{
    const char *axis = exp_param(x, "axis", "batch/accum");
    Pair *p;
    int np;
    if (collect(x, axis, &p, &np) != ST_OK) return ST_OK; /* the verdict says why */
    Group *g = calloc(A_MAX_GROUPS, sizeof *g);
    if (!g) return free(p), ST_NOMEM;
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_ulps", x->name);
    snprintf(title, sizeof title, "%s: weight distance, k micro-batches against one batch", x->name);
    FILE *f = fig_open(fs, name, title,
                       "the relative distance ‖a − b‖/‖b‖ between the weights of k accumulated micro-batches of b "
                       "and of one batch of k·b (same seed), in units of float32's ε = 2⁻²³, against the steps "
                       "taken: the largest over seeds (points joined), log axes; identical weights drawn at 0.01.");
    if (!f) return free(p), free(g), ST_IO;
    fprintf(f, "set xlabel 'optimizer steps'\nset ylabel 'relative weight distance (ε)'\nset logscale xy\n");
    int ng = group_pairs(x, axis, "steps", p, np, g); /* a series per k and other axes but steps */
    for (int s = 0; s < ng; s++) {
        fprintf(f, "$s%d << EOD\n", s);
        /* the steps values in order, the largest difference over seeds at each */
        double last = -INFINITY;
        for (;;) {
            double next = INFINITY, worst = 0;
            for (int i = 0; i < g[s].n; i++)
                if (g[s].at[i] > last && g[s].at[i] < next) next = g[s].at[i];
            if (!isfinite(next)) break;
            for (int i = 0; i < g[s].n; i++)
                if (g[s].at[i] == next) worst = fmax(worst, g[s].rel[i]);
            fprintf(f, "%.9g %.6g\n", next, worst > 0 ? worst : 0.01);
            last = next;
        }
        fprintf(f, "EOD\n");
    }
    fprintf(f, "plot ");
    for (int s = 0; s < ng; s++) {
        fprintf(f, "%s$s%d using 1:2 with linespoints lw 2 pt 7 lc rgb '%s' title ", s ? ", \\\n  " : "", s,
                fig_colour(s));
        char t[320];
        snprintf(t, sizeof t, "k = %g%s%s", g[s].k, g[s].label[0] ? ", " : "", g[s].label);
        gp_quote(f, t);
    }
    if (!ng) fprintf(f, "[1:2] [1:2] 1 notitle");
    fprintf(f, "\n");
    free(p);
    free(g);
    return fig_close(f, name);
}

const VerdictRule verdict_rule_accum = {
    "accum",
    "pairs each run of k accumulated micro-batches of b with the run of one batch of k·b and the same seed, "
    "and measures from their saved weights the relative distance of the weight vectors in float32 ε and the "
    "largest single difference in ulps; confirmed when the distance stays within `max_eps` for every k and "
    "seed after `at_steps` steps in `precision`, refuted when for some k it exceeds it on every seed",
    judge_accum,
    figures_accum,
};
