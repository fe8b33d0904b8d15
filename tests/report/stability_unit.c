/* unit: verdict stability over seeds (report/stability.h) and the rules of C05, C10 and
 * C21 on results made for the purpose.
 *
 * Stability: a rule made here (confirmed when the mean final_val_loss is below 1) on
 * seeds that agree (stable) and on one outlying seed (fragile: leaving it out flips the
 * verdict); resamples are the same on every call; a seed drawn twice comes back under a
 * new seed value; the power calculation against hand-computed t quantiles. The rules
 * `escape` (C05), `accum` (C10) and `seeds` (C21) on hand-written runs.tsv tables and
 * weight files: confirmed, refuted, inconclusive, and a missing input fails the rule. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fs.h"
#include "core/safetensors.h"
#include "fixture.h"
#include "harness.h"
#include "report/experiment.h"
#include "report/stability.h"
#include "report/verdicts.h"
#include "settings/settings.h"

/* results/NAME/runs/ID/FILE */
static void run_path(char *out, size_t cap, const char *dir, const char *id, const char *file)
{
    snprintf(out, cap, "%s/runs/%s", dir, id);
    make_dirs(out);
    snprintf(out, cap, "%s/runs/%s/%s", dir, id, file);
}

/* ---- stability, with a rule made for the test ---- */

static Status judge_mean(const Experiment *x, Judgement *j)
{
    double sum = 0;
    for (int r = 0; r < x->runs.nrows; r++) sum += table_getnum(&x->runs, r, "final_val_loss");
    j->verdict = sum / x->runs.nrows < 1 ? VERDICT_CONFIRMED : VERDICT_REFUTED;
    return ST_OK;
}

static const VerdictRule mean_rule = {"mean_below_1", "confirmed when the mean loss is below 1", judge_mean, NULL};

static const char *const seeds_ini = "[experiment]\ntitle = t\nclaims = C21\n[settings]\n[sweep]\nseed = 1 2 3 4\n";

static void seed_table(const char *name, const double *loss)
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\tseed\tstatus\tfinal_val_loss", dir, sizeof dir);
    for (int s = 1; s <= 4; s++) {
        char id[13], seed[8];
        snprintf(seed, sizeof seed, "%d", s);
        run_id(id, "seed", seed, (const char *)NULL);
        fprintf(f, "%s\t%d\tok\t%g\n", id, s, loss[s - 1]);
    }
    fclose(f);
}

static void test_stability(void)
{
    static Experiment x, sub;
    static Stability s, again;
    Judgement full = {0};
    seed_table("st_stable", (const double[]){0.5, 0.6, 0.7, 0.55});
    load_experiment(&x, "st_stable", seeds_ini);
    judge_mean(&x, &full);
    Status st = stability_judge(&s, &x, &mean_rule, &full);
    CHECK_TRUE(st == ST_OK && s.applicable && s.nseeds == 4 &&
                   s.v[0].loo_changed == 0 && s.v[0].boot_agree == STAB_BOOT && !stability_fragile(&s, ""),
               "stability: seeds that agree give a stable verdict (%d leave-one-out changes, %d/%d resamples agree)",
               s.v[0].loo_changed, s.v[0].boot_agree, s.nboot);
    experiment_free(&x);

    /* mean 1.05: refuted; without seed 4 (2.5) the mean is 0.53: confirmed */
    seed_table("st_fragile", (const double[]){0.5, 0.5, 0.6, 2.6});
    load_experiment(&x, "st_fragile", seeds_ini);
    judge_mean(&x, &full);
    st = stability_judge(&s, &x, &mean_rule, &full);
    CHECK_TRUE(st == ST_OK && full.verdict == VERDICT_REFUTED && s.v[0].loo[3] == VERDICT_CONFIRMED &&
                   s.v[0].loo_changed == 1 && stability_fragile(&s, ""),
               "stability: one outlying seed makes the verdict fragile (leaving seed 4 out gives %s)",
               verdict_names[s.v[0].loo[3]]);
    stability_judge(&again, &x, &mean_rule, &full);
    CHECK_TRUE(!memcmp(s.v[0].boot, again.v[0].boot, sizeof s.v[0].boot) && s.v[0].boot[VERDICT_CONFIRMED] > 0 &&
                   s.v[0].boot[VERDICT_REFUTED] > 0,
               "stability: the bootstrap is seeded (the same %d confirmed / %d refuted resamples twice)",
               s.v[0].boot[VERDICT_CONFIRMED], s.v[0].boot[VERDICT_REFUTED]);

    st = stab_subset(&sub, &x, (const double[]){1, 1, 2}, 3);
    CHECK_TRUE(st == ST_OK && sub.runs.nrows == 3 && table_getnum(&sub.runs, 0, "seed") == 1 &&
                   table_getnum(&sub.runs, 1, "seed") == 1000001 && table_getnum(&sub.runs, 2, "seed") == 2 &&
                   !strcmp(table_get(&sub.runs, 1, "run_id"), table_get(&x.runs, 0, "run_id")),
               "stability: a seed drawn twice comes back under seed + 10^6 with the same run (%d rows)", sub.runs.nrows);
    stab_subset_free(&sub);
    experiment_free(&x);

    /* t(0.975, 5) = 2.5706, t(0.975, 6) = 2.4469: with sd 1, 7 seeds resolve 1, 6 do not */
    CHECK_TRUE(power_seeds_needed(1, 1) == 7 && fabs(power_half_width(1, 6) - 2.570582 / sqrt(6)) < 1e-5,
               "power: sd 1 needs 7 seeds to resolve a difference of 1 (got %d)", power_seeds_needed(1, 1));
    CHECK_TRUE(isnan(power_half_width(1, 1)) && power_seeds_needed(1e-9, 1) == 1000,
               "power: one seed has no interval; an unresolvable difference says 1000");
}

