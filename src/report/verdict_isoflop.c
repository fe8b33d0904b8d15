/* Verdict rule `isoflop` (C23): IsoFLOP profiles (Hoffmann et al. 2022, approach 2).
 * Runs of several model sizes at each compute budget (the `flop_budget` axis; each run
 * trains ⌊budget / FLOPs of a step⌋ steps). runs.tsv columns read: flop_budget,
 * params, params_nonembed, final_val_loss, train_flop, items_seen, status; lr when present.
 *
 * Per budget C: the validation loss of each size against u = log10 N (N = params)
 * (with an lr axis, each size's best rate: the lowest mean final validation loss over
 * seeds among the rates run at that size and budget)
 * fitted by a parabola (GSL); its vertex u* is the compute-optimal size N* = 10^u*,
 * with the 95 % interval u* ± t·se (se from the fit's covariance, t at n − 3 degrees
 * of freedom). The tokens it would train on, D* = C / (FLOPs per token at N*), the
 * FLOPs per token (train_flop / items_seen) interpolated on log-log axes between the
 * sizes run; the ratio D* / N*, and D* / N*_ne with N*_ne the non-embedding parameters
 * interpolated the same way. Across budgets, N* ∝ C^a: a weighted line through
 * (log10 C, u*) with weights 1/se², and a's 95 % interval.
 *
 * Parameters ([verdict]):
 *   min_budgets = 3   budgets needed for a verdict
 *   min_sizes = 5     finite sizes needed at each budget
 *
 * Per budget: an optimum when the parabola's curvature is positive (its interval above
 * 0) and u* lies inside the sizes run. Confirmed when every budget has one; refuted
 * when at some budget the curvature's interval lies below 0 (the loss is worst at a
 * middle size: no best size); inconclusive otherwise (too few budgets or sizes, a
 * curvature the interval cannot tell from 0, or an optimum outside the sizes run).
 * A missing column is an error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/fits.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { MAXB = 16, MAXS = 32 };

typedef struct {
    double budget;
    int n;
    double u[MAXS], loss[MAXS], lfpt[MAXS], lne[MAXS]; /* log10 N, loss, log10 FLOPs/token, log10 N_ne */
    double lr[MAXS], lr_min[MAXS], lr_max[MAXS];       /* the best rate of each size, its grid's ends */
    int nlr[MAXS];                                     /* rates tried at each size */
    Parabola fit;
    bool fitted, optimum, inside; /* inside: the vertex lies within the sizes run */
    int best;                     /* the size run with the lowest loss, -1 none */
    Verdict v;
    double n_opt, n_lo, n_hi, d_opt, ratio, ratio_lo, ratio_hi, ratio_ne;
} Budget;

static const char *const needed[] = {"flop_budget", "params", "params_nonembed", "final_val_loss",
                                     "train_flop", "items_seen", "status"};

/* y at x by linear interpolation through (xs, ys) sorted by xs, extended linearly
 * beyond the ends. */
static double interp(const double *xs, const double *ys, int n, double x)
{
    if (n == 1) return ys[0];
    int k = 0;
    while (k < n - 2 && x > xs[k + 1]) k++;
    double t = (x - xs[k]) / (xs[k + 1] - xs[k]);
    return ys[k] + t * (ys[k + 1] - ys[k]);
}

/* The sizes of budget b, sorted by N; NaN losses (diverged runs) are left out. A setting
 * (a cell of c: runs grouped by every axis but seed) counts with the mean of its finite
 * losses over its seeds; the settings of one size (the same params) at several learning
 * rates (an lr axis, its own grid per size) count as one point: the rate with the lowest
 * mean, kept in b->lr with the number of rates tried in b->nlr and the smallest and
 * largest of them in b->lr_min and b->lr_max. */
