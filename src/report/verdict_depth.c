/* Verdict rule `depth` (C16): final loss over depth × residual/norm combination, seeds
 * on an axis, and the depth at which each combination stops training.
 *
 * Parameters ([verdict]):
 *   depth_key = depth                       the depth setting (mlp: depth; gpt: layers)
 *   combo = residual/norm/norm_position     the axis naming each combination
 *   plain = off/none/pre                    the plain stack: no residual, no norm
 *   best = on/layer/pre                     the combination the claim says trains deep
 *   trains_below = 1                        a run trains when it ends ok with a final
 *                                           validation loss below this
 *
 * A cell (combination, depth) trains when every seed trains, fails when none does, and
 * is mixed otherwise. A combination stops training at the smallest depth whose cell
 * fails (all depths above it are not looked at); a mixed cell before that leaves the
 * depth undecided. Confirmed when the plain stack stops at a depth of the grid and
 * `best` trains at every depth; refuted when the plain stack trains at every depth (the
 * grid does not make it fail) or `best` stops at or below the plain stack's depth;
 * inconclusive otherwise (an undecided depth, combinations missing). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/layerstats.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { MAX_DEPTHS = 16, MAX_COMBOS = 16, MAX_SEEDS = 32 };
enum { CELL_NONE, CELL_TRAINS, CELL_FAILS, CELL_MIXED };

typedef struct {
    int ndepth, ncombo;
    double depth[MAX_DEPTHS];
    char combo[MAX_COMBOS][64];
    double loss[MAX_COMBOS][MAX_DEPTHS];  /* mean final validation loss over seeds that ended ok */
    int n[MAX_COMBOS][MAX_DEPTHS], trained[MAX_COMBOS][MAX_DEPTHS], diverged[MAX_COMBOS][MAX_DEPTHS];
} Grid;

static void grid_of(const Experiment *x, Grid *g)
{
    const char *dk = exp_param(x, "depth_key", "depth"), *ck = exp_param(x, "combo", "residual/norm/norm_position");
    double thr = exp_param_num(x, "trains_below", 1);
    memset(g, 0, sizeof *g);
    g->ndepth = exp_distinct(x, dk, g->depth, MAX_DEPTHS);
    double sum[MAX_COMBOS][MAX_DEPTHS] = {{0}};
    int cnt[MAX_COMBOS][MAX_DEPTHS] = {{0}};
    for (int r = 0; r < x->runs.nrows; r++) {
        double d = table_getnum(&x->runs, r, dk);
        const char *c = table_get(&x->runs, r, ck);
        int di = 0, ci = 0;
        while (di < g->ndepth && g->depth[di] != d) di++;
        while (ci < g->ncombo && strcmp(g->combo[ci], c)) ci++;
        if (di == g->ndepth || ci == MAX_COMBOS) continue;
        if (ci == g->ncombo) snprintf(g->combo[g->ncombo++], sizeof g->combo[0], "%s", c);
        bool div = !strcmp(table_get(&x->runs, r, "status"), "diverged");
        double loss = table_getnum(&x->runs, r, "final_val_loss");
        g->n[ci][di]++;
        g->diverged[ci][di] += div;
        g->trained[ci][di] += !div && loss < thr;
        if (!div && isfinite(loss)) sum[ci][di] += loss, cnt[ci][di]++;
    }
    for (int c = 0; c < g->ncombo; c++)
        for (int d = 0; d < g->ndepth; d++) g->loss[c][d] = cnt[c][d] ? sum[c][d] / cnt[c][d] : NAN;
}

static int cell_state(const Grid *g, int c, int d)
{
    if (!g->n[c][d]) return CELL_NONE;
    return g->trained[c][d] == g->n[c][d] ? CELL_TRAINS : g->trained[c][d] == 0 ? CELL_FAILS : CELL_MIXED;
}

/* The index of the depth where combination c stops training: -1 trains at every
 * depth, -2 undecided (a mixed or missing cell first). */
