/* Verdict rule `optimizers` (C11): update rules compared fairly, each at its own best
 * learning rate, on one or more workloads.
 *
 * The runs form a learning-rate sweep (lrsweep.h) whose series are a workload (the
 * runs' model and data) and an optimizer, with any other axis but lr and seed (a weight
 * decay). lr may be a linked axis with the optimizer (`optimizer/schedule/lr`), so each
 * optimizer has its own grid. A series is judged at its best lr: the lowest mean
 * `metric` over seeds among the lrs where no seed diverged; a best lr at the first or
 * last point of its grid is flagged (the grid may not bracket the true best).
 * Comparisons pair seeds: a seed fixes the initial weights and the batches.
 *
 * Parameters ([verdict]), each check only when its parameter is given:
 *   metric = final_val_loss   runs.tsv column, lower is better
 *   ordering = sgd momentum adamw    worst to best: on each workload of `ordering_on`
 *                             each must lose to the next on every seed
 *   ordering_on = gpt         the models the ordering is judged on (default: every one)
 *   reference = adamw         the optimizer contenders are held against
 *   contenders = lion shampoo each within `margin` of the reference: mean loss at most
 *   margin = 0.05             (1 + margin) × the reference's, on every workload
 *   decoupled = adamw adam    at each weight decay > 0, the first (decoupled decay) must
 *                             beat the second (L2 in the gradient) on every seed
 *   target_fraction = 0.5     steps to target: the target of a workload is the mean
 *                             validation loss the reference reaches at this fraction of
 *                             its steps (the evaluation nearest it); each series' steps to
 *                             it are the first evaluation at or below it, mean over seeds
 *   timing = NAME             a benchmark experiment (experiments/NAME.ini, [bench]) whose
 *                             one-thread ms/step per optimizer, timed alone, turns steps to
 *                             target into seconds; runs are matched on model, optimizer,
 *                             batch and shape. With a baseline ([bench] baseline =
 *                             optimizer=sgd) each optimizer's ms/step is its time over
 *                             the baseline's beside it times the baseline run's ms/step
 * A pair "holds" when the better one wins on every seed, "fails" when it wins on none,
 * and is unclear otherwise; a result that hangs on a series tuned at its grid's edge
 * losing is unclear too. Each check: confirmed when every pair holds, refuted when one
 * fails, inconclusive otherwise; the verdict is the worst of the checks. Optimizers the
 * checks do not name (muon, schedulefree) are reported beside the reference. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/labels.h"
#include "report/lrsweep.h"
#include "report/stats.h"
#include "report/throughput.h"
#include "report/verdicts.h"
#include "settings/settings.h"

enum { O_MAX_WL = 8, O_MAX_NAMES = 16 };

typedef struct {
    const LrSeries *s;
    int wl;                    /* workload index */
    char optimizer[64];
    double wd;                 /* weight_decay of its runs */
    char name[96];             /* optimizer, with the weight decay when that varies */
    LrBest b;                  /* the metric per seed at its best lr */
    double steps[LR_MAX_SEEDS]; /* per seed of b: steps to target, -1: never */
    double steps_mean;         /* NaN unless every seed reached the target */
    int reached;
    double ms;                 /* ms/step timed alone (timing), NaN when unknown */
    double state_ratio;        /* state bytes over 4 × params */
} Entry;

typedef struct {
    char name[128];            /* "gpt, kjv" */
    char model[32], tag[64];   /* "gpt", "gpt_kjv" */
    double target;             /* NaN without target_fraction */
} Workload;

typedef struct {
    LrSweep w;
    int nwl, ne;
    Workload wl[O_MAX_WL];
    Entry e[LR_MAX_SERIES];
    bool wd_varies;
    bool paired; /* the timing benchmark timed its runs beside a baseline */
} Analysis;

