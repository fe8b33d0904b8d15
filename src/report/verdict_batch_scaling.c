/* Verdict rule `batch_scaling` (C04, steps and examples to a target; C06, the best
 * learning rate against the batch size), after McCandlish et al. 2018 ("An Empirical
 * Model of Large-Batch Training") and Shallue et al. 2018 ("Measuring the Effects of
 * Data Parallelism on Neural Network Training").
 *
 * The experiment sweeps batch × lr × optimizer × seed; each run stops at the first
 * evaluation whose validation loss reaches the target (target_loss) or runs its steps.
 * A run's steps to the target are read from curve.tsv, interpolated linearly between
 * the last evaluation above the target and the first at or below it (infinite if it
 * never gets there, or diverged). Per optimizer (a series) and batch size B, the best
 * learning rate is the one with the fewest mean steps over seeds among those where
 * every seed reached the target; S(B) is that mean and E(B) = S(B)·B the examples.
 * A best lr at the smallest or largest lr of the grid is flagged (the grid may miss it).
 *
 * C04: S(B) = S_min + E_min / B, which is (S/S_min − 1)(E/E_min − 1) = 1, fitted by
 * weighted least squares in 1/B (GSL, weights 1/S², so each point counts by its
 * relative error; 95 % intervals from the scatter, n − 2 degrees of freedom). The
 * critical batch B_crit = E_min / S_min (interval by the delta method). Beside it the
 * measured noise scale B_simple = Σ tr(Σ) / Σ |G|² over the gradient-noise measurements
 * (noise_every) that the best runs made up to the target, and over those in the second
 * half of their steps to it (near the target: B_simple grows as the loss falls). Per series: confirmed when
 * S_min and E_min are both positive (intervals above 0: a bigger batch saves steps, up
 * to a floor) and B_crit lies within the swept batch sizes, with no best lr at a grid
 * edge; refuted when E_min's interval lies below 0 (bigger batches never save steps);
 * else inconclusive.
 *
 * C06: the bend is the batch size where the best lr is largest (the smallest such B);
 * the least-squares slope of log10 best lr against log10 B up to the bend (at least 3
 * batch sizes) with its 95 % interval. Per series: confirmed when the interval lies in
 * lr_slope ± lr_slope_tol and the bend falls before the largest batch; refuted when the
 * interval lies outside; inconclusive otherwise (no bend in the grid, too few points,
 * a best lr at the grid's edge).
 *
 * Parameters ([verdict]), with defaults:
 *   target = the target_loss setting   validation loss that counts as reached
 *   lr_slope = 1, lr_slope_tol = 0.25  the linear scaling rule and its tolerance
 * A run without a curve.tsv is an error. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/fits.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { BS_SERIES = 8, BS_BATCH = 16, BS_LR = 32, BS_SEEDS = 16 };

typedef struct {
    double lr;
    int n;
    double steps[BS_SEEDS];
    int rows[BS_SEEDS];
    double mean; /* mean steps over seeds; INFINITY unless every seed reached the target */
} LrPoint;

typedef struct {
    double batch;
    int nlr, best; /* best: index into lr, -1 when no lr reached the target on every seed */
    LrPoint lr[BS_LR];
    bool edge;     /* the best lr is the grid's smallest or largest */
    double S, S_lo, S_hi; /* steps at the best lr: mean, min and max over seeds */
    double noise[4];      /* the best runs' sums of tr(Σ) and |G|² estimates up to the target,
                           * and of those in the second half of the steps to it */
} BatchPoint;

typedef struct {
    char name[64];
    int nb;
    BatchPoint b[BS_BATCH]; /* ascending batch */
    /* C04 */
    double s_min, s_min_lo, s_min_hi, e_min, e_min_lo, e_min_hi, b_crit, b_crit_lo, b_crit_hi;
    double b_simple, b_simple_late; /* Σ tr(Σ) / Σ |G|²: up to the target, near it */
    int nfit;
    Verdict v04;
    const char *why04;
    /* C06 */
    int bend; /* index into b */
    Line lr_fit, lr_after;
    Verdict v06;
    const char *why06;
} Series;

typedef struct {
    double target;
    int n;
    Series s[BS_SERIES];
} Scaling;

/* Steps to the target from curve.tsv's evaluation rows; noise (may be NULL) adds the
 * sums of the gradient-noise estimates up to it: tr(Σ) and |G|² over every measurement,
 * then over those in the second half of the steps (the noise scale grows as the loss
 * falls, and the first measurements, where |G|² is largest, dominate a sum over all). */