static int stop_index(const Grid *g, int c)
{
    for (int d = 0; d < g->ndepth; d++) {
        int s = cell_state(g, c, d);
        if (s == CELL_FAILS) return d;
        if (s != CELL_TRAINS) return -2;
    }
    return -1;
}

static int combo_index(const Grid *g, const char *name)
{
    for (int c = 0; c < g->ncombo; c++)
        if (!strcmp(g->combo[c], name)) return c;
    return -3;
}

static const char *stop_words(char *out, size_t cap, const Grid *g, int s)
{
    if (s >= 0) snprintf(out, cap, "%g", g->depth[s]);
    else if (s == -1) snprintf(out, cap, "trains at every depth");
    else if (s == -2) snprintf(out, cap, "undecided (seeds disagree)");
    else snprintf(out, cap, "no runs");
    return out;
}

/* The gradient with respect to each layer's output at initialisation of each combination
 * at the largest depth, when the runs record it (act_grad_norm): what reaches the last
 * block and the input side, and the factor per layer between them. */
static void out_grad_table(const Experiment *x, const Grid *g, Judgement *j)
{
    if (!g->ndepth || !ls_has(x, "act_grad_norm")) return;
    const char *dk = exp_param(x, "depth_key", "depth"), *ck = exp_param(x, "combo", "residual/norm/norm_position");
    double maxd = g->depth[g->ndepth - 1];
    judge_printf(j, "\nWhy, at initialisation: the norm of the gradient with respect to each layer's output "
                    "(layer_stats.tsv's `act_grad_norm`, geometric mean over seeds) at depth %g, at the last block "
                    "and at layer 0 (the input side; 0: it underflowed in every seed), and the factor per layer "
                    "going back from the last block, fitted on a log axis over the layers down to the first whose "
                    "gradient is 0 (those named):\n\n| %s | last block | layer 0 | factor per layer going back | "
                    "over layers |\n|---|---|---|---|---|\n", maxd, ck);
    for (int c = 0; c < g->ncombo; c++) {
        int rows[MAX_SEEDS], nr = 0, n;
        for (int r = 0; r < x->runs.nrows && nr < MAX_SEEDS; r++)
            if (table_getnum(&x->runs, r, dk) == maxd && !strcmp(table_get(&x->runs, r, ck), g->combo[c])) rows[nr++] = r;
        double v[LS_MAX_LAYERS];
        ls_mean_profile(x, rows, nr, 0, "act_grad_norm", v, &n);
        int from = n - 2; /* the layers from the last block down that have a gradient */
        while (from > 0 && isfinite(v[from - 1]) && v[from - 1] > 0) from--;
        double f = n >= 3 && from < n - 2 ? ls_factor(v, from, n - 2) : NAN; /* going forward */
        char a[32], b[32], k[32], over[32] = "–";
        if (!isnan(f)) snprintf(over, sizeof over, "%d–%d", from, n - 2);
        judge_printf(j, "| %s | %s | %s | %s | %s |\n", g->combo[c], stats_fmt(a, n >= 2 ? v[n - 2] : NAN),
                     stats_fmt(b, n ? v[0] : NAN), stats_fmt(k, isfinite(f) && f > 0 ? 1 / f : NAN), over);
    }
}