/* ---- escape (C05) ---- */

static const char *const escape_ini =
    "[experiment]\ntitle = t\nclaims = C05\n[settings]\nmodel = toy\ndata = none\nlandscape = bumps\n"
    "starts = 200\n[sweep]\ntoy_noise = 0 1\nseed = 1 2 3\n[verdict]\nrule = escape\nstay = 0.95\nrise = 0.1\n";

/* rows "noise seed global stay stuck" */
static void escape_table(const char *name, const char *rows, bool with_global)
{
    char dir[512];
    FILE *f = runs_tsv(name, with_global ? "run_id\tmodel\tlandscape\tstarts\ttoy_noise\tseed\tstatus\tglobal_fraction\t"
                                           "stay_fraction\tstuck_fraction"
                                         : "run_id\tmodel\tlandscape\tstarts\ttoy_noise\tseed\tstatus\tstay_fraction\t"
                                           "stuck_fraction",
                       dir, sizeof dir);
    char buf[2048], noise[16], seed[8], g[16], s[16], k[16];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (sscanf(l, "%15s %7s %15s %15s %15s", noise, seed, g, s, k) != 5) exit(99);
        char id[13];
        run_id(id, "model", "toy", "data", "none", "landscape", "bumps", "starts", "200", "toy_noise", noise, "seed", seed,
               (const char *)NULL);
        if (with_global) fprintf(f, "%s\ttoy\tbumps\t200\t%s\t%s\tok\t%s\t%s\t%s\n", id, noise, seed, g, s, k);
        else fprintf(f, "%s\ttoy\tbumps\t200\t%s\t%s\tok\t%s\t%s\n", id, noise, seed, s, k);
    }
    fclose(f);
}

