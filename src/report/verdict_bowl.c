/* Verdict rule `bowl` (C03): gradient descent on the ill-conditioned bowl of
 * src/toys/bowl.c, L = ½(u² + v²/κ) with its axes (u, v) turned by `rotation` degrees.
 * Runs stop at the first step within `tolerance` of the minimum; summary.tsv's tolerance_step is
 * that step (−1: never within the run's steps).
 *
 * With a `kappa` axis (the growth of steps with κ; one optimizer per experiment):
 *   For each rotation and κ the best run is the one reaching the tolerance in the fewest
 *   steps over every other axis (lr, and momentum if it varies). A best lr at the lr
 *   grid's smallest or largest value is flagged: the grid may miss the true best. The
 *   growth exponent b of steps ∝ κ^b is the least-squares slope of log10 steps against
 *   log10 κ (GSL) over the κ ≥ fit_from.
 *   Parameters ([verdict]):
 *     fit_from = 10        the smallest κ in the fit
 *     expect = LO HI       the claimed interval of b, for every rotation
 *     expect_ROT = LO HI   the interval for rotation ROT (overrides expect)
 *   Per rotation with an interval: confirmed when b lies in it, refuted when outside;
 *   inconclusive with fewer than 3 κ in the fit or a best lr at the grid's edge among
 *   them. A rotation without an interval is reported, not judged.
 *
 * Without a `kappa` axis (trajectories at one κ; runs of several optimizers):
 *   Per rotation, the best run of each optimizer (fewest steps to the tolerance, on the
 *   linked axes as given). Plain descent zig-zags when the steep coordinate u changes
 *   sign on at least `zigzag` (default 0.9) of its steps; confirmed when, on every
 *   rotation, sgd zig-zags and momentum reaches the tolerance in fewer steps than sgd;
 *   refuted when either fails; inconclusive when a run is missing or never reaches it.
 *   Adam's steps are reported beside them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { MAXV = 64 };

static int steps_of(const Experiment *x, int r)
{
    double t = table_getnum(&x->runs, r, "tolerance_step");
    return isfinite(t) && t >= 0 ? (int)t : -1;
}

/* The run reaching the tolerance first among those at rotation rot (and κ kappa when
 * finite, optimizer opt when not NULL); ties go to the smaller lr. -1 if none. */
static int best_run(const Experiment *x, double rot, double kappa, const char *opt)
{
    int best = -1;
    for (int r = 0; r < x->runs.nrows; r++) {
        if (table_getnum(&x->runs, r, "rotation") != rot) continue;
        if (isfinite(kappa) && table_getnum(&x->runs, r, "kappa") != kappa) continue;
        if (opt && strcmp(table_get(&x->runs, r, "optimizer"), opt) != 0) continue;
        int s = steps_of(x, r);
        if (s < 0) continue;
        int bs = best < 0 ? -1 : steps_of(x, best);
        if (best < 0 || s < bs ||
            (s == bs && table_getnum(&x->runs, r, "lr") < table_getnum(&x->runs, best, "lr")))
            best = r;
    }
    return best;
}

static const char *bowl_name(char *buf, size_t cap, double rot)
{
    if (fmod(rot, 90) == 0) snprintf(buf, cap, "axis-aligned");
    else snprintf(buf, cap, "rotated %g°", rot);
    return buf;
}

/* The interval for rotation rot: expect_ROT or expect; false when neither is given. */
static bool interval(const Experiment *x, double rot, double *lo, double *hi)
{
    char key[64];
    snprintf(key, sizeof key, "expect_%g", rot);
    const char *v = exp_param(x, key, NULL);
    if (!v) v = exp_param(x, "expect", NULL);
    return v && sscanf(v, "%lf %lf", lo, hi) == 2;
}

typedef struct {
    int n;              /* κ values */
    double kappa[MAXV];
    int steps[MAXV];    /* best steps, -1 never */
    int row[MAXV];      /* the best run, -1 */
    bool edge[MAXV];    /* the best lr is at the grid's edge */
    double slope, icpt; /* the fit over κ >= fit_from; NaN without one */
    int nfit;
    bool fit_edge;      /* an edge among the fitted points */
} Growth;

