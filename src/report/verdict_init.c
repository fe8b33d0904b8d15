/* Verdict rule `init` (C17): activation variance and gradient norm per layer at
 * initialisation of a deep plain MLP, per activation × initialisation, from
 * layer_stats.tsv; the training that follows (final loss, divergence) beside them.
 *
 * For each run at step 0, two factors per layer fitted on a log axis over the hidden
 * layers 1 .. n−1 (layerstats.c): the output variance's growth going forward, and the
 * gradient norm's growth going back towards the input.
 *
 * Parameters ([verdict]):
 *   matched = relu/he tanh/xavier     activation/initialisation pairs the claim says keep both stable
 *   naive = normal                    the initialisation the claim says makes them explode or vanish
 *   stable_low = 0.8, stable_high = 1.25       stable: both factors in this range
 *   unstable_low = 0.5, unstable_high = 2      explodes or vanishes: a factor outside this
 *                                              range (or not finite)
 *
 * A matched pair agrees with the claim when every seed is stable, and contradicts it when
 * every seed explodes or vanishes; `naive` with each activation of `matched` (once per
 * activation) agrees when
 * every seed explodes or vanishes, and contradicts it when every seed is stable.
 * Confirmed when every part agrees, refuted when one contradicts, inconclusive otherwise
 * (seeds in between, a pair without runs). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/layerstats.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { MAX_PAIRS = 8, MAX_RUNS = 64 };

typedef struct {
    double var_f[MAX_RUNS], grad_f[MAX_RUNS], loss[MAX_RUNS];
    int n, diverged;
} Group;

static Status group_of(const Experiment *x, const char *act, const char *init, Group *g)
{
    memset(g, 0, sizeof *g);
    for (int r = 0; r < x->runs.nrows && g->n < MAX_RUNS; r++) {
        if (strcmp(table_get(&x->runs, r, "act"), act) || strcmp(table_get(&x->runs, r, "init"), init)) continue;
        double v[LS_MAX_LAYERS], gr[LS_MAX_LAYERS];
        int n, m;
        Status st = ls_profile(x, r, 0, "act_var", v, &n);
        if (st == ST_OK) st = ls_profile(x, r, 0, "grad_norm", gr, &m);
        if (st != ST_OK) return st;
        double gf = ls_factor(gr, 1, m - 2);
        g->var_f[g->n] = ls_factor(v, 1, n - 2);
        g->grad_f[g->n] = gf == 0 ? INFINITY : isinf(gf) ? 0 : 1 / gf;
        bool div = !strcmp(table_get(&x->runs, r, "status"), "diverged");
        g->diverged += div;
        g->loss[g->n++] = div ? NAN : table_getnum(&x->runs, r, "final_val_loss");
    }
    return ST_OK;
}

static bool within(double f, double lo, double hi) { return f >= lo && f <= hi; }

/* The part's verdict: want_stable (a matched pair) or not (naive). */
static Verdict part(const Group *g, bool want_stable, double sl, double sh, double ul, double uh)
{
    int stable = 0, wild = 0;
    for (int i = 0; i < g->n; i++) {
        stable += within(g->var_f[i], sl, sh) && within(g->grad_f[i], sl, sh);
        wild += !within(g->var_f[i], ul, uh) || !within(g->grad_f[i], ul, uh);
    }
    if (!g->n) return VERDICT_INCONCLUSIVE;
    if (stable == g->n) return want_stable ? VERDICT_CONFIRMED : VERDICT_REFUTED;
    if (wild == g->n) return want_stable ? VERDICT_REFUTED : VERDICT_CONFIRMED;
    return VERDICT_INCONCLUSIVE;
}