static Status steps_to_target(const Experiment *x, int row, double target, double *steps, double *noise)
{
    Table c;
    Status st = exp_run_file(x, row, "curve.tsv", &c);
    if (st != ST_OK) return st;
    *steps = INFINITY;
    double s0 = NAN, v0 = NAN;
    int end = c.nrows - 1;
    for (int k = 0; k < c.nrows; k++) {
        double v = table_getnum(&c, k, "val_loss"), s = table_getnum(&c, k, "step");
        if (!isfinite(v)) continue;
        if (v <= target) {
            *steps = isfinite(v0) ? s0 + (v0 - target) / (v0 - v) * (s - s0) : s;
            end = k;
            break;
        }
        s0 = s, v0 = v;
    }
    for (int k = 0; noise && k <= end; k++) {
        double t = table_getnum(&c, k, "grad_noise_trace"), q = table_getnum(&c, k, "grad_sq_norm");
        if (!isfinite(t) || !isfinite(q)) continue;
        noise[0] += t, noise[1] += q;
        if (table_getnum(&c, k, "step") >= table_getnum(&c, end, "step") / 2) noise[2] += t, noise[3] += q;
    }
    table_free(&c);
    if (!strcmp(table_get(&x->runs, row, "status"), "diverged")) *steps = INFINITY;
    return ST_OK;
}

static int find_or_add(double *v, int *n, int max, double a)
{
    for (int i = 0; i < *n; i++)
        if (v[i] == a) return i;
    if (*n == max) return -1;
    v[*n] = a;
    return (*n)++;
}

static int by_batch(const void *a, const void *b)
{
    double x = ((const BatchPoint *)a)->batch, y = ((const BatchPoint *)b)->batch;
    return (x > y) - (x < y);
}

static int by_lr(const void *a, const void *b)
{
    double x = ((const LrPoint *)a)->lr, y = ((const LrPoint *)b)->lr;
    return (x > y) - (x < y);
}

static Status build(Scaling *w, const Experiment *x)
{
    memset(w, 0, sizeof *w);
    const char *t = exp_param(x, "target", exp_setting(x, "target_loss"));
    w->target = t ? atof(t) : NAN;
    if (!(w->target > 0)) return err_set(ST_FAILED, "%s: batch_scaling needs a target (or target_loss)", x->name);
    for (int r = 0; r < x->runs.nrows; r++) {
        if (!strcmp(table_get(&x->runs, r, "status"), "failed")) continue;
        const char *opt = table_get(&x->runs, r, "optimizer");
        double batch = table_getnum(&x->runs, r, "batch"), lr = table_getnum(&x->runs, r, "lr");
        if (!(batch > 0) || !(lr > 0)) return err_set(ST_FAILED, "%s: runs.tsv lacks batch or lr", x->name);
        int si = 0;
        while (si < w->n && strcmp(w->s[si].name, opt)) si++;
        if (si == w->n) {
            if (w->n == BS_SERIES) continue;
            snprintf(w->s[w->n++].name, sizeof w->s[0].name, "%s", opt);
        }
        Series *s = &w->s[si];
        int bi = 0;
        while (bi < s->nb && s->b[bi].batch != batch) bi++;
        if (bi == s->nb) {
            if (s->nb == BS_BATCH) continue;
            s->b[s->nb++] = (BatchPoint){.batch = batch, .best = -1};
        }
        BatchPoint *b = &s->b[bi];
        double lrs[BS_LR];
        for (int k = 0; k < b->nlr; k++) lrs[k] = b->lr[k].lr;
        int li = find_or_add(lrs, &b->nlr, BS_LR, lr);
        if (li < 0) continue;
        LrPoint *p = &b->lr[li];
        p->lr = lr;
        if (p->n == BS_SEEDS) continue;
        Status st = steps_to_target(x, r, w->target, &p->steps[p->n], NULL);
        if (st != ST_OK) return st;
        p->rows[p->n++] = r;
    }
    for (int i = 0; i < w->n; i++) {
        Series *s = &w->s[i];
        qsort(s->b, (size_t)s->nb, sizeof s->b[0], by_batch);
        for (int k = 0; k < s->nb; k++) {
            BatchPoint *b = &s->b[k];
            qsort(b->lr, (size_t)b->nlr, sizeof b->lr[0], by_lr);
            for (int l = 0; l < b->nlr; l++) {
                LrPoint *p = &b->lr[l];
                double sum = 0;
                bool all = p->n > 0;
                for (int q = 0; q < p->n; q++) sum += p->steps[q], all &= isfinite(p->steps[q]);
                p->mean = all ? sum / p->n : INFINITY;
                if (all && (b->best < 0 || p->mean < b->lr[b->best].mean)) b->best = l;
            }
            if (b->best < 0) continue;
            const LrPoint *p = &b->lr[b->best];
            b->edge = b->nlr < 3 || b->best == 0 || b->best == b->nlr - 1;
            b->S = p->mean, b->S_lo = INFINITY, b->S_hi = 0;
            for (int q = 0; q < p->n; q++) {
                b->S_lo = fmin(b->S_lo, p->steps[q]), b->S_hi = fmax(b->S_hi, p->steps[q]);
                double steps;
                Status st = steps_to_target(x, p->rows[q], w->target, &steps, b->noise);
                if (st != ST_OK) return st;
            }
        }
    }
    return ST_OK;
}