static Status judge_depth(const Experiment *x, Judgement *j)
{
    const char *need[] = {exp_param(x, "depth_key", "depth"), exp_param(x, "combo", "residual/norm/norm_position"),
                          "status", "final_val_loss"};
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
        if (table_col(&x->runs, need[k]) < 0) return err_set(ST_IO, "%s: runs.tsv has no column '%s'", x->name, need[k]);
    static Grid g;
    grid_of(x, &g);
    const char *plain = exp_param(x, "plain", "off/none/pre"), *best = exp_param(x, "best", "on/layer/pre");
    const char *ck = exp_param(x, "combo", "residual/norm/norm_position");
    judge_printf(j, "Mean final validation loss over seeds (runs that ended ok; `d` a diverged seed) per %s and "
                    "depth; a run trains when it ends ok below %g:\n\n| %s |", ck, exp_param_num(x, "trains_below", 1), ck);
    for (int d = 0; d < g.ndepth; d++) judge_printf(j, " %g |", g.depth[d]);
    judge_printf(j, " stops training at depth |\n|---|");
    for (int d = 0; d <= g.ndepth; d++) judge_printf(j, "---|");
    judge_printf(j, "\n");
    for (int c = 0; c < g.ncombo; c++) {
        judge_printf(j, "| %s |", g.combo[c]);
        for (int d = 0; d < g.ndepth; d++) {
            char b[32], div[16] = "";
            if (g.diverged[c][d]) snprintf(div, sizeof div, " %dd", g.diverged[c][d]);
            int s = cell_state(&g, c, d);
            judge_printf(j, " %s%s%s |", stats_fmt(b, g.loss[c][d]), div, s == CELL_FAILS ? " ✗" : s == CELL_MIXED ? " ?" : "");
        }
        char w[64];
        judge_printf(j, " %s |\n", stop_words(w, sizeof w, &g, stop_index(&g, c)));
    }
    int pc = combo_index(&g, plain), bc = combo_index(&g, best);
    int ps = pc >= 0 ? stop_index(&g, pc) : -3, bs = bc >= 0 ? stop_index(&g, bc) : -3;
    Verdict v;
    const char *why;
    if (pc < 0 || bc < 0) v = VERDICT_INCONCLUSIVE, why = "the plain stack and the claimed combination are both needed";
    else if (ps == -1) v = VERDICT_REFUTED, why = "the plain stack trains at every depth of the grid";
    else if (bs >= 0 && ps >= 0 && bs <= ps) v = VERDICT_REFUTED, why = "the claimed combination stops no deeper than the plain stack";
    else if (ps >= 0 && bs == -1) v = VERDICT_CONFIRMED, why = "the plain stack stops training and the claimed combination trains at every depth";
    else v = VERDICT_INCONCLUSIVE, why = "a depth the seeds disagree on";
    char a[64], b[64];
    judge_printf(j, "\nThe plain stack (%s) stops training at depth: %s; the claimed combination (%s): %s. **%s**: %s.\n",
                 plain, stop_words(a, sizeof a, &g, ps), best, stop_words(b, sizeof b, &g, bs), verdict_names[v], why);
    out_grad_table(x, &g, j);
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "stops training at depth: plain %s, %s %s", stop_words(a, sizeof a, &g, ps), best,
             stop_words(b, sizeof b, &g, bs));
    return ST_OK;
}

/* A heat map of the final loss over depth × combination, and the gradient norm per
 * layer at initialisation of every combination at the largest depth: of its
 * parameters, and (when the runs record it) with respect to its output. */
