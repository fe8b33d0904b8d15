/* Verdict rule `optim_memory` (C13): bytes of optimizer state per parameter.
 *
 * Every run records `state_bytes`, the bytes its optimizer allocated for state (counted
 * as they are allocated, src/optim/optim.c; workspaces apart), and `params`. The rule
 * divides one by the fp32 bytes of the parameters, 4 × params, and holds each
 * optimizer's ratio against the number the claim gives.
 *
 * Parameters ([verdict]):
 *   expect_NAME = R    optimizer NAME keeps R times the parameter bytes (expect_momentum
 *                      = 1, expect_adamw = 2, ...); an optimizer without one is reported,
 *                      not judged (shampoo's and muon's state depends on the shapes)
 *   tolerance = 0.01   a ratio holds when |ratio − R| is at most this
 * Confirmed when every run of every expected optimizer holds its ratio; refuted when
 * one misses it; inconclusive when an expected optimizer has no run. A runs.tsv without
 * an optimizer, params or state_bytes column fails the rule. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/labels.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { M_MAX_OPT = 32 };

static const char PREFIX[] = "expect_";

/* The expected ratio of optimizer `name`, NaN when the file gives none. */
static double expected(const Experiment *x, const char *name)
{
    char key[EXP_KEY];
    snprintf(key, sizeof key, "%s%s", PREFIX, name);
    return exp_param_num(x, key, NAN);
}

static double ratio_of(const Experiment *x, int row)
{
    return table_getnum(&x->runs, row, "state_bytes") / (4.0 * table_getnum(&x->runs, row, "params"));
}

/* Per optimizer, in the order its runs appear: the range of its ratios. */
typedef struct {
    int n;
    char name[M_MAX_OPT][64];
    double lo[M_MAX_OPT], hi[M_MAX_OPT];
} Ranges;

static void ranges_add(Ranges *r, const char *name, double v)
{
    int i = 0;
    while (i < r->n && strcmp(r->name[i], name)) i++;
    if (i == r->n) {
        if (r->n == M_MAX_OPT) return;
        snprintf(r->name[r->n++], sizeof r->name[0], "%s", name);
        r->lo[i] = r->hi[i] = v;
    }
    r->lo[i] = fmin(r->lo[i], v), r->hi[i] = fmax(r->hi[i], v);
}

static Status judge_optim_memory(const Experiment *x, Judgement *j)
{
    static const char *const cols[] = {"optimizer", "params", "state_bytes"};
    for (int c = 0; c < 3; c++)
        if (table_col(&x->runs, cols[c]) < 0) return err_set(ST_FAILED, "%s: runs.tsv has no %s column", x->name, cols[c]);
    double tolerance = exp_param_num(x, "tolerance", 0.01);
    static const char *const not_seed[] = {"seed", NULL};
    Cells cells;
    Status st = exp_cells(&cells, x, not_seed);
    if (st != ST_OK) return st;

    Verdict v = VERDICT_CONFIRMED;
    Ranges r = {0};
    int misses = 0;
    judge_printf(j, "| run | optimizer | parameters | optimizer state bytes | × parameter bytes (4 × parameters) | "
                    "claimed | holds |\n|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < cells.ncells; i++) {
        const Cell *c = &cells.cell[i];
        int row = -1;
        bool all_hold = true;
        for (int k = 0; k < c->nrows; k++) {
            int q = c->rows[k];
            if (!strcmp(table_get(&x->runs, q, "status"), "failed")) continue;
            const char *opt = table_get(&x->runs, q, "optimizer");
            double ratio = ratio_of(x, q), want = expected(x, opt);
            if (!isfinite(ratio)) continue;
            if (row < 0) row = q;
            ranges_add(&r, opt, ratio);
            if (isfinite(want) && !(fabs(ratio - want) <= tolerance)) all_hold = false;
        }
        if (row < 0) continue;
        char label[512], a[32], b[32];
        label_run(label, sizeof label, x, row, &cells);
        const char *opt = table_get(&x->runs, row, "optimizer");
        double want = expected(x, opt);
        if (isfinite(want) && !all_hold) misses++, v = VERDICT_REFUTED;
        judge_printf(j, "| %s | %s | %s | %s | %s | %s | %s |\n", label, opt, table_get(&x->runs, row, "params"),
                     table_get(&x->runs, row, "state_bytes"), stats_fmt(a, ratio_of(x, row)),
                     isfinite(want) ? stats_fmt(b, want) : "(reported)",
                     !isfinite(want) ? "–" : all_hold ? "yes" : "**no**");
    }
    cells_free(&cells);

    /* every expected optimizer must have runs */
    char missing[512] = "";
    for (int k = 0; k < x->nparams; k++) {
        const char *key = x->params[k].key;
        if (strncmp(key, PREFIX, sizeof PREFIX - 1)) continue;
        const char *name = key + sizeof PREFIX - 1;
        int i = 0;
        while (i < r.n && strcmp(r.name[i], name)) i++;
        if (i < r.n) continue;
        size_t len = strlen(missing);
        snprintf(missing + len, sizeof missing - len, "%s%s", len ? ", " : "", name);
        v = verdict_worse(v, VERDICT_INCONCLUSIVE);
    }
    judge_printf(j, "\nA ratio holds when it is within %g of the claimed one. ", tolerance);
    if (misses) judge_printf(j, "%d run%s miss%s the claimed ratio. ", misses, misses == 1 ? "" : "s", misses == 1 ? "es" : "");
    if (missing[0]) judge_printf(j, "No runs of %s, which the file expects. ", missing);
    if (!r.n) v = VERDICT_INCONCLUSIVE;
    judge_printf(j, "\n");

    size_t len = 0;
    for (int i = 0; i < r.n && len < sizeof j->key; i++) {
        char a[32], b[32];
        if (r.hi[i] - r.lo[i] <= 1e-9 * fmax(1, r.hi[i]))
            len += (size_t)snprintf(j->key + len, sizeof j->key - len, "%s%s %s×", i ? ", " : "state/parameter bytes: ",
                                    r.name[i], stats_fmt(a, r.lo[i]));
        else
            len += (size_t)snprintf(j->key + len, sizeof j->key - len, "%s%s %s–%s×", i ? ", " : "state/parameter bytes: ",
                                    r.name[i], stats_fmt(a, r.lo[i]), stats_fmt(b, r.hi[i]));
    }
    if (!r.n) snprintf(j->key, sizeof j->key, "no runs");
    j->verdict = v;
    return ST_OK;
}

const VerdictRule verdict_rule_optim_memory = {
    "optim_memory",
    "per run, the optimizer's counted `state_bytes` over the fp32 parameter bytes (4 × `params`); every "
    "optimizer with an `expect_NAME` must match it within `tolerance` (the others are reported)",
    judge_optim_memory,
    NULL,
};
