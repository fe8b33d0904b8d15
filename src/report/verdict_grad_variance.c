/* Verdict rule `grad_variance` (C04, the gradient estimate): how the mini-batch
 * gradient's variance falls with the batch size, and whether the batch mean is
 * unbiased, from the gradient-noise measurements of train/gradnoise.h.
 *
 * The runs train identically and differ only in the batch sizes they measure with
 * (noise_small b, noise_big B = k b; noise_full on), so the measurements at one step
 * are taken at the same weights. At each measurement, grad_noise_trace / b is the
 * sample variance of the k batch gradients of b rows, E|G_b − G|² (the trace of their
 * covariance); mean_sq_error is |G_B − G|² against the full-batch gradient G.
 *
 * Parameters ([verdict]), with defaults:
 *   slope = -1        the claimed exponent of the variance in b (variance ∝ 1/b)
 *   slope_tol = 0.1   how far the fitted exponent may be from it
 *   bias_tol = 0.2    how far |G_B − G|² · B / tr(Σ) may be from 1 (its value for an
 *                     unbiased mean; a bias δ adds |δ|² · B / tr(Σ))
 *
 * Per measurement step, the least-squares slope of log10 variance against log10 b over
 * every run (GSL, 95 % t-interval): confirmed when the interval lies within
 * slope ± slope_tol, refuted when it lies outside, else inconclusive. The ratio
 * |G_B − G|² · B / tr(Σ) over every measurement (mean and 95 % t-interval): confirmed
 * when the interval lies within 1 ± bias_tol, refuted when outside, else inconclusive.
 * The verdict is the worst of these. The noise scale B_simple = tr(Σ) / |G|² is
 * reported at each step, from the full-batch |G|² (sums over runs before dividing; from
 * the estimate of |G|² without noise_full, when the mean is not judged either: text
 * data has no full batch). A run without the measurement columns is an error: the rule
 * has nothing to judge by. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/fits.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { GV_MAX = 4096, GV_STEPS = 8 };

typedef struct {
    double step, b, big, var, sq, trace, full, err;
} Meas;

typedef struct {
    int n;
    bool full; /* every measurement has the full-batch gradient (noise_full) */
    Meas m[GV_MAX];
    int nsteps;
    double steps[GV_STEPS];
} Measurements;

/* Every measurement of every run that did not fail; ST_FAILED naming a run without. */
static Status collect(const Experiment *x, Measurements *ms)
{
    ms->n = ms->nsteps = 0;
    ms->full = true;
    for (int r = 0; r < x->runs.nrows; r++) {
        if (!strcmp(table_get(&x->runs, r, "status"), "failed")) continue;
        double b = table_getnum(&x->runs, r, "noise_small"), big = table_getnum(&x->runs, r, "noise_big");
        if (!(b > 0)) b = table_getnum(&x->runs, r, "batch");
        if (!(big > 0)) big = 16 * b;
        Table c;
        Status st = exp_run_file(x, r, "curve.tsv", &c);
        if (st != ST_OK) return st;
        int found = 0;
        if (table_col(&c, "grad_noise_trace") >= 0)
            for (int k = 0; k < c.nrows && ms->n < GV_MAX; k++) {
                Meas m = {table_getnum(&c, k, "step"), b, big, NAN, table_getnum(&c, k, "grad_sq_norm"),
                          table_getnum(&c, k, "grad_noise_trace"), table_getnum(&c, k, "full_sq_norm"),
                          table_getnum(&c, k, "mean_sq_error")};
                if (!isfinite(m.trace)) continue;
                m.var = m.trace / b;
                ms->full &= isfinite(m.full) && isfinite(m.err);
                ms->m[ms->n++] = m;
                found++;
                int s = 0;
                while (s < ms->nsteps && ms->steps[s] != m.step) s++;
                if (s == ms->nsteps && s < GV_STEPS) ms->steps[ms->nsteps++] = m.step;
            }
        table_free(&c);
        if (!found)
            return err_set(ST_FAILED, "%s: run %s has no gradient-noise measurements (curve.tsv)",
                           x->name, table_get(&x->runs, r, "run_id"));
    }
    if (ms->n == 0) return err_set(ST_FAILED, "%s: no runs with gradient-noise measurements", x->name);
    for (int a = 1; a < ms->nsteps; a++)
        for (int k = a; k > 0 && ms->steps[k] < ms->steps[k - 1]; k--) {
            double t = ms->steps[k];
            ms->steps[k] = ms->steps[k - 1], ms->steps[k - 1] = t;
        }
    return ST_OK;
}