/* C04: S = S_min + E_min / B by weighted least squares in 1/B. */
static void fit_tradeoff(Series *s)
{
    double xs[BS_BATCH], ys[BS_BATCH], ws[BS_BATCH], noise[4] = {0};
    int n = 0;
    bool edge = false;
    for (int k = 0; k < s->nb; k++) {
        const BatchPoint *b = &s->b[k];
        if (b->best < 0) continue;
        xs[n] = 1 / b->batch, ys[n] = b->S, ws[n] = 1 / (b->S * b->S), n++;
        edge |= b->edge;
        for (int q = 0; q < 4; q++) noise[q] += b->noise[q];
    }
    s->nfit = n;
    s->b_simple = noise[1] > 0 ? noise[0] / noise[1] : NAN;
    s->b_simple_late = noise[3] > 0 ? noise[2] / noise[3] : NAN;
    s->s_min = s->e_min = s->b_crit = NAN;
    s->s_min_lo = s->s_min_hi = s->e_min_lo = s->e_min_hi = s->b_crit_lo = s->b_crit_hi = NAN;
    if (n < 3) {
        s->v04 = VERDICT_INCONCLUSIVE, s->why04 = "fewer than 3 batch sizes reached the target";
        return;
    }
    double c0, c1, cov00, cov01, cov11, chisq;
    gsl_fit_wlinear(xs, 1, ws, 1, ys, 1, (size_t)n, &c0, &c1, &cov00, &cov01, &cov11, &chisq);
    double scale = n > 2 ? chisq / (n - 2) : NAN; /* the weights are relative: errors from the scatter */
    cov00 *= scale, cov01 *= scale, cov11 *= scale;
    double t = gsl_cdf_tdist_Pinv(0.975, n - 2);
    s->s_min = c0, s->e_min = c1;
    s->s_min_lo = c0 - t * sqrt(cov00), s->s_min_hi = c0 + t * sqrt(cov00);
    s->e_min_lo = c1 - t * sqrt(cov11), s->e_min_hi = c1 + t * sqrt(cov11);
    s->b_crit = c1 / c0;
    double rel = cov11 / (c1 * c1) + cov00 / (c0 * c0) - 2 * cov01 / (c0 * c1);
    double h = t * fabs(s->b_crit) * sqrt(rel > 0 ? rel : 0);
    s->b_crit_lo = s->b_crit - h, s->b_crit_hi = s->b_crit + h;
    double lo = s->b[0].batch, hi = s->b[s->nb - 1].batch;
    if (s->e_min_hi < 0) s->v04 = VERDICT_REFUTED, s->why04 = "bigger batches do not save steps";
    else if (edge) s->v04 = VERDICT_INCONCLUSIVE, s->why04 = "a best lr at the grid's edge";
    else if (!(s->s_min_lo > 0 && s->e_min_lo > 0))
        s->v04 = VERDICT_INCONCLUSIVE, s->why04 = "S_min or E_min not resolved from 0";
    else if (!(s->b_crit >= lo && s->b_crit <= hi))
        s->v04 = VERDICT_INCONCLUSIVE, s->why04 = "critical batch outside the swept sizes";
    else s->v04 = VERDICT_CONFIRMED, s->why04 = "steps fall with B, then level off";
}