/* Splits a space-separated parameter into words; returns how many. */
static int words_of(const char *text, char words[][64], int cap)
{
    char buf[EXP_VALUE];
    snprintf(buf, sizeof buf, "%s", text ? text : "");
    int n = 0;
    for (char *save, *tok = strtok_r(buf, " ,", &save); tok && n < cap; tok = strtok_r(NULL, " ,", &save))
        snprintf(words[n++], 64, "%s", tok);
    return n;
}

/* src into dst (cap bytes), cut to fit. */
static void set_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) n = cap - 1;
    memmove(dst, src, n);
    dst[n] = '\0';
}

static const Entry *find(const Analysis *a, int wl, const char *optimizer, double wd, bool any_wd)
{
    const Entry *best = NULL;
    for (int i = 0; i < a->ne; i++) {
        const Entry *e = &a->e[i];
        if (e->wl != wl || strcmp(e->optimizer, optimizer) || (!any_wd && e->wd != wd)) continue;
        /* over weight decays: the best one */
        if (!best || (e->b.n && (!best->b.n || lrbest_mean(&e->b) < lrbest_mean(&best->b)))) best = e;
    }
    return best;
}

/* The value of the evaluation row (finite val_loss) whose step is nearest `step`. */
static double val_near(const Table *c, double step)
{
    double best = NAN, dist = INFINITY;
    for (int r = 0; r < c->nrows; r++) {
        double v = table_getnum(c, r, "val_loss"), s = table_getnum(c, r, "step");
        if (isfinite(v) && fabs(s - step) < dist) dist = fabs(s - step), best = v;
    }
    return best;
}

/* The first evaluation step after 0 whose val_loss is at most target, or -1. */
static double first_at(const Table *c, double target)
{
    for (int r = 0; r < c->nrows; r++) {
        double v = table_getnum(c, r, "val_loss"), s = table_getnum(c, r, "step");
        if (s > 0 && isfinite(v) && v <= target) return s;
    }
    return -1;
}

/* The run of benchmark b matching row r of x on the shape and optimizer, with setting
 * `key` at `value` instead when key is not NULL (a baseline's run); -1 if none. */
static int bench_run(const Experiment *b, const Experiment *x, int r, const char *key, const char *value)
{
    static const char *const keys[] = {"model", "optimizer", "batch", "widths", "context", "width", "layers"};
    for (int q = 0; q < b->runs.nrows; q++) {
        bool same = !key || !strcmp(table_get(&b->runs, q, key), value);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
            same &= !strcmp(table_get(&b->runs, q, keys[k]),
                            key && !strcmp(keys[k], key) ? value : table_get(&x->runs, r, keys[k]));
        if (same) return q;
    }
    return -1;
}

/* The one-thread timing of benchmark run q (read into bs by bench_collect), or NULL. */
static const BenchRow *one_thread(const BenchSet *bs, int q)
{
    for (int i = 0; q >= 0 && i < bs->n; i++)
        if (bs->row[i].run == q && bs->row[i].threads == 1) return &bs->row[i];
    return NULL;
}

/* ms/step at one thread of the benchmark run matching row r of x (NaN if none). A run
 * timed beside a baseline ([bench] baseline = optimizer=sgd) counts as its time over the
 * baseline's in the same rounds times the baseline run's own ms/step: the optimizers of a
 * workload then share one run's scale, where runs timed apart carry the machine's drift. */
static double bench_ms(const BenchSet *bs, const Experiment *b, const Experiment *x, int r)
{
    const BenchRow *w = one_thread(bs, bench_run(b, x, r, NULL, NULL));
    if (!w || !w->baseline[0]) return w ? w->ms : NAN;
    char key[64];
    const char *value;
    const BenchRow *base =
        setting_pair_split(w->baseline, key, sizeof key, &value) ? one_thread(bs, bench_run(b, x, r, key, value)) : NULL;
    return base ? w->vs_base * base->ms : NAN;
}

