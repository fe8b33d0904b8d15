/* Verdict rule `schedules` (C12): warmup and the decay of the learning rate.
 *
 * The runs form a learning-rate sweep (lrsweep.h) whose series are schedules: the runs'
 * warmup, schedule and lr_floor (in the experiment, one linked axis). The lr is the
 * peak rate.
 *
 * Parameters ([verdict]), with defaults:
 *   metric = final_val_loss   runs.tsv column, lower is better
 *   usable = 0.1              a peak lr is usable when no seed diverged at it and its mean
 *                             metric is within (1 + usable) × the series' best mean; per seed,
 *                             when that seed did not diverge and came within (1 + usable)
 *                             × its own best
 *   decay = cosine            schedules that must beat `constant` (every floor of each is a
 *                             series), each at its best peak lr, with warmup
 * Warmup: each series without warmup (warmup 0) is paired with the one of the same
 * schedule and floor with warmup. Warmup widens the range of usable peak lrs when it has
 * more of them on every seed ("holds"), fails to when it has no more on any seed, and
 * the seeds disagree otherwise. Decay: each schedule of `decay` against constant, both
 * at their best peak lr, seed by seed (lrsweep.h's lrbest_beats: a loser tuned at its
 * grid's edge makes it unclear); the other schedules (step, wsd) are reported the same
 * way, not judged. Each check is confirmed when every pair holds, refuted when one
 * fails, inconclusive otherwise; the verdict is the worse of the two. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/figures.h"
#include "report/labels.h"
#include "report/lrsweep.h"
#include "report/stats.h"
#include "report/verdicts.h"

typedef struct {
    const LrSeries *s;
    char schedule[32];
    double warmup, floor;
    char name[96];
    LrBest b;
    int usable;                    /* usable peak lrs by the mean over seeds */
    double usable_lo, usable_hi;   /* their range */
    int nseed;
    double seed[LR_MAX_SEEDS];
    int seed_usable[LR_MAX_SEEDS]; /* usable peak lrs per seed */
    int diverged;                  /* runs that diverged, over every lr */
} Sched;

static bool has_floor(const char *schedule)
{
    return !strcmp(schedule, "cosine") || !strcmp(schedule, "wsd");
}

/* Per seed: the lrs where that seed came within (1 + usable) of its own best. */
static void seed_usable(Sched *d, const Experiment *x, const char *metric, double usable)
{
    const LrSeries *s = d->s;
    for (int i = 0; i < s->ncell; i++)
        for (int k = 0; k < s->cell[i].n; k++) {
            double seed = table_getnum(&x->runs, s->cell[i].rows[k], "seed");
            int q = 0;
            while (q < d->nseed && d->seed[q] != seed) q++;
            if (q == d->nseed && d->nseed < LR_MAX_SEEDS) d->seed[d->nseed++] = seed;
        }
    for (int q = 0; q < d->nseed; q++) {
        double v[LR_MAX];
        double best = INFINITY;
        for (int i = 0; i < s->ncell; i++) {
            v[i] = NAN;
            for (int k = 0; k < s->cell[i].n; k++) {
                int r = s->cell[i].rows[k];
                if (table_getnum(&x->runs, r, "seed") != d->seed[q]) continue;
                bool div = !strcmp(table_get(&x->runs, r, "status"), "diverged");
                v[i] = div ? NAN : table_getnum(&x->runs, r, metric);
            }
            if (isfinite(v[i]) && v[i] < best) best = v[i];
        }
        for (int i = 0; i < s->ncell; i++) d->seed_usable[q] += isfinite(v[i]) && v[i] <= (1 + usable) * best;
    }
}