/* C06: log best lr against log B up to the bend. */
static void fit_lr(Series *s, double want, double tol)
{
    double bs[BS_BATCH], lrs[BS_BATCH];
    int idx[BS_BATCH], n = 0;
    for (int k = 0; k < s->nb; k++)
        if (s->b[k].best >= 0) idx[n] = k, bs[n] = s->b[k].batch, lrs[n] = s->b[k].lr[s->b[k].best].lr, n++;
    s->bend = -1;
    s->lr_fit = s->lr_after = (Line){.n = 0, .a = NAN, .b = NAN, .b_se = NAN, .b_lo = NAN, .b_hi = NAN};
    int top = 0;
    for (int i = 1; i < n; i++)
        if (lrs[i] > lrs[top] * (1 + 1e-9)) top = i;
    if (n) s->bend = idx[top];
    bool edge = false;
    for (int i = 0; i <= top && i < n; i++) edge |= s->b[idx[i]].edge;
    if (top + 1 >= 2) fit_loglog(bs, lrs, top + 1, &s->lr_fit);
    if (n - top >= 2) fit_loglog(bs + top, lrs + top, n - top, &s->lr_after);
    Verdict iv = top + 1 >= 3 ? VERDICT_NONE : VERDICT_INCONCLUSIVE;
    if (iv == VERDICT_NONE) {
        const Line *f = &s->lr_fit;
        if (f->b_hi < want - tol || f->b_lo > want + tol) iv = VERDICT_REFUTED;
        else if (f->b_lo >= want - tol && f->b_hi <= want + tol) iv = VERDICT_CONFIRMED;
        else iv = VERDICT_INCONCLUSIVE;
    }
    if (iv == VERDICT_REFUTED) s->v06 = iv, s->why06 = "slope outside the rule";
    else if (top + 1 < 3) s->v06 = VERDICT_INCONCLUSIVE, s->why06 = "fewer than 3 batch sizes up to the bend";
    else if (edge) s->v06 = VERDICT_INCONCLUSIVE, s->why06 = "a best lr at the grid's edge";
    else if (iv == VERDICT_INCONCLUSIVE) s->v06 = iv, s->why06 = "interval wider than the tolerance";
    else if (top == n - 1) s->v06 = VERDICT_INCONCLUSIVE, s->why06 = "no bend within the swept sizes";
    else s->v06 = VERDICT_CONFIRMED, s->why06 = "lr grows with B as the rule says, then bends";
}

static Status analyse(Scaling *w, const Experiment *x)
{
    Status st = build(w, x);
    if (st != ST_OK) return st;
    double want = exp_param_num(x, "lr_slope", 1), tol = exp_param_num(x, "lr_slope_tol", 0.25);
    for (int i = 0; i < w->n; i++) {
        fit_tradeoff(&w->s[i]);
        fit_lr(&w->s[i], want, tol);
    }
    return w->n ? ST_OK : err_set(ST_FAILED, "%s: no runs to judge", x->name);
}

static void set_claim(Judgement *j, const char *id, Verdict v, const char *key)
{
    if (j->nclaims == J_MAX_CLAIMS) return;
    snprintf(j->claim[j->nclaims].id, sizeof j->claim[0].id, "%s", id);
    j->claim[j->nclaims].verdict = v;
    snprintf(j->claim[j->nclaims].key, sizeof j->claim[0].key, "%s", key);
    j->nclaims++;
}