/* Loads the benchmark experiment named by `timing` beside x (experiments/ and results/). */
static Status load_timing(Experiment *b, const Experiment *x, const char *name, bool *ok)
{
    *ok = false;
    char path[2048], root[1024];
    const char *slash = strrchr(x->path, '/');
    snprintf(path, sizeof path, "%.*s%s.ini", slash ? (int)(slash - x->path + 1) : 0, x->path, name);
    const char *rs = strrchr(x->dir, '/');
    snprintf(root, sizeof root, "%.*s", rs ? (int)(rs - x->dir) : 1, rs ? x->dir : ".");
    Status st = experiment_load(b, path, root);
    if (st != ST_OK) return st;
    if (!b->bench) return experiment_free(b), err_set(ST_FAILED, "timing: %s is not a benchmark ([bench])", path);
    *ok = b->have_results;
    if (!*ok) experiment_free(b);
    return ST_OK;
}

/* Each entry's ms/step at its best lr from the benchmark `timing` (none: nothing to do);
 * *timed says whether the benchmark has results. */
static Status attach_timing(Analysis *a, const Experiment *x, const char *timing, bool *timed)
{
    *timed = false;
    if (!timing) return ST_OK;
    static Experiment b;
    static BenchSet bs;
    Status st = load_timing(&b, x, timing, timed);
    if (st != ST_OK || !*timed) return st;
    bench_collect(&bs, &b);
    for (int i = 0; i < bs.n; i++) a->paired |= bs.row[i].baseline[0] != '\0';
    for (int i = 0; i < a->ne; i++)
        if (a->e[i].b.n) a->e[i].ms = bench_ms(&bs, &b, x, a->e[i].s->cell[a->e[i].s->best].rows[0]);
    experiment_free(&b);
    return ST_OK;
}

static Status analyse(Analysis *a, const Experiment *x)
{
    const char *metric = exp_param(x, "metric", "final_val_loss");
    static const char *const need[] = {"optimizer", "model", "seed", "status", "state_bytes", "params"};
    for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
        if (table_col(&x->runs, need[k]) < 0) return err_set(ST_FAILED, "%s: runs.tsv has no %s column", x->name, need[k]);
    if (table_col(&x->runs, metric) < 0) return err_set(ST_FAILED, "%s: runs.tsv has no %s column", x->name, metric);
    memset(a, 0, sizeof *a);
    Status st = lrsweep_build(&a->w, x, metric, exp_param_num(x, "diverge_fraction", 0.5), 0.1);
    if (st != ST_OK) return st;
    a->wd_varies = exp_varies(x, "weight_decay");
    for (int i = 0; i < a->w.n && a->ne < LR_MAX_SERIES; i++) {
        const LrSeries *s = &a->w.s[i];
        int r0 = -1;
        for (int k = 0; k < s->ncell && r0 < 0; k++)
            if (s->cell[k].n) r0 = s->cell[k].rows[0];
        if (r0 < 0) continue;
        char wname[128];
        snprintf(wname, sizeof wname, "%s, %s", table_get(&x->runs, r0, "model"), table_get(&x->runs, r0, "data"));
        int wl = 0;
        while (wl < a->nwl && strcmp(a->wl[wl].name, wname)) wl++;
        if (wl == a->nwl) {
            if (a->nwl == O_MAX_WL) continue;
            Workload *w = &a->wl[a->nwl++];
            snprintf(w->name, sizeof w->name, "%s", wname);
            set_text(w->model, sizeof w->model, table_get(&x->runs, r0, "model"));
            size_t t = 0; /* "gpt, kjv" → "gpt_kjv" for file names */
            for (const char *p = wname; *p && t + 1 < sizeof w->tag; p++) {
                bool alnum = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
                if (alnum) w->tag[t++] = *p;
                else if (t && w->tag[t - 1] != '_') w->tag[t++] = '_';
            }
            w->tag[t] = '\0';
            w->target = NAN;
        }
        Entry *e = &a->e[a->ne++];
        e->s = s, e->wl = wl, e->ms = NAN, e->steps_mean = NAN;
        set_text(e->optimizer, sizeof e->optimizer, table_get(&x->runs, r0, "optimizer"));
        e->wd = table_getnum(&x->runs, r0, "weight_decay");
        set_text(e->name, sizeof e->name, e->optimizer);
        if (a->wd_varies) snprintf(e->name + strlen(e->name), sizeof e->name - strlen(e->name), ", weight decay %g", e->wd);
        e->state_ratio = table_getnum(&x->runs, r0, "state_bytes") / (4 * table_getnum(&x->runs, r0, "params"));
        lrsweep_best(&e->b, x, &a->w, s);
    }
    return ST_OK;
}

