/* Verdict rule `overfit` (C20): overfitting on a small training set and three cures.
 * runs.tsv columns read: train_subset, weight_decay, dropout, patience, seed, status,
 * final_val_loss, best_val_loss, final_train_loss, steps_done; each run's curve.tsv
 * (step, train_loss, val_loss) for the step of the lowest validation loss.
 *
 * Per training-set size (train_subset), the baseline is the run without a cure
 * (weight_decay, dropout and patience all 0). It overfits when, in the mean over
 * seeds, its final validation loss lies more than `min_rise` above its lowest while
 * its training loss at the end is below the training loss at that lowest point (the
 * training loss keeps falling as validation turns up). A run is a cure of one kind:
 * weight decay (weight_decay > 0), dropout (dropout > 0) or early stopping
 * (patience > 0). Per kind, its setting with the lowest mean final validation loss
 * is compared with the baseline's: the gain is the baseline's mean final validation
 * loss minus the cure's.
 *
 * Parameters ([verdict]):
 *   min_rise   the rise of the baseline's validation loss that counts as overfitting
 *   min_gain   the gain a cure must bring
 *
 * Per cure and size: confirmed when the baseline overfits and the gain exceeds
 * min_gain; refuted when the baseline overfits and it does not; inconclusive when the
 * baseline does not overfit or a cure has no run. A cure's verdict is the worst over
 * the sizes, the claim's the worst over the cures. A missing column or parameter is
 * an error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "report/floor.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { MAXV = 32, MAXR = 16, KINDS = 3 };

static const char *const cure_key[KINDS] = {"weight_decay", "dropout", "patience"};
static const char *const cure_name[KINDS] = {"weight decay", "dropout", "early stopping"};
static const char *const needed[] = {"train_subset", "weight_decay", "dropout", "patience", "seed", "status",
                                     "final_val_loss", "best_val_loss", "final_train_loss", "steps_done"};

/* -1: the baseline; 0..2: the cure kind; -2: more than one cure at once. */
/* What train_subset counts: characters for the GPT, training examples otherwise. */
static const char *subset_unit(const Experiment *x)
{
    return x->runs.nrows > 0 && !strcmp(table_get(&x->runs, 0, "model"), "gpt") ? "characters" : "examples";
}

static int kind_of(const Experiment *x, int r)
{
    int kind = -1;
    for (int k = 0; k < KINDS; k++)
        if (table_getnum(&x->runs, r, cure_key[k]) > 0) kind = kind == -1 ? k : -2;
    return kind;
}

/* A cell: the runs of one size with one cure setting. */
typedef struct {
    int kind;
    double value; /* the cure's setting */
    int n, rows[MAXR];
    Stats final, best, rise, steps;
} CureCell;

/* The cells of size `subset`: [0] the baseline, then each cure setting. */
static int cells_of(const Experiment *x, double subset, CureCell *c)
{
    int n = 1;
    memset(&c[0], 0, sizeof c[0]);
    c[0].kind = -1;
    for (int r = 0; r < x->runs.nrows; r++) {
        if (table_getnum(&x->runs, r, "train_subset") != subset) continue;
        int kind = kind_of(x, r);
        if (kind == -2) continue;
        double value = kind < 0 ? 0 : table_getnum(&x->runs, r, cure_key[kind]);
        int i = 0;
        while (i < n && !(c[i].kind == kind && (kind < 0 || c[i].value == value))) i++;
        if (i == n) {
            if (n == MAXV) continue;
            memset(&c[n], 0, sizeof c[n]);
            c[n].kind = kind, c[n].value = value, n++;
        }
        if (c[i].n < MAXR) c[i].rows[c[i].n++] = r;
    }
    for (int i = 0; i < n; i++) {
        double f[MAXR], b[MAXR], rise[MAXR], st[MAXR];
        for (int k = 0; k < c[i].n; k++) {
            int r = c[i].rows[k];
            f[k] = table_getnum(&x->runs, r, "final_val_loss");
            b[k] = table_getnum(&x->runs, r, "best_val_loss");
            rise[k] = f[k] - b[k];
            st[k] = table_getnum(&x->runs, r, "steps_done");
        }
        c[i].final = stats_of(f, c[i].n), c[i].best = stats_of(b, c[i].n);
        c[i].rise = stats_of(rise, c[i].n), c[i].steps = stats_of(st, c[i].n);
    }
    return n;
}

/* Run r's step of the lowest validation loss and the training loss there (the mean
 * since the evaluation before); false without a curve. */
static bool lowest_point(const Experiment *x, int r, double *step, double *train)
{
    Table t;
    if (exp_run_file(x, r, "curve.tsv", &t) != ST_OK) return false;
    double best = INFINITY;
    *step = *train = NAN;
    for (int i = 0; i < t.nrows; i++) {
        double v = table_getnum(&t, i, "val_loss");
        if (isfinite(v) && v < best) best = v, *step = table_getnum(&t, i, "step"), *train = table_getnum(&t, i, "train_loss");
    }
    table_free(&t);
    return isfinite(best);
}