static void growth(const Experiment *x, double rot, double fit_from, Growth *g)
{
    double lrs[MAXV], fx[MAXV], fy[MAXV];
    int nlr = exp_distinct(x, "lr", lrs, MAXV);
    g->n = exp_distinct(x, "kappa", g->kappa, MAXV);
    g->nfit = 0, g->fit_edge = false;
    for (int k = 0; k < g->n; k++) {
        int r = best_run(x, rot, g->kappa[k], NULL);
        g->row[k] = r;
        g->steps[k] = r < 0 ? -1 : steps_of(x, r);
        double lr = r < 0 ? NAN : table_getnum(&x->runs, r, "lr");
        g->edge[k] = r >= 0 && nlr > 0 && (lr == lrs[0] || lr == lrs[nlr - 1]);
        if (r >= 0 && g->kappa[k] >= fit_from) {
            fx[g->nfit] = g->kappa[k], fy[g->nfit++] = g->steps[k];
            g->fit_edge |= g->edge[k];
        }
    }
    g->slope = g->icpt = NAN;
    if (g->nfit >= 2 && stats_loglog_fit(fx, fy, g->nfit, &g->slope, &g->icpt) != ST_OK)
        g->slope = g->icpt = NAN;
}

static Status judge_growth(const Experiment *x, Judgement *j)
{
    double fit_from = exp_param_num(x, "fit_from", 10), rots[MAXV];
    int nrot = exp_distinct(x, "rotation", rots, MAXV);
    bool varies_momentum = exp_has_axis(x, "momentum");
    for (int a = 0; a < x->naxes; a++) varies_momentum |= strstr(x->axes[a].key, "momentum") != NULL;
    Verdict v = VERDICT_CONFIRMED;
    int judged = 0;
    char key[256] = "steps ∝ κ^b:";
    for (int q = 0; q < nrot; q++) {
        Growth g;
        growth(x, rots[q], fit_from, &g);
        char name[64], b[32];
        bowl_name(name, sizeof name, rots[q]);
        judge_printf(j, "%s bowl (rotation %g°): the fewest steps to the tolerance at each κ, at the best "
                        "learning rate%s:\n\n| κ | steps | lr%s |\n|---|---|---%s|\n",
                     name, rots[q], varies_momentum ? " and momentum" : "", varies_momentum ? " | momentum" : "",
                     varies_momentum ? "|---" : "");
        for (int k = 0; k < g.n; k++) {
            if (g.row[k] < 0) {
                judge_printf(j, "| %g | never | – |%s\n", g.kappa[k], varies_momentum ? " – |" : "");
                continue;
            }
            judge_printf(j, "| %g | %d | %g%s |", g.kappa[k], g.steps[k], table_getnum(&x->runs, g.row[k], "lr"),
                         g.edge[k] ? " (grid edge)" : "");
            if (varies_momentum) judge_printf(j, " %g |", table_getnum(&x->runs, g.row[k], "momentum"));
            judge_printf(j, "\n");
        }
        double lo, hi;
        bool has = interval(x, rots[q], &lo, &hi);
        Verdict r = VERDICT_NONE;
        if (has) {
            r = g.nfit < 3 || !isfinite(g.slope) ? VERDICT_INCONCLUSIVE
                : !(g.slope >= lo && g.slope <= hi) ? VERDICT_REFUTED
                : g.fit_edge                        ? VERDICT_INCONCLUSIVE
                                                    : VERDICT_CONFIRMED;
            v = verdict_worse(v, r);
            judged++;
        }
        judge_printf(j, "\nFitted growth exponent over the %d κ ≥ %g that reached the tolerance: **b = %s**",
                     g.nfit, fit_from, stats_fmt(b, g.slope));
        if (has)
            judge_printf(j, " (claimed interval %g to %g%s): **%s**\n\n", lo, hi,
                         g.fit_edge ? "; a best lr at the grid's edge" : "", verdict_names[r]);
        else judge_printf(j, " (no interval claimed: reported only)\n\n");
        size_t len = strlen(key);
        snprintf(key + len, sizeof key - len, "%s b = %s (%s)", q ? "," : "", stats_fmt(b, g.slope), name);
    }
    if (!judged) {
        judge_printf(j, "No rotation has a claimed interval (expect or expect_ROT): **inconclusive**\n");
        v = VERDICT_INCONCLUSIVE;
    }
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "%s", key);
    return ST_OK;
}

/* The fraction of steps of run r's curve on which the steep coordinate u changes sign,
 * and whether |v| never grows (a crawl along the shallow axis); false without a curve. */
static bool zigzag_of(const Experiment *x, int r, double *flips, bool *crawl)
{
    Table c;
    if (r < 0 || exp_run_file(x, r, "curve.tsv", &c) != ST_OK) return false;
    double th = table_getnum(&x->runs, r, "rotation") * (3.14159265358979323846 / 180);
    double cs = cos(th), sn = sin(th), pu = NAN, pv = NAN;
    int n = 0, nflip = 0;
    *crawl = true;
    for (int i = 0; i < c.nrows; i++) {
        double w1 = table_getnum(&c, i, "w1"), w2 = table_getnum(&c, i, "w2");
        double u = cs * w1 + sn * w2, v = -sn * w1 + cs * w2;
        if (i > 0) {
            n++;
            nflip += u * pu < 0;
            *crawl &= fabs(v) <= fabs(pv) * (1 + 1e-6);
        }
        pu = u, pv = v;
    }
    table_free(&c);
    *flips = n ? (double)nflip / n : NAN;
    return n > 0;
}

