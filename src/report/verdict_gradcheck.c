/* Verdict rule `gradcheck` (C07): the table descent gradcheck writes (gradcheck.tsv of
 * each run: kind, name, error, worst_tensor, tensor_error, and for toys w, analytic,
 * numeric).
 *
 * Parameters ([verdict]):
 *   bound_toy = 1e-6     the largest relative error allowed for a toy landscape's
 *                        hand-written gradient against central differences
 *   bound_model = 1e-3   for a whole model against finite differences of its float loss
 *   bound_torch = 1e-5   for the GPT against PyTorch's gradient
 *
 * Confirmed when every row's error is below the bound of its kind; refuted when one is
 * not (or is not a number); inconclusive when a run has no table, the table is empty, or
 * a kind in it has no bound. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/figures.h"
#include "report/stats.h"
#include "report/verdicts.h"

static const char *const kinds[3] = {"toy", "model", "torch"};
static const char *const kind_words[3] = {"toy landscapes against central differences",
                                          "whole models against finite differences",
                                          "the GPT against PyTorch"};

static int kind_of(const char *k)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(k, kinds[i])) return i;
    return -1;
}

static Status judge_gradcheck(const Experiment *x, Judgement *j)
{
    double bound[3];
    bool has[3];
    for (int k = 0; k < 3; k++) {
        char key[32];
        snprintf(key, sizeof key, "bound_%s", kinds[k]);
        bound[k] = exp_param_num(x, key, NAN);
        has[k] = isfinite(bound[k]);
    }
    Verdict v = x->runs.nrows ? VERDICT_CONFIRMED : VERDICT_INCONCLUSIVE;
    double worst[3] = {0, 0, 0};
    int n[3] = {0, 0, 0}, over = 0;
    for (int r = 0; r < x->runs.nrows; r++) {
        Table t = {0};
        if (exp_run_file(x, r, "gradcheck.tsv", &t) != ST_OK || t.nrows == 0) {
            judge_printf(j, "Run %s has no gradient-check table: **inconclusive**\n\n",
                         table_get(&x->runs, r, "run_id"));
            v = verdict_worse(v, VERDICT_INCONCLUSIVE);
            table_free(&t);
            continue;
        }
        judge_printf(j, "| kind | check | relative error | bound | worst tensor (its error) |\n|---|---|---|---|---|\n");
        for (int i = 0; i < t.nrows; i++) {
            int k = kind_of(table_get(&t, i, "kind"));
            double e = table_getnum(&t, i, "error");
            char a[32], b[32], c[32];
            if (k < 0 || !has[k]) {
                judge_printf(j, "| %s | %s | %s | none | – |\n", table_get(&t, i, "kind"), table_get(&t, i, "name"),
                             stats_fmt(a, e));
                v = verdict_worse(v, VERDICT_INCONCLUSIVE);
                continue;
            }
            bool ok = e <= bound[k];
            over += !ok;
            n[k]++;
            if (!(e <= worst[k])) worst[k] = e;
            judge_printf(j, "| %s | %s | %s%s | %s | %s (%s) |\n", kinds[k], table_get(&t, i, "name"), stats_fmt(a, e),
                         ok ? "" : " **over**", stats_fmt(b, bound[k]),
                         k == 0 ? "–" : table_get(&t, i, "worst_tensor"), stats_fmt(c, table_getnum(&t, i, "tensor_error")));
        }
        table_free(&t);
        judge_printf(j, "\n");
    }
    for (int k = 0; k < 3; k++) {
        char a[32], b[32];
        if (n[k])
            judge_printf(j, "- %s: %d checks, the largest relative error %s (bound %s)\n", kind_words[k], n[k],
                         stats_fmt(a, worst[k]), stats_fmt(b, bound[k]));
    }
    if (over) {
        judge_printf(j, "- %d checks above their bound: **refuted**\n", over);
        v = VERDICT_REFUTED;
    } else if (!n[0] && !n[1] && !n[2]) v = VERDICT_INCONCLUSIVE;
    j->verdict = v;
    char a[32], b[32], c[32];
    snprintf(j->key, sizeof j->key, "largest relative errors: toys %s, models %s, against PyTorch %s",
             stats_fmt(a, n[0] ? worst[0] : NAN), stats_fmt(b, n[1] ? worst[1] : NAN), stats_fmt(c, n[2] ? worst[2] : NAN));
    return ST_OK;
}

/* The textbook's example L = (wx − y)², x = 2, y = 1: the loss, and at each checked w
 * the tangent of slope dL/dw = 2(wx − y)x (analytic) with the central difference. */
static Status figures_gradcheck(FigureSet *fs, const Experiment *x)
{
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_chain", x->name);
    snprintf(title, sizeof title, "%s: L(w) = (wx − y)² with x = 2, y = 1, and its gradient", x->name);
    FILE *f = fig_open(fs, name, title,
                       "The textbook's example of the chain rule: L(w) = (wx − y)² (line) and, at each point "
                       "descent gradcheck checked, the tangent whose slope is the hand-written dL/dw = 2(wx − y)x; "
                       "the labels give it beside the central difference.");
    if (!f) return ST_IO;
    fprintf(f, "set xlabel 'w'\nset ylabel 'L(w)'\nset xrange [-1.5:2.5]\nset yrange [-2:20]\nset samples 200\n"
               "L(w) = (2*w - 1)**2\n");
    int m = 0;
    for (int r = 0; r < x->runs.nrows && m == 0; r++) {
        Table t;
        if (exp_run_file(x, r, "gradcheck.tsv", &t) != ST_OK) continue;
        for (int i = 0; i < t.nrows; i++) {
            if (strncmp(table_get(&t, i, "name"), "chain ", 6) != 0) continue;
            double w = table_getnum(&t, i, "w"), g = table_getnum(&t, i, "analytic"), fd = table_getnum(&t, i, "numeric");
            double l = (2 * w - 1) * (2 * w - 1);
            fprintf(f, "set arrow from %.6g,%.6g to %.6g,%.6g nohead lc rgb '#d55e00' lw 1.5\n", w - 0.5, l - 0.5 * g,
                    w + 0.5, l + 0.5 * g);
            fprintf(f, "set label \"dL/dw = %.6g\\ncentral difference %.6g\" at %.6g,%.6g %s textcolor rgb '#d55e00' noenhanced\n",
                    g, fd, w, l, w > 1 ? "right offset -1,1" : "offset 1,1");
            m++;
        }
        table_free(&t);
    }
    fprintf(f, "plot L(x) with lines lc rgb '#0072b2' lw 2 title 'L(w) = (2w − 1)²'\n");
    return fig_close(f, name);
}

const VerdictRule verdict_rule_gradcheck = {
    "gradcheck",
    "holds every relative error of descent gradcheck's table against the bound of its kind "
    "(`bound_toy`, `bound_model`, `bound_torch`)",
    judge_gradcheck,
    figures_gradcheck,
};