static Status judge_overfit(const Experiment *x, Judgement *j)
{
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
        if (table_col(&x->runs, needed[i]) < 0)
            return err_set(ST_FAILED, "%s: runs.tsv has no %s column", x->name, needed[i]);
    double min_rise = exp_param_num(x, "min_rise", NAN), min_gain = exp_param_num(x, "min_gain", NAN);
    if (!isfinite(min_rise) || !isfinite(min_gain))
        return err_set(ST_FAILED, "%s: [verdict] needs min_rise and min_gain", x->name);
    NoiseFloor floor;
    Status st = floor_measure(&floor, x, "final_val_loss");
    if (st != ST_OK) return st;
    double subsets[MAXV];
    int ns = exp_distinct(x, "train_subset", subsets, MAXV);
    Verdict cure_v[KINDS];
    char cure_key_txt[KINDS][48];
    for (int k = 0; k < KINDS; k++) cure_v[k] = ns ? VERDICT_NONE : VERDICT_INCONCLUSIVE, cure_key_txt[k][0] = '\0';
    for (int q = 0; q < ns; q++) {
        static CureCell c[MAXV];
        int nc = cells_of(x, subsets[q], c);
        char a[8][32];
        /* the baseline's shape: lowest point, training loss there and at the end */
        double bstep[MAXR], btrain_at[MAXR], btrain_end[MAXR], gap[MAXR];
        bool falls = c[0].n > 0;
        for (int k = 0; k < c[0].n; k++) {
            int r = c[0].rows[k];
            if (!lowest_point(x, r, &bstep[k], &btrain_at[k])) bstep[k] = btrain_at[k] = NAN;
            btrain_end[k] = table_getnum(&x->runs, r, "final_train_loss");
            gap[k] = table_getnum(&x->runs, r, "final_val_loss") - btrain_end[k];
            falls &= btrain_end[k] < btrain_at[k];
        }
        Stats s_step = stats_of(bstep, c[0].n), s_at = stats_of(btrain_at, c[0].n), s_end = stats_of(btrain_end, c[0].n),
              s_gap = stats_of(gap, c[0].n);
        bool overfits = c[0].n > 0 && falls && c[0].rise.mean > min_rise;
        judge_printf(j, "**%g training %s.** Without a cure (%d seeds) the validation loss is lowest at step %s "
                        "(%s), ends at %s, a rise of %s; the training loss goes from %s there to %s at the end, a gap "
                        "of %s to the final validation loss: %s.\n\n",
                     subsets[q], subset_unit(x), c[0].n, stats_fmt(a[0], s_step.mean), stats_fmt(a[1], c[0].best.mean),
                     stats_fmt(a[2], c[0].final.mean), stats_fmt(a[3], c[0].rise.mean), stats_fmt(a[4], s_at.mean),
                     stats_fmt(a[5], s_end.mean), stats_fmt(a[6], s_gap.mean),
                     overfits ? "**it overfits**" : "**no overfitting by the rule** (min_rise, training loss falling)");
        judge_printf(j, "| cure | setting | final val loss (mean ± sd) | lowest val loss | rise | steps run |\n"
                        "|---|---|---|---|---|---|\n");
        for (int i = 0; i < nc; i++) {
            char set[64];
            if (c[i].kind < 0) snprintf(set, sizeof set, "–");
            else snprintf(set, sizeof set, "%s = %g", cure_key[c[i].kind], c[i].value);
            judge_printf(j, "| %s | %s | %s ± %s | %s | %s | %s |\n", c[i].kind < 0 ? "none" : cure_name[c[i].kind], set,
                         stats_fmt(a[0], c[i].final.mean), stats_fmt(a[1], c[i].final.sd), stats_fmt(a[2], c[i].best.mean),
                         stats_fmt(a[3], c[i].rise.mean), stats_fmt(a[4], c[i].steps.mean));
        }
        judge_printf(j, "\n");
        for (int k = 0; k < KINDS; k++) {
            int best = -1;
            for (int i = 1; i < nc; i++)
                if (c[i].kind == k && (best < 0 || c[i].final.mean < c[best].final.mean)) best = i;
            Verdict v;
            double gain = best < 0 ? NAN : c[0].final.mean - c[best].final.mean;
            bool inside = isfinite(gain) && floor_inside(&floor, gain, c[0].final.mean);
            if (best < 0 || !overfits || !isfinite(gain) || inside) v = VERDICT_INCONCLUSIVE;
            else v = gain > min_gain ? VERDICT_CONFIRMED : VERDICT_REFUTED;
            judge_printf(j, "- %s: best %s = %s, final validation loss %s against %s without (gain %s, min_gain %g%s)%s: "
                            "**%s**\n",
                         cure_name[k], cure_key[k], best < 0 ? "–" : stats_fmt(a[0], c[best].value),
                         best < 0 ? "–" : stats_fmt(a[1], c[best].final.mean), stats_fmt(a[2], c[0].final.mean),
                         stats_fmt(a[3], gain), min_gain, inside ? "; inside the noise floor" : "",
                         k == 2 && best >= 0 ? (snprintf(a[4], sizeof a[4], "; it stops at step %.0f", c[best].steps.mean), a[4])
                                             : "",
                         verdict_names[v]);
            cure_v[k] = cure_v[k] == VERDICT_NONE ? v : verdict_worse(cure_v[k], v);
            size_t len = strlen(cure_key_txt[k]);
            snprintf(cure_key_txt[k] + len, sizeof cure_key_txt[k] - len, "%s%s", len ? "/" : "", stats_fmt(a[5], gain));
        }
        judge_printf(j, "\n");
    }
    Verdict v = VERDICT_CONFIRMED;
    char key[512] = "gain in final val loss at ";
    for (int q = 0; q < ns; q++) {
        size_t len = strlen(key);
        snprintf(key + len, sizeof key - len, "%s%g", q ? "/" : "", subsets[q]);
    }
    snprintf(key + strlen(key), sizeof key - strlen(key), " %s:", subset_unit(x));
    judge_printf(j, "Per cure, over the sizes: ");
    for (int k = 0; k < KINDS; k++) {
        v = verdict_worse(v, cure_v[k]);
        judge_printf(j, "%s%s **%s**", k ? ", " : "", cure_name[k], verdict_names[cure_v[k]]);
        size_t len = strlen(key);
        snprintf(key + len, sizeof key - len, "%s %s %s (%s)", k ? "," : "", cure_name[k], cure_key_txt[k],
                 verdict_names[cure_v[k]]);
    }
    judge_printf(j, "; the claim: **%s**\n\n", verdict_names[v]);
    char ft[1024];
    judge_printf(j, "%s", floor_text(ft, sizeof ft, &floor, "each cure's gain over the run without one"));
    j->verdict = v;
    snprintf(j->key, sizeof j->key, "%.255s", key);
    return ST_OK;
}