static Status judge_init(const Experiment *x, Judgement *j)
{
    double sl = exp_param_num(x, "stable_low", 0.8), sh = exp_param_num(x, "stable_high", 1.25),
           ul = exp_param_num(x, "unstable_low", 0.5), uh = exp_param_num(x, "unstable_high", 2);
    const char *naive = exp_param(x, "naive", "normal");
    static const char *const need[] = {"act", "init", "status", "final_val_loss"};
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
        if (table_col(&x->runs, need[k]) < 0) return err_set(ST_IO, "%s: runs.tsv has no column '%s'", x->name, need[k]);
    char pairs[MAX_PAIRS][2][32];
    int np = 0;
    for (const char *p = exp_param(x, "matched", "relu/he tanh/xavier"); *p && np < MAX_PAIRS;) {
        p += strspn(p, " \t");
        size_t len = strcspn(p, " \t"), slash = strcspn(p, "/");
        if (!len) break;
        if (slash < len) {
            snprintf(pairs[np][0], 32, "%.*s", (int)(slash < 31 ? slash : 31), p);
            snprintf(pairs[np][1], 32, "%.*s", (int)(len - slash - 1 < 31 ? len - slash - 1 : 31), p + slash + 1);
            np++;
        }
        p += len;
    }
    judge_printf(j, "Factors per layer at initialisation, fitted on a log axis over the hidden layers (stable: "
                    "both in %g–%g; explodes or vanishes: one outside %g–%g), mean over seeds, and the training "
                    "that followed:\n\n| activation | initialisation | claim | output variance, growth per layer "
                    "| gradient norm, growth per layer back | final val loss (mean, ok runs) | diverged | judged |\n"
                    "|---|---|---|---|---|---|---|---|\n", sl, sh, ul, uh);
    Verdict v = VERDICT_CONFIRMED;
    char key[256] = "";
    size_t klen = 0;
    for (int i = 0; i < np; i++)
        for (int k = 0; k < 2; k++) {
            const char *act = pairs[i][0], *init = k ? naive : pairs[i][1];
            bool again = false; /* naive is judged once per activation */
            for (int q = 0; q < i && k; q++) again |= !strcmp(pairs[q][0], act);
            if (again) continue;
            Group g;
            Status st = group_of(x, act, init, &g);
            if (st != ST_OK) return st;
            Verdict pv = part(&g, k == 0, sl, sh, ul, uh);
            v = verdict_worse(v, pv);
            char a[32], b[32], c[32];
            judge_printf(j, "| %s | %s | %s | %s | %s | %s | %d/%d | %s |\n", act, init, k ? "explodes or vanishes" : "stable",
                         stats_fmt(a, stats_of(g.var_f, g.n).mean), stats_fmt(b, stats_of(g.grad_f, g.n).mean),
                         stats_fmt(c, stats_of(g.loss, g.n).mean), g.diverged, g.n,
                         !g.n ? "**inconclusive** (no runs)" : pv == VERDICT_CONFIRMED ? "as claimed"
                         : pv == VERDICT_REFUTED ? "**refuted**" : "**inconclusive** (seeds disagree or in between)");
            if (klen < sizeof key)
                klen += (size_t)snprintf(key + klen, sizeof key - klen, "%s%s/%s variance ×%s per layer", klen ? ", " : "",
                                         act, init, stats_fmt(a, stats_of(g.var_f, g.n).mean));
        }
    /* every other pair the runs hold, for the record */
    for (int r = 0; r < x->runs.nrows; r++) {
        const char *act = table_get(&x->runs, r, "act"), *init = table_get(&x->runs, r, "init");
        bool seen = false;
        for (int q = 0; q < r && !seen; q++)
            seen = !strcmp(table_get(&x->runs, q, "act"), act) && !strcmp(table_get(&x->runs, q, "init"), init);
        for (int i = 0; i < np && !seen; i++)
            seen = !strcmp(pairs[i][0], act) && (!strcmp(pairs[i][1], init) || !strcmp(naive, init));
        if (seen) continue;
        Group g;
        Status st = group_of(x, act, init, &g);
        if (st != ST_OK) return st;
        char a[32], b[32], c[32];
        judge_printf(j, "| %s | %s | (not judged) | %s | %s | %s | %d/%d | – |\n", act, init,
                     stats_fmt(a, stats_of(g.var_f, g.n).mean), stats_fmt(b, stats_of(g.grad_f, g.n).mean),
                     stats_fmt(c, stats_of(g.loss, g.n).mean), g.diverged, g.n);
    }
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "%s", key);
    return ST_OK;
}

/* Output variance and gradient norm against layer index at initialisation. */
static Status figures_init(FigureSet *fs, const Experiment *x)
{
    static const char *const not_seed[] = {"seed", NULL};
    Cells c;
    Status st = exp_cells(&c, x, not_seed);
    if (st != ST_OK) return st;
    char title[256];
    snprintf(title, sizeof title, "%s: output variance per layer at initialisation", x->name);
    st = ls_figure(fs, x, &c, NULL, 0, "act_var", "var_layers", title, "variance of the layer's output",
                   "The variance of each layer's output on the probe batch at initialisation, against the layer's "
                   "index (0: the input side; the last is the head's logits), log scale, one line per activation and "
                   "initialisation: geometric mean over seeds. A layer whose variance overflowed to infinity (or is "
                   "0) is left out: the line stops there.");
    if (st == ST_OK) {
        snprintf(title, sizeof title, "%s: gradient norm per layer at initialisation", x->name);
        st = ls_figure(fs, x, &c, NULL, 0, "grad_norm", "grad_layers", title, "gradient norm",
                       "The norm of each layer's gradient on the probe batch at initialisation, against the layer's "
                       "index, log scale, one line per activation and initialisation: geometric mean over seeds; "
                       "values that are 0 or not finite are left out.");
    }
    cells_free(&c);
    return st;
}

const VerdictRule verdict_rule_init = {
    "init",
    "fits the growth per layer of the output variance and of the gradient norm at initialisation and holds the "
    "`matched` activation/initialisation pairs within `stable_low`–`stable_high` and `naive` outside "
    "`unstable_low`–`unstable_high`",
    judge_init,
    figures_init,
};