static void collect(const Experiment *x, const Cells *c, Budget *b)
{
    b->n = 0;
    for (int i = 0; i < c->ncells; i++) {
        /* the cell's mean loss; its size, rate and FLOPs per token from its first finite run */
        double N = NAN, lr = NAN, fpt = NAN, ne = NAN, sum = 0;
        int n = 0;
        for (int q = 0; q < c->cell[i].nrows; q++) {
            int r = c->cell[i].rows[q];
            if (table_getnum(&x->runs, r, "flop_budget") != b->budget) continue;
            double loss = table_getnum(&x->runs, r, "final_val_loss"), rN = table_getnum(&x->runs, r, "params");
            double rfpt = table_getnum(&x->runs, r, "train_flop") / table_getnum(&x->runs, r, "items_seen");
            double rne = table_getnum(&x->runs, r, "params_nonembed");
            if (!isfinite(loss) || !(rN > 0) || !(rfpt > 0) || !(rne > 0)) continue;
            if (!n++) N = rN, lr = table_getnum(&x->runs, r, "lr"), fpt = rfpt, ne = rne;
            sum += loss;
        }
        if (!n) continue;
        int k = 0;
        while (k < b->n && b->u[k] != log10(N)) k++;
        double loss = sum / n;
        if (k == b->n) {
            if (b->n == MAXS) continue;
            /* a new size: after the larger ones move up */
            k = b->n;
            while (k > 0 && b->u[k - 1] > log10(N)) {
                b->u[k] = b->u[k - 1], b->loss[k] = b->loss[k - 1], b->lfpt[k] = b->lfpt[k - 1], b->lne[k] = b->lne[k - 1];
                b->lr[k] = b->lr[k - 1], b->lr_min[k] = b->lr_min[k - 1], b->lr_max[k] = b->lr_max[k - 1];
                b->nlr[k] = b->nlr[k - 1];
                k--;
            }
            b->u[k] = log10(N), b->lfpt[k] = log10(fpt), b->lne[k] = log10(ne);
            b->loss[k] = loss, b->lr[k] = b->lr_min[k] = b->lr_max[k] = lr, b->nlr[k] = 1;
            b->n++;
            continue;
        }
        b->nlr[k]++;
        b->lr_min[k] = fmin(b->lr_min[k], lr), b->lr_max[k] = fmax(b->lr_max[k], lr);
        if (loss < b->loss[k]) b->loss[k] = loss, b->lr[k] = lr;
    }
}

static void analyse(Budget *b, int min_sizes)
{
    b->fitted = b->optimum = b->inside = false;
    b->best = -1;
    for (int k = 0; k < b->n; k++)
        if (b->best < 0 || b->loss[k] < b->loss[b->best]) b->best = k;
    b->n_opt = b->n_lo = b->n_hi = b->d_opt = b->ratio = b->ratio_lo = b->ratio_hi = b->ratio_ne = NAN;
    b->v = VERDICT_INCONCLUSIVE;
    if (b->n < min_sizes || b->n < 4 || fit_parabola(b->u, b->loss, b->n, &b->fit) != ST_OK) return;
    b->fitted = true;
    if (b->fit.curv_hi < 0) b->v = VERDICT_REFUTED;
    double us = b->fit.vertex, h = b->fit.t * b->fit.vertex_se;
    b->inside = isfinite(us) && us >= b->u[0] && us <= b->u[b->n - 1];
    b->optimum = b->fit.curv_lo > 0 && b->inside;
    if (b->optimum) b->v = VERDICT_CONFIRMED;
    if (!(b->fit.c[2] > 0) || !isfinite(us)) return;
    b->n_opt = pow(10, us), b->n_lo = pow(10, us - h), b->n_hi = pow(10, us + h);
    double tokens = b->budget / pow(10, interp(b->u, b->lfpt, b->n, us));
    b->d_opt = tokens;
    b->ratio = tokens / b->n_opt;
    /* the ratio falls with N: its interval from the ends of N's */
    b->ratio_lo = b->budget / pow(10, interp(b->u, b->lfpt, b->n, us + h)) / b->n_hi;
    b->ratio_hi = b->budget / pow(10, interp(b->u, b->lfpt, b->n, us - h)) / b->n_lo;
    b->ratio_ne = tokens / pow(10, interp(b->u, b->lne, b->n, us));
}

/* The distinct positive budgets, ascending; returns how many. */
static int budgets(const Experiment *x, Budget *b)
{
    double c[MAXB];
    int n = 0, nc = exp_distinct(x, "flop_budget", c, MAXB);
    for (int i = 0; i < nc; i++)
        if (c[i] > 0) memset(&b[n], 0, sizeof b[n]), b[n++].budget = c[i];
    return n;
}