/* Steps to target: the reference's loss at target_fraction of its steps, per workload. */
static void steps_to_target(Analysis *a, const Experiment *x, const char *reference, double fraction)
{
    for (int wl = 0; wl < a->nwl; wl++) {
        const Entry *ref = find(a, wl, reference, 0, true);
        if (!ref || !ref->b.n) continue;
        const LrCell *c = &ref->s->cell[ref->s->best];
        double v[LR_MAX_SEEDS];
        int n = 0;
        for (int k = 0; k < c->n; k++) {
            Table t;
            if (exp_run_file(x, c->rows[k], "curve.tsv", &t) != ST_OK) continue;
            v[n++] = val_near(&t, fraction * table_getnum(&x->runs, c->rows[k], "steps_done"));
            table_free(&t);
        }
        Stats st = stats_of(v, n);
        a->wl[wl].target = st.n == n && n > 0 ? st.mean : NAN;
    }
    for (int i = 0; i < a->ne; i++) {
        Entry *e = &a->e[i];
        double target = a->wl[e->wl].target;
        if (!e->b.n || !isfinite(target)) continue;
        const LrCell *c = &e->s->cell[e->s->best];
        double sum = 0;
        for (int k = 0; k < e->b.n; k++) {
            Table t;
            e->steps[k] = -1;
            if (exp_run_file(x, c->rows[k], "curve.tsv", &t) == ST_OK) e->steps[k] = first_at(&t, target), table_free(&t);
            if (e->steps[k] >= 0) e->reached++, sum += e->steps[k];
        }
        e->steps_mean = e->reached == e->b.n ? sum / e->b.n : NAN;
    }
}

/* A contender within margin of the reference: holds when its mean loss is at most
 * (1 + margin) × the reference's, fails when it is above that on every seed. */
static PairClass within(const Entry *c, const Entry *ref, double margin, double *rel)
{
    *rel = NAN;
    if (!c || !ref || !c->b.n || !ref->b.n) return PAIR_MISSING;
    *rel = lrbest_mean(&c->b) / lrbest_mean(&ref->b) - 1;
    if (*rel <= margin) return PAIR_HOLDS;
    int over = 0, n = 0;
    for (int i = 0; i < c->b.n; i++)
        for (int k = 0; k < ref->b.n; k++)
            if (c->b.seed[i] == ref->b.seed[k]) n++, over += c->b.value[i] > (1 + margin) * ref->b.value[k];
    return n && over == n ? (c->b.edge ? PAIR_EDGE : PAIR_FAILS) : PAIR_UNCLEAR;
}

static Verdict of_class(PairClass p)
{
    return p == PAIR_HOLDS ? VERDICT_CONFIRMED : p == PAIR_FAILS ? VERDICT_REFUTED : VERDICT_INCONCLUSIVE;
}