static Status figures_depth(FigureSet *fs, const Experiment *x)
{
    static Grid g;
    grid_of(x, &g);
    double thr = exp_param_num(x, "trains_below", 1), top = 2 * thr;
    char name[160], title[256], caption[768];
    snprintf(name, sizeof name, "%s_loss_grid", x->name);
    snprintf(title, sizeof title, "%s: final validation loss over depth and combination", x->name);
    snprintf(caption, sizeof caption,
             "Mean final validation loss over seeds for each combination (rows) and depth (columns); colours stop "
             "at %g, and a cell where every seed diverged is drawn at that top and marked 'div'. Runs train below %g.",
             top, thr);
    FILE *f = fig_open(fs, name, title, caption);
    if (!f) return ST_IO;
    fprintf(f, "set xlabel 'depth'\nset ylabel ''\nunset grid\nset cbrange [0:%g]\nset cblabel 'final validation loss'\n"
               "set palette defined (0 '#0072b2', 0.5 '#f0e442', 1 '#d55e00')\nset xrange [-0.5:%g]\n"
               "set yrange [-0.5:%g]\nset key off\nset xtics (", top, g.ndepth - 0.5, g.ncombo - 0.5);
    for (int d = 0; d < g.ndepth; d++) fprintf(f, "%s'%g' %d", d ? ", " : "", g.depth[d], d);
    fprintf(f, ")\nset ytics (");
    for (int c = 0; c < g.ncombo; c++) {
        fprintf(f, "%s", c ? ", " : "");
        gp_quote(f, g.combo[c]);
        fprintf(f, " %d", c);
    }
    fprintf(f, ")\n$grid << EOD\n# depth_index combo_index colour kind loss\n");
    for (int c = 0; c < g.ncombo; c++)
        for (int d = 0; d < g.ndepth; d++) {
            double l = g.loss[c][d];
            bool all_div = g.n[c][d] && g.diverged[c][d] == g.n[c][d];
            if (!g.n[c][d]) continue;
            fprintf(f, "%d %d %.6g %s %.6g\n", d, c, all_div || !(l < top) ? top : l, all_div ? "div" : "ok",
                    all_div ? top : l);
        }
    fprintf(f, "EOD\n");
    /* labels: the loss to 2 decimals, or div */
    fprintf(f, "plot $grid using 1:2:3 with image, \\\n"
               "  $grid using 1:2:(strcol(4) eq 'div' ? 'div' : sprintf('%%.2f', $5)) with labels font 'sans,9' tc rgb '#000000'\n");
    Status st = fig_close(f, name);
    if (st != ST_OK) return st;

    static const char *const not_seed[] = {"seed", NULL};
    Cells c;
    if ((st = exp_cells(&c, x, not_seed)) != ST_OK) return st;
    const char *dk = exp_param(x, "depth_key", "depth");
    double maxd = g.ndepth ? g.depth[g.ndepth - 1] : 0;
    bool *pick = calloc((size_t)(c.ncells ? c.ncells : 1), sizeof *pick);
    if (!pick) return cells_free(&c), ST_NOMEM;
    for (int i = 0; i < c.ncells; i++) pick[i] = table_getnum(&x->runs, c.cell[i].rows[0], dk) == maxd;
    char suffix[64];
    snprintf(suffix, sizeof suffix, "grad_layers_depth%g", maxd);
    snprintf(title, sizeof title, "%s: gradient norm per layer at initialisation, depth %g", x->name, maxd);
    snprintf(caption, sizeof caption,
             "The norm of each layer's gradient on the probe batch at step 0, against the layer's index (0: the input "
             "side; the last is the head), log scale, one line per combination at depth %g: geometric mean over seeds. "
             "A layer whose gradient is 0 or not finite is left out.", maxd);
    st = ls_figure(fs, x, &c, pick, 0, "grad_norm", suffix, title, "gradient norm", caption);
    if (st == ST_OK && ls_has(x, "act_grad_norm")) {
        snprintf(suffix, sizeof suffix, "act_grad_layers_depth%g", maxd);
        snprintf(title, sizeof title, "%s: gradient with respect to each layer's output at initialisation, depth %g",
                 x->name, maxd);
        snprintf(caption, sizeof caption,
                 "The norm of the gradient of the probe batch's loss with respect to each layer's output (what "
                 "backpropagation carries down into the layers below it) at step 0, against the layer's index (0: "
                 "the input side; the last is the head, its logits), log scale, one line per combination at depth "
                 "%g: geometric mean over seeds. A line falling towards index 0 is a gradient that fades on its way "
                 "down; a value 0 or not finite is left out.", maxd);
        st = ls_figure(fs, x, &c, pick, 0, "act_grad_norm", suffix, title, "output gradient norm", caption);
    }
    free(pick);
    cells_free(&c);
    return st;
}

const VerdictRule verdict_rule_depth = {
    "depth",
    "finds the depth at which each residual/norm combination stops training (every seed ends diverged or at a "
    "final validation loss at or above `trains_below`) and holds the `plain` stack against the `best` combination",
    judge_depth,
    figures_depth,
};