/* The power law N* ∝ C^a through the budgets with an optimum; false with fewer than 2. */
static bool exponent(const Budget *b, int nb, Line *l)
{
    double lx[MAXB], ly[MAXB], sd[MAXB];
    int k = 0;
    for (int i = 0; i < nb; i++)
        if (b[i].optimum && b[i].fit.vertex_se > 0)
            lx[k] = log10(b[i].budget), ly[k] = b[i].fit.vertex, sd[k++] = b[i].fit.vertex_se;
    return k >= 2 && fit_line(lx, ly, sd, k, l) == ST_OK;
}

/* With more than one learning rate at a size: the rate each size's point took per budget,
 * starred when it is the smallest or largest of the rates tried (the best may lie beyond). */
static void lr_table(Judgement *j, const Budget *b, int nb)
{
    bool grid = false;
    for (int i = 0; i < nb; i++)
        for (int k = 0; k < b[i].n; k++) grid |= b[i].nlr[k] > 1;
    if (!grid) return;
    judge_printf(j, "\nEach size's point is its best learning rate at that budget: the rate with the lowest mean "
                    "final validation loss among those run (\\* the smallest or largest of its grid, so the best "
                    "may lie beyond it):\n\n| budget (FLOPs) | N: best lr of the rates tried |\n|---|---|\n");
    for (int i = 0; i < nb; i++) {
        judge_printf(j, "| %.3g |", b[i].budget);
        for (int k = 0; k < b[i].n; k++) {
            char s[2][32];
            bool edge = b[i].nlr[k] > 1 && (b[i].lr[k] == b[i].lr_min[k] || b[i].lr[k] == b[i].lr_max[k]);
            judge_printf(j, "%s %s: %s%s (of %d)", k ? "," : "", stats_fmt(s[0], pow(10, b[i].u[k])),
                         stats_fmt(s[1], b[i].lr[k]), edge ? "\\*" : "", b[i].nlr[k]);
        }
        judge_printf(j, " |\n");
    }
}

static Status check_columns(const Experiment *x)
{
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
        if (table_col(&x->runs, needed[i]) < 0)
            return err_set(ST_FAILED, "%s: runs.tsv has no %s column", x->name, needed[i]);
    return ST_OK;
}