static void print_table(Judgement *j, const Experiment *x, const Analysis *a, const char *reference)
{
    char mw[128];
    label_key(mw, sizeof mw, exp_param(x, "metric", "final_val_loss"));
    for (int wl = 0; wl < a->nwl; wl++) {
        char t[32];
        judge_printf(j, "%s**%s**%s%s%s:\n\n", wl ? "\n" : "", a->wl[wl].name,
                     isfinite(a->wl[wl].target) ? " (target: validation loss " : "",
                     isfinite(a->wl[wl].target) ? stats_fmt(t, a->wl[wl].target) : "",
                     isfinite(a->wl[wl].target) ? ")" : "");
        judge_printf(j, "| optimizer | best lr | grid | %s at the best lr (n) | per seed | gap to %s | steps to target | "
                        "ms/step (alone) | seconds to target | state / parameter bytes |\n"
                        "|---|---|---|---|---|---|---|---|---|---|\n", mw, reference);
        const Entry *ref = find(a, wl, reference, 0, true);
        for (int i = 0; i < a->ne; i++) {
            const Entry *e = &a->e[i];
            if (e->wl != wl) continue;
            const LrSeries *s = e->s;
            char lr[32], lo[32], hi[32], m[32], sd[32], g[32], st[64], ms[32], sec[32], ratio[32];
            char per[256] = "";
            for (int k = 0; k < e->b.n; k++) {
                size_t len = strlen(per);
                snprintf(per + len, sizeof per - len, "%s%.4g", k ? " " : "", e->b.value[k]);
            }
            Stats l = stats_of(e->b.value, e->b.n);
            double rel = ref && ref->b.n && e->b.n ? l.mean / lrbest_mean(&ref->b) - 1 : NAN;
            if (isfinite(rel)) snprintf(g, sizeof g, "%+.2f %%", 100 * rel);
            else snprintf(g, sizeof g, "–");
            if (!e->b.n) snprintf(st, sizeof st, "–");
            else if (isfinite(e->steps_mean)) stats_fmt(st, e->steps_mean);
            else if (isfinite(a->wl[wl].target)) snprintf(st, sizeof st, "not reached (%d/%d seeds)", e->reached, e->b.n);
            else snprintf(st, sizeof st, "–");
            judge_printf(j, "| %s | %s%s | %s–%s (%d) | %s ± %s (%d) | %s | %s | %s | %s | %s | %s |\n", e->name,
                         s->best >= 0 ? stats_fmt(lr, s->cell[s->best].lr) : "none without divergence",
                         e->b.edge ? " (grid edge)" : "", stats_fmt(lo, s->cell[0].lr),
                         stats_fmt(hi, s->cell[s->ncell - 1].lr), s->ncell, stats_fmt(m, l.mean), stats_fmt(sd, l.sd),
                         l.n, per[0] ? per : "–", g, st, stats_fmt(ms, e->ms), stats_fmt(sec, e->steps_mean * e->ms / 1e3),
                         stats_fmt(ratio, e->state_ratio));
        }
    }
}