static Status judge_paths(const Experiment *x, Judgement *j)
{
    double zz = exp_param_num(x, "zigzag", 0.9), rots[MAXV];
    int nrot = exp_distinct(x, "rotation", rots, MAXV);
    Verdict v = nrot ? VERDICT_CONFIRMED : VERDICT_INCONCLUSIVE;
    const char *opts[] = {"sgd", "momentum", "adam"};
    char key[256] = "";
    judge_printf(j, "The best run of each optimizer (fewest steps to the tolerance):\n\n"
                    "| bowl | optimizer | lr | steps | u changes sign | \\|v\\| never grows |\n|---|---|---|---|---|---|\n");
    for (int q = 0; q < nrot; q++) {
        char name[64];
        bowl_name(name, sizeof name, rots[q]);
        int steps[3];
        double flips[3] = {NAN, NAN, NAN};
        bool crawl[3] = {false, false, false};
        for (int o = 0; o < 3; o++) {
            int r = best_run(x, rots[q], NAN, opts[o]);
            steps[o] = r < 0 ? -1 : steps_of(x, r);
            if (r < 0) {
                judge_printf(j, "| %s | %s | – | never | – | – |\n", name, opts[o]);
                continue;
            }
            zigzag_of(x, r, &flips[o], &crawl[o]);
            judge_printf(j, "| %s | %s | %g | %d | %.0f %% of steps | %s |\n", name, opts[o],
                         table_getnum(&x->runs, r, "lr"), steps[o], 100 * flips[o], crawl[o] ? "yes" : "no");
        }
        Verdict r = steps[0] < 0 || steps[1] < 0 || !isfinite(flips[0]) ? VERDICT_INCONCLUSIVE
                    : flips[0] >= zz && steps[1] < steps[0]              ? VERDICT_CONFIRMED
                                                                         : VERDICT_REFUTED;
        v = verdict_worse(v, r);
        size_t len = strlen(key);
        snprintf(key + len, sizeof key - len, "%s%s: sgd %d steps (zig-zag on %.0f %%), momentum %d, adam %d",
                 q ? "; " : "", name, steps[0], 100 * flips[0], steps[1], steps[2]);
    }
    judge_printf(j, "\nPlain descent zig-zags when u changes sign on at least %g of its steps; confirmed when it "
                    "does and momentum needs fewer steps than sgd, on every bowl: **%s**\n",
                 zz, verdict_names[v]);
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "%s", key);
    return ST_OK;
}

static Status judge_bowl(const Experiment *x, Judgement *j)
{
    return exp_has_axis(x, "kappa") ? judge_growth(x, j) : judge_paths(x, j);
}

static const char *const colours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7"};

/* Best steps against κ on log-log axes, one series per rotation, with the fitted lines. */
static Status fig_growth(FigureSet *fs, const Experiment *x)
{
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_steps", x->name);
    snprintf(title, sizeof title, "%s: steps to the tolerance against the condition number", x->name);
    FILE *f = fig_open(fs, name, title,
                       "The fewest steps to the tolerance at the best learning rate of the grid (points) "
                       "against κ, on log-log axes, one series per bowl, and the least-squares line of the "
                       "fit (its slope is the growth exponent b).");
    if (!f) return ST_IO;
    double fit_from = exp_param_num(x, "fit_from", 10), rots[MAXV];
    int nrot = exp_distinct(x, "rotation", rots, MAXV);
    fprintf(f, "set logscale xy\nset xlabel 'condition number κ'\nset ylabel 'steps to the tolerance'\n"
               "set format x '10^{%%L}'\nset format y '10^{%%L}'\n");
    fprintf(f, "plot ");
    for (int q = 0; q < nrot; q++) {
        Growth g;
        growth(x, rots[q], fit_from, &g);
        char bn[64], b[32];
        bowl_name(bn, sizeof bn, rots[q]);
        const char *c = colours[q % 4];
        fprintf(f, "%s'-' using 1:2 with points lc rgb '%s' pt 7 ps 1 title '%s', \\\n", q ? ", " : "", c, bn);
        double kmax = g.n ? g.kappa[g.n - 1] : fit_from;
        if (isfinite(g.slope))
            fprintf(f, "  (x >= %g && x <= %g ? 10**(%.6g + %.6g*log10(x)) : 1/0) with lines lc rgb '%s' lw 1.5 "
                       "title '%s: b = %s'", fit_from, kmax, g.icpt, g.slope, c, bn, stats_fmt(b, g.slope));
        else fprintf(f, "  1/0 notitle");
    }
    if (!nrot) fprintf(f, "1/0 notitle");
    fprintf(f, "\n");
    for (int q = 0; q < nrot; q++) {
        Growth g;
        growth(x, rots[q], fit_from, &g);
        for (int k = 0; k < g.n; k++)
            if (g.steps[k] >= 0) fprintf(f, "%g %d\n", g.kappa[k], g.steps[k]);
        fprintf(f, "e\n");
    }
    return fig_close(f, name);
}