static Status judge_isoflop(const Experiment *x, Judgement *j)
{
    Status st = check_columns(x);
    if (st != ST_OK) return st;
    int min_budgets = (int)exp_param_num(x, "min_budgets", 3), min_sizes = (int)exp_param_num(x, "min_sizes", 5);
    static const char *const not_seed[] = {"seed", NULL};
    Cells cells;
    if ((st = exp_cells(&cells, x, not_seed)) != ST_OK) return st;
    static Budget b[MAXB];
    int nb = budgets(x, b);
    Verdict v = nb >= min_budgets ? VERDICT_CONFIRMED : VERDICT_INCONCLUSIVE;
    judge_printf(j, "Per compute budget, a parabola in log10 N through the final validation loss of each size; "
                    "its vertex is the compute-optimal size N\\* (95 %% interval from the fit's covariance), "
                    "D\\* = budget / FLOPs per token at N\\* (shown when the vertex lies within the sizes run); "
                    "beside it the size run with the lowest loss and its tokens per parameter:\n\n"
                    "| budget (FLOPs) | sizes | lowest loss run: N (loss), D/N | curvature (95 %%) | N\\* (95 %%) | "
                    "D\\* tokens | D\\*/N\\* (95 %%) | D\\*/N\\* without embeddings | optimum |\n"
                    "|---|---|---|---|---|---|---|---|---|\n");
    char key[256] = "";
    for (int i = 0; i < nb; i++) {
        collect(x, &cells, &b[i]);
        analyse(&b[i], min_sizes);
        v = verdict_worse(v, b[i].v);
        char s[13][32];
        bool show = b[i].inside && b[i].fit.c[2] > 0;
        int k = b[i].best;
        double bn = k < 0 ? NAN : pow(10, b[i].u[k]), bl = k < 0 ? NAN : b[i].loss[k];
        double br = k < 0 ? NAN : b[i].budget / pow(10, b[i].lfpt[k]) / bn;
        judge_printf(j, "| %.3g | %d | %s (%s), %s | %s to %s | %s (%s to %s) | %s | %s (%s to %s) | %s | %s |\n",
                     b[i].budget, b[i].n, stats_fmt(s[10], bn), stats_fmt(s[11], bl), stats_fmt(s[12], br),
                     stats_fmt(s[0], b[i].fitted ? b[i].fit.curv_lo : NAN),
                     stats_fmt(s[1], b[i].fitted ? b[i].fit.curv_hi : NAN), stats_fmt(s[2], show ? b[i].n_opt : NAN),
                     stats_fmt(s[3], show ? b[i].n_lo : NAN), stats_fmt(s[4], show ? b[i].n_hi : NAN),
                     stats_fmt(s[5], show ? b[i].d_opt : NAN), stats_fmt(s[6], show ? b[i].ratio : NAN),
                     stats_fmt(s[7], show ? b[i].ratio_lo : NAN), stats_fmt(s[8], show ? b[i].ratio_hi : NAN),
                     stats_fmt(s[9], show ? b[i].ratio_ne : NAN),
                     b[i].optimum ? "inside the sizes" : b[i].v == VERDICT_REFUTED ? "**none (a maximum)**"
                                                                                   : "**not found**");
        size_t len = strlen(key);
        if (b[i].optimum) snprintf(key + len, sizeof key - len, "%sD/N %s", i ? ", " : "", stats_fmt(s[2], b[i].ratio));
        else snprintf(key + len, sizeof key - len, "%sno optimum (best run N %s, D/N %s)", i ? ", " : "",
                      stats_fmt(s[2], bn), stats_fmt(s[3], br));
    }
    cells_free(&cells);
    lr_table(j, b, nb);
    Line l;
    char s[4][32];
    if (exponent(b, nb, &l)) {
        judge_printf(j, "\nAcross the budgets with an optimum, N\\* ∝ C^a with **a = %s** (95 %% interval %s to %s; "
                        "a line through log10 N\\* weighted by 1/se²). The textbook's ratio is about 20 tokens per "
                        "parameter (Hoffmann et al. 2022, a ≈ 0.5).\n\n",
                     stats_fmt(s[0], l.b), stats_fmt(s[1], l.b_lo), stats_fmt(s[2], l.b_hi));
        size_t len = strlen(key);
        snprintf(key + len, sizeof key - len, "; a = %s (%s to %s)", s[0], s[1], s[2]);
    } else {
        judge_printf(j, "\nFewer than two budgets have an optimum: no exponent.\n\n");
    }
    judge_printf(j, "Confirmed when every budget (at least %d, each with at least %d sizes) has a minimum inside "
                    "the sizes run; refuted when a budget's curvature is negative beyond its interval: **%s**\n",
                 min_budgets, min_sizes, verdict_names[v]);
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "%s", key);
    return ST_OK;
}