static void test_escape(void)
{
    escape_table("e_confirmed", "0 1 0.2 1 0\n0 2 0.22 1 0\n0 3 0.18 0.99 0\n1 1 0.8 0.3 0\n1 2 0.85 0.3 0\n1 3 0.82 0.3 0\n",
                 true);
    Judgement j = judge("e_confirmed", escape_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "0.2 at noise 0, 0.8233 at noise 1") && j.resolve == 0.1 && j.spread > 0,
               "escape: noise takes 0.82 of the starts to the global minimum against 0.2: %s (%s)",
               verdict_names[j.verdict], j.key);
    escape_table("e_refuted", "0 1 0.2 0.5 0\n0 2 0.22 0.6 0\n0 3 0.18 0.5 0\n1 1 0.8 0.3 0\n1 2 0.85 0.3 0\n1 3 0.82 0.3 0\n",
                 true);
    j = judge("e_refuted", escape_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "leaves the basin"),
               "escape: full-batch descent leaving its basins refutes: %s", verdict_names[j.verdict]);
    escape_table("e_flat", "0 1 0.2 1 0\n0 2 0.22 1 0\n0 3 0.18 1 0\n1 1 0.2 0.9 0\n1 2 0.21 0.9 0\n1 3 0.19 0.9 0\n", true);
    j = judge("e_flat", escape_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "escape: noise that gains nothing refutes: %s", verdict_names[j.verdict]);
    escape_table("e_unclear", "0 1 0.2 1 0\n0 2 0.2 1 0\n0 3 0.2 1 0\n1 1 0.5 0.5 0\n1 2 0.1 0.5 0\n1 3 0.6 0.5 0\n", true);
    j = judge("e_unclear", escape_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "escape: gains of +0.3, -0.1, +0.4 are inconclusive: %s",
               verdict_names[j.verdict]);
    escape_table("e_missing", "0 1 0.2 1 0\n1 1 0.8 0.3 0\n", false);
    Judgement jm;
    Status st = judge_status("e_missing", escape_ini, &jm);
    CHECK_TRUE(st != ST_OK && strstr(err_msg(), "global_fraction"),
               "escape: runs without global_fraction fail the rule (%s)", err_msg());
}

/* ---- accum (C10) and seeds (C21): runs with saved weights ---- */

enum { NW = 6 };

/* Saves NW weights w[i] = base[i] moved by `ulps` float steps (two tensors). */
static void save_weights(const char *path, const float *base, int ulps)
{
    float w[NW];
    for (int i = 0; i < NW; i++) {
        w[i] = base[i];
        for (int k = 0; k < ulps; k++) w[i] = nextafterf(w[i], INFINITY);
    }
    StTensor t[2] = {{"layers.0.w", 2, {2, 2}, 4, w}, {"layers.0.b", 1, {2}, 2, w + 4}};
    if (st_write(path, t, 2, NULL, 0) != ST_OK) {
        printf("FAIL: cannot write %s\n", path);
        exit(99);
    }
}

static const float base_w[NW] = {0.5f, -1.25f, 3.0f, 0.001f, -0.02f, 7.5f};

static const char *const accum_ini =
    "[experiment]\ntitle = t\nclaims = C10\nsave = on\n[settings]\nsteps = 10\n[sweep]\nbatch/accum = 128/1 64/2\n"
    "seed = 1 2 3\n[verdict]\nrule = accum\nmax_eps = 16\n";

/* Each seed's accum run moved by ulps[seed - 1] from its baseline; `weights` false: no model files. */
static void accum_table(const char *name, const int *ulps, bool weights)
{
    char dir[512], path[900];
    FILE *f = runs_tsv(name, "run_id\tbatch/accum\tbatch\taccum\tsteps\tseed\tstatus", dir, sizeof dir);
    for (int s = 1; s <= 3; s++)
        for (int k = 1; k <= 2; k++) {
            char id[13], seed[8], batch[8], accum[8];
            snprintf(seed, sizeof seed, "%d", s), snprintf(batch, sizeof batch, "%d", 128 / k);
            snprintf(accum, sizeof accum, "%d", k);
            run_id(id, "steps", "10", "batch", batch, "accum", accum, "seed", seed, (const char *)NULL);
            fprintf(f, "%s\t%s/%s\t%s\t%s\t10\t%s\tok\n", id, batch, accum, batch, accum, seed);
            run_path(path, sizeof path, dir, id, "curve.tsv");
            write_file(path, k == 1 ? "step\ttrain_loss\n0\tnan\n10\t0.5\n" : "step\ttrain_loss\n0\tnan\n10\t0.5001\n");
            run_path(path, sizeof path, dir, id, "model.safetensors");
            if (weights) save_weights(path, base_w, k == 1 ? 0 : ulps[s - 1]);
        }
    fclose(f);
}