/* Per size, the validation and training loss of the first seed's baseline and of each
 * cure's best setting against steps. */
static Status figures_overfit(FigureSet *fs, const Experiment *x)
{
    double subsets[MAXV];
    int ns = exp_distinct(x, "train_subset", subsets, MAXV);
    for (int q = 0; q < ns; q++) {
        static CureCell c[MAXV];
        int nc = cells_of(x, subsets[q], c), show[1 + KINDS], nshow = 0;
        if (c[0].n) show[nshow++] = 0;
        for (int k = 0; k < KINDS; k++) {
            int best = -1;
            for (int i = 1; i < nc; i++)
                if (c[i].kind == k && (best < 0 || c[i].final.mean < c[best].final.mean)) best = i;
            if (best >= 0) show[nshow++] = best;
        }
        char name[160], title[256];
        snprintf(name, sizeof name, "%s_curves_%g", x->name, subsets[q]);
        snprintf(title, sizeof title, "%s: %g training %s", x->name, subsets[q], subset_unit(x));
        FILE *f = fig_open(fs, name, title,
                           "Validation loss (solid) and training loss (dashed, the mean between evaluations) against "
                           "steps for the run without a cure and each cure's best setting (first seed of each); "
                           "early stopping's line ends where it fired.");
        if (!f) return ST_IO;
        fprintf(f, "set xlabel 'step'\nset ylabel 'loss (nats)'\nplot ");
        Table t[1 + KINDS];
        bool have[1 + KINDS];
        for (int s = 0; s < nshow; s++) {
            const CureCell *cl = &c[show[s]];
            have[s] = exp_run_file(x, cl->rows[0], "curve.tsv", &t[s]) == ST_OK;
            char label[64];
            if (cl->kind < 0) snprintf(label, sizeof label, "no cure");
            else snprintf(label, sizeof label, "%s %g", cure_name[cl->kind], cl->value);
            fprintf(f, "%s'-' using 1:2 with lines lc rgb '%s' lw 1.5 title ", s ? ", \\\n  " : "", fig_colour(s));
            gp_quote(f, label);
            fprintf(f, ", '-' using 1:2 with lines lc rgb '%s' lw 1 dt 2 notitle", fig_colour(s));
        }
        if (!nshow) fprintf(f, "1/0 notitle");
        fprintf(f, "\n");
        for (int s = 0; s < nshow; s++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; have[s] && i < t[s].nrows; i++) {
                    double y = table_getnum(&t[s], i, pass ? "train_loss" : "val_loss");
                    if (isfinite(y)) fprintf(f, "%.6g %.6g\n", table_getnum(&t[s], i, "step"), y);
                }
                fprintf(f, "e\n");
            }
            if (have[s]) table_free(&t[s]);
        }
        Status st = fig_close(f, name);
        if (st != ST_OK) return st;
    }
    return ST_OK;
}

const VerdictRule verdict_rule_overfit = {
    "overfit",
    "per train_subset: the run without a cure overfits when its final validation loss is more than `min_rise` above "
    "its lowest while the training loss keeps falling; each cure (weight decay, dropout, early stopping by patience) "
    "at its best setting is confirmed when it lowers the final validation loss by more than `min_gain`",
    judge_overfit,
    figures_overfit,
};