static Status judge_schedules(const Experiment *x, Judgement *j)
{
    const char *metric = exp_param(x, "metric", "final_val_loss");
    double usable = exp_param_num(x, "usable", 0.1);
    static const char *const need[] = {"warmup", "schedule", "lr_floor", "seed", "status"};
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
        if (table_col(&x->runs, need[k]) < 0) return err_set(ST_FAILED, "%s: runs.tsv has no %s column", x->name, need[k]);
    if (table_col(&x->runs, metric) < 0) return err_set(ST_FAILED, "%s: runs.tsv has no %s column", x->name, metric);
    /* any diverged seed makes an lr diverge; within (1 + usable) of the best converges */
    static LrSweep w;
    Status st = lrsweep_build(&w, x, metric, 1e-9, usable);
    if (st != ST_OK) return st;
    NoiseFloor floor;
    if ((st = floor_measure(&floor, x, metric)) != ST_OK) return st;
    static Sched d[LR_MAX_SERIES];
    memset(d, 0, sizeof d);
    int n = 0;
    for (int i = 0; i < w.n; i++) {
        const LrSeries *s = &w.s[i];
        int r0 = -1;
        for (int k = 0; k < s->ncell && r0 < 0; k++)
            if (s->cell[k].n) r0 = s->cell[k].rows[0];
        if (r0 < 0) continue;
        Sched *c = &d[n++];
        c->s = s;
        const char *schedule = table_get(&x->runs, r0, "schedule");
        size_t sl = strlen(schedule) < sizeof c->schedule ? strlen(schedule) : sizeof c->schedule - 1;
        memcpy(c->schedule, schedule, sl);
        c->schedule[sl] = '\0';
        c->warmup = table_getnum(&x->runs, r0, "warmup");
        c->floor = table_getnum(&x->runs, r0, "lr_floor");
        size_t len = strlen(c->schedule);
        memcpy(c->name, c->schedule, len + 1);
        if (has_floor(c->schedule)) len += (size_t)snprintf(c->name + len, sizeof c->name - len, " to %g %%", 100 * c->floor);
        if (c->warmup > 0) snprintf(c->name + len, sizeof c->name - len, ", warmup %g", c->warmup);
        else snprintf(c->name + len, sizeof c->name - len, ", no warmup");
        lrsweep_best(&c->b, x, &w, s);
        c->usable_lo = c->usable_hi = NAN;
        for (int k = 0; k < s->ncell; k++) {
            c->diverged += s->cell[k].ndiv;
            if (s->cell[k].regime != REG_CONVERGE) continue;
            if (!c->usable++) c->usable_lo = s->cell[k].lr;
            c->usable_hi = s->cell[k].lr;
        }
        seed_usable(c, x, metric, usable);
    }

    char mw[128];
    judge_printf(j, "| schedule | best peak lr | %s at it (n) | per seed | usable peak lrs (of %s) | per seed | "
                    "diverged runs |\n|---|---|---|---|---|---|---|\n", label_key(mw, sizeof mw, metric), "the grid");
    for (int i = 0; i < n; i++) {
        const Sched *c = &d[i];
        char lr[32], m[32], sd[32], lo[32], hi[32], per[256] = "", pu[128] = "";
        for (int k = 0; k < c->b.n; k++) {
            size_t len = strlen(per);
            snprintf(per + len, sizeof per - len, "%s%.4g", k ? " " : "", c->b.value[k]);
        }
        for (int q = 0; q < c->nseed; q++) {
            size_t len = strlen(pu);
            snprintf(pu + len, sizeof pu - len, "%s%d", q ? " " : "", c->seed_usable[q]);
        }
        Stats l = stats_of(c->b.value, c->b.n);
        judge_printf(j, "| %s | %s%s | %s ± %s (%d) | %s | %d of %d (%s–%s) | %s | %d |\n", c->name,
                     c->s->best >= 0 ? stats_fmt(lr, c->s->cell[c->s->best].lr) : "none without divergence",
                     c->b.edge ? " (grid edge)" : "", stats_fmt(m, l.mean), stats_fmt(sd, l.sd), l.n, per[0] ? per : "–",
                     c->usable, c->s->ncell, stats_fmt(lo, c->usable_lo), stats_fmt(hi, c->usable_hi), pu, c->diverged);
    }
    judge_printf(j, "\nA peak lr is usable when no seed diverged at it and the mean is within %g %% of the series' "
                    "best (per seed: within %g %% of that seed's best).\n\n", 100 * usable, 100 * usable);

    /* warmup: each series without it against the same schedule with it */
    Verdict vw = VERDICT_INCONCLUSIVE;
    int pairs = 0;
    char key[256] = "";
    judge_printf(j, "| without warmup | with warmup | usable peak lrs without / with | seeds where warmup has more | "
                    "judged |\n|---|---|---|---|---|\n");
    for (int i = 0; i < n; i++) {
        const Sched *a = &d[i];
        if (a->warmup > 0) continue;
        for (int k = 0; k < n; k++) {
            const Sched *b = &d[k];
            if (!(b->warmup > 0) || strcmp(a->schedule, b->schedule) || (has_floor(a->schedule) && a->floor != b->floor))
                continue;
            int more = 0, cmp = 0;
            for (int p = 0; p < a->nseed; p++)
                for (int q = 0; q < b->nseed; q++)
                    if (a->seed[p] == b->seed[q]) cmp++, more += b->seed_usable[q] > a->seed_usable[p];
            PairClass c = !cmp ? PAIR_MISSING : more == cmp ? PAIR_HOLDS : more == 0 ? PAIR_FAILS : PAIR_UNCLEAR;
            judge_printf(j, "| %s | %s | %d / %d | %d/%d | %s |\n", a->name, b->name, a->usable, b->usable, more, cmp,
                         pair_names[c]);
            Verdict v = c == PAIR_HOLDS ? VERDICT_CONFIRMED : c == PAIR_FAILS ? VERDICT_REFUTED : VERDICT_INCONCLUSIVE;
            vw = pairs++ ? verdict_worse(vw, v) : v;
            size_t len = strlen(key);
            snprintf(key + len, sizeof key - len, "%susable peak lrs %d without warmup, %d with", len ? "; " : "",
                     a->usable, b->usable);
        }
    }
    judge_printf(j, "\n- **warmup widens the usable peak lrs: %s**%s\n\n", verdict_names[vw],
                 pairs ? "" : " (no series without warmup to pair)");

    /* decay: against constant with warmup, each at its best peak lr */
    char names[8][64];
    int nd = 0;
    char buf[EXP_VALUE];
    snprintf(buf, sizeof buf, "%s", exp_param(x, "decay", "cosine"));
    for (char *save, *tok = strtok_r(buf, " ,", &save); tok && nd < 8; tok = strtok_r(NULL, " ,", &save))
        snprintf(names[nd++], sizeof names[0], "%s", tok);
    const Sched *base = NULL;
    for (int i = 0; i < n && !base; i++)
        if (!strcmp(d[i].schedule, "constant") && d[i].warmup > 0) base = &d[i];
    Verdict vd = VERDICT_INCONCLUSIVE;
    int judged = 0;
    judge_printf(j, "| schedule | against constant | mean gap | better on seeds | judged |\n|---|---|---|---|---|\n");
    for (int i = 0; i < n && base; i++) {
        const Sched *c = &d[i];
        if (c == base || !(c->warmup > 0)) continue;
        bool named = false;
        for (int k = 0; k < nd; k++) named |= !strcmp(names[k], c->schedule);
        int wins, cmp;
        PairClass p = lrbest_beats(&c->b, &base->b, &floor, &wins, &cmp);
        double rel = lrbest_mean(&c->b) / lrbest_mean(&base->b) - 1;
        judge_printf(j, "| %s | %s | %+.2f %% | %d/%d | %s |\n", c->name, named ? "must beat it" : "reported", 100 * rel,
                     wins, cmp, pair_names[p]);
        size_t len = strlen(key);
        snprintf(key + len, sizeof key - len, "%s%s %+.1f %%", len ? "; " : "", c->name, 100 * rel);
        if (!named) continue;
        Verdict v = p == PAIR_HOLDS ? VERDICT_CONFIRMED : p == PAIR_FAILS ? VERDICT_REFUTED : VERDICT_INCONCLUSIVE;
        vd = judged++ ? verdict_worse(vd, v) : v;
    }
    judge_printf(j, "\n- **%s beat%s constant: %s**%s\n\n", exp_param(x, "decay", "cosine"), nd == 1 ? "s" : "",
                 verdict_names[vd], base ? "" : " (no constant schedule with warmup)");
    char ft[1024];
    judge_printf(j, "%s", floor_text(ft, sizeof ft, &floor, "each schedule's mean paired gap to constant (the warmup "
                                     "check counts usable peak lrs, not a loss difference)"));
    j->verdict = verdict_worse(vw, vd);
    snprintf(j->key, sizeof j->key, "%s", key[0] ? key : "no series");
    return ST_OK;
}

const VerdictRule verdict_rule_schedules = {
    "schedules",
    "per schedule (warmup, shape, floor) the usable peak lrs (no diverged seed, mean within `usable` of the "
    "best); warmup must give more of them on every seed than the same schedule without it; each schedule of "
    "`decay` must beat constant at both's best peak lr on every seed (step and wsd reported); seeds that "
    "disagree make a check inconclusive",
    judge_schedules,
    figures_lr_sweep_metric,
};