static Status judge_optimizers(const Experiment *x, Judgement *j)
{
    static Analysis a;
    Status st = analyse(&a, x);
    if (st != ST_OK) return st;
    NoiseFloor floor;
    if ((st = floor_measure(&floor, x, exp_param(x, "metric", "final_val_loss"))) != ST_OK) return st;
    const char *reference = exp_param(x, "reference", "adamw");
    double fraction = exp_param_num(x, "target_fraction", NAN);
    if (isfinite(fraction)) steps_to_target(&a, x, reference, fraction);
    const char *timing = exp_param(x, "timing", NULL);
    bool timed = false;
    if ((st = attach_timing(&a, x, timing, &timed)) != ST_OK) return st;
    print_table(j, x, &a, reference);
    if (isfinite(fraction))
        judge_printf(j, "\nSteps to target: the first evaluation at or below the target, mean over seeds; the target "
                        "is the validation loss %s reaches at %g of its steps at its best lr (mean over seeds).", reference,
                     fraction);
    if (timing)
        judge_printf(j, " Seconds to target are steps to target × the one-thread ms/step of [%s](%s.md), timed alone%s.",
                     timing, timing,
                     !timed    ? " (**not yet timed**: its results are missing)"
                     : a.paired ? "; each optimizer's is its time over its baseline's, timed beside it in the same process, "
                                  "times the baseline run's own ms/step, so that all share one run's scale"
                                : "");
    judge_printf(j, isfinite(fraction) || timing ? "\n\n" : "\n");

    Verdict v = VERDICT_CONFIRMED;
    int checks = 0;
    char key[256] = "";
    char names[O_MAX_NAMES][64];

    /* the ordering, worst to best */
    int no = words_of(exp_param(x, "ordering", NULL), names, O_MAX_NAMES);
    if (no > 1) {
        char on[O_MAX_WL][64];
        int non = words_of(exp_param(x, "ordering_on", NULL), on, O_MAX_WL);
        Verdict vo = VERDICT_CONFIRMED;
        int npairs = 0;
        judge_printf(j, "| ordering on | pair (worse < better) | better on seeds | judged |\n|---|---|---|---|\n");
        for (int wl = 0; wl < a.nwl; wl++) {
            bool judged = non == 0;
            for (int k = 0; k < non; k++) judged |= !strcmp(on[k], a.wl[wl].model);
            if (!judged) continue;
            size_t len = strlen(key);
            snprintf(key + len, sizeof key - len, "%s%s:", len ? "; " : "", a.wl[wl].model);
            for (int k = 0; k < no; k++) {
                const Entry *e = find(&a, wl, names[k], 0, true);
                char m[32];
                len = strlen(key);
                snprintf(key + len, sizeof key - len, "%s %.60s %s", k ? " >" : "", names[k],
                         e && e->b.n ? stats_fmt(m, lrbest_mean(&e->b)) : "–");
                if (k == 0) continue;
                const Entry *w = find(&a, wl, names[k - 1], 0, true);
                int pos, n;
                PairClass p = lrbest_beats(e ? &e->b : NULL, w ? &w->b : NULL, &floor, &pos, &n);
                judge_printf(j, "| %s | %s < %s | %d/%d | %s |\n", a.wl[wl].name, names[k - 1], names[k], pos, n,
                             pair_names[p]);
                vo = verdict_worse(vo, of_class(p)), npairs++;
            }
        }
        if (!npairs) vo = VERDICT_INCONCLUSIVE;
        judge_printf(j, "\n- **ordering: %s**%s\n\n", verdict_names[vo], npairs ? "" : " (no workload to judge it on)");
        v = verdict_worse(v, vo), checks++;
    }

    /* contenders within a margin of the reference */
    int nc = words_of(exp_param(x, "contenders", NULL), names, O_MAX_NAMES);
    if (nc) {
        double margin = exp_param_num(x, "margin", 0.05);
        Verdict vc = VERDICT_CONFIRMED;
        judge_printf(j, "| workload | contender | mean gap to %s | judged (within %g %%) |\n|---|---|---|---|\n", reference,
                     100 * margin);
        for (int k = 0; k < nc; k++)
            for (int wl = 0; wl < a.nwl; wl++) {
                double rel;
                PairClass p = within(find(&a, wl, names[k], 0, true), find(&a, wl, reference, 0, true), margin, &rel);
                judge_printf(j, "| %s | %s | %+.2f %% | %s |\n", a.wl[wl].name, names[k], 100 * rel, pair_names[p]);
                vc = verdict_worse(vc, of_class(p));
                size_t len = strlen(key);
                if (isfinite(rel))
                    snprintf(key + len, sizeof key - len, "%s%.60s %s %+.1f %%", len ? "; " : "", names[k], a.wl[wl].model,
                             100 * rel);
            }
        if (!a.nwl) vc = VERDICT_INCONCLUSIVE;
        judge_printf(j, "\n- **contenders: %s**\n\n", verdict_names[vc]);
        v = verdict_worse(v, vc), checks++;
    }

    /* decoupled weight decay against L2 at each matched decay */
    int nd = words_of(exp_param(x, "decoupled", NULL), names, O_MAX_NAMES);
    if (nd == 2) {
        int wins = 0, losses = 0, unclear = 0;
        judge_printf(j, "| workload | weight decay | %s | %s | %s better on seeds | judged |\n|---|---|---|---|---|---|\n",
                     names[0], names[1], names[0]);
        for (int i = 0; i < a.ne; i++) {
            const Entry *d = &a.e[i];
            if (strcmp(d->optimizer, names[0]) || !(d->wd > 0)) continue;
            const Entry *l = find(&a, d->wl, names[1], d->wd, false);
            int pos, n;
            PairClass p = lrbest_beats(&d->b, l ? &l->b : NULL, &floor, &pos, &n);
            char m1[32], m2[32];
            judge_printf(j, "| %s | %g | %s | %s | %d/%d | %s |\n", a.wl[d->wl].name, d->wd,
                         stats_fmt(m1, lrbest_mean(&d->b)), l ? stats_fmt(m2, lrbest_mean(&l->b)) : "–",
                         pos, n, pair_names[p]);
            wins += p == PAIR_HOLDS, losses += p == PAIR_FAILS, unclear += p != PAIR_HOLDS && p != PAIR_FAILS;
            size_t len = strlen(key);
            if (l && l->b.n && d->b.n)
                snprintf(key + len, sizeof key - len, "%swd %g: %s %s vs %s %s", len ? "; " : "", d->wd, names[0], m1,
                         names[1], m2);
        }
        Verdict vd = wins && !losses ? VERDICT_CONFIRMED : losses && !wins ? VERDICT_REFUTED : VERDICT_INCONCLUSIVE;
        judge_printf(j, "\n- **%s against %s: %s** (%s better at %d decays, worse at %d, unclear at %d)\n\n", names[0],
                     names[1], verdict_names[vd], names[0], wins, losses, unclear);
        v = verdict_worse(v, vd), checks++;
    }
    if (!checks) v = VERDICT_INCONCLUSIVE, judge_printf(j, "No check is configured (ordering, contenders, decoupled).\n");
    char ft[1024];
    if (checks)
        judge_printf(j, "%s", floor_text(ft, sizeof ft, &floor, "the ordering's and the decoupled decay's pairs, each a "
                                         "mean paired difference against the worse one's mean (the contenders' margin "
                                         "is a bound, not an effect)"));
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "%s", key[0] ? key : "no series");
    return ST_OK;
}