static void test_accum(void)
{
    accum_table("a_confirmed", (const int[]){2, 1, 3}, true);
    Judgement j = judge("a_confirmed", accum_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "k=2 3 ulps"),
               "accum: weights 1-3 ulps apart (under 2 ε) confirm: %s (%s)", verdict_names[j.verdict], j.key);
    accum_table("a_refuted", (const int[]){100, 40, 300}, true);
    j = judge("a_refuted", accum_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "accum: 40-300 ulps (over 20 ε) on every seed refute: %s", verdict_names[j.verdict]);
    accum_table("a_unclear", (const int[]){2, 100, 3}, true);
    j = judge("a_unclear", accum_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "accum: one seed of three over the bound is inconclusive: %s",
               verdict_names[j.verdict]);
    accum_table("a_missing", (const int[]){2, 1, 3}, false);
    Judgement jm;
    CHECK_TRUE(judge_status("a_missing", accum_ini, &jm) != ST_OK && strstr(err_msg(), "model.safetensors"),
               "accum: runs without saved weights fail the rule (%s)", err_msg());
}

static const char *const seeds_rule_ini =
    "[experiment]\ntitle = t\nclaims = C21\nsave = on\n[settings]\n[sweep]\nseed = 1 2 3\n"
    "[verdict]\nrule = seeds\nloss_spread = 0.02\ndistance = 0.5\n";

/* Seeds with these losses; weights: base_w for every seed, or (distinct) base_w shifted
 * by 2·seed places, so that its largest value sits elsewhere for each seed. */
static void seeds_table(const char *name, const double *loss, bool distinct, int nseeds)
{
    char dir[512], path[900];
    FILE *f = runs_tsv(name, "run_id\tseed\tstatus\tfinal_val_loss", dir, sizeof dir);
    for (int s = 1; s <= nseeds; s++) {
        char id[13], seed[8];
        snprintf(seed, sizeof seed, "%d", s);
        run_id(id, "seed", seed, (const char *)NULL);
        fprintf(f, "%s\t%d\tok\t%g\n", id, s, loss[s - 1]);
        float w[NW];
        for (int i = 0; i < NW; i++) w[i] = base_w[distinct ? (i + 2 * s) % NW : i];
        run_path(path, sizeof path, dir, id, "model.safetensors");
        save_weights(path, w, 0);
    }
    fclose(f);
}

static void test_seeds(void)
{
    seeds_table("s_confirmed", (const double[]){0.300, 0.302, 0.299}, true, 3);
    Judgement j = judge("s_confirmed", seeds_rule_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED, "seeds: equal losses, far-apart weights confirm: %s (%s)",
               verdict_names[j.verdict], j.key);
    static Experiment x, sub;
    Judgement jd = {0};
    load_experiment(&x, "s_confirmed", seeds_rule_ini);
    Status st = stab_subset(&sub, &x, (const double[]){1, 1, 2, 3}, 4);
    if (st == ST_OK) st = verdict_rule_by_name("seeds")->judge(&sub, &jd);
    CHECK_TRUE(st == ST_OK && jd.verdict == VERDICT_CONFIRMED,
               "seeds: a seed drawn twice in a resample is not a pair of seeds 0 apart: %s", verdict_names[jd.verdict]);
    stab_subset_free(&sub);
    experiment_free(&x);
    seeds_table("s_same", (const double[]){0.300, 0.302, 0.299}, false, 3);
    j = judge("s_same", seeds_rule_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "nearer"), "seeds: one minimum for every seed refutes: %s",
               verdict_names[j.verdict]);
    seeds_table("s_spread", (const double[]){0.2, 0.3, 0.4}, true, 3);
    j = judge("s_spread", seeds_rule_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "spreads"), "seeds: losses 0.2-0.4 refute: %s",
               verdict_names[j.verdict]);
    seeds_table("s_two", (const double[]){0.300, 0.302}, true, 2);
    j = judge("s_two", seeds_rule_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "seeds: two seeds are inconclusive: %s", verdict_names[j.verdict]);
    char dir[512], path[900];
    seeds_table("s_missing", (const double[]){0.300, 0.302, 0.299}, true, 3);
    snprintf(dir, sizeof dir, "%s/results/s_missing", root);
    char id[13];
    run_id(id, "seed", "2", (const char *)NULL);
    run_path(path, sizeof path, dir, id, "model.safetensors");
    unlink(path);
    Judgement jm;
    CHECK_TRUE(judge_status("s_missing", seeds_rule_ini, &jm) != ST_OK && strstr(err_msg(), "model.safetensors"),
               "seeds: a run without saved weights fails the rule (%s)", err_msg());
}

int main(void)
{
    fixture_begin("stability");
    test_stability();
    test_escape();
    test_accum();
    test_seeds();
    return fixture_done();
}
