/* Verdict rule `lr_regimes` (C02): learning-rate regimes on real models.
 *
 * Parameters ([verdict]), with defaults:
 *   metric = final_val_loss   the runs.tsv column judged (lower is better)
 *   margin = 0.05             a learning rate within (1 + margin) × the best mean converges
 *   diverge_fraction = 0.5    a learning rate diverges when this fraction of its seeds did
 *   max_steps = 2             the best lr may sit at most this many grid steps below the
 *                             smallest diverging one
 *   adam_family = adam adamw  series whose label names one of these ...
 *   adam_lo = 1e-4, adam_hi = 1e-3   ... must have their best lr in [adam_lo, adam_hi]
 *
 * The regimes are those of lrsweep.h. Per series (e.g. per optimizer) the rule checks:
 * (a) the three regimes crawl, converge and diverge all occur on the grid; (b) the
 * best lr lies 1..max_steps grid steps below the smallest diverging lr; (c) for the
 * Adam family, the best lr lies in [adam_lo, adam_hi]. A series whose seeds' own best
 * lrs are more than one grid step apart, or whose grid has no diverging lr, is
 * inconclusive on (b). A failed (b) or (c) with agreeing seeds refutes; a missing
 * regime (a) only makes it inconclusive (the grid, not the claim, is at fault). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/labels.h"
#include "report/lrsweep.h"
#include "report/verdicts.h"

static bool in_family(const char *label, const char *family)
{
    char buf[EXP_VALUE];
    snprintf(buf, sizeof buf, "%s", family);
    for (char *save, *tok = strtok_r(buf, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
        /* a label is "adamw" or "adamw, batch 64" (labels.h): match whole words */
        const char *p = label;
        size_t n = strlen(tok);
        while ((p = strstr(p, tok)) != NULL) {
            bool start = p == label || p[-1] == '=' || p[-1] == ' ';
            bool end = p[n] == '\0' || p[n] == ',';
            if (start && end) return true;
            p += n;
        }
    }
    return false;
}

static Status judge_lr_regimes(const Experiment *x, Judgement *j)
{
    const char *metric = exp_param(x, "metric", "final_val_loss");
    double margin = exp_param_num(x, "margin", 0.05);
    double frac = exp_param_num(x, "diverge_fraction", 0.5);
    int max_steps = (int)exp_param_num(x, "max_steps", 2);
    const char *family = exp_param(x, "adam_family", "adam adamw");
    double lo = exp_param_num(x, "adam_lo", 1e-4), hi = exp_param_num(x, "adam_hi", 1e-3);
    static LrSweep w;
    Status st = lrsweep_build(&w, x, metric, frac, margin);
    if (st != ST_OK) return st;

    Verdict v = VERDICT_CONFIRMED;
    char key[256] = "";
    char words[128];
    label_key(words, sizeof words, metric);
    judge_printf(j, "| series | crawl | converge | zigzag | diverge | best lr (%s, n) | smallest "
                    "diverging lr | steps below | seeds' best lrs | verdict |\n"
                    "|---|---|---|---|---|---|---|---|---|---|\n", words);
    for (int i = 0; i < w.n; i++) {
        const LrSeries *s = &w.s[i];
        int count[4] = {0};
        for (int k = 0; k < s->ncell; k++) count[s->cell[k].regime]++;
        char b[32], m[32], d[32], sl[32], sh[32], sh2[32];
        Verdict sv = VERDICT_CONFIRMED;
        const char *why = "supports";
        int gap = s->best >= 0 && s->first_div >= 0 ? s->first_div - s->best : -1;
        bool agree = s->seed_best_lo >= 0 && s->seed_best_hi - s->seed_best_lo <= 1;
        if (s->best < 0) sv = VERDICT_INCONCLUSIVE, why = "no lr without divergence";
        else if (s->first_div < 0) sv = VERDICT_INCONCLUSIVE, why = "grid does not reach divergence";
        else if (!agree) sv = VERDICT_INCONCLUSIVE, why = "seeds disagree on the best lr";
        else if (gap < 1 || gap > max_steps) sv = VERDICT_REFUTED, why = "best lr not just below divergence";
        if (sv != VERDICT_REFUTED && s->best >= 0 && in_family(s->label, family)) {
            double best = s->cell[s->best].lr;
            if (!(best >= lo * (1 - 1e-9) && best <= hi * (1 + 1e-9)) && agree)
                sv = VERDICT_REFUTED, why = "Adam-family best lr outside the typical range";
        }
        if (sv == VERDICT_CONFIRMED && (!count[REG_CRAWL] || !count[REG_DIVERGE]))
            sv = VERDICT_INCONCLUSIVE, why = "grid misses a regime";
        judge_printf(j, "| %s | %d | %d | %d | %d | %s (%s ± %s, n=%d) | %s | %d | %s–%s | %s: %s |\n",
                     s->label, count[REG_CRAWL], count[REG_CONVERGE], count[REG_ZIGZAG],
                     count[REG_DIVERGE], s->best >= 0 ? stats_fmt(b, s->cell[s->best].lr) : "–",
                     s->best >= 0 ? stats_fmt(m, s->cell[s->best].metric.mean) : "–",
                     s->best >= 0 ? stats_fmt(d, s->cell[s->best].metric.sd) : "–",
                     s->best >= 0 ? s->cell[s->best].n : 0,
                     s->first_div >= 0 ? stats_fmt(sl, s->cell[s->first_div].lr) : "none", gap,
                     s->seed_best_lo >= 0 ? stats_fmt(sh, s->cell[s->seed_best_lo].lr) : "–",
                     s->seed_best_hi >= 0 ? stats_fmt(sh2, s->cell[s->seed_best_hi].lr) : "–",
                     verdict_names[sv], why);
        v = verdict_worse(v, sv);
        if (s->best >= 0) {
            size_t len = strlen(key);
            snprintf(key + len, sizeof key - len, "%s%s %s", len ? ", " : "best lr ", s->label,
                     stats_fmt(b, s->cell[s->best].lr));
        }
    }
    judge_printf(j, "\nRegimes per learning rate (mean %s over seeds; diverged seeds/seeds):\n\n", words);
    judge_printf(j, "| series | lr | regime | mean | diverged |\n|---|---|---|---|---|\n");
    for (int i = 0; i < w.n; i++)
        for (int k = 0; k < w.s[i].ncell; k++) {
            const LrCell *c = &w.s[i].cell[k];
            char a[32], b[32];
            judge_printf(j, "| %s | %s | %s | %s | %d/%d |\n", w.s[i].label, stats_fmt(a, c->lr),
                         regime_names[c->regime], stats_fmt(b, c->metric.mean), c->ndiv, c->n);
        }
    if (w.n == 0) v = VERDICT_INCONCLUSIVE;
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "%s", key[0] ? key : "no series");
    return ST_OK;
}

const VerdictRule verdict_rule_lr_regimes = {
    "lr_regimes",
    "per series: crawl / converge / zigzag / diverge regimes on the lr grid; the best lr (lowest "
    "mean `metric` with no diverged seed) must sit at most `max_steps` grid steps below the smallest "
    "lr where at least `diverge_fraction` of seeds diverge; best lrs of the `adam_family` must lie "
    "in [`adam_lo`, `adam_hi`]; seeds whose own best lrs differ by more than one grid step make a "
    "series inconclusive",
    judge_lr_regimes,
    figures_lr_sweep_metric,
};