/* The variance against b at one step: the fit over those measurements. */
static Status fit_at(const Measurements *ms, double step, Line *f)
{
    static double bx[GV_MAX], vy[GV_MAX];
    int n = 0;
    for (int i = 0; i < ms->n; i++)
        if (ms->m[i].step == step) bx[n] = ms->m[i].b, vy[n] = ms->m[i].var, n++;
    return fit_loglog(bx, vy, n, f);
}

/* confirmed inside [lo, hi], refuted outside it, inconclusive across a bound or without one */
static Verdict interval_verdict(double ci_lo, double ci_hi, double lo, double hi)
{
    if (!isfinite(ci_lo) || !isfinite(ci_hi)) return VERDICT_INCONCLUSIVE;
    if (ci_lo >= lo && ci_hi <= hi) return VERDICT_CONFIRMED;
    if (ci_hi < lo || ci_lo > hi) return VERDICT_REFUTED;
    return VERDICT_INCONCLUSIVE;
}

static Status judge_grad_variance(const Experiment *x, Judgement *j)
{
    double want = exp_param_num(x, "slope", -1), tol = exp_param_num(x, "slope_tol", 0.1);
    double bias_tol = exp_param_num(x, "bias_tol", 0.2);
    static Measurements ms;
    Status st = collect(x, &ms);
    if (st != ST_OK) return st;
    Verdict v = VERDICT_CONFIRMED;
    char a[32], b[32], c[32], d[32], e[32];
    char key[256] = "";

    judge_printf(j, "Per measurement step and batch size b (means over the runs that measured "
                    "with b): the variance of the batch gradient E|G_b − G|² = tr(Σ)/b, the "
                    "estimate of |G|², the full-batch |G|² (noise_full), and B_simple = tr(Σ)/|G|² "
                    "with the full-batch |G|² (else the estimate).\n\n"
                    "| step | b | B | runs | variance tr(Σ)/b | estimated \\|G\\|² | full-batch \\|G\\|² | B_simple |\n"
                    "|---|---|---|---|---|---|---|---|\n");
    for (int s = 0; s < ms.nsteps; s++)
        for (int i = 0; i < ms.n; i++) { /* one row per distinct b, first occurrence */
            const Meas *m = &ms.m[i];
            if (m->step != ms.steps[s]) continue;
            bool first = true;
            for (int k = 0; k < i; k++) first &= !(ms.m[k].step == m->step && ms.m[k].b == m->b);
            if (!first) continue;
            double var = 0, sq = 0, full = 0, tr = 0;
            int n = 0;
            for (int k = i; k < ms.n; k++)
                if (ms.m[k].step == m->step && ms.m[k].b == m->b)
                    var += ms.m[k].var, sq += ms.m[k].sq, full += ms.m[k].full, tr += ms.m[k].trace, n++;
            judge_printf(j, "| %.0f | %.0f | %.0f | %d | %s | %s | %s | %s |\n", m->step, m->b, m->big, n,
                         stats_fmt(a, var / n), stats_fmt(b, sq / n), stats_fmt(c, ms.full ? full / n : NAN),
                         stats_fmt(d, tr / (ms.full ? full : sq)));
        }

    judge_printf(j, "\nThe variance against b on log-log axes (least squares, 95 %% interval of the "
                    "slope; claimed %g ± %g):\n\n| step | points | slope | 95 %% interval | B_simple "
                    "| verdict |\n|---|---|---|---|---|---|\n", want, tol);
    for (int s = 0; s < ms.nsteps; s++) {
        Line f;
        Verdict sv = VERDICT_INCONCLUSIVE;
        if (fit_at(&ms, ms.steps[s], &f) == ST_OK)
            sv = interval_verdict(f.b_lo, f.b_hi, want - tol, want + tol);
        else
            f = (Line){.n = 0, .a = NAN, .b = NAN, .b_se = NAN, .b_lo = NAN, .b_hi = NAN};
        double tr = 0, full = 0;
        for (int i = 0; i < ms.n; i++)
            if (ms.m[i].step == ms.steps[s]) tr += ms.m[i].trace, full += ms.full ? ms.m[i].full : ms.m[i].sq;
        judge_printf(j, "| %.0f | %d | %s | %s – %s | %s | %s |\n", ms.steps[s], f.n, stats_fmt(a, f.b),
                     stats_fmt(b, f.b_lo), stats_fmt(c, f.b_hi), stats_fmt(d, tr / full),
                     verdict_names[sv]);
        v = verdict_worse(v, sv);
        size_t len = strlen(key);
        snprintf(key + len, sizeof key - len, "%sstep %.0f: variance ∝ b^%s (%s – %s), B_simple %s",
                 len ? "; " : "", ms.steps[s], stats_fmt(a, f.b), stats_fmt(b, f.b_lo),
                 stats_fmt(c, f.b_hi), stats_fmt(d, tr / full));
    }

    j->verdict = v;
    if (!ms.full) {
        judge_printf(j, "\nThe big batch's mean was not held against the full-batch gradient (noise_full "
                        "off: text data has no full batch to take); the verdict stands on the slopes.\n");
        snprintf(j->key, sizeof j->key, "%s", key);
        return ST_OK;
    }
    static double ratio[GV_MAX];
    for (int i = 0; i < ms.n; i++) ratio[i] = ms.m[i].err * ms.m[i].big / ms.m[i].trace;
    Stats r = stats_of(ratio, ms.n);
    Verdict bv = interval_verdict(r.ci_lo, r.ci_hi, 1 - bias_tol, 1 + bias_tol);
    judge_printf(j, "\nThe big batch's mean against the full-batch gradient: |G_B − G|² · B / tr(Σ) "
                    "is %s (95 %% interval %s – %s, %d measurements; 1 when the mean is unbiased, "
                    "judged within 1 ± %g): %s.\n",
                 stats_fmt(a, r.mean), stats_fmt(b, r.ci_lo), stats_fmt(c, r.ci_hi), r.n, bias_tol,
                 verdict_names[bv]);
    v = verdict_worse(v, bv);
    size_t len = strlen(key);
    snprintf(key + len, sizeof key - len, "; |G_B − G|²·B/tr(Σ) = %s (%s – %s)", stats_fmt(a, r.mean),
             stats_fmt(b, r.ci_lo), stats_fmt(e, r.ci_hi));
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "%s", key);
    return ST_OK;
}