static Status judge_batch_scaling(const Experiment *x, Judgement *j)
{
    static Scaling w;
    Status st = analyse(&w, x);
    if (st != ST_OK) return st;
    double want = exp_param_num(x, "lr_slope", 1), tol = exp_param_num(x, "lr_slope_tol", 0.25);
    char a[32], b[32], c[32], d[32], e[32], f[32];
    judge_printf(j, "Steps to a validation loss of %g at each batch size's best learning rate (mean "
                    "over seeds, min–max; examples = steps × batch):\n\n"
                    "| optimizer | batch | best lr | steps | min – max | examples | lr at the grid's edge |\n"
                    "|---|---|---|---|---|---|---|\n", w.target);
    for (int i = 0; i < w.n; i++)
        for (int k = 0; k < w.s[i].nb; k++) {
            const BatchPoint *p = &w.s[i].b[k];
            if (p->best < 0) {
                judge_printf(j, "| %s | %.0f | none reached it on every seed | – | – | – | – |\n", w.s[i].name,
                             p->batch);
                continue;
            }
            judge_printf(j, "| %s | %.0f | %s | %s | %s – %s | %s | %s |\n", w.s[i].name, p->batch,
                         stats_fmt(a, p->lr[p->best].lr), stats_fmt(b, p->S), stats_fmt(c, p->S_lo),
                         stats_fmt(d, p->S_hi), stats_fmt(e, p->S * p->batch), p->edge ? "yes" : "no");
        }
    Verdict v04 = VERDICT_CONFIRMED, v06 = VERDICT_CONFIRMED;
    char k04[256] = "", k06[256] = "";
    judge_printf(j, "\n**C04.** S(B) = S_min + E_min/B fitted by weighted least squares (95 %% "
                    "intervals); critical batch B_crit = E_min/S_min beside the measured noise scale "
                    "B_simple = Σ tr(Σ) / Σ |G|² over the best runs' measurements up to the target, "
                    "and over those in the second half of their steps to it (near the target):\n\n"
                    "| optimizer | batch sizes | S_min | E_min | B_crit | B_simple | B_simple near the "
                    "target | verdict |\n|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < w.n; i++) {
        const Series *s = &w.s[i];
        char g[32], h[32], m[32], n[32], o[32];
        judge_printf(j, "| %s | %d | %s (%s – %s) | %s (%s – %s) | %s (%s – %s) | %s | %s | %s: %s |\n", s->name,
                     s->nfit, stats_fmt(a, s->s_min), stats_fmt(b, s->s_min_lo), stats_fmt(c, s->s_min_hi),
                     stats_fmt(d, s->e_min), stats_fmt(e, s->e_min_lo), stats_fmt(f, s->e_min_hi),
                     stats_fmt(g, s->b_crit), stats_fmt(h, s->b_crit_lo), stats_fmt(m, s->b_crit_hi),
                     stats_fmt(n, s->b_simple), stats_fmt(o, s->b_simple_late), verdict_names[s->v04], s->why04);
        v04 = verdict_worse(v04, s->v04);
        size_t len = strlen(k04);
        snprintf(k04 + len, sizeof k04 - len, "%s%s B_crit %s, B_simple %s (near the target %s)", len ? "; " : "",
                 s->name, stats_fmt(b, s->b_crit), stats_fmt(c, s->b_simple), stats_fmt(d, s->b_simple_late));
    }
    judge_printf(j, "\n**C06.** log10 best lr against log10 batch up to the bend (the batch with "
                    "the largest best lr), 95 %% interval; linear scaling says %g (judged within ± %g), "
                    "the square-root rule 0.5:\n\n| optimizer | points | slope | 95 %% interval | bend "
                    "at batch | slope beyond it | B_crit (C04) | verdict |\n|---|---|---|---|---|---|---|---|\n",
                 want, tol);
    for (int i = 0; i < w.n; i++) {
        const Series *s = &w.s[i];
        char g[32];
        double bend = s->bend >= 0 ? s->b[s->bend].batch : NAN;
        judge_printf(j, "| %s | %d | %s | %s – %s | %s%s | %s | %s | %s: %s |\n", s->name, s->lr_fit.n,
                     stats_fmt(a, s->lr_fit.b), stats_fmt(b, s->lr_fit.b_lo),
                     stats_fmt(c, s->lr_fit.b_hi), stats_fmt(d, bend),
                     s->bend == s->nb - 1 ? " (the largest)" : "", stats_fmt(e, s->lr_after.b),
                     stats_fmt(g, s->b_crit), verdict_names[s->v06], s->why06);
        v06 = verdict_worse(v06, s->v06);
        size_t len = strlen(k06);
        if (s->lr_fit.n >= 3)
            snprintf(k06 + len, sizeof k06 - len, "%s%s slope %s (%s – %s), bend at %s", len ? "; " : "", s->name,
                     stats_fmt(a, s->lr_fit.b), stats_fmt(b, s->lr_fit.b_lo), stats_fmt(c, s->lr_fit.b_hi),
                     stats_fmt(d, bend));
        else
            snprintf(k06 + len, sizeof k06 - len, "%s%s best lr bends at batch %s, slope beyond it %s (no slope "
                     "below the bend: %d batch sizes)", len ? "; " : "", s->name, stats_fmt(d, bend),
                     stats_fmt(e, s->lr_after.b), s->lr_fit.n);
    }
    set_claim(j, "C04", v04, k04);
    set_claim(j, "C06", v06, k06);
    j->verdict = verdict_worse(v04, v06);
    snprintf(j->key, sizeof j->key, "C04: %s; C06: %s", verdict_names[v04], verdict_names[v06]);
    return ST_OK;
}