/* The performance profile: per optimizer, the fraction of workloads on which its steps to
 * target are within τ times the fewest any optimizer needed. */
static Status fig_profile(FigureSet *fs, const Experiment *x, const Analysis *a)
{
    char name[160], title[256];
    snprintf(name, sizeof name, "%s_profile", x->name);
    snprintf(title, sizeof title, "%s: performance profile over %d workload%s", x->name, a->nwl, a->nwl == 1 ? "" : "s");
    FILE *f = fig_open(fs, name, title,
                       "fraction of workloads on which an optimizer reaches the target within τ times the fewest steps "
                       "any optimizer needed (each at its own best learning rate; a workload where it never reaches the "
                       "target counts as never), against τ (log axis)");
    if (!f) return ST_IO;
    double best[O_MAX_WL], tmax = 2;
    for (int wl = 0; wl < a->nwl; wl++) {
        best[wl] = INFINITY;
        for (int i = 0; i < a->ne; i++)
            if (a->e[i].wl == wl && isfinite(a->e[i].steps_mean) && a->e[i].steps_mean > 0)
                best[wl] = fmin(best[wl], a->e[i].steps_mean);
        for (int i = 0; i < a->ne; i++)
            if (a->e[i].wl == wl && isfinite(a->e[i].steps_mean) && a->e[i].steps_mean > 0)
                tmax = fmax(tmax, 1.2 * a->e[i].steps_mean / best[wl]);
    }
    fprintf(f, "set logscale x 2\nset xrange [1:%.4g]\nset yrange [0:1.05]\nset xlabel 'τ (steps to target over the "
               "fewest)'\nset ylabel 'fraction of workloads'\n", tmax);
    char seen[LR_MAX_SERIES][64];
    int ns = 0;
    for (int i = 0; i < a->ne; i++) {
        int k = 0;
        while (k < ns && strcmp(seen[k], a->e[i].name)) k++;
        if (k < ns) continue;
        snprintf(seen[ns++], 64, "%s", a->e[i].name);
        double r[O_MAX_WL];
        int n = 0;
        for (int q = 0; q < a->ne; q++)
            if (!strcmp(a->e[q].name, a->e[i].name) && isfinite(a->e[q].steps_mean) && isfinite(best[a->e[q].wl]))
                r[n++] = a->e[q].steps_mean / best[a->e[q].wl];
        for (int p = 1; p < n; p++)
            for (int q = p; q > 0 && r[q - 1] > r[q]; q--) {
                double t = r[q];
                r[q] = r[q - 1], r[q - 1] = t;
            }
        fprintf(f, "$p%d << EOD\n# tau fraction\n1 0\n", k);
        for (int q = 0; q < n; q++) fprintf(f, "%.6g %.6g\n", r[q], (double)(q + 1) / a->nwl);
        fprintf(f, "%.6g %.6g\nEOD\n", tmax, (double)n / a->nwl);
    }
    fprintf(f, "plot \\\n");
    for (int k = 0; k < ns; k++) {
        fprintf(f, "  $p%d using 1:2 with steps lc rgb '%s' lw 2 title ", k, fig_colour(k));
        gp_quote(f, seen[k]);
        fprintf(f, "%s\n", k + 1 < ns ? ", \\" : "");
    }
    return fig_close(f, name);
}