/* The variance against b, log-log, one colour per step, with each step's fitted line. */
static Status figures_grad_variance(FigureSet *fs, const Experiment *x)
{
    static Measurements ms;
    Status st = collect(x, &ms);
    if (st != ST_OK) return st;
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_variance", x->name);
    snprintf(title, sizeof title, "%s: variance of the mini-batch gradient against batch size", x->name);
    FILE *f = fig_open(fs, name, title,
                       "the variance E|G_b − G|² = tr(Σ)/b of the gradient of a batch of b examples "
                       "(points: one run each, measured from its k batches) against b, at each "
                       "measurement step (colours), with the least-squares line on log-log axes; "
                       "a slope of −1 is the claimed 1/b.");
    if (!f) return ST_IO;
    fprintf(f, "set logscale xy 10\nset format x '10^{%%L}'\nset format y '10^{%%L}'\n"
               "set xlabel 'batch size b'\nset ylabel 'variance of the batch gradient'\n");
    for (int s = 0; s < ms.nsteps; s++) {
        fprintf(f, "$m%d << EOD\n# b variance\n", s);
        for (int i = 0; i < ms.n; i++)
            if (ms.m[i].step == ms.steps[s]) fprintf(f, "%.6g %.6g\n", ms.m[i].b, ms.m[i].var);
        fprintf(f, "EOD\n");
    }
    fprintf(f, "plot ");
    for (int s = 0; s < ms.nsteps; s++) {
        Line fit;
        const char *col = fig_colour(s);
        fprintf(f, "%s$m%d using 1:2 with points lc rgb '%s' pt 7 ps 0.8 title 'step %.0f'", s ? ", \\\n  " : "",
                s, col, ms.steps[s]);
        if (fit_at(&ms, ms.steps[s], &fit) == ST_OK)
            fprintf(f, ", \\\n  10**(%.9g + %.9g*log10(x)) with lines lc rgb '%s' lw 1.5 title 'slope %.3f'",
                    fit.a, fit.b, col, fit.b);
    }
    fprintf(f, "\n");
    return fig_close(f, name);
}

const VerdictRule verdict_rule_grad_variance = {
    "grad_variance",
    "per measurement step, the log-log slope of the batch gradient's variance tr(Σ)/b against the "
    "batch size b must lie (95 % interval) within `slope` ± `slope_tol`; the big batch's mean "
    "against the full-batch gradient, |G_B − G|² · B / tr(Σ), within 1 ± `bias_tol` (unbiased; judged with noise_full only)",
    judge_grad_variance,
    figures_grad_variance,
};