/* One log-log figure per quantity: a point per optimizer and batch, the fit. */
static Status fig_series(FigureSet *fs, const Experiment *x, const Scaling *w, const char *suffix,
                         const char *title, const char *caption, const char *ylabel, int what)
{
    char name[160], t[256];
    snprintf(name, sizeof name, "%s_%s", x->name, suffix);
    snprintf(t, sizeof t, "%s: %s", x->name, title);
    FILE *f = fig_open(fs, name, t, caption);
    if (!f) return ST_IO;
    fprintf(f, "set logscale xy 2\nset format y '%%g'\nset xlabel 'batch size'\nset ylabel '%s'\n", ylabel);
    for (int i = 0; i < w->n; i++) {
        fprintf(f, "$s%d << EOD\n# batch value min max\n", i);
        for (int k = 0; k < w->s[i].nb; k++) {
            const BatchPoint *p = &w->s[i].b[k];
            if (p->best < 0) continue;
            double v = what == 0 ? p->S : what == 1 ? p->S * p->batch : p->lr[p->best].lr;
            double lo = what == 0 ? p->S_lo : what == 1 ? p->S_lo * p->batch : v;
            double hi = what == 0 ? p->S_hi : what == 1 ? p->S_hi * p->batch : v;
            fprintf(f, "%.6g %.6g %.6g %.6g\n", p->batch, v, lo, hi);
        }
        fprintf(f, "EOD\n");
    }
    fprintf(f, "plot ");
    for (int i = 0; i < w->n; i++) {
        const Series *s = &w->s[i];
        const char *col = fig_colour(i);
        fprintf(f, "%s$s%d using 1:2:3:4 with yerrorlines lc rgb '%s' lw 1.5 pt 7 ps 0.8 title ", i ? ", \\\n  " : "",
                i, col);
        gp_quote(f, s->name);
        if (what == 0 && isfinite(s->s_min))
            fprintf(f, ", \\\n  %.9g + %.9g/x with lines lc rgb '%s' dt 2 title 'fit S_min + E_min/B'", s->s_min,
                    s->e_min, col);
        if (what == 1 && isfinite(s->s_min))
            fprintf(f, ", \\\n  %.9g + %.9g*x with lines lc rgb '%s' dt 2 title 'fit E_min + S_min B'", s->e_min,
                    s->s_min, col);
        if (what == 2 && isfinite(s->lr_fit.b) && s->bend >= 0)
            fprintf(f, ", \\\n  (x <= %.6g ? 10**(%.9g + %.9g*log10(x)) : 1/0) with lines lc rgb '%s' dt 2 "
                       "title 'slope %.2f up to the bend'",
                    s->b[s->bend].batch, s->lr_fit.a, s->lr_fit.b, col, s->lr_fit.b);
    }
    fprintf(f, "\n");
    return fig_close(f, name);
}

static Status figures_batch_scaling(FigureSet *fs, const Experiment *x)
{
    static Scaling w;
    Status st = analyse(&w, x);
    if (st != ST_OK) return st;
    char cap[768];
    snprintf(cap, sizeof cap, "steps to a validation loss of %g at each batch size's best learning rate "
             "(mean over seeds, bars min–max), and the fit S = S_min + E_min/B (dashed).", w.target);
    if ((st = fig_series(fs, x, &w, "steps", "steps to the target against batch size", cap, "steps to the target", 0)))
        return st;
    snprintf(cap, sizeof cap, "examples (steps × batch) to a validation loss of %g at each batch size's best "
             "learning rate, and the fit E = E_min + S_min·B (dashed): flat while batches are below the "
             "critical batch, then growing in proportion.", w.target);
    if ((st = fig_series(fs, x, &w, "examples", "examples to the target against batch size", cap,
                         "examples to the target", 1)))
        return st;
    snprintf(cap, sizeof cap, "the learning rate that reaches a validation loss of %g in the fewest steps, "
             "against batch size, with the log-log fit up to the bend (dashed); linear scaling is a slope "
             "of 1, the square-root rule 0.5.", w.target);
    return fig_series(fs, x, &w, "best_lr", "best learning rate against batch size", cap, "best learning rate", 2);
}

const VerdictRule verdict_rule_batch_scaling = {
    "batch_scaling",
    "steps to the `target` validation loss at each batch size's best lr; C04: S = S_min + E_min/B "
    "fitted (weighted least squares), confirmed when S_min, E_min > 0 (95 % intervals) and "
    "B_crit = E_min/S_min lies within the swept batches, beside the measured noise scale; C06: the "
    "log-log slope of the best lr against the batch up to the bend (largest best lr) within "
    "`lr_slope` ± `lr_slope_tol`, with a bend before the largest batch",
    judge_batch_scaling,
    figures_batch_scaling,
};