static Status optimizers_figures(FigureSet *fs, const Experiment *x)
{
    static Analysis a;
    static LrSweep sub;
    Status st = analyse(&a, x);
    if (st != ST_OK) return st;
    double fraction = exp_param_num(x, "target_fraction", NAN);
    if (isfinite(fraction)) steps_to_target(&a, x, exp_param(x, "reference", "adamw"), fraction);
    const char *timing = exp_param(x, "timing", NULL);
    bool timed = false;
    if ((st = attach_timing(&a, x, timing, &timed)) != ST_OK) return st;
    for (int wl = 0; wl < a.nwl && st == ST_OK; wl++) {
        memset(&sub, 0, sizeof sub);
        snprintf(sub.metric, sizeof sub.metric, "%s", a.w.metric);
        double ms[LR_MAX_SERIES];
        for (int i = 0; i < a.ne; i++)
            if (a.e[i].wl == wl) {
                ms[sub.n] = a.e[i].ms;
                sub.s[sub.n] = *a.e[i].s;
                snprintf(sub.s[sub.n++].label, sizeof sub.s[0].label, "%s", a.e[i].name);
            }
        char suffix[96], part[160];
        snprintf(part, sizeof part, " (%s)", a.wl[wl].name);
        snprintf(suffix, sizeof suffix, "lr_%s", a.wl[wl].tag);
        st = figures_lr(fs, x, &sub, suffix, part);
        snprintf(suffix, sizeof suffix, "curves_%s", a.wl[wl].tag);
        if (st == ST_OK) st = figures_best_curves(fs, x, &sub, "val_loss", suffix, "validation loss (nats)", false, part);
        snprintf(suffix, sizeof suffix, "train_%s", a.wl[wl].tag);
        if (st == ST_OK)
            st = figures_best_curves(fs, x, &sub, "train_loss", suffix, "training loss (nats, mean since the previous row)",
                                     false, part);
        snprintf(suffix, sizeof suffix, "time_%s", a.wl[wl].tag);
        if (st == ST_OK && timed)
            st = figures_best_curves_seconds(fs, x, &sub, ms, timing, "val_loss", suffix, "validation loss (nats)", part);
    }
    if (st == ST_OK && isfinite(fraction)) st = fig_profile(fs, x, &a);
    return st;
}

const VerdictRule verdict_rule_optimizers = {
    "optimizers",
    "each (workload, optimizer) at its own best lr (lowest mean `metric` with no diverged seed; a best lr at the "
    "grid's edge is flagged); `ordering` (worst to best, on the models of `ordering_on`) must hold on every seed, "
    "each of `contenders` must come within `margin` of `reference`, and the first of `decoupled` must beat the "
    "second at every matched weight decay; seeds that disagree make a check inconclusive; steps to the loss "
    "`reference` reaches at `target_fraction` of its steps, and seconds from the benchmark `timing`",
    judge_optimizers,
    optimizers_figures,
};