/* Per rotation, the best run of each optimizer drawn on the bowl's contours. */
static Status fig_paths(FigureSet *fs, const Experiment *x)
{
    double rots[MAXV];
    int nrot = exp_distinct(x, "rotation", rots, MAXV);
    const char *opts[] = {"sgd", "momentum", "adam"};
    double kappa = exp_setting(x, "kappa") ? strtod(exp_setting(x, "kappa"), NULL) : 1;
    for (int q = 0; q < nrot; q++) {
        char name[160], title[256], bn[64];
        bowl_name(bn, sizeof bn, rots[q]);
        snprintf(name, sizeof name, "%s_paths_%g", x->name, rots[q]);
        snprintf(title, sizeof title, "%s: trajectories on the %s bowl, κ = %g", x->name, bn, kappa);
        FILE *f = fig_open(fs, name, title,
                           "The path of each optimizer's best run (fewest steps to the tolerance) from its start "
                           "to the minimum at the origin, drawn on the contours of L = ½(u² + v²/κ).");
        if (!f) return ST_IO;
        Table t[3];
        bool have[3] = {false, false, false};
        int rows[3];
        double range = 1; /* the square that holds every drawn point */
        for (int o = 0; o < 3; o++) {
            rows[o] = best_run(x, rots[q], NAN, opts[o]);
            if (rows[o] < 0 || exp_run_file(x, rows[o], "curve.tsv", &t[o]) != ST_OK) continue;
            have[o] = true;
            for (int i = 0; i < t[o].nrows; i++)
                range = fmax(range, fmax(fabs(table_getnum(&t[o], i, "w1")), fabs(table_getnum(&t[o], i, "w2"))));
        }
        double th = rots[q] * (3.14159265358979323846 / 180);
        fprintf(f, "kappa = %.17g\nth = %.17g\n"
                   "L(x, y) = 0.5*((cos(th)*x + sin(th)*y)**2 + (-sin(th)*x + cos(th)*y)**2/kappa)\n"
                   "set size ratio -1\nset xrange [%.3g:%.3g]\nset yrange [%.3g:%.3g]\n"
                   "set xlabel 'w₁'\nset ylabel 'w₂'\nset isosamples 150, 150\nset samples 150\n"
                   "set contour base\nset cntrparam levels discrete 0.001, 0.005, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8\n"
                   "unset surface\nset table $contours\nsplot L(x, y)\nunset table\nunset contour\n",
                kappa, th, -1.1 * range, 1.1 * range, -1.1 * range, 1.1 * range);
        fprintf(f, "plot $contours using 1:2 with lines lc rgb '#b0b0b0' notitle");
        for (int o = 0; o < 3; o++)
            if (have[o])
                fprintf(f, ", \\\n  '-' using 1:2 with linespoints lc rgb '%s' lw 1.2 pt 7 ps 0.4 title '%s, lr %g: %d steps'",
                        colours[o], opts[o], table_getnum(&x->runs, rows[o], "lr"), steps_of(x, rows[o]));
        fprintf(f, "\n");
        for (int o = 0; o < 3; o++) {
            if (!have[o]) continue;
            for (int i = 0; i < t[o].nrows; i++)
                fprintf(f, "%.6g %.6g\n", table_getnum(&t[o], i, "w1"), table_getnum(&t[o], i, "w2"));
            fprintf(f, "e\n");
            table_free(&t[o]);
        }
        Status st = fig_close(f, name);
        if (st != ST_OK) return st;
    }
    return ST_OK;
}

static Status figures_bowl(FigureSet *fs, const Experiment *x)
{
    return exp_has_axis(x, "kappa") ? fig_growth(fs, x) : fig_paths(fs, x);
}

const VerdictRule verdict_rule_bowl = {
    "bowl",
    "with a kappa axis: fits the growth exponent b of the best steps to the tolerance against κ "
    "(log-log, κ ≥ `fit_from`) per rotation and holds it against `expect` / `expect_ROT`; at one κ: "
    "checks that sgd zig-zags (u changes sign on `zigzag` of its steps) and momentum needs fewer steps",
    judge_bowl,
    figures_bowl,
};