/* Loss against size per budget with the fitted parabolas; N* against C on log-log axes. */
static Status figures_isoflop(FigureSet *fs, const Experiment *x)
{
    static const char *const not_seed[] = {"seed", NULL};
    Cells cells;
    if (check_columns(x) != ST_OK || exp_cells(&cells, x, not_seed) != ST_OK) return ST_OK; /* judge_isoflop says why */
    static Budget b[MAXB];
    int nb = budgets(x, b);
    for (int i = 0; i < nb; i++) collect(x, &cells, &b[i]), analyse(&b[i], 4);
    cells_free(&cells);
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_profiles", x->name);
    snprintf(title, sizeof title, "%s: validation loss against model size at fixed compute", x->name);
    FILE *f = fig_open(fs, name, title,
                       "Final validation loss of each model size (points) at each compute budget, against its "
                       "parameters on a log axis, with the parabola in log10 N fitted per budget; a cross marks "
                       "its vertex, the compute-optimal size.");
    if (!f) return ST_IO;
    fprintf(f, "set logscale x\nset xlabel 'parameters N'\nset ylabel 'validation loss (nats per token)'\n"
               "set format x '10^{%%L}'\n");
    fprintf(f, "plot ");
    for (int i = 0; i < nb; i++) {
        const char *c = fig_colour(i);
        fprintf(f, "%s'-' using 1:2 with points lc rgb '%s' pt 7 ps 1 title 'C = %.3g FLOPs', \\\n", i ? ", " : "", c,
                b[i].budget);
        if (b[i].fitted && b[i].n > 0)
            fprintf(f, "  (x >= %.6g && x <= %.6g ? %.9g + %.9g*log10(x) + %.9g*log10(x)**2 : 1/0) with lines "
                       "lc rgb '%s' lw 1.2 notitle",
                    pow(10, b[i].u[0]), pow(10, b[i].u[b[i].n - 1]), b[i].fit.c[0], b[i].fit.c[1], b[i].fit.c[2], c);
        else fprintf(f, "  1/0 notitle");
        if (b[i].optimum) fprintf(f, ", \\\n  '-' using 1:2 with points lc rgb '%s' pt 2 ps 2 notitle", c);
    }
    if (!nb) fprintf(f, "1/0 notitle");
    fprintf(f, "\n");
    for (int i = 0; i < nb; i++) {
        for (int k = 0; k < b[i].n; k++) fprintf(f, "%.6g %.6g\n", pow(10, b[i].u[k]), b[i].loss[k]);
        fprintf(f, "e\n");
        if (b[i].optimum) {
            double us = b[i].fit.vertex;
            fprintf(f, "%.6g %.6g\ne\n", b[i].n_opt, b[i].fit.c[0] + b[i].fit.c[1] * us + b[i].fit.c[2] * us * us);
        }
    }
    Status st = fig_close(f, name);
    if (st != ST_OK) return st;

    snprintf(name, sizeof name, "%s_optimal", x->name);
    snprintf(title, sizeof title, "%s: compute-optimal size against compute", x->name);
    f = fig_open(fs, name, title,
                 "The fitted optimal size N* of each budget with its 95 % interval, on log-log axes, and the "
                 "weighted power law N* ∝ C^a through them.");
    if (!f) return ST_IO;
    Line l;
    bool have = exponent(b, nb, &l);
    char s[32];
    fprintf(f, "set logscale xy\nset xlabel 'compute C (FLOPs)'\nset ylabel 'optimal parameters N*'\n"
               "set format x '10^{%%L}'\nset format y '10^{%%L}'\n");
    /* the axes span the budgets and the sizes run, whether or not a budget has an optimum */
    double nlo = INFINITY, nhi = 0;
    int nopt = 0;
    for (int i = 0; i < nb; i++) {
        nopt += b[i].optimum;
        if (b[i].n) nlo = fmin(nlo, pow(10, b[i].u[0])), nhi = fmax(nhi, pow(10, b[i].u[b[i].n - 1]));
    }
    if (nb && nhi > 0)
        fprintf(f, "set xrange [%.6g:%.6g]\nset yrange [%.6g:%.6g]\n", b[0].budget / 2, b[nb - 1].budget * 2, nlo / 2,
                nhi * 2);
    if (!nopt) fprintf(f, "set label 1 'no budget has an optimum inside the sizes run' at graph 0.5, 0.5 center\n");
    fprintf(f, "plot ");
    if (nopt) fprintf(f, "'-' using 1:2:3:4 with yerrorbars lc rgb '%s' pt 7 ps 1 title 'N* (95 %%)'", fig_colour(0));
    else fprintf(f, "1/0 notitle");
    if (have)
        fprintf(f, ", \\\n  10**(%.9g + %.9g*log10(x)) with lines lc rgb '%s' lw 1.5 title 'N* ∝ C^{%s}'", l.a, l.b,
                fig_colour(1), stats_fmt(s, l.b));
    fprintf(f, "\n");
    if (nopt) {
        for (int i = 0; i < nb; i++)
            if (b[i].optimum) fprintf(f, "%.6g %.6g %.6g %.6g\n", b[i].budget, b[i].n_opt, b[i].n_lo, b[i].n_hi);
        fprintf(f, "e\n");
    }
    return fig_close(f, name);
}

const VerdictRule verdict_rule_isoflop = {
    "isoflop",
    "per flop_budget, fits a parabola in log10 N to the final validation loss of each size (GSL; with an lr axis, "
    "each size at its best rate: the lowest mean final validation loss of the rates run); its vertex is "
    "the compute-optimal size N* with a 95 % interval, D* = budget / FLOPs per token there, the ratio D* / N* with "
    "and without embeddings; across budgets the exponent a of N* ∝ C^a; confirmed when every budget has a minimum "
    "inside the sizes run",
    judge_isoflop,
    figures_isoflop,
};
