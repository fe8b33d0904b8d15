/* unit: the verdict rules on small results made for the purpose. `parabola` on real toy
 * runs (confirmed; refuted by a wrong claimed trajectory; inconclusive on a grid too coarse
 * for the boundaries), `lr_regimes` on hand-written runs.tsv tables (confirmed; refuted
 * when the best lr sits far below divergence or an Adam-family best lr is outside its
 * range; inconclusive when seeds disagree or nothing diverges), `precision` on hand-written
 * tables (both claims confirmed; both refuted; inconclusive on a gap the seeds disagree
 * on), `losses` on hand-written toy curves (confirmed; refuted by a loss off its definition
 * and by a wrong claimed number; inconclusive when a run has no curve), `bowl` on
 * hand-written tables (growth exponents: confirmed, refuted, and inconclusive with a best
 * lr at the grid's edge; trajectories: confirmed, refuted without a zig-zag, inconclusive
 * when momentum never arrives), `gradcheck` on hand-written tables (confirmed; refuted by
 * one error over its bound; inconclusive without a bound for a kind), `optim_memory` on
 * hand-written tables (confirmed; refuted by an Adam with three buffers; inconclusive when
 * an expected optimizer has no runs; failed without state_bytes), `optimizers` on
 * hand-written tables (ordering and contenders confirmed, refuted by a swapped pair or a
 * distant contender, inconclusive when seeds disagree or the loser was tuned at its grid's
 * edge; decoupled decay confirmed and refuted; failed without state_bytes), `schedules` on
 * hand-written tables (confirmed; refuted by warmup that widens nothing and a constant rate
 * that wins; inconclusive when seeds disagree; failed without status), `backward_ratio` on
 * hand-written bench.tsv files (confirmed at ratio 2; refuted at 1; inconclusive when one
 * of two shapes holds it and without timings), the depth rules on hand-written tables and
 * layer_stats.tsv files (`vanishing`, `clipping`, `depth`, `init`: confirmed, refuted,
 * inconclusive, and failed when a run lacks its layer_stats.tsv or runs.tsv a column),
 * `grad_variance` on hand-written measurements (confirmed; refuted by a variance ∝ b^-0.5
 * and by a biased batch mean; inconclusive on seeds a factor 3 apart; an error without
 * measurements), `batch_scaling` on hand-written curves (both claims confirmed; C04 refuted
 * by steps rising with the batch; both inconclusive with best lrs at the grid's edge; an
 * error without a curve), `underflow` on hand-written tables (confirmed with its threshold;
 * refuted when fp16 never loses and when bf16 loses; inconclusive with a missing run; a
 * results table without the multiplier fails), `checkpointing` on hand-written benchmark
 * tables (confirmed; refuted on memory and on time; inconclusive without timings, timed
 * without a baseline or beside another one; a table without activation bytes fails), and
 * the GSL statistics against hand-computed values. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fs.h"
#include "fixture.h"
#include "harness.h"
#include "report/experiment.h"
#include "report/fits.h"
#include "report/stats.h"
#include "report/verdicts.h"
#include "settings/settings.h"
#include "train/toy.h"

/* Toy runs at the given learning rates into results/NAME, with runs.tsv as the runner
 * writes it (run_id, then the summary columns). */
static void toy_runs(const char *name, const double *lrs, int n)
{
    char dir[512], runs[600];
    snprintf(dir, sizeof dir, "%s/results/%s/runs", root, name);
    make_dirs(dir);
    snprintf(runs, sizeof runs, "%s/results/%s/runs.tsv", root, name);
    FILE *out = fopen(runs, "w");
    for (int i = 0; i < n; i++) {
        SettingPairs p = {0};
        char lr[32];
        snprintf(lr, sizeof lr, "%.17g", lrs[i]);
        pairs_add(&p, "model", "toy", "");
        pairs_add(&p, "lr", lr, "");
        pairs_add(&p, "steps", "100", "");
        Settings s;
        char id[13], run[700], summary[800], line[8192];
        if (settings_from_pairs(&s, &p) != ST_OK) exit(99);
        settings_run_id(&s, id);
        snprintf(run, sizeof run, "%s/%s", dir, id);
        TrainOptions o = {run, false, false, true};
        TrainResult r;
        if (toy_run(&s, &o, &r) != ST_OK) {
            printf("FAIL: toy run at lr %g: %s\n", lrs[i], err_msg());
            exit(99);
        }
        snprintf(summary, sizeof summary, "%s/summary.tsv", run);
        FILE *f = fopen(summary, "r");
        for (int k = 0; fgets(line, sizeof line, f); k++)
            if (k == 1 || i == 0) fprintf(out, "%s\t%s", k == 0 ? "run_id" : id, line);
        fclose(f);
    }
    fclose(out);
}

static const char *const parabola_ini =
    "[experiment]\ntitle = t\nclaims = C01\n[settings]\nmodel = toy\n[sweep]\nlr = %s\n"
    "[verdict]\nrule = parabola\nexpect_0.05 = 4.00 3.60 3.24 2.92 2.62\n"
    "expect_0.3 = 4.00 1.60 0.64 0.26 0.10\nexpect_0.9 = 4.00 -3.20 2.56 -2.05 1.64\n"
    "expect_1.1 = %s\nboundaries = 0.5 1\nboundary_tol = 0.02\n";

static void test_parabola(void)
{
    const double fine[] = {0.05, 0.3, 0.49, 0.5, 0.51, 0.9, 0.99, 1, 1.01, 1.1};
    toy_runs("p_fine", fine, 10);
    char ini[2048];
    snprintf(ini, sizeof ini, parabola_ini, "0.05 0.3 0.49 0.5 0.51 0.9 0.99 1 1.01 1.1",
             "4.00 -4.80 5.76 -6.91 8.29");
    Judgement j = judge("p_fine", ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED, "parabola: the textbook's table on a fine grid is %s (%s)",
               verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.text, "| 1.1 | 4.00 -4.80 5.76 -6.91 8.29 | 4.00 -4.80 5.76 -6.91 8.29 | yes |") != NULL,
               "parabola: the rule prints claimed and measured trajectories");
    CHECK_TRUE(strstr(j.key, "boundaries at lr 0.5 and 1") != NULL, "parabola: key names the boundaries (%s)", j.key);

    snprintf(ini, sizeof ini, parabola_ini, "0.05 0.3 0.49 0.5 0.51 0.9 0.99 1 1.01 1.1",
             "4.00 -4.80 5.76 -6.91 8.30");
    j = judge("p_fine", ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "parabola: a claimed 8.30 for 8.29 is %s",
               verdict_names[j.verdict]);
    CHECK_TRUE(strstr(j.text, "**no**") != NULL, "parabola: the differing trajectory is marked");

    const double coarse[] = {0.05, 0.3, 0.9, 1.1};
    toy_runs("p_coarse", coarse, 4);
    snprintf(ini, sizeof ini, parabola_ini, "0.05 0.3 0.9 1.1", "4.00 -4.80 5.76 -6.91 8.29");
    j = judge("p_coarse", ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "parabola: four learning rates cannot place the "
               "boundaries: %s", verdict_names[j.verdict]);
    CHECK_TRUE(strstr(j.text, "grid too coarse") != NULL, "parabola: says the grid is too coarse");
}

/* A runs.tsv from rows "optimizer lr seed status final_val_loss". */
static void lr_table(const char *name, const char *rows)
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\toptimizer\tlr\tseed\tstatus\tfinal_val_loss", dir, sizeof dir);
    char buf[8192], opt[32], status[32], loss[32];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        double lr;
        int seed;
        if (sscanf(l, "%31s %lf %d %31s %31s", opt, &lr, &seed, status, loss) != 5) exit(99);
        char id[13], lr_text[32], seed_text[16];
        snprintf(lr_text, sizeof lr_text, "%g", lr), snprintf(seed_text, sizeof seed_text, "%d", seed);
        run_id(id, "optimizer", opt, "lr", lr_text, "seed", seed_text, (const char *)NULL);
        fprintf(f, "%s\t%s\t%s\t%d\t%s\t%s\n", id, opt, lr_text, seed, status, loss);
    }
    fclose(f);
}

static const char *const lr_ini =
    "[experiment]\ntitle = t\nclaims = C02\n[settings]\n[sweep]\noptimizer = sgd adamw\n"
    "lr = 1e-5 1e-4 1e-3 1e-2 1e-1 1\nseed = 1 2\n[verdict]\nrule = lr_regimes\nmax_steps = 2\n";

/* sgd: crawls at 1e-5..1e-3, best at 0.1, diverges at 1; adamw: crawls at 1e-5, best
 * at 1e-3 (or as given), diverges from 1e-1. */
static void test_lr_regimes(void)
{
    const char *good =
        "sgd 1e-5 1 ok 2.2\nsgd 1e-5 2 ok 2.21\nsgd 1e-4 1 ok 2.0\nsgd 1e-4 2 ok 2.02\n"
        "sgd 1e-3 1 ok 1.2\nsgd 1e-3 2 ok 1.22\nsgd 1e-2 1 ok 0.5\nsgd 1e-2 2 ok 0.52\n"
        "sgd 1e-1 1 ok 0.30\nsgd 1e-1 2 ok 0.31\nsgd 1 1 diverged nan\nsgd 1 2 diverged nan\n"
        "adamw 1e-5 1 ok 1.5\nadamw 1e-5 2 ok 1.52\nadamw 1e-4 1 ok 0.4\nadamw 1e-4 2 ok 0.41\n"
        "adamw 1e-3 1 ok 0.28\nadamw 1e-3 2 ok 0.285\nadamw 1e-2 1 ok 0.9\nadamw 1e-2 2 ok 0.95\n"
        "adamw 1e-1 1 diverged nan\nadamw 1e-1 2 diverged nan\nadamw 1 1 diverged nan\nadamw 1 2 diverged nan\n";
    lr_table("lr_good", good);
    Judgement j = judge("lr_good", lr_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED, "lr_regimes: three regimes, best lr just below "
               "divergence: %s (%s)", verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.key, "sgd 0.1") && strstr(j.key, "adamw 0.001"), "lr_regimes: key gives the best lrs (%s)", j.key);
    CHECK_TRUE(strstr(j.text, "| sgd | 4 | 1 | 0 | 1 |") != NULL && strstr(j.text, "| adamw | 2 | 1 | 1 | 2 |") != NULL,
               "lr_regimes: regime counts sgd 4 crawl, 1 converge, 1 diverge; adamw 2, 1, 1 zigzag, 2");

    /* sgd's best at 1e-4 with divergence only at 1: four grid steps apart */
    const char *far =
        "sgd 1e-5 1 ok 2.2\nsgd 1e-5 2 ok 2.21\nsgd 1e-4 1 ok 0.3\nsgd 1e-4 2 ok 0.31\n"
        "sgd 1e-3 1 ok 0.6\nsgd 1e-3 2 ok 0.62\nsgd 1e-2 1 ok 0.9\nsgd 1e-2 2 ok 0.92\n"
        "sgd 1e-1 1 ok 1.3\nsgd 1e-1 2 ok 1.31\nsgd 1 1 diverged nan\nsgd 1 2 diverged nan\n";
    lr_table("lr_far", far);
    j = judge("lr_far", lr_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "lr_regimes: best lr 4 grid steps below divergence is %s",
               verdict_names[j.verdict]);

    /* adamw's best at 1e-2: outside 1e-4..1e-3 */
    const char *adam_high =
        "adamw 1e-5 1 ok 1.5\nadamw 1e-5 2 ok 1.52\nadamw 1e-4 1 ok 0.9\nadamw 1e-4 2 ok 0.91\n"
        "adamw 1e-3 1 ok 0.5\nadamw 1e-3 2 ok 0.51\nadamw 1e-2 1 ok 0.3\nadamw 1e-2 2 ok 0.3\n"
        "adamw 1e-1 1 diverged nan\nadamw 1e-1 2 diverged nan\n";
    lr_table("lr_adam", adam_high);
    j = judge("lr_adam", lr_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "outside the typical range"),
               "lr_regimes: an Adam-family best lr of 1e-2 is %s", verdict_names[j.verdict]);

    /* seeds disagree: seed 1 best at 1e-4, seed 2 best at 1e-2 */
    const char *noisy =
        "sgd 1e-5 1 ok 2.2\nsgd 1e-5 2 ok 2.21\nsgd 1e-4 1 ok 0.3\nsgd 1e-4 2 ok 0.9\n"
        "sgd 1e-3 1 ok 0.6\nsgd 1e-3 2 ok 0.62\nsgd 1e-2 1 ok 0.9\nsgd 1e-2 2 ok 0.2\n"
        "sgd 1e-1 1 diverged nan\nsgd 1e-1 2 diverged nan\n";
    lr_table("lr_noisy", noisy);
    j = judge("lr_noisy", lr_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "seeds disagree"),
               "lr_regimes: seeds with different best lrs give %s", verdict_names[j.verdict]);

    /* nothing diverges */
    const char *calm = "sgd 1e-5 1 ok 2.2\nsgd 1e-5 2 ok 2.21\nsgd 1e-4 1 ok 1.3\nsgd 1e-4 2 ok 1.31\n"
                       "sgd 1e-3 1 ok 0.6\nsgd 1e-3 2 ok 0.62\n";
    lr_table("lr_calm", calm);
    j = judge("lr_calm", lr_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "does not reach divergence"),
               "lr_regimes: a grid that never diverges gives %s", verdict_names[j.verdict]);
}

/* A runs.tsv from rows "precision rounding loss_scale seed status final_val_loss
 * activation_bytes train_loss" (grad bytes 2/5 of the activation bytes, weights and
 * state fixed; the linked axis's own column beside its parts, as the runner writes it),
 * and per run a curve.tsv whose last evaluation (steps 151-200) has that train_loss,
 * the one before (steps 1-150) 9. */
static void precision_table(const char *name, const char *rows)
{
    char dir[512], path[700];
    FILE *f = runs_tsv(name, "run_id\tprecision/rounding/loss_scale\tprecision\trounding\tloss_scale\tseed\tstatus\t"
                             "final_val_loss\tweight_bytes\tgrad_bytes\tstate_bytes\tactivation_bytes",
                       dir, sizeof dir);
    char buf[8192], prec[32], rnd[32], scale[32], status[32], loss[32], train[32];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        int seed, act;
        if (sscanf(l, "%31s %31s %31s %d %31s %31s %d %31s", prec, rnd, scale, &seed, status, loss, &act, train) != 8)
            exit(99);
        char id[13], seed_text[16];
        snprintf(seed_text, sizeof seed_text, "%d", seed);
        run_id(id, "precision", prec, "rounding", rnd, "loss_scale", scale, "seed", seed_text, (const char *)NULL);
        fprintf(f, "%s\t%s/%s/%s\t%s\t%s\t%s\t%d\t%s\t%s\t400\t%d\t800\t%d\n", id, prec, rnd, scale, prec, rnd, scale,
                seed, status, loss, act * 2 / 5, act);
        snprintf(path, sizeof path, "%s/runs/%s", dir, id);
        make_dirs(path);
        snprintf(path, sizeof path, "%s/runs/%s/curve.tsv", dir, id);
        char curve[256];
        snprintf(curve, sizeof curve, "step\ttrain_loss\tlost_updates\tgrad_zero\n0\tnan\tnan\tnan\n"
                                      "150\t9\t0.5\t0.01\n200\t%s\t0.5\t0.01\n", train);
        write_file(path, curve);
    }
    fclose(f);
}

static const char *const precision_ini =
    "[experiment]\ntitle = t\nclaims = C18 C19\n[settings]\n[sweep]\n"
    "precision/rounding/loss_scale = fp32/nearest/none bf16/nearest/none bf16-pure/nearest/none\n"
    "  bf16-pure/stochastic/none fp16/nearest/none fp16/nearest/dynamic\nseed = 1 2\n"
    "[verdict]\nrule = precision\ntolerance = 0.01\nbytes = activation_bytes grad_bytes\n";

static Verdict claim_verdict(const Judgement *j, const char *id)
{
    for (int k = 0; k < j->nclaims; k++)
        if (!strcmp(j->claim[k].id, id)) return j->claim[k].verdict;
    return VERDICT_NONE;
}

static void test_precision(void)
{
    /* bf16 and scaled fp16 within 1 % of fp32 on both losses; bf16 weights with
     * nearest rounding as good on held-out data but worse in training on both seeds,
     * stochastic rounding within 1 %; unscaled fp16 diverges on one seed */
    const char *textbook =
        "fp32 nearest none 1 ok 0.300 1000 0.150\nfp32 nearest none 2 ok 0.310 1000 0.160\n"
        "bf16 nearest none 1 ok 0.301 500 0.151\nbf16 nearest none 2 ok 0.309 500 0.159\n"
        "bf16-pure nearest none 1 ok 0.300 500 0.180\nbf16-pure nearest none 2 ok 0.305 500 0.190\n"
        "bf16-pure stochastic none 1 ok 0.302 500 0.151\nbf16-pure stochastic none 2 ok 0.311 500 0.160\n"
        "fp16 nearest none 1 ok 0.400 500 0.300\nfp16 nearest none 2 diverged nan 500 nan\n"
        "fp16 nearest dynamic 1 ok 0.300 500 0.150\nfp16 nearest dynamic 2 ok 0.311 500 0.161\n";
    precision_table("p_textbook", textbook);
    Judgement j = judge("p_textbook", precision_ini);
    CHECK_TRUE(claim_verdict(&j, "C18") == VERDICT_CONFIRMED && claim_verdict(&j, "C19") == VERDICT_CONFIRMED &&
                   j.verdict == VERDICT_CONFIRMED,
               "precision: the textbook's results confirm C18 and C19 (%s)", j.key);
    const char *row = strstr(j.text, "| bf16 weights, round to nearest |");
    CHECK_TRUE(row && !strncmp(row, "| bf16 weights, round to nearest | 2 | 0.3025 ± 0.003536 | -0.0025 (-0.03427 to 0.02927) | "
                                    "-0.82 % | 0.185 ± 0.007071 | 0.03 (", 105),
               "precision: gaps are paired by seed, held-out (+0, -0.005) and training (+0.03, +0.03)");
    CHECK_TRUE(j.nclaims == 2 && strstr(j.claim[0].key, "nearest -0.82/+19.35 %") != NULL,
               "precision: the C18 key number gives both gaps (%s)", j.claim[0].key);

    /* a misspelt bytes column is an error, not a check that passes */
    static char typo_ini[1024];
    snprintf(typo_ini, sizeof typo_ini, "%s", precision_ini);
    *strstr(typo_ini, "activation_bytes grad") = 'A';
    static Judgement typo;
    Status typo_st = judge_status("p_textbook", typo_ini, &typo);
    char typo_msg[512];
    snprintf(typo_msg, sizeof typo_msg, "%s", err_msg());
    CHECK_TRUE(typo_st == ST_FAILED && strstr(typo_msg, "'Activation_bytes'"),
               "precision: an unknown bytes column fails the rule (%s)", typo_msg);

    /* train_tail = 1: the training loss is the mean over both rows of each curve, each
     * weighing the steps it covers: (150·9 + 50·0.150) / 200 and (150·9 + 50·0.160) / 200
     * for fp32 */
    static char tail_ini[1024];
    snprintf(tail_ini, sizeof tail_ini, "%strain_tail = 1\n", precision_ini);
    j = judge("p_textbook", tail_ini);
    row = strstr(j.text, "| fp32 |");
    CHECK_TRUE(strstr(j.text, "train loss (mean over the last 100 % of the steps)") && row &&
                   !strncmp(row, "| fp32 | 2 | 0.305 ± 0.007071 | 0 (0 to 0) | +0.00 % | 6.789 ± 0.001768 |", 73),
               "precision: train_tail = 1 averages the training loss over the whole curve, weighted by steps");
    /* a tail that is not a fraction of the steps is an error */
    const char *bad_tails[] = {"2", "-0.5", "half", "0.5x"};
    for (int k = 0; k < 4; k++) {
        snprintf(tail_ini, sizeof tail_ini, "%strain_tail = %s\n", precision_ini, bad_tails[k]);
        static Judgement bad;
        Status bad_st = judge_status("p_textbook", tail_ini, &bad);
        CHECK_TRUE(bad_st == ST_FAILED && strstr(err_msg(), "train_tail"), "precision: train_tail = %s fails the rule (%s)",
                   bad_tails[k], err_msg());
    }

    /* unscaled fp16 as good as fp32; bf16 keeps fp32-sized activations */
    const char *no_scaling_needed =
        "fp32 nearest none 1 ok 0.300 1000 0.150\nfp32 nearest none 2 ok 0.310 1000 0.160\n"
        "bf16 nearest none 1 ok 0.301 1000 0.151\nbf16 nearest none 2 ok 0.309 1000 0.159\n"
        "bf16-pure nearest none 1 ok 0.350 500 0.180\nbf16-pure nearest none 2 ok 0.370 500 0.190\n"
        "bf16-pure stochastic none 1 ok 0.302 500 0.151\nbf16-pure stochastic none 2 ok 0.311 500 0.160\n"
        "fp16 nearest none 1 ok 0.301 500 0.150\nfp16 nearest none 2 ok 0.310 500 0.160\n"
        "fp16 nearest dynamic 1 ok 0.300 500 0.150\nfp16 nearest dynamic 2 ok 0.311 500 0.160\n";
    precision_table("p_refuted", no_scaling_needed);
    j = judge("p_refuted", precision_ini);
    CHECK_TRUE(claim_verdict(&j, "C18") == VERDICT_REFUTED && strstr(j.text, "does not halve"),
               "precision: bf16 that does not halve the activations refutes C18 (%s)",
               verdict_names[claim_verdict(&j, "C18")]);
    CHECK_TRUE(claim_verdict(&j, "C19") == VERDICT_REFUTED && strstr(j.text, "without loss scaling matches"),
               "precision: unscaled fp16 as good as fp32 refutes C19 (%s)", verdict_names[claim_verdict(&j, "C19")]);

    /* bf16 weights with nearest rounding 3 % worse in training on both seeds, while the seeds
     * spread the validation loss by 9 % (0.28 and 0.32): beyond the tolerance, inside the
     * noise floor, so C18 is inconclusive; without a floor it loses and C18 is confirmed */
    const char *spread =
        "fp32 nearest none 1 ok 0.280 1000 0.150\nfp32 nearest none 2 ok 0.320 1000 0.160\n"
        "bf16 nearest none 1 ok 0.281 500 0.150\nbf16 nearest none 2 ok 0.321 500 0.160\n"
        "bf16-pure nearest none 1 ok 0.280 500 0.1545\nbf16-pure nearest none 2 ok 0.320 500 0.1648\n"
        "bf16-pure stochastic none 1 ok 0.281 500 0.150\nbf16-pure stochastic none 2 ok 0.319 500 0.160\n";
    precision_table("p_spread", spread);
    j = judge("p_spread", precision_ini);
    CHECK_TRUE(claim_verdict(&j, "C18") == VERDICT_INCONCLUSIVE && strstr(j.text, "| unclear (inside the floor) |") &&
                   strstr(j.text, "**Noise floor (C21):** 9.41 % of the baseline, from this experiment's own seeds"),
               "precision: a loss inside the seeds' noise floor is unclear: C18 %s", verdict_names[claim_verdict(&j, "C18")]);
    static char none_ini[1024];
    snprintf(none_ini, sizeof none_ini, "%sfloor = none\n", precision_ini);
    j = judge("p_spread", none_ini);
    CHECK_TRUE(claim_verdict(&j, "C18") == VERDICT_CONFIRMED, "precision: the same loss without a floor confirms C18 (%s)",
               verdict_names[claim_verdict(&j, "C18")]);

    /* bf16 weights with nearest rounding: +10 % on one seed, -2 % on the other, in training */
    const char *noisy =
        "fp32 nearest none 1 ok 0.300 1000 0.150\nfp32 nearest none 2 ok 0.310 1000 0.160\n"
        "bf16 nearest none 1 ok 0.301 500 0.151\nbf16 nearest none 2 ok 0.309 500 0.159\n"
        "bf16-pure nearest none 1 ok 0.300 500 0.165\nbf16-pure nearest none 2 ok 0.310 500 0.157\n"
        "bf16-pure stochastic none 1 ok 0.302 500 0.151\nbf16-pure stochastic none 2 ok 0.311 500 0.160\n";
    precision_table("p_noisy", noisy);
    j = judge("p_noisy", precision_ini);
    CHECK_TRUE(claim_verdict(&j, "C18") == VERDICT_INCONCLUSIVE && claim_verdict(&j, "C19") == VERDICT_INCONCLUSIVE,
               "precision: a gap the seeds disagree on, and missing fp16 runs, are inconclusive (C18 %s, C19 %s)",
               verdict_names[claim_verdict(&j, "C18")], verdict_names[claim_verdict(&j, "C19")]);
}

/* A runs.tsv and one curve.tsv per run (step 0 only) from rows
 * "landscape w0 w0_2 loss": the curve's point is (w0, w0_2) or w0; loss "-" writes no
 * curve. */
static void loss_table(const char *name, const char *rows)
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\tlandscape\tw0\tw0_2\tstatus", dir, sizeof dir);
    char buf[4096], land[32], w0[32], w0_2[32], loss[32];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (sscanf(l, "%31s %31s %31s %31s", land, w0, w0_2, loss) != 4) exit(99);
        char id[13];
        run_id(id, "model", "toy", "landscape", land, "w0", w0, "w0_2", w0_2, (const char *)NULL);
        fprintf(f, "%s\t%s\t%s\t%s\tok\n", id, land, w0, w0_2);
        if (!strcmp(loss, "-")) continue;
        char run[700], curve[800], text[512];
        snprintf(run, sizeof run, "%s/runs/%s", dir, id);
        make_dirs(run);
        snprintf(curve, sizeof curve, "%s/curve.tsv", run);
        if (strstr(land, "simplex"))
            snprintf(text, sizeof text, "step\tlr\tloss\tgrad_norm\tw1\tw2\n0\t0\t%s\t1\t%s\t%s\n", loss, w0, w0_2);
        else snprintf(text, sizeof text, "step\tlr\tloss\tgrad_norm\tw\n0\t0\t%s\t1\t%s\n", loss, w0);
        write_file(curve, text);
    }
    fclose(f);
}

static const char *const losses_ini =
    "[experiment]\ntitle = t\nclaims = C22\n[settings]\nmodel = toy\n[sweep]\n"
    "landscape/w0/w0_2 = mse_simplex/0.7/0.2 ce_simplex/0.7/0.2 mse_error/1/0 mse_error/2/0 "
    "ce_error/1/0 ce_error/2/0\n[verdict]\nrule = losses\ndecimals = 4\nmse = %s\nmse_ratio = 4\n";

static void test_losses(void)
{
    /* the definitions: 0.14/3, −log 0.7, 1, 4, log(1 + e), log(1 + e²) */
    const char *textbook = "mse_simplex 0.7 0.2 0.0466667\nce_simplex 0.7 0.2 0.356675\n"
                           "mse_error 1 0 1\nmse_error 2 0 4\nce_error 1 0 1.31326\nce_error 2 0 2.12693\n";
    char ini[1024];
    loss_table("l_textbook", textbook);
    snprintf(ini, sizeof ini, losses_ini, "0.0467");
    Judgement j = judge("l_textbook", ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "1.62") != NULL,
               "losses: the textbook's numbers are %s (%s)", verdict_names[j.verdict], j.key);
    snprintf(ini, sizeof ini, losses_ini, "0.0500");
    j = judge("l_textbook", ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "losses: a claimed MSE of 0.0500 is %s",
               verdict_names[j.verdict]);
    /* a cross-entropy that forgot the log: 1 − p instead of −log p */
    loss_table("l_nolog", "mse_simplex 0.7 0.2 0.0466667\nce_simplex 0.7 0.2 0.3\n"
                          "mse_error 1 0 1\nmse_error 2 0 4\nce_error 1 0 1.31326\nce_error 2 0 2.12693\n");
    snprintf(ini, sizeof ini, losses_ini, "0.0467");
    j = judge("l_nolog", ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "| 0.3000 | 0.3567 | **no** |") != NULL,
               "losses: a cross-entropy off its definition is %s", verdict_names[j.verdict]);
    loss_table("l_missing", "mse_simplex 0.7 0.2 0.0466667\nce_simplex 0.7 0.2 0.356675\n"
                            "mse_error 1 0 1\nmse_error 2 0 -\nce_error 1 0 1.31326\nce_error 2 0 2.12693\n");
    j = judge("l_missing", ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "losses: a run without a curve is %s",
               verdict_names[j.verdict]);
}

/* results/NAME for the bowl's growth: at rotations 0 and 45, κ = 1 10 100 1000 and
 * lr = 0.5 1 2, the run at lr `best` reaches the tolerance in round(10·κ^b) steps, the
 * other two in twice that. */
static void bowl_table(const char *name, double b, const char *best)
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\tlandscape\trotation\tkappa\tlr\tstatus\ttolerance_step", dir, sizeof dir);
    const char *rots[] = {"0", "45"}, *kappas[] = {"1", "1e+01", "1e+02", "1e+03"} /* as summary.tsv writes them */, *lrs[] = {"0.5", "1", "2"};
    for (int q = 0; q < 2; q++)
        for (int k = 0; k < 4; k++)
            for (int l = 0; l < 3; l++) {
                char id[13];
                run_id(id, "model", "toy", "landscape", "bowl", "rotation", rots[q], "kappa", kappas[k], "lr", lrs[l],
                       (const char *)NULL);
                long steps = lround(10 * pow(strtod(kappas[k], NULL), b)) * (strcmp(lrs[l], best) ? 2 : 1);
                fprintf(f, "%s\tbowl\t%s\t%s\t%s\tok\t%ld\n", id, rots[q], kappas[k], lrs[l], steps);
            }
    fclose(f);
}

static const char *const bowl_ini =
    "[experiment]\ntitle = t\nclaims = C03\n[settings]\nmodel = toy\nlandscape = bowl\n[sweep]\n"
    "rotation = 0 45\nkappa = 1 10 100 1000\nlr = 0.5 1 2\n[verdict]\nrule = bowl\nfit_from = 1\n%s\n";

/* results/NAME for trajectories at rotation 0: per optimizer (sgd, momentum, adam) one
 * run with `steps` steps to the tolerance (-1: never) whose curve.tsv walks
 * w1 = ±0.9^t (alternating signs if that optimizer zig-zags), w2 = 0.9^t. */
static void paths_table(const char *name, const int steps[3], const bool zig[3])
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\tlandscape\trotation\toptimizer\tstatus\ttolerance_step", dir, sizeof dir);
    const char *opts[] = {"sgd", "momentum", "adam"};
    for (int o = 0; o < 3; o++) {
        char id[13], run[700], path[800];
        run_id(id, "model", "toy", "landscape", "bowl", "optimizer", opts[o], (const char *)NULL);
        fprintf(f, "%s\tbowl\t0\t%s\tok\t%d\n", id, opts[o], steps[o]);
        snprintf(run, sizeof run, "%s/runs/%s", dir, id);
        make_dirs(run);
        snprintf(path, sizeof path, "%s/curve.tsv", run);
        FILE *c = fopen(path, "w");
        if (!c) exit(99);
        fprintf(c, "step\tlr\tloss\tgrad_norm\tw1\tw2\n");
        int n = steps[o] > 0 ? steps[o] : 50;
        for (int t = 0; t <= n; t++)
            fprintf(c, "%d\t1\t1\t1\t%g\t%g\n", t, (zig[o] && t % 2 ? -1 : 1) * pow(0.9, t), pow(0.9, t));
        fclose(c);
    }
    fclose(f);
}

static const char *const paths_ini =
    "[experiment]\ntitle = t\nclaims = C03\n[settings]\nmodel = toy\nlandscape = bowl\n[sweep]\n"
    "optimizer = sgd momentum adam\n[verdict]\nrule = bowl\nzigzag = 0.9\n";

static void test_bowl(void)
{
    char ini[1024];
    bowl_table("b_linear", 1, "1");
    snprintf(ini, sizeof ini, bowl_ini, "expect = 0.85 1.15");
    Judgement j = judge("b_linear", ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "b = 1 (axis-aligned), b = 1 (rotated 45°)"),
               "bowl: steps ∝ κ against a claimed 0.85..1.15 are %s (%s)", verdict_names[j.verdict], j.key);
    bowl_table("b_sqrt", 0.5, "1");
    j = judge("b_sqrt", ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "bowl: steps ∝ √κ against a claimed 0.85..1.15 are %s (%s)",
               verdict_names[j.verdict], j.key);
    snprintf(ini, sizeof ini, bowl_ini, "expect_0 = 0.35 0.65");
    j = judge("b_sqrt", ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.text, "no interval claimed"),
               "bowl: an interval for rotation 0 only judges that rotation (%s)", verdict_names[j.verdict]);
    bowl_table("b_edge", 1, "2");
    snprintf(ini, sizeof ini, bowl_ini, "expect = 0.85 1.15");
    j = judge("b_edge", ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "(grid edge)"),
               "bowl: a best lr at the grid's edge is %s", verdict_names[j.verdict]);

    const int steps[3] = {400, 80, 150}, late[3] = {400, -1, 150};
    const bool zig[3] = {true, true, false}, calm[3] = {false, true, false};
    paths_table("b_paths", steps, zig);
    j = judge("b_paths", paths_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.text, "| 400 | 100 % of steps | yes |"),
               "bowl: sgd zig-zagging and momentum faster are %s (%s)", verdict_names[j.verdict], j.key);
    paths_table("b_calm", steps, calm);
    j = judge("b_calm", paths_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "bowl: sgd without a zig-zag is %s", verdict_names[j.verdict]);
    paths_table("b_late", late, zig);
    j = judge("b_late", paths_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "bowl: momentum that never arrives is %s",
               verdict_names[j.verdict]);
}

/* results/NAME with one gradcheck run whose gradcheck.tsv holds rows
 * "kind error" (the rest of the columns made up). */
static void gradcheck_table(const char *name, const char *rows)
{
    char dir[512], run[700], path[800], id[13];
    FILE *f = runs_tsv(name, "run_id\tseed\tstatus", dir, sizeof dir);
    run_id(id, "seed", "1", (const char *)NULL);
    fprintf(f, "%s\t1\tok\n", id);
    fclose(f);
    snprintf(run, sizeof run, "%s/runs/%s", dir, id);
    make_dirs(run);
    snprintf(path, sizeof path, "%s/gradcheck.tsv", run);
    FILE *t = fopen(path, "w");
    if (!t) exit(99);
    fprintf(t, "kind\tname\terror\tworst_tensor\ttensor_error\tw\tanalytic\tnumeric\n");
    char buf[1024], kind[16], err[32];
    snprintf(buf, sizeof buf, "%s", rows);
    int i = 0;
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save), i++) {
        if (sscanf(l, "%15s %31s", kind, err) != 2) exit(99);
        fprintf(t, "%s\tcheck %d\t%s\tw\t%s\t2\t12\t12\n", kind, i, err, err);
    }
    fclose(t);
}

static const char *const gradcheck_ini =
    "[experiment]\ntitle = t\nclaims = C07\n[settings]\nseed = 1\n[gradcheck]\n[verdict]\nrule = gradcheck\n"
    "bound_toy = 1e-6\nbound_model = 1e-3\n%s\n";

static void test_gradcheck(void)
{
    char ini[512];
    snprintf(ini, sizeof ini, gradcheck_ini, "bound_torch = 1e-5");
    gradcheck_table("g_ok", "toy 1e-12\nmodel 5e-5\nmodel 8e-5\ntorch 2e-7\n");
    Judgement j = judge("g_ok", ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "models 8e-05"),
               "gradcheck: every error under its bound is %s (%s)", verdict_names[j.verdict], j.key);
    gradcheck_table("g_over", "toy 1e-12\nmodel 5e-5\nmodel 2e-3\ntorch 2e-7\n");
    j = judge("g_over", ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "**over**"),
               "gradcheck: a model error over its bound is %s", verdict_names[j.verdict]);
    snprintf(ini, sizeof ini, gradcheck_ini, "");
    j = judge("g_ok", ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "gradcheck: a kind without a bound is %s",
               verdict_names[j.verdict]);
}

/* IsoFLOP tables: per budget five sizes N = 10^4 .. 10^6 with the loss
 * 2 + k·(log10 N − u*)² (k < 0: a maximum), a ±0.002 wobble so the fit has residuals,
 * FLOPs per token 6N; params_nonembed half of N. `drop` leaves that column out. */
static void isoflop_table(const char *name, const double *ustar, const double *k, bool drop)
{
    char dir[512];
    FILE *f = runs_tsv(name, drop ? "run_id\tmodel\tflop_budget\twidth\tparams\tfinal_val_loss\ttrain_flop\titems_seen\tstatus"
                                  : "run_id\tmodel\tflop_budget\twidth\tparams\tparams_nonembed\tfinal_val_loss\ttrain_flop\t"
                                    "items_seen\tstatus",
                       dir, sizeof dir);
    const double budgets[3] = {1e12, 3e12, 1e13};
    for (int b = 0; b < 3; b++)
        for (int s = 0; s < 5; s++) {
            double u = 4 + 0.5 * s, N = pow(10, u), loss = 2 + k[b] * (u - ustar[b]) * (u - ustar[b]) + (s % 2 ? 0.002 : -0.002);
            char id[13], budget[32], width[16];
            snprintf(budget, sizeof budget, "%g", budgets[b]), snprintf(width, sizeof width, "%d", 16 * (s + 1));
            run_id(id, "model", "gpt", "flop_budget", budget, "width", width, (const char *)NULL);
            fprintf(f, "%s\tgpt\t%g\t%s\t%.0f\t", id, budgets[b], width, N);
            if (!drop) fprintf(f, "%.0f\t", N / 2);
            fprintf(f, "%.9g\t%g\t%.9g\tok\n", loss, budgets[b], budgets[b] / (6 * N));
        }
    fclose(f);
}

static const char *const isoflop_ini =
    "[experiment]\ntitle = t\nclaims = C23\n[settings]\nmodel = gpt\n[sweep]\nflop_budget = 1e12 3e12 1e13\n"
    "width = 16 32 48 64 80\n[verdict]\nrule = isoflop\nmin_budgets = 3\nmin_sizes = 5\n";

/* The optima u* = 4.8, 5.0, 5.2 at budgets a factor 10^0.5 apart: confirmed, a = 0.4. */
static void check_isoflop_ok(const Judgement *j, const char *what)
{
    const char *a = strstr(j->key, "a = ");
    double expo = a ? strtod(a + 4, NULL) : NAN;
    CHECK_TRUE(j->verdict == VERDICT_CONFIRMED && fabs(expo - 0.4) < 0.05, "isoflop: %s is %s, a = %g (%s)", what,
               verdict_names[j->verdict], expo, j->key);
}

static void test_isoflop(void)
{
    const double us[3] = {4.8, 5.0, 5.2}, up[3] = {0.5, 0.5, 0.5};
    isoflop_table("i_ok", us, up, false);
    Judgement j = judge("i_ok", isoflop_ini);
    check_isoflop_ok(&j, "a minimum inside the sizes at every budget");
    /* at budget 1e12 the optimum 10^4.8 trains on 1e12 / (6·10^4.8) tokens: D/N = 1e12 / (6·10^9.6) */
    double want = 1e12 / (6 * pow(10, 9.6)), got = strstr(j.key, "D/N ") ? strtod(strstr(j.key, "D/N ") + 4, NULL) : NAN;
    CHECK_TRUE(fabs(got / want - 1) < 0.05, "isoflop: the ratio at the first budget's optimum %g (about %g)", got, want);
    const double down[3] = {0.5, -0.5, 0.5};
    isoflop_table("i_max", us, down, false);
    j = judge("i_max", isoflop_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "a maximum"), "isoflop: a budget whose loss peaks mid-range is %s",
               verdict_names[j.verdict]);
    const double edge[3] = {4.8, 7, 5.2};
    isoflop_table("i_edge", edge, up, false);
    j = judge("i_edge", isoflop_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "not found"),
               "isoflop: an optimum beyond the largest size is %s", verdict_names[j.verdict]);
    isoflop_table("i_missing", us, up, true);
    Status st = judge_status("i_missing", isoflop_ini, &j);
    CHECK_TRUE(st != ST_OK && strstr(err_msg(), "params_nonembed"), "isoflop: a missing column fails (%s)", err_msg());
}

/* IsoFLOP tables with a learning-rate grid: as isoflop_table with u* 4.8, 5.0, 5.2 and
 * curvature 0.5, each size run at lr 1e-3, 3e-3 and 1e-2; the rate `best[s]` (an index)
 * of size s gives the parabola's loss, the others 0.3 more; one run per size and rate,
 * or with `seeds` 2 two (a seed column), the other rates 0.5 below that on seed 1 (below
 * the best rate's run) and 0.5 above on seed 2: the same means. */
static void isoflop_lr_table(const char *name, const int *best, int seeds)
{
    char dir[512];
    FILE *f = runs_tsv(name, seeds > 1 ? "run_id\tmodel\tflop_budget\twidth\tlr\tseed\tparams\tparams_nonembed\t"
                                         "final_val_loss\ttrain_flop\titems_seen\tstatus"
                                       : "run_id\tmodel\tflop_budget\twidth\tlr\tparams\tparams_nonembed\t"
                                         "final_val_loss\ttrain_flop\titems_seen\tstatus",
                       dir, sizeof dir);
    const double budgets[3] = {1e12, 3e12, 1e13}, us[3] = {4.8, 5.0, 5.2};
    const char *const lrs[3] = {"0.001", "0.003", "0.01"};
    for (int b = 0; b < 3; b++)
        for (int s = 0; s < 5; s++)
            for (int r = 0; r < 3; r++)
                for (int seed = 1; seed <= seeds; seed++) {
                    double u = 4 + 0.5 * s, N = pow(10, u), off = seeds > 1 ? (seed == 1 ? -0.5 : 0.5) : 0;
                    double loss = 2 + 0.5 * (u - us[b]) * (u - us[b]) + (s % 2 ? 0.002 : -0.002) +
                                  (r == best[s] ? 0 : 0.3 + off);
                    char id[13], budget[32], width[16], sd[8];
                    snprintf(budget, sizeof budget, "%g", budgets[b]), snprintf(width, sizeof width, "%d", 16 * (s + 1));
                    snprintf(sd, sizeof sd, "%d", seed);
                    if (seeds > 1)
                        run_id(id, "model", "gpt", "flop_budget", budget, "width", width, "lr", lrs[r], "seed", sd,
                               (const char *)NULL);
                    else run_id(id, "model", "gpt", "flop_budget", budget, "width", width, "lr", lrs[r], (const char *)NULL);
                    fprintf(f, "%s\tgpt\t%g\t%s\t%s\t", id, budgets[b], width, lrs[r]);
                    if (seeds > 1) fprintf(f, "%d\t", seed);
                    fprintf(f, "%.0f\t%.0f\t%.9g\t%g\t%.9g\tok\n", N, N / 2, loss, budgets[b], budgets[b] / (6 * N));
                }
    fclose(f);
}

static const char *const isoflop_lr_ini =
    "[experiment]\ntitle = t\nclaims = C23\n[settings]\nmodel = gpt\n[sweep]\nflop_budget = 1e12 3e12 1e13\n"
    "width = 16 32 48 64 80\nlr = 0.001 0.003 0.01\n[verdict]\nrule = isoflop\nmin_budgets = 3\nmin_sizes = 5\n";

/* Each size's point is its best rate: the same verdict and exponent as one run per size,
 * the rate each size took named, a rate at the end of its grid starred; with seeds, the
 * best mean over them. */
static void test_isoflop_lr(void)
{
    const int inner[5] = {1, 1, 1, 1, 1}, edge[5] = {0, 1, 1, 1, 2};
    isoflop_lr_table("il_ok", inner, 1);
    Judgement j = judge("il_ok", isoflop_lr_ini);
    check_isoflop_ok(&j, "with an lr grid the best rate per size");
    CHECK_TRUE(strstr(j.text, "| 1e+12 | 1e+04: 0.003 (of 3), 3.162e+04: 0.003 (of 3)") != NULL && !strstr(j.text, "\\* (of"),
               "isoflop: each size's best rate is named, none at an end of the grid");
    isoflop_lr_table("il_edge", edge, 1);
    j = judge("il_edge", isoflop_lr_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.text, "1e+04: 0.001\\* (of 3)") &&
                   strstr(j.text, "1e+06: 0.01\\* (of 3)"),
               "isoflop: a best rate at an end of the grid is starred");
    /* two seeds: a rate's point is its mean over them, not its luckiest run */
    isoflop_lr_table("il_seeds", inner, 2);
    j = judge("il_seeds", "[experiment]\ntitle = t\nclaims = C23\n[settings]\nmodel = gpt\n[sweep]\n"
                          "flop_budget = 1e12 3e12 1e13\nwidth = 16 32 48 64 80\nlr = 0.001 0.003 0.01\nseed = 1 2\n"
                          "[verdict]\nrule = isoflop\nmin_budgets = 3\nmin_sizes = 5\n");
    check_isoflop_ok(&j, "with two seeds the best mean rate per size");
    CHECK_TRUE(strstr(j.text, "| 1e+12 | 1e+04: 0.003 (of 3), 3.162e+04: 0.003 (of 3)") != NULL,
               "isoflop: with two seeds each size's best rate is the best mean over its seeds");
}

/* Overfitting tables: one size (1000), two seeds, rows "cure value final best" (the
 * linked axis's own column beside its parts, as the runner writes it); the baseline's
 * curve falls to its lowest validation loss at step 100 and rises by 200 while the
 * training loss goes from 0.4 to 0.05. */
static void overfit_table(const char *name, const char *rows, bool drop)
{
    char dir[512], path[700];
    FILE *f = runs_tsv(name, drop ? "run_id\ttrain_subset\tweight_decay/dropout/patience\tweight_decay\tdropout\t"
                                    "patience\tseed\tstatus\tfinal_val_loss\tbest_val_loss\tsteps_done"
                                  : "run_id\ttrain_subset\tweight_decay/dropout/patience\tweight_decay\tdropout\t"
                                    "patience\tseed\tstatus\tfinal_val_loss\tbest_val_loss\tfinal_train_loss\t"
                                    "steps_done",
                       dir, sizeof dir);
    char buf[4096], cure[32];
    snprintf(buf, sizeof buf, "%s", rows);
    int n = 0;
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        double value, final, best;
        if (sscanf(l, "%31s %lf %lf %lf", cure, &value, &final, &best) != 4) exit(99);
        for (int seed = 1; seed <= 2; seed++, n++) {
            double wd = !strcmp(cure, "wd") ? value : 0, dr = !strcmp(cure, "dropout") ? value : 0,
                   pa = !strcmp(cure, "patience") ? value : 0, wob = seed == 1 ? 0.001 : -0.001;
            char id[13], v[3][32], sd[8];
            snprintf(v[0], 32, "%g", wd), snprintf(v[1], 32, "%g", dr), snprintf(v[2], 32, "%g", pa);
            snprintf(sd, sizeof sd, "%d", seed);
            run_id(id, "train_subset", "1000", "weight_decay", v[0], "dropout", v[1], "patience", v[2], "seed", sd,
                   (const char *)NULL);
            fprintf(f, "%s\t1000\t%g/%g/%g\t%g\t%g\t%g\t%d\t%s\t%.6g\t%.6g\t", id, wd, dr, pa, wd, dr, pa, seed,
                    pa > 0 ? "stopped" : "ok", final + wob, best);
            if (!drop) fprintf(f, "0.05\t");
            fprintf(f, "%d\n", pa > 0 ? 130 : 200);
            snprintf(path, sizeof path, "%s/runs/%s", dir, id);
            make_dirs(path);
            snprintf(path, sizeof path, "%s/runs/%s/curve.tsv", dir, id);
            char curve[256];
            snprintf(curve, sizeof curve, "step\ttrain_loss\tval_loss\n0\tnan\t2.3\n100\t0.4\t%.6g\n200\t0.05\t%.6g\n",
                     best, final + wob);
            write_file(path, curve);
        }
    }
    fclose(f);
}

static const char *const overfit_ini =
    "[experiment]\ntitle = t\nclaims = C20\n[settings]\n[sweep]\ntrain_subset = 1000\n"
    "weight_decay/dropout/patience = 0/0/0 1/0/0 0/0.5/0 0/0/3\nseed = 1 2\n[verdict]\nrule = overfit\n"
    "min_rise = 0.1\n%s";

static void test_overfit(void)
{
    char ini[1024];
    snprintf(ini, sizeof ini, overfit_ini, "min_gain = 0.05\n");
    overfit_table("o_ok", "none 0 0.8 0.5\nwd 1 0.55 0.5\ndropout 0.5 0.6 0.55\npatience 3 0.52 0.5\n", false);
    Judgement j = judge("o_ok", ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.text, "**it overfits**") && strstr(j.text, "stops at step 130"),
               "overfit: three cures that each lower the final loss are %s (%s)", verdict_names[j.verdict], j.key);
    overfit_table("o_dropout", "none 0 0.8 0.5\nwd 1 0.55 0.5\ndropout 0.5 0.79 0.55\npatience 3 0.52 0.5\n", false);
    j = judge("o_dropout", ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "dropout **refuted**") &&
                   strstr(j.text, "weight decay **confirmed**"),
               "overfit: a dropout that does not help is refuted, the others confirmed (%s)", j.key);
    overfit_table("o_none", "none 0 0.52 0.5\nwd 1 0.45 0.44\ndropout 0.5 0.46 0.45\npatience 3 0.51 0.5\n", false);
    j = judge("o_none", ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "no overfitting"),
               "overfit: a baseline that does not overfit is %s", verdict_names[j.verdict]);
    overfit_table("o_missing", "none 0 0.8 0.5\nwd 1 0.55 0.5\n", true);
    Status st = judge_status("o_missing", ini, &j);
    CHECK_TRUE(st != ST_OK && strstr(err_msg(), "final_train_loss"), "overfit: a missing column fails (%s)", err_msg());
    snprintf(ini, sizeof ini, overfit_ini, "");
    st = judge_status("o_ok", ini, &j);
    CHECK_TRUE(st != ST_OK && strstr(err_msg(), "min_gain"), "overfit: a missing threshold fails (%s)", err_msg());
}

static void test_fits(void)
{
    /* y = 1 + 2u + 3u² with ±0.01 alternating: vertex −1/3; a line y = 1 + 2x exactly */
    const double u[] = {-2, -1, 0, 1, 2, 3}, x[] = {0, 1, 2};
    double y[6], ly[3] = {1, 3, 5}, sd[3] = {0.1, 0.1, 0.1};
    for (int i = 0; i < 6; i++) y[i] = 1 + 2 * u[i] + 3 * u[i] * u[i] + (i % 2 ? 0.01 : -0.01);
    Parabola p;
    Status st = fit_parabola(u, y, 6, &p);
    CHECK_TRUE(st == ST_OK && fabs(p.vertex + 1.0 / 3) < 2e-3 && p.vertex_se > 0 && p.vertex_se < 0.01 && p.curv_lo > 2.9 &&
                   p.curv_hi < 3.1 && p.dof == 3,
               "fits: parabola vertex %.6g (se %.3g), curvature %.4g..%.4g", p.vertex, p.vertex_se, p.curv_lo, p.curv_hi);
    CHECK_TRUE(fit_parabola(u, y, 3, &p) != ST_OK, "fits: a parabola through 3 points has no interval");
    Line l;
    st = fit_line(x, ly, sd, 3, &l);
    /* weighted: var(b) = 1 / Σ w (x − x̄)² = 0.01 / 2 */
    CHECK_TRUE(st == ST_OK && fabs(l.b - 2) < 1e-12 && fabs(l.b_se - sqrt(0.005)) < 1e-12,
               "fits: weighted line slope %.12g, se %.6g", l.b, l.b_se);
    /* log10 y = 1, 3, 2, 5 at log10 x = 0..3 (x = 0 and NaN left out): slope 5.5/5 = 1.1,
     * intercept 2.75 − 1.1 · 1.5 = 1.1, residual variance 2.7/2, so the slope's 95 % half-width is
     * t(0.975, 2) sqrt(1.35/5) */
    const double px[] = {1, 10, 100, 1000, 0, NAN}, py[] = {10, 1000, 100, 1e5, 7, 7};
    Line f;
    double hw = 4.302652729749464 * sqrt(1.35 / 5);
    st = fit_loglog(px, py, 6, &f);
    CHECK_TRUE(st == ST_OK && f.n == 4 && fabs(f.b - 1.1) < 1e-12 && fabs(f.a - 1.1) < 1e-12 &&
                   fabs(f.b_lo - (1.1 - hw)) < 1e-9 && fabs(f.b_hi - (1.1 + hw)) < 1e-9,
               "fits: log-log slope %.6g (1.1), intercept %.6g, 95%% interval %.6g..%.6g over 4 positive points",
               f.b, f.a, f.b_lo, f.b_hi);
}

/* Writes results/NAME/runs/ID/curve.tsv with the given header and text. */
static void curve_file(const char *dir, const char *id, const char *header, const char *rows)
{
    char path[900];
    snprintf(path, sizeof path, "%s/runs/%s", dir, id);
    make_dirs(path);
    snprintf(path, sizeof path, "%s/runs/%s/curve.tsv", dir, id);
    FILE *f = fopen(path, "w");
    if (!f) exit(99);
    fprintf(f, "%s\n%s", header, rows);
    fclose(f);
}

/* grad_variance fixtures: per run (b = 1, 4, 16, 64, 256; seeds 1, 2) measurements at
 * steps 0 and 10 with tr(Σ) = 50 b^(1 + p) (variance ∝ b^p; seed 2 at jitter × that),
 * |G_B − G|² = bias × tr(Σ)/B, B = 16 b. A run without noise columns when broken. */
static void variance_table(const char *name, double p, double jitter, double bias, bool broken)
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\tnoise_small/noise_big\tbatch\tnoise_every\tnoise_full\tnoise_small\tnoise_big\tseed\tstatus",
                       dir, sizeof dir);
    for (int b = 1; b <= 256; b *= 4)
        for (int seed = 1; seed <= 2; seed++) {
            char id[13], small[16], big[16], sd[8], rows[512];
            snprintf(small, sizeof small, "%d", b), snprintf(big, sizeof big, "%d", 16 * b);
            snprintf(sd, sizeof sd, "%d", seed);
            run_id(id, "batch", "1024", "noise_every", "1", "noise_full", "on", "noise_small", small, "noise_big",
                   big, "seed", sd, (const char *)NULL);
            fprintf(f, "%s\t%d/%d\t1024\t1\ton\t%d\t%d\t%d\tok\n", id, b, 16 * b, b, 16 * b, seed);
            double rows_tr[2];
            for (int k = 0; k < 2; k++) rows_tr[k] = (k ? 20 : 50) * pow(b, 1 + p) * (seed == 2 ? jitter : 1);
            snprintf(rows, sizeof rows, "0\t2.3\t0.5\t%.9g\t%.9g\t0.5\t%.9g\n10\t1.0\t0.1\t%.9g\t%.9g\t0.1\t%.9g\n",
                     rows_tr[0], rows_tr[0] / 0.5, bias * rows_tr[0] / (16 * b), rows_tr[1], rows_tr[1] / 0.1,
                     bias * rows_tr[1] / (16 * b));
            curve_file(dir, id,
                       broken && b == 16 ? "step\tval_loss\tgrad_sq_norm"
                                         : "step\tval_loss\tgrad_sq_norm\tgrad_noise_trace\tnoise_scale\tfull_sq_norm\tmean_sq_error",
                       rows);
        }
    fclose(f);
}

static const char *const variance_ini =
    "[experiment]\ntitle = t\nclaims = C04\n[settings]\nbatch = 1024\nnoise_every = 1\nnoise_full = on\n"
    "[sweep]\nnoise_small/noise_big = 1/16 4/64 16/256 64/1024 256/4096\nseed = 1 2\n"
    "[verdict]\nrule = grad_variance\nslope = -1\nslope_tol = 0.1\nbias_tol = 0.2\n";

static void test_grad_variance(void)
{
    variance_table("gv_good", -1, 1.01, 1, false);
    Judgement j = judge("gv_good", variance_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED, "grad_variance: variance ∝ 1/b, unbiased mean: %s (%s)",
               verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.key, "step 0: variance ∝ b^-1 ") && strstr(j.key, "B_simple 100.5") &&
                   strstr(j.key, "step 10: variance ∝ b^-1 ") && strstr(j.key, "B_simple 201"),
               "grad_variance: key gives the slope and B_simple per step (%s)", j.key);
    variance_table("gv_sqrt", -0.5, 1.01, 1, false);
    j = judge("gv_sqrt", variance_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "grad_variance: variance ∝ b^-0.5 is %s", verdict_names[j.verdict]);
    variance_table("gv_bias", -1, 1.01, 2, false);
    j = judge("gv_bias", variance_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "is 2 (") != NULL,
               "grad_variance: |G_B − G|² twice tr(Σ)/B (a biased mean) is %s", verdict_names[j.verdict]);
    variance_table("gv_noisy", -1, 3, 1, false);
    j = judge("gv_noisy", variance_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "grad_variance: seeds a factor 3 apart give %s (%s)",
               verdict_names[j.verdict], j.key);
    variance_table("gv_missing", -1, 1.01, 1, true);
    Status st = judge_status("gv_missing", variance_ini, &j);
    CHECK_TRUE(st != ST_OK && strstr(err_msg(), "no gradient-noise measurements"),
               "grad_variance: a run without measurements is an error (%s)", err_msg());
}

/* batch_scaling fixtures: momentum at batches 16..512, lrs 0.005..0.16 (×2), seeds 1, 2.
 * Gradient-noise measurements tr(Σ) = 10 at step 0 and 300 at the last row, |G|² = 1:
 * B_simple 155 up to the target, 300 near it.
 * At batch B the best lr is best(B) and reaches the target 0.5 after steps(B) (seed 2:
 * 4 % more); lrs one grid step away take twice as long, the others never arrive (the
 * curve stays at 1.0). A missing curve.tsv when broken. */
static void scaling_table(const char *name, double (*steps)(double), double (*best)(double), bool broken)
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\toptimizer\ttarget_loss\tbatch\tlr\tseed\tstatus", dir, sizeof dir);
    for (int b = 16; b <= 512; b *= 2)
        for (double lr = 0.005; lr < 0.2; lr *= 2)
            for (int seed = 1; seed <= 2; seed++) {
                char id[13], bt[16], lt[32], sd[8], rows[256];
                snprintf(bt, sizeof bt, "%d", b), snprintf(lt, sizeof lt, "%g", lr), snprintf(sd, sizeof sd, "%d", seed);
                run_id(id, "optimizer", "momentum", "target_loss", "0.5", "batch", bt, "lr", lt, "seed", sd,
                       (const char *)NULL);
                fprintf(f, "%s\tmomentum\t0.5\t%d\t%s\t%d\tok\n", id, b, lt, seed);
                double r = lr / best(b), s = steps(b) * (seed == 2 ? 1.04 : 1);
                if (fabs(r - 1) < 1e-6) snprintf(rows, sizeof rows, "0\t2.3\t10\t1\n%.6f\t0.5\t300\t1\n", s);
                else if (r > 0.4 && r < 2.1) snprintf(rows, sizeof rows, "0\t2.3\t10\t1\n%.6f\t0.5\t300\t1\n", 2 * s);
                else snprintf(rows, sizeof rows, "0\t2.3\t10\t1\n%.6f\t1.0\t300\t1\n", 4 * s);
                if (!(broken && b == 64)) curve_file(dir, id, "step\tval_loss\tgrad_noise_trace\tgrad_sq_norm", rows);
            }
    fclose(f);
}

static double s_hyperbola(double b) { return 100 + 6400 / b; } /* S_min 100, E_min 6400: B_crit 64 */
static double s_rising(double b) { return 100 - 800 / b; }     /* bigger batches take more steps */
static double lr_linear_bend(double b) { return b <= 128 ? 0.01 * b / 16 : 0.08; }
static double lr_flat(double b) { (void)b; return 0.02; }
static double lr_edge(double b) { (void)b; return 0.16; }

static const char *const scaling_ini =
    "[experiment]\ntitle = t\nclaims = C04 C06\n[settings]\noptimizer = momentum\ntarget_loss = 0.5\n"
    "[sweep]\nbatch = 16 32 64 128 256 512\nlr = 0.005 0.01 0.02 0.04 0.08 0.16\nseed = 1 2\n"
    "[verdict]\nrule = batch_scaling\nlr_slope = 1\nlr_slope_tol = 0.25\n";

static void test_batch_scaling(void)
{
    scaling_table("bs_good", s_hyperbola, lr_linear_bend, false);
    Judgement j = judge("bs_good", scaling_ini);
    CHECK_TRUE(claim_verdict(&j, "C04") == VERDICT_CONFIRMED && claim_verdict(&j, "C06") == VERDICT_CONFIRMED,
               "batch_scaling: S = 100 + 6400/B and lr ∝ B up to 128: C04 %s, C06 %s (%s)",
               verdict_names[claim_verdict(&j, "C04")], verdict_names[claim_verdict(&j, "C06")], j.key);
    CHECK_TRUE(strstr(j.claim[0].key, "momentum B_crit 64, B_simple 155 (near the target 300)") && strstr(j.claim[1].key, "momentum slope 1 ") &&
                   strstr(j.claim[1].key, "bend at 128"),
               "batch_scaling: keys give B_crit near 64, slope 1 and the bend (%s | %s)", j.claim[0].key, j.claim[1].key);
    CHECK_TRUE(strstr(j.text, "| momentum | 6 | 102 (102 – 102) | 6528 (6528 – 6528) | 64 (64 – 64) | 155 | 300 | confirmed") != NULL,
               "batch_scaling: the C04 row gives S_min, E_min, B_crit and the noise scale up to and near the target");
    scaling_table("bs_bad", s_rising, lr_flat, false);
    j = judge("bs_bad", scaling_ini);
    CHECK_TRUE(claim_verdict(&j, "C04") == VERDICT_REFUTED && claim_verdict(&j, "C06") == VERDICT_INCONCLUSIVE,
               "batch_scaling: steps rising with B refute C04 (%s); a best lr flat from the first batch leaves "
               "nothing to fit: C06 %s",
               verdict_names[claim_verdict(&j, "C04")], verdict_names[claim_verdict(&j, "C06")]);
    scaling_table("bs_edge", s_hyperbola, lr_edge, false);
    j = judge("bs_edge", scaling_ini);
    CHECK_TRUE(claim_verdict(&j, "C04") == VERDICT_INCONCLUSIVE && claim_verdict(&j, "C06") == VERDICT_INCONCLUSIVE,
               "batch_scaling: best lrs at the grid's edge leave both inconclusive (%s, %s)",
               verdict_names[claim_verdict(&j, "C04")], verdict_names[claim_verdict(&j, "C06")]);
    scaling_table("bs_missing", s_hyperbola, lr_linear_bend, true);
    Status st = judge_status("bs_missing", scaling_ini, &j);
    CHECK_TRUE(st != ST_OK, "batch_scaling: a run without curve.tsv is an error (%s)", err_msg());
}

/* Whether layer_stats_file writes the act_grad_norm column (as results since it exists do),
 * and the value below which it writes 0 there (an underflowed gradient). */
static bool stats_act_grad;
static double stats_act_floor;

/* results/NAME/runs/ID/layer_stats.tsv for `layers` layers (the last the head) at steps 0
 * and 10: act_var = var_growth^i going forward, grad_norm = grad_back^(layers − 1 − i)
 * going back from the head (the factor per layer going back is grad_back); with
 * stats_act_grad also act_grad_norm = 2·grad_norm² (its factor going back grad_back²). */
static void layer_stats_file(const char *dir, const char *id, int layers, double var_growth, double grad_back)
{
    char path[800];
    snprintf(path, sizeof path, "%s/runs/%s", dir, id);
    make_dirs(path);
    snprintf(path, sizeof path, "%s/runs/%s/layer_stats.tsv", dir, id);
    FILE *f = fopen(path, "w");
    if (!f) exit(99);
    fprintf(f, "step\tindex\tlayer\tact_mean\tact_var\tgrad_norm%s\n", stats_act_grad ? "\tact_grad_norm" : "");
    for (int step = 0; step <= 10; step += 10)
        for (int i = 0; i < layers; i++) {
            double g = pow(grad_back, layers - 1 - i);
            fprintf(f, "%d\t%d\tlayers.%d\t0\t%.9g\t%.9g", step, i, i, pow(var_growth, i), g);
            if (stats_act_grad) fprintf(f, "\t%.9g", 2 * g * g < stats_act_floor ? 0 : 2 * g * g);
            fprintf(f, "\n");
        }
    fclose(f);
}

/* C14: rows "act seed factor" (factor: the gradient's per-layer factor going back; a
 * negative factor writes no layer_stats.tsv). */
static void vanishing_table(const char *name, const char *rows)
{
    char dir[512], buf[2048], act[32];
    FILE *f = runs_tsv(name, "run_id\tact\tseed\tstatus\tfinal_val_loss", dir, sizeof dir);
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        int seed;
        double factor;
        if (sscanf(l, "%31s %d %lf", act, &seed, &factor) != 3) exit(99);
        char id[13], seed_text[16];
        snprintf(seed_text, sizeof seed_text, "%d", seed);
        run_id(id, "act", act, "seed", seed_text, (const char *)NULL);
        fprintf(f, "%s\t%s\t%d\tok\t0.5\n", id, act, seed);
        if (factor > 0) layer_stats_file(dir, id, 8, 1, factor);
    }
    fclose(f);
}

static const char *const vanishing_ini =
    "[experiment]\ntitle = t\nclaims = C14\n[settings]\n[sweep]\nact = sigmoid relu\nseed = 1 2\n"
    "[verdict]\nrule = vanishing\nvanishing = sigmoid\nflowing = relu\nvanish_below = 0.7\nflat_low = 0.8\n"
    "flat_high = 1.25\n";

/* The names of the figures rule NAME draws from results/NAME (scripts into
 * TMP/figures_NAME), each followed by a blank, into out. */
static void figure_names(const char *name, const char *ini, char *out, size_t cap)
{
    char path[512], results[512];
    snprintf(path, sizeof path, "%s/experiments/%s.ini", root, name);
    write_file(path, ini);
    snprintf(results, sizeof results, "%s/results", root);
    static Experiment x;
    static FigureSet fs;
    memset(&fs, 0, sizeof fs);
    snprintf(fs.dir, sizeof fs.dir, "%s/figures_%s", root, name);
    make_dirs(fs.dir);
    const VerdictRule *rule = NULL;
    if (experiment_load(&x, path, results) != ST_OK || !(rule = verdict_rule_by_name(x.rule)) ||
        rule->figures(&fs, &x) != ST_OK) {
        printf("FAIL: %s: no figures (%s)\n", name, err_msg());
        exit(99);
    }
    experiment_free(&x);
    out[0] = '\0';
    for (int i = 0; i < fs.n; i++) snprintf(out + strlen(out), cap - strlen(out), "%s ", fs.fig[i].name);
}

static void test_vanishing(void)
{
    vanishing_table("v_ok", "sigmoid 1 0.3\nsigmoid 2 0.35\nrelu 1 1\nrelu 2 1.05\n");
    Judgement j = judge("v_ok", vanishing_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "sigmoid 0.325") && strstr(j.key, "relu 1.025"),
               "vanishing: sigmoid shrinking by 0.3 and relu flat is %s (%s)", verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.text, "| textbook | 1.0 | 0.45 |") && strstr(j.text, "| measured | 1 | 0.3") != NULL,
               "vanishing: the textbook's picture beside the measured one");
    vanishing_table("v_flat", "sigmoid 1 0.95\nsigmoid 2 1\nrelu 1 1\nrelu 2 1.05\n");
    j = judge("v_flat", vanishing_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "vanishing: a sigmoid that does not shrink is %s", verdict_names[j.verdict]);
    vanishing_table("v_mixed", "sigmoid 1 0.5\nsigmoid 2 0.9\nrelu 1 1\nrelu 2 1.05\n");
    j = judge("v_mixed", vanishing_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "vanishing: seeds on both sides are %s", verdict_names[j.verdict]);
    /* 1e-60 per layer: the input side's gradients underflow to exactly 0 (a prefix of
     * zeros going up); that is vanishing, not a factor of 1/0 */
    vanishing_table("v_underflow", "sigmoid 1 1e-60\nsigmoid 2 1e-60\nrelu 1 1\nrelu 2 1.05\n");
    j = judge("v_underflow", vanishing_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED, "vanishing: a gradient that underflowed to 0 on the input side is %s (%s)",
               verdict_names[j.verdict], j.key);
    vanishing_table("v_missing", "sigmoid 1 0.3\nsigmoid 2 -1\nrelu 1 1\nrelu 2 1.05\n");
    CHECK_TRUE(judge_status("v_missing", vanishing_ini, &j) != ST_OK && strstr(err_msg(), "layer_stats.tsv"),
               "vanishing: a run without layer_stats.tsv fails (%s)", err_msg());
    /* the output gradient's figures only from results that record it */
    char names[1024];
    figure_names("v_ok", vanishing_ini, names, sizeof names);
    CHECK_TRUE(!strcmp(names, "v_ok_grad_layers_step0 v_ok_grad_layers_step10 "),
               "vanishing: results without act_grad_norm draw the parameter gradient only (%s)", names);
    stats_act_grad = true;
    vanishing_table("v_act", "sigmoid 1 0.3\nsigmoid 2 0.35\nrelu 1 1\nrelu 2 1.05\n");
    stats_act_grad = false;
    j = judge("v_ok", vanishing_ini);
    bool without = !strstr(j.text, "act_grad_norm");
    j = judge("v_act", vanishing_ini);
    CHECK_TRUE(without && strstr(j.text, "`act_grad_norm`") && strstr(j.text, "| 0 | 0.1063 | 1.051 |") &&
                   strstr(j.text, "| 0 | 0.325 | 1.025 |"),
               "vanishing: the output gradient's factors (the squares) beside the parameter gradient's, only where recorded");
    figure_names("v_act", vanishing_ini, names, sizeof names);
    CHECK_TRUE(!strcmp(names, "v_act_grad_layers_step0 v_act_act_grad_layers_step0 v_act_grad_layers_step10 "
                              "v_act_act_grad_layers_step10 "),
               "vanishing: with act_grad_norm, its figure beside each step's (%s)", names);
    char gp[700];
    snprintf(gp, sizeof gp, "%s/figures_v_act/v_act_act_grad_layers_step0.gp", root);
    FILE *f = fopen(gp, "r");
    char text[8192] = "";
    if (f) text[fread(text, 1, sizeof text - 1, f)] = '\0', fclose(f);
    /* sigmoid seeds 0.3 and 0.35: layer 0 is 2·(0.3·0.35)^7 as a geometric mean */
    char want[64];
    snprintf(want, sizeof want, "\n0 %.6g\n", 2 * pow(0.3 * 0.35, 7));
    CHECK_TRUE(strstr(text, "# layer act_grad_norm") && strstr(text, want),
               "vanishing: the figure draws act_grad_norm's values (%s)", want + 1);
}

/* C15: rows "lr clip seed status diverged_step final_val_loss". */
static void clipping_table(const char *name, const char *rows, bool with_status)
{
    char dir[512], buf[2048], status[32], loss[32];
    FILE *f = runs_tsv(name, with_status ? "run_id\tlr\tclip\tseed\tstatus\tdiverged_step\tfinal_val_loss"
                                         : "run_id\tlr\tclip\tseed\tdiverged_step\tfinal_val_loss", dir, sizeof dir);
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        double lr, clip;
        int seed, dstep;
        if (sscanf(l, "%lf %lf %d %31s %d %31s", &lr, &clip, &seed, status, &dstep, loss) != 6) exit(99);
        char id[13], t[3][32];
        snprintf(t[0], 32, "%g", lr), snprintf(t[1], 32, "%g", clip), snprintf(t[2], 32, "%d", seed);
        run_id(id, "lr", t[0], "clip", t[1], "seed", t[2], (const char *)NULL);
        if (with_status) fprintf(f, "%s\t%s\t%s\t%d\t%s\t%d\t%s\n", id, t[0], t[1], seed, status, dstep, loss);
        else fprintf(f, "%s\t%s\t%s\t%d\t%d\t%s\n", id, t[0], t[1], seed, dstep, loss);
    }
    fclose(f);
}

static const char *const clipping_ini =
    "[experiment]\ntitle = t\nclaims = C15\n[settings]\n[sweep]\nlr = 0.01 0.1 1\nclip = 0 1\nseed = 1 2\n"
    "[verdict]\nrule = clipping\nclip = 1\ntrains_below = 2\nmin_drop = 0.25\n";

static void test_clipping(void)
{
    const char *ok = "0.01 0 1 ok -1 0.5\n0.01 0 2 ok -1 0.5\n0.01 1 1 ok -1 0.5\n0.01 1 2 ok -1 0.5\n"
                     "0.1 0 1 diverged 7 nan\n0.1 0 2 ok -1 0.6\n0.1 1 1 ok -1 0.5\n0.1 1 2 ok -1 0.5\n"
                     "1 0 1 diverged 3 nan\n1 0 2 diverged 4 nan\n1 1 1 ok -1 0.9\n1 1 2 ok -1 1.1\n";
    clipping_table("c_ok", ok, true);
    Judgement j = judge("c_ok", clipping_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "diverged 3/6 runs without clipping, 0/6 with; 1 rate rescued"),
               "clipping: clipping that rescues lr 1 is %s (%s)", verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.text, "| 1 | 2/2 | 3.5 (3–4) |") != NULL, "clipping: the first non-finite steps per rate");
    clipping_table("c_bad", "0.01 0 1 ok -1 0.5\n0.01 0 2 ok -1 0.5\n0.01 1 1 ok -1 0.5\n0.01 1 2 ok -1 0.5\n"
                            "0.1 0 1 ok -1 0.5\n0.1 0 2 ok -1 0.6\n0.1 1 1 ok -1 0.5\n0.1 1 2 ok -1 0.5\n"
                            "1 0 1 diverged 3 nan\n1 0 2 diverged 4 nan\n1 1 1 diverged 5 nan\n1 1 2 diverged 5 nan\n", true);
    j = judge("c_bad", clipping_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "clipping: clipped runs diverging as often are %s", verdict_names[j.verdict]);
    clipping_table("c_calm", "0.01 0 1 ok -1 0.5\n0.01 0 2 ok -1 0.5\n0.01 1 1 ok -1 0.5\n0.01 1 2 ok -1 0.5\n", true);
    j = judge("c_calm", clipping_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "no exploding regime"),
               "clipping: nothing diverging without clipping is %s", verdict_names[j.verdict]);
    clipping_table("c_nostatus", ok, false);
    CHECK_TRUE(judge_status("c_nostatus", clipping_ini, &j) != ST_OK && strstr(err_msg(), "status"),
               "clipping: a runs.tsv without status fails (%s)", err_msg());
}

/* C16: rows "depth combo seed status final_val_loss" (combo residual/norm/norm_position). */
static void depth_table(const char *name, const char *rows, bool with_loss)
{
    char dir[512], buf[2048], combo[64], status[32], loss[32];
    FILE *f = runs_tsv(name, with_loss ? "run_id\tdepth\twidths\tresidual/norm/norm_position\tresidual\tnorm\t"
                                         "norm_position\tseed\tstatus\tfinal_val_loss"
                                       : "run_id\tdepth\twidths\tresidual/norm/norm_position\tresidual\tnorm\t"
                                         "norm_position\tseed\tstatus", dir, sizeof dir);
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        int depth, seed;
        if (sscanf(l, "%d %63s %d %31s %31s", &depth, combo, &seed, status, loss) != 5) exit(99);
        char id[13], t[2][16], part[3][16], widths[256] = "";
        snprintf(t[0], 16, "%d", depth), snprintf(t[1], 16, "%d", seed);
        if (sscanf(combo, "%15[^/]/%15[^/]/%15s", part[0], part[1], part[2]) != 3) exit(99);
        for (int i = 0; i < depth; i++) strcat(widths, i ? ",64" : "64");
        run_id(id, "depth", t[0], "residual", part[0], "norm", part[1], "norm_position", part[2], "seed", t[1],
               (const char *)NULL);
        fprintf(f, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s", id, depth, widths, combo, part[0], part[1], part[2], seed, status);
        fprintf(f, with_loss ? "\t%s\n" : "\n", loss);
        /* with stats_act_grad: depth hidden layers and the head, the output gradient
         * shrinking by 0.1 per layer going back without residual, flat with */
        if (stats_act_grad) layer_stats_file(dir, id, depth + 1, 1, strcmp(part[0], "off") ? 1 : 0.1);
    }
    fclose(f);
}

static const char *const depth_ini =
    "[experiment]\ntitle = t\nclaims = C16\n[settings]\n[sweep]\ndepth = 2 8\n"
    "residual/norm/norm_position = off/none/pre on/layer/pre\nseed = 1 2\n"
    "[verdict]\nrule = depth\nplain = off/none/pre\nbest = on/layer/pre\ntrains_below = 1\n";

static void test_depth(void)
{
    const char *ok = "2 off/none/pre 1 ok 0.5\n2 off/none/pre 2 ok 0.55\n8 off/none/pre 1 ok 2.3\n"
                     "8 off/none/pre 2 diverged nan\n2 on/layer/pre 1 ok 0.5\n2 on/layer/pre 2 ok 0.5\n"
                     "8 on/layer/pre 1 ok 0.6\n8 on/layer/pre 2 ok 0.62\n";
    depth_table("d_ok", ok, true);
    Judgement j = judge("d_ok", depth_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "plain 8, on/layer/pre trains at every depth"),
               "depth: a plain stack failing at 8 beside a residual pre-norm one is %s (%s)", verdict_names[j.verdict], j.key);
    depth_table("d_plain", "2 off/none/pre 1 ok 0.5\n2 off/none/pre 2 ok 0.55\n8 off/none/pre 1 ok 0.7\n"
                           "8 off/none/pre 2 ok 0.8\n2 on/layer/pre 1 ok 0.5\n2 on/layer/pre 2 ok 0.5\n"
                           "8 on/layer/pre 1 ok 0.6\n8 on/layer/pre 2 ok 0.62\n", true);
    j = judge("d_plain", depth_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "depth: a plain stack training at every depth is %s", verdict_names[j.verdict]);
    depth_table("d_mixed", "2 off/none/pre 1 ok 0.5\n2 off/none/pre 2 ok 0.55\n8 off/none/pre 1 ok 0.7\n"
                           "8 off/none/pre 2 ok 2.2\n2 on/layer/pre 1 ok 0.5\n2 on/layer/pre 2 ok 0.5\n"
                           "8 on/layer/pre 1 ok 0.6\n8 on/layer/pre 2 ok 0.62\n", true);
    j = judge("d_mixed", depth_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "depth: seeds disagreeing at the plain stack's depth is %s",
               verdict_names[j.verdict]);
    CHECK_TRUE(!strstr(j.text, "act_grad_norm"), "depth: results without act_grad_norm show no output gradient table");
    stats_act_grad = true;
    depth_table("d_act", ok, true);
    stats_act_grad = false;
    j = judge("d_act", depth_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.text, "| off/none/pre | 0.02 | 2e-16 | 0.01 | 0–7 |") &&
                   strstr(j.text, "| on/layer/pre | 2 | 2 | 1 | 0–7 |"),
               "depth: the output gradient at the last block and layer 0 at depth 8, and its factor going back");
    stats_act_grad = true, stats_act_floor = 1e-11; /* the plain stack's layers 0-2 underflow */
    depth_table("d_act0", ok, true);
    stats_act_grad = false, stats_act_floor = 0;
    j = judge("d_act0", depth_ini);
    CHECK_TRUE(strstr(j.text, "| off/none/pre | 0.02 | 0 | 0.01 | 3–7 |") != NULL,
               "depth: an output gradient that underflowed to 0 shows as 0, the factor fitted above it");
    char names[1024];
    figure_names("d_act", depth_ini, names, sizeof names);
    CHECK_TRUE(!strcmp(names, "d_act_loss_grid d_act_grad_layers_depth8 d_act_act_grad_layers_depth8 "),
               "depth: with act_grad_norm, its figure beside the parameter gradient's (%s)", names);
    depth_table("d_noloss", ok, false);
    CHECK_TRUE(judge_status("d_noloss", depth_ini, &j) != ST_OK && strstr(err_msg(), "final_val_loss"),
               "depth: a runs.tsv without final_val_loss fails (%s)", err_msg());
}

/* C17: rows "act init seed var_growth grad_back" (a negative var_growth writes no
 * layer_stats.tsv). */
static void init_table(const char *name, const char *rows)
{
    char dir[512], buf[4096], act[32], init[32];
    FILE *f = runs_tsv(name, "run_id\tact\tinit\tseed\tstatus\tfinal_val_loss", dir, sizeof dir);
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        int seed;
        double vg, gb;
        if (sscanf(l, "%31s %31s %d %lf %lf", act, init, &seed, &vg, &gb) != 5) exit(99);
        char id[13], t[16];
        snprintf(t, sizeof t, "%d", seed);
        run_id(id, "act", act, "init", init, "seed", t, (const char *)NULL);
        fprintf(f, "%s\t%s\t%s\t%d\tok\t0.5\n", id, act, init, seed);
        if (vg > 0) layer_stats_file(dir, id, 8, vg, gb);
    }
    fclose(f);
}

static const char *const init_ini =
    "[experiment]\ntitle = t\nclaims = C17\n[settings]\n[sweep]\nact = relu tanh\ninit = he xavier normal\nseed = 1 2\n"
    "[verdict]\nrule = init\nmatched = relu/he tanh/xavier\nnaive = normal\nstable_low = 0.8\nstable_high = 1.25\n"
    "unstable_low = 0.5\nunstable_high = 2\n";

static void init_rows(char *out, size_t cap, double matched_seed2, double naive_tanh, double missing)
{
    snprintf(out, cap,
             "relu he 1 1 1\nrelu he 2 %g 1\nrelu xavier 1 0.5 0.7\nrelu xavier 2 0.5 0.7\n"
             "relu normal 1 32 32\nrelu normal 2 31 30\ntanh he 1 1.3 1.2\ntanh he 2 1.3 1.2\n"
             "tanh xavier 1 0.95 0.9\ntanh xavier 2 0.9 0.92\ntanh normal 1 1 %g\ntanh normal 2 %g %g\n",
             matched_seed2, naive_tanh, missing, naive_tanh);
}

static void test_init(void)
{
    char rows[1024];
    init_rows(rows, sizeof rows, 1.02, 0.1, 1);
    init_table("n_ok", rows);
    Judgement j = judge("n_ok", init_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "relu/normal variance ×31.5 per layer"),
               "init: matched pairs stable, normal exploding or vanishing is %s (%s)", verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.text, "| relu | xavier | (not judged) |") != NULL, "init: other pairs are shown, not judged");
    init_rows(rows, sizeof rows, 1.02, 1, 1);
    init_table("n_calm", rows);
    j = judge("n_calm", init_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "init: a stable N(0, 1) tanh stack is %s", verdict_names[j.verdict]);
    init_rows(rows, sizeof rows, 3, 0.1, 1);
    init_table("n_mixed", rows);
    j = judge("n_mixed", init_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "init: a matched pair whose seeds disagree is %s", verdict_names[j.verdict]);
    init_rows(rows, sizeof rows, 1.02, 0.1, -1);
    init_table("n_missing", rows);
    CHECK_TRUE(judge_status("n_missing", init_ini, &j) != ST_OK && strstr(err_msg(), "layer_stats.tsv"),
               "init: a run without layer_stats.tsv fails (%s)", err_msg());
}

/* A runs.tsv from rows "multiplier precision loss_scale seed status final_val_loss
 * grad_zero" (the linked axis's own column beside its parts, as the runner writes it),
 * and per run a curve.tsv with that grad_zero at its evaluations. */
static void underflow_table(const char *name, const char *rows)
{
    char dir[512], path[700];
    FILE *f = runs_tsv(name, "run_id\tloss_multiplier\tprecision/loss_scale\tprecision\tloss_scale\tseed\tstatus\t"
                             "final_val_loss", dir, sizeof dir);
    char buf[8192], mult[32], prec[32], scale[32], seed[16], status[32], loss[32], zero[32];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (sscanf(l, "%31s %31s %31s %15s %31s %31s %31s", mult, prec, scale, seed, status, loss, zero) != 7) exit(99);
        char id[13];
        run_id(id, "loss_multiplier", mult, "precision", prec, "loss_scale", scale, "seed", seed, (const char *)NULL);
        fprintf(f, "%s\t%s\t%s/%s\t%s\t%s\t%s\t%s\t%s\n", id, mult, prec, scale, prec, scale, seed, status, loss);
        snprintf(path, sizeof path, "%s/runs/%s", dir, id);
        make_dirs(path);
        snprintf(path, sizeof path, "%s/runs/%s/curve.tsv", dir, id);
        char curve[256];
        snprintf(curve, sizeof curve, "step\tgrad_zero\n0\tnan\n100\t%s\n200\t%s\n", zero, zero);
        write_file(path, curve);
    }
    fclose(f);
}

static const char *const underflow_ini =
    "[experiment]\ntitle = t\nclaims = C19\n[settings]\n[sweep]\nloss_multiplier = 1 0.0625 0.00390625\n"
    "precision/loss_scale = fp32/none fp16/none fp16/dynamic bf16/none\nseed = 1 2\n"
    "[verdict]\nrule = underflow\ntolerance = 0.01\n";

/* The rows of one multiplier: fp32 at 0.30/0.31, bf16 and dynamic fp16 as fp32, and
 * unscaled fp16 at the given losses (a "d" for diverged). */
static void underflow_rows(char *out, size_t cap, const char *mult, const char *fp16_1, const char *fp16_2,
                           const char *bf16_1)
{
    size_t n = strlen(out);
    snprintf(out + n, cap - n,
             "%s fp32 none 1 ok 0.300 0.01\n%s fp32 none 2 ok 0.310 0.01\n"
             "%s fp16 dynamic 1 ok 0.301 0.01\n%s fp16 dynamic 2 ok 0.310 0.01\n"
             "%s bf16 none 1 ok %s 0.01\n%s bf16 none 2 ok 0.311 0.01\n"
             "%s fp16 none 1 %s %s 0.2\n%s fp16 none 2 ok %s 0.2\n",
             mult, mult, mult, mult, mult, bf16_1, mult, mult, strcmp(fp16_1, "d") ? "ok" : "diverged",
             strcmp(fp16_1, "d") ? fp16_1 : "nan", mult, fp16_2);
}

static void test_underflow(void)
{
    /* unscaled fp16 matches at 1, loses from 2^-4 (diverges at 2^-8); the others match */
    static char rows[4096];
    rows[0] = 0;
    underflow_rows(rows, sizeof rows, "1", "0.301", "0.309", "0.300");
    underflow_rows(rows, sizeof rows, "0.0625", "0.350", "0.360", "0.300");
    underflow_rows(rows, sizeof rows, "0.00390625", "d", "2.3", "0.300");
    underflow_table("u_textbook", rows);
    Judgement j = judge("u_textbook", underflow_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "from gradients 2^-4") &&
                   strstr(j.text, "a factor 16 above the threshold"),
               "underflow: fp16 losing from 2^-4 while the others match confirms C19 there (%s)", j.key);
    CHECK_TRUE(strstr(j.text, "| 2^-4 | +16.39 %, loses; zeros +19.00 % |") != NULL,
               "underflow: the gap is paired by seed (0.05, 0.05 over 0.305) and the zeros beyond fp32 printed");

    /* fp16 never loses: the range does not bite */
    rows[0] = 0;
    underflow_rows(rows, sizeof rows, "1", "0.301", "0.309", "0.300");
    underflow_rows(rows, sizeof rows, "0.0625", "0.301", "0.309", "0.300");
    underflow_rows(rows, sizeof rows, "0.00390625", "0.302", "0.311", "0.300");
    underflow_table("u_never", rows);
    j = judge("u_never", underflow_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "never bites"),
               "underflow: fp16 matching at every multiplier refutes (%s)", verdict_names[j.verdict]);

    /* bf16 loses at one multiplier */
    rows[0] = 0;
    underflow_rows(rows, sizeof rows, "1", "0.301", "0.309", "0.300");
    underflow_rows(rows, sizeof rows, "0.0625", "0.350", "0.360", "0.400");
    underflow_rows(rows, sizeof rows, "0.00390625", "d", "2.3", "0.300");
    underflow_table("u_bf16", rows);
    j = judge("u_bf16", underflow_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "bf16 loses"),
               "underflow: bf16 losing refutes (%s)", verdict_names[j.verdict]);

    /* a run missing: inconclusive */
    rows[0] = 0;
    underflow_rows(rows, sizeof rows, "1", "0.301", "0.309", "0.300");
    underflow_rows(rows, sizeof rows, "0.0625", "0.350", "0.360", "0.300");
    underflow_table("u_missing", rows);
    j = judge("u_missing", underflow_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "missing"),
               "underflow: a multiplier without runs gives %s", verdict_names[j.verdict]);

    /* no loss_multiplier column: the rule fails instead of judging */
    char dir[512];
    FILE *f = runs_tsv("u_nocol", "run_id\tprecision\tloss_scale\tseed\tstatus\tfinal_val_loss", dir, sizeof dir);
    char id[13];
    run_id(id, "precision", "fp32", "seed", "1", (const char *)NULL);
    fprintf(f, "%s\tfp32\tnone\t1\tok\t0.3\n", id);
    fclose(f);
    static Judgement none;
    static char ini[1024];
    snprintf(ini, sizeof ini, "%s", underflow_ini);
    Status st = judge_status("u_nocol", ini, &none);
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "loss_multiplier"),
               "underflow: results without a loss_multiplier column fail the rule (%s)", err_msg());
}

/* A benchmark runs.tsv from rows "layers activation_checkpoint activation_bytes
 * bwd_mm_flop v1 v2": v1 and v2 the run's time over its baseline's at 1 and 2 threads,
 * bench.tsv holding three rounds each whose ratios are v − 0.01, v and v + 0.02 (the
 * baseline 10 ms); "-": no bench.tsv. `baseline` is what bench.tsv says was timed beside
 * the run; NULL writes the bench.tsv of a run timed without one (no baseline columns). */
static void checkpointing_table(const char *name, const char *rows, const char *baseline)
{
    char dir[512], path[700];
    FILE *f = runs_tsv(name, "run_id\tmodel\tlayers\tactivation_checkpoint\tshape\tactivation_bytes\tfwd_mm_flop\t"
                             "bwd_mm_flop", dir, sizeof dir);
    char buf[4096], layers[16], k[16], v1[32], v2[32];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        long bytes;
        double bwd;
        if (sscanf(l, "%15s %15s %ld %lf %31s %31s", layers, k, &bytes, &bwd, v1, v2) != 6) exit(99);
        char id[13];
        run_id(id, "model", "gpt", "layers", layers, "activation_checkpoint", k, (const char *)NULL);
        fprintf(f, "%s\tgpt\t%s\t%s\tL=%s\t%ld\t100\t%g\n", id, layers, k, layers, bytes, bwd);
        snprintf(path, sizeof path, "%s/runs/%s", dir, id);
        make_dirs(path);
        if (!strcmp(v1, "-")) continue;
        snprintf(path, sizeof path, "%s/runs/%s/bench.tsv", dir, id);
        char bench[2048];
        int len = snprintf(bench, sizeof bench, "threads\tround\tms_per_step%s\n", baseline ? "\tbaseline\tbaseline_ms" : "");
        const double v[2] = {atof(v1), atof(v2)}, wobble[3] = {-0.01, 0, 0.02};
        for (int t = 0; t < 2; t++)
            for (int q = 0; q < 3; q++) {
                len += snprintf(bench + len, sizeof bench - len, "%d\t%d\t%g", t + 1, q + 1, 10 * (v[t] + wobble[q]));
                len += baseline ? snprintf(bench + len, sizeof bench - len, "\t%s\t10\n", baseline)
                                : snprintf(bench + len, sizeof bench - len, "\n");
            }
        write_file(path, bench);
    }
    fclose(f);
}

static const char *const checkpointing_ini =
    "[experiment]\ntitle = t\nclaims = C09\n[settings]\nmodel = gpt\n[sweep]\nlayers = 2 4\n"
    "activation_checkpoint = 0 1\n[bench]\nthreads = 1 2\nbaseline = activation_checkpoint=0\n[verdict]\n"
    "rule = checkpointing\nmemory = 0.5\ncompute = 0.3\ncompute_tolerance = 0.1\nflops = fwd_mm_flop bwd_mm_flop\n";

static void test_checkpointing(void)
{
    const char *base = "activation_checkpoint=0";
    /* both depths save 60 % and 70 % and cost 30 % and 25 % more time */
    checkpointing_table("ck_textbook", "2 0 1000 200 1 1\n2 1 400 250 1.3 1.3\n4 0 2000 400 1 1\n"
                                       "4 1 600 500 1.25 1.25\n", base);
    Judgement j = judge("ck_textbook", checkpointing_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "saved +60.0 % to +70.0 %") &&
                   strstr(j.key, "FLOPs +16.7 % to +20.0 %") && strstr(j.key, "time +25.0 % to +30.0 %"),
               "checkpointing: 60-70 %% saved at +25-30 %% time confirms (%s)", j.key);
    CHECK_TRUE(strstr(j.text, "| L=2 | 1 | 1000 → 400 | -60.0 % | 300 → 350 | +16.7 % | 1: +30.0 % (+29.0 % to +32.0 %); "
                              "2: +30.0 % (+29.0 % to +32.0 %) | yes |") != NULL,
               "checkpointing: the pair's row (median and range of the rounds' ratios)");
    /* the shallow model saves too little */
    checkpointing_table("ck_shallow", "2 0 1000 200 1 1\n2 1 600 250 1.3 1.3\n4 0 2000 400 1 1\n"
                                      "4 1 600 500 1.25 1.25\n", base);
    j = judge("ck_shallow", checkpointing_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "no: memory") &&
                   strstr(j.key, "1 of 2 shapes hold it, 1 save too little, 0 miss the time band"),
               "checkpointing: 40 %% saved at one depth refutes (%s: %s)", verdict_names[j.verdict], j.key);
    /* twice the time at two threads */
    checkpointing_table("ck_slow", "2 0 1000 200 1 1\n2 1 400 250 1.3 2\n4 0 2000 400 1 1\n4 1 600 500 1.25 1.25\n",
                        base);
    j = judge("ck_slow", checkpointing_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "no: time") &&
                   strstr(j.key, "1 of 2 shapes hold it, 0 save too little, 1 miss the time band"),
               "checkpointing: +100 %% time refutes (%s: %s)", verdict_names[j.verdict], j.key);
    /* memory and FLOPs without timings; timed without a baseline; beside another one */
    const char *untimed[][2] = {{"ck_untimed", "-"}, {"ck_unpaired", NULL}, {"ck_otherbase", "optimizer=sgd"}};
    for (int u = 0; u < 3; u++) {
        char rows[256];
        const char *v = untimed[u][1] && !strcmp(untimed[u][1], "-") ? "- -" : "1.3 1.3";
        snprintf(rows, sizeof rows, "2 0 1000 200 %s\n2 1 400 250 %s\n4 0 2000 400 %s\n4 1 600 500 %s\n", v, v, v, v);
        checkpointing_table(untimed[u][0], rows, u == 2 ? untimed[u][1] : NULL);
        j = judge(untimed[u][0], checkpointing_ini);
        CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "not timed beside its baseline") &&
                       strstr(j.key, "saved +60.0 %"),
                   "checkpointing: %s gives %s, memory still reported", untimed[u][0], verdict_names[j.verdict]);
    }
    /* no activation bytes: the rule fails */
    char dir[512];
    FILE *f = runs_tsv("ck_nocol", "run_id\tmodel\tlayers\tactivation_checkpoint", dir, sizeof dir);
    char id[13];
    run_id(id, "model", "gpt", "layers", "2", (const char *)NULL);
    fprintf(f, "%s\tgpt\t2\t0\n", id);
    fclose(f);
    static Judgement none;
    Status st = judge_status("ck_nocol", checkpointing_ini, &none);
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "activation_bytes"),
               "checkpointing: results without activation_bytes fail the rule (%s)", err_msg());
}

static void test_stats(void)
{
    const double x[] = {1, 2, 3, 4, NAN};
    Stats s = stats_of(x, 5);
    /* sd of 1..4 = sqrt(5/3); t(0.975, 3) = 3.182446305 */
    double h = 3.182446305284263 * sqrt(5.0 / 3) / 2;
    CHECK_TRUE(s.n == 4 && fabs(s.mean - 2.5) < 1e-12 && fabs(s.sd - sqrt(5.0 / 3)) < 1e-12 &&
                   fabs(s.ci_lo - (2.5 - h)) < 1e-9 && fabs(s.ci_hi - (2.5 + h)) < 1e-9 && s.min == 1 && s.max == 4,
               "stats: mean %.6g sd %.6g 95%% CI %.6g..%.6g over 4 finite values", s.mean, s.sd, s.ci_lo, s.ci_hi);
    const double px[] = {1, 10, 100, 1000}, py[] = {3, 0.3, 0.03, 0.003};
    double slope = 0, icpt = 0;
    Status st = stats_loglog_fit(px, py, 4, &slope, &icpt);
    CHECK_TRUE(st == ST_OK && fabs(slope + 1) < 1e-12 &&
                   fabs(icpt - log10(3)) < 1e-12,
               "stats: log-log slope of y = 3/x is %.12g", slope);
}

/* A runs.tsv from rows "optimizer params state_bytes" (one seed); without_state leaves
 * the state_bytes column out. */
static void memory_table(const char *name, const char *rows, bool without_state)
{
    char dir[512];
    FILE *f = runs_tsv(name, without_state ? "run_id\toptimizer\tseed\tstatus\tparams"
                                           : "run_id\toptimizer\tseed\tstatus\tparams\tstate_bytes", dir, sizeof dir);
    char buf[2048], opt[32];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        long params, state;
        if (sscanf(l, "%31s %ld %ld", opt, &params, &state) != 3) exit(99);
        char id[13];
        run_id(id, "optimizer", opt, (const char *)NULL);
        fprintf(f, "%s\t%s\t1\tok\t%ld", id, opt, params);
        if (!without_state) fprintf(f, "\t%ld", state);
        fprintf(f, "\n");
    }
    fclose(f);
}

static const char *const memory_ini =
    "[experiment]\ntitle = t\nclaims = C13\n[settings]\n[sweep]\noptimizer = sgd momentum adam shampoo\n"
    "[verdict]\nrule = optim_memory\ntolerance = 0.01\nexpect_sgd = 0\nexpect_momentum = 1\nexpect_adam = 2\n%s\n";

static void test_optim_memory(void)
{
    char ini[1024];
    snprintf(ini, sizeof ini, memory_ini, "");
    memory_table("m_ok", "sgd 1000 0\nmomentum 1000 4000\nadam 1000 8000\nshampoo 1000 20000\n", false);
    Judgement j = judge("m_ok", ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "momentum 1×, adam 2×, shampoo 5×"),
               "optim_memory: 0, 1 and 2 times the parameter bytes are %s (%s)", verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.text, "| shampoo | 1000 | 20000 | 5 | (reported) | – |") != NULL,
               "optim_memory: shampoo is reported, not judged");
    memory_table("m_three", "sgd 1000 0\nmomentum 1000 4000\nadam 1000 12000\nshampoo 1000 20000\n", false);
    j = judge("m_three", ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "| adam | 1000 | 12000 | 3 | 2 | **no** |"),
               "optim_memory: an Adam keeping three buffers is %s", verdict_names[j.verdict]);
    snprintf(ini, sizeof ini, memory_ini, "expect_lion = 1");
    j = judge("m_ok", ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "No runs of lion"),
               "optim_memory: an expected optimizer without runs is %s", verdict_names[j.verdict]);
    memory_table("m_nostate", "sgd 1000 0\nmomentum 1000 4000\nadam 1000 8000\nshampoo 1000 20000\n", true);
    static Judgement none;
    Status st = judge_status("m_nostate", ini, &none);
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "no state_bytes column"),
               "optim_memory: results without state_bytes fail the rule (%s)", err_msg());
}

/* results/NAME for the GPT on kjv, 100 steps, from rows "optimizer lr weight_decay seed
 * status loss"; each run's curve.tsv has validation losses 3 at step 0, 1.2 × loss at
 * step 50 and loss at step 100. */
static void optim_table(const char *name, const char *rows)
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\toptimizer/lr\tmodel\tdata\tsteps\toptimizer\tlr\tweight_decay\tseed\tstatus\t"
                             "final_val_loss\tsteps_done\tparams\tstate_bytes", dir, sizeof dir);
    static char buf[16384];
    char opt[32], lr[32], wd[32], status[32], loss[32];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        int seed;
        if (sscanf(l, "%31s %31s %31s %d %31s %31s", opt, lr, wd, &seed, status, loss) != 6) exit(99);
        char id[13], seed_text[16], path[800], curve[256];
        snprintf(seed_text, sizeof seed_text, "%d", seed);
        run_id(id, "model", "gpt", "data", "kjv", "steps", "100", "optimizer", opt, "lr", lr, "weight_decay", wd, "seed",
               seed_text, (const char *)NULL);
        fprintf(f, "%s\t%s/%s\tgpt\tkjv\t100\t%s\t%s\t%s\t%d\t%s\t%s\t100\t1000\t%d\n", id, opt, lr, opt, lr, wd, seed, status, loss,
                strcmp(opt, "sgd") ? 8000 : 0);
        snprintf(path, sizeof path, "%s/runs/%s", dir, id);
        make_dirs(path);
        snprintf(path, sizeof path, "%s/runs/%s/curve.tsv", dir, id);
        double v = strtod(loss, NULL);
        snprintf(curve, sizeof curve, "step\tval_loss\n0\t3\n50\t%.9g\n100\t%.9g\n", 1.2 * v, v);
        write_file(path, curve);
    }
    fclose(f);
}

static const char *const optim_ini =
    "[experiment]\ntitle = t\nclaims = C11\n[settings]\nmodel = gpt\ndata = kjv\nsteps = 100\nweight_decay = 0\n"
    "[sweep]\noptimizer/lr = sgd/0.01 sgd/0.1 sgd/1 momentum/0.01 momentum/0.1 momentum/1\n"
    "  adamw/0.0001 adamw/0.001 adamw/0.01 lion/1e-05 lion/0.0001 lion/0.001\nseed = 1 2\n"
    "[verdict]\nrule = optimizers\nordering = sgd momentum adamw\nordering_on = gpt\nreference = adamw\n"
    "contenders = lion\nmargin = 0.05\ntarget_fraction = 0.5\n";

/* Every optimizer worst at its grid's ends and best in the middle at the given losses
 * (seed 1, seed 2); `edge` moves sgd's best to its last lr. */
static void optim_rows(char *out, size_t cap, const double best[4][2], bool edge)
{
    static const char *const opts[] = {"sgd", "momentum", "adamw", "lion"};
    static const char *const lrs[4][3] = {{"0.01", "0.1", "1"}, {"0.01", "0.1", "1"}, {"0.0001", "0.001", "0.01"},
                                          {"1e-05", "0.0001", "0.001"}};
    size_t len = 0;
    for (int o = 0; o < 4; o++)
        for (int l = 0; l < 3; l++)
            for (int seed = 1; seed <= 2; seed++) {
                bool at_best = edge && o == 0 ? l == 2 : l == 1;
                if (!at_best && l == 2) {
                    len += (size_t)snprintf(out + len, cap - len, "%s %s 0 %d diverged nan\n", opts[o], lrs[o][l], seed);
                    continue;
                }
                len += (size_t)snprintf(out + len, cap - len, "%s %s 0 %d ok %.4g\n", opts[o], lrs[o][l], seed,
                                        at_best ? best[o][seed - 1] : best[o][seed - 1] + 0.5);
            }
}

static const char *const decay_ini =
    "[experiment]\ntitle = t\nclaims = C11\n[settings]\nmodel = gpt\ndata = kjv\nsteps = 100\n[sweep]\n"
    "optimizer = adamw adam\nweight_decay = 0.01 0.1\nlr = 0.0001 0.001 0.01\nseed = 1 2\n"
    "[verdict]\nrule = optimizers\ndecoupled = adamw adam\n";

/* adamw and adam at decays 0.01 and 0.1, best at lr 0.001 with the given losses
 * (optimizer, decay, seed). */
static void decay_rows(char *out, size_t cap, const double best[2][2][2])
{
    static const char *const opts[] = {"adamw", "adam"}, *const wds[] = {"0.01", "0.1"};
    static const char *const lrs[] = {"0.0001", "0.001", "0.01"};
    size_t len = 0;
    for (int o = 0; o < 2; o++)
        for (int w = 0; w < 2; w++)
            for (int l = 0; l < 3; l++)
                for (int seed = 1; seed <= 2; seed++)
                    len += (size_t)snprintf(out + len, cap - len, "%s %s %s %d ok %.4g\n", opts[o], lrs[l], wds[w], seed,
                                            best[o][w][seed - 1] + (l == 1 ? 0 : 0.3));
}

static void test_optimizers(void)
{
    static char rows[16384];
    /* sgd > momentum > adamw on both seeds; lion 2.5 % above adamw */
    const double textbook[4][2] = {{2.4, 2.42}, {2.3, 2.31}, {2.0, 2.02}, {2.05, 2.07}};
    optim_rows(rows, sizeof rows, textbook, false);
    optim_table("opt_textbook", rows);
    Judgement j = judge("opt_textbook", optim_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "gpt: sgd 2.41 > momentum 2.305 > adamw 2.01") &&
                   strstr(j.key, "lion gpt +2.5 %"),
               "optimizers: sgd < momentum < adamw with lion within 5 %% is %s (%s)", verdict_names[j.verdict], j.key);
    /* the target is adamw's loss at step 50: 1.2 × 2.01 = 2.412; sgd reaches it at step 100 on seed 1 only */
    CHECK_TRUE(strstr(j.text, "target: validation loss 2.412") && strstr(j.text, "| 0.001 | 0.0001–0.01 (3) | 2.01 ± 0.01414 (2) | 2 2.02 | +0.00 % | 75 |") &&
                   strstr(j.text, "not reached (1/2 seeds)"),
               "optimizers: steps to the loss adamw reaches at half its steps");

    /* seconds to target from a benchmark timed beside sgd: adamw's 30 ms over its baseline's
     * 20 ms in the same rounds, times the sgd run's own 10 ms, is 15 ms (its own 30 ms came
     * from a slower moment of the machine) */
    {
        char dir[512], path[800], id[13];
        FILE *f = runs_tsv("opt_timing", "run_id\tmodel\toptimizer", dir, sizeof dir);
        static const char *const o[] = {"sgd", "momentum", "adamw", "lion"};
        static const double ms[] = {10, 50, 30, 22}, base[] = {10, 40, 20, 20};
        for (int k = 0; k < 4; k++) {
            run_id(id, "model", "gpt", "optimizer", o[k], (const char *)NULL);
            fprintf(f, "%s\tgpt\t%s\n", id, o[k]);
            snprintf(path, sizeof path, "%s/runs/%s", dir, id);
            make_dirs(path);
            snprintf(path, sizeof path, "%s/runs/%s/bench.tsv", dir, id);
            char bench[512];
            snprintf(bench, sizeof bench, "threads\tround\tms_per_step\tbaseline\tbaseline_ms\n1\t1\t%g\toptimizer=sgd\t%g\n",
                     ms[k], base[k]);
            write_file(path, bench);
        }
        fclose(f);
        snprintf(path, sizeof path, "%s/experiments/opt_timing.ini", root);
        write_file(path, "[experiment]\ntitle = b\nclaims = C11\n[settings]\nmodel = gpt\n[sweep]\n"
                         "optimizer = sgd momentum adamw lion\n[bench]\nthreads = 1\nbaseline = optimizer=sgd\n");
        static char ini[2048];
        snprintf(ini, sizeof ini, "%stiming = opt_timing\n", optim_ini);
        j = judge("opt_textbook", ini);
        CHECK_TRUE(strstr(j.text, "+0.00 % | 75 | 15 | 1.125 |") && strstr(j.text, "share one run's scale"),
                   "optimizers: a paired benchmark's ms/step is its ratio to sgd times sgd's own (adamw 15 ms)");
    }

    /* momentum worse than sgd on both seeds */
    const double swapped[4][2] = {{2.3, 2.31}, {2.4, 2.42}, {2.0, 2.02}, {2.05, 2.07}};
    optim_rows(rows, sizeof rows, swapped, false);
    optim_table("opt_swapped", rows);
    j = judge("opt_swapped", optim_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "| sgd < momentum | 0/2 | fails |"),
               "optimizers: momentum losing to sgd on every seed is %s", verdict_names[j.verdict]);

    /* momentum better than sgd on seed 1, worse on seed 2 */
    const double noisy[4][2] = {{2.4, 2.42}, {2.3, 2.45}, {2.0, 2.02}, {2.05, 2.07}};
    optim_rows(rows, sizeof rows, noisy, false);
    optim_table("opt_noisy", rows);
    j = judge("opt_noisy", optim_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "| sgd < momentum | 1/2 | seeds disagree |"),
               "optimizers: seeds that disagree are %s", verdict_names[j.verdict]);

    /* sgd loses but its best lr is its grid's largest: it may have been mistuned */
    optim_rows(rows, sizeof rows, textbook, true);
    optim_table("opt_edge", rows);
    j = judge("opt_edge", optim_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "1 (grid edge)") &&
                   strstr(j.text, "| sgd < momentum | 2/2 | loser's best lr at its grid's edge |"),
               "optimizers: a loser tuned at its grid's edge is %s", verdict_names[j.verdict]);

    /* lion 10 % above adamw on both seeds */
    const double far[4][2] = {{2.4, 2.42}, {2.3, 2.31}, {2.0, 2.02}, {2.2, 2.23}};
    optim_rows(rows, sizeof rows, far, false);
    optim_table("opt_far", rows);
    j = judge("opt_far", optim_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "| lion | +10.20 % | fails |"),
               "optimizers: a contender 10 %% behind is %s", verdict_names[j.verdict]);

    /* decoupled decay better at both decays, on both seeds */
    const double decoupled[2][2][2] = {{{2.0, 2.01}, {1.9, 1.92}}, {{2.05, 2.06}, {2.1, 2.12}}};
    decay_rows(rows, sizeof rows, decoupled);
    optim_table("opt_decay", rows);
    j = judge("opt_decay", decay_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.text, "| gpt, kjv | 0.1 | 1.91 | 2.11 | 2/2 | holds |"),
               "optimizers: adamw beating adam at each decay is %s (%s)", verdict_names[j.verdict], j.key);
    const double coupled[2][2][2] = {{{2.1, 2.11}, {2.2, 2.22}}, {{2.05, 2.06}, {2.1, 2.12}}};
    decay_rows(rows, sizeof rows, coupled);
    optim_table("opt_coupled", rows);
    j = judge("opt_coupled", decay_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "optimizers: adam beating adamw at each decay is %s",
               verdict_names[j.verdict]);

    /* results without state_bytes: the rule fails rather than judging half the table */
    char path[700];
    snprintf(path, sizeof path, "%s/results/opt_textbook/runs.tsv", root);
    Table t;
    if (table_read(&t, path) != ST_OK) exit(99);
    FILE *f = fopen(path, "w");
    if (!f) exit(99);
    for (int r = -1; r < t.nrows; r++)
        for (int c = 0; c < t.ncols; c++)
            if (strcmp(t.head[c], "state_bytes"))
                fprintf(f, "%s%s", r < 0 ? t.head[c] : t.cell[r][c], c + 1 < t.ncols - 1 ? "\t" : "\n");
    fclose(f);
    table_free(&t);
    static Judgement none;
    Status st = judge_status("opt_textbook", optim_ini, &none);
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "no state_bytes column"),
               "optimizers: results without state_bytes fail the rule (%s)", err_msg());
}

/* One schedule of a `schedules` fixture: its losses at the four peak lrs (NaN:
 * diverged) on seed 1, and what seed 2 adds to them. */
typedef struct {
    const char *warmup, *schedule, *floor;
    double loss[4], seed2;
} SchedSpec;

/* results/NAME for the GPT on kjv (100 steps) at peak lrs 1e-4 .. 0.1, seeds 1 and 2;
 * without_status leaves the status column out. */
static void sched_table(const char *name, const SchedSpec *spec, int n, bool without_status)
{
    static const char *const lrs[] = {"0.0001", "0.001", "0.01", "0.1"};
    char dir[512];
    FILE *f = runs_tsv(name, without_status ? "run_id\twarmup/schedule/lr_floor\tmodel\tdata\tsteps\twarmup\tschedule\t"
                                              "lr_floor\tlr\tseed\tfinal_val_loss"
                                            : "run_id\twarmup/schedule/lr_floor\tmodel\tdata\tsteps\twarmup\tschedule\t"
                                              "lr_floor\tlr\tseed\tstatus\tfinal_val_loss",
                       dir, sizeof dir);
    for (int i = 0; i < n; i++)
        for (int l = 0; l < 4; l++)
            for (int seed = 1; seed <= 2; seed++) {
                char id[13], seed_text[8];
                snprintf(seed_text, sizeof seed_text, "%d", seed);
                run_id(id, "model", "gpt", "data", "kjv", "steps", "100", "warmup", spec[i].warmup, "schedule",
                       spec[i].schedule, "lr_floor", spec[i].floor, "lr", lrs[l], "seed", seed_text, (const char *)NULL);
                double v = spec[i].loss[l] + (seed == 2 ? spec[i].seed2 : 0);
                fprintf(f, "%s\t%s/%s/%s\tgpt\tkjv\t100\t%s\t%s\t%s\t%s\t%d\t", id, spec[i].warmup, spec[i].schedule,
                        spec[i].floor, spec[i].warmup, spec[i].schedule, spec[i].floor, lrs[l], seed);
                if (!without_status) fprintf(f, "%s\t", isfinite(v) ? "ok" : "diverged");
                fprintf(f, "%.9g\n", v);
            }
    fclose(f);
}

static const char *const sched_ini =
    "[experiment]\ntitle = t\nclaims = C12\n[settings]\nmodel = gpt\ndata = kjv\nsteps = 100\n[sweep]\n"
    "warmup/schedule/lr_floor = 0/cosine/0.1 10/cosine/0.1 10/cosine/0.01 10/constant/0.1 10/step/0.1\n"
    "lr = 0.0001 0.001 0.01 0.1\nseed = 1 2\n[verdict]\nrule = schedules\nusable = 0.1\ndecay = cosine\n";

static void test_schedules(void)
{
    /* warmup makes 0.01 usable; both cosine floors beat constant, step reported */
    SchedSpec textbook[] = {
        {"0", "cosine", "0.1", {3.0, 2.0, NAN, NAN}, 0.01},
        {"10", "cosine", "0.1", {3.0, 2.0, 2.1, NAN}, 0.01},
        {"10", "cosine", "0.01", {3.0, 1.95, 2.05, NAN}, 0.01},
        {"10", "constant", "0.1", {3.1, 2.2, 2.3, NAN}, 0.01},
        {"10", "step", "0.1", {3.0, 2.1, 2.2, NAN}, 0.01},
    };
    sched_table("s_textbook", textbook, 5, false);
    Judgement j = judge("s_textbook", sched_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.key, "usable peak lrs 1 without warmup, 2 with") &&
                   strstr(j.key, "cosine to 1 %, warmup 10 -11.3 %"),
               "schedules: warmup widening the usable rates and cosine beating constant is %s (%s)",
               verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.text, "| step, warmup 10 | reported | -4.54 % | 2/2 | holds |") != NULL,
               "schedules: step decay is reported against constant");

    /* warmup changes nothing; constant beats both floors */
    SchedSpec against[] = {
        {"0", "cosine", "0.1", {3.0, 2.0, 2.1, NAN}, 0.01},
        {"10", "cosine", "0.1", {3.0, 2.0, 2.1, NAN}, 0.01},
        {"10", "cosine", "0.01", {3.0, 1.95, 2.05, NAN}, 0.01},
        {"10", "constant", "0.1", {3.1, 1.9, 2.0, NAN}, 0.01},
    };
    sched_table("s_against", against, 4, false);
    j = judge("s_against", sched_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED && strstr(j.text, "| 2 / 2 | 0/2 | fails |"),
               "schedules: warmup that widens nothing and a constant rate that wins are %s", verdict_names[j.verdict]);

    /* cosine better than constant on seed 1, worse on seed 2 */
    SchedSpec noisy[] = {
        {"0", "cosine", "0.1", {3.0, 2.0, NAN, NAN}, 0.01},
        {"10", "cosine", "0.1", {3.0, 2.0, 2.1, NAN}, 0.1},
        {"10", "cosine", "0.01", {3.0, 2.0, 2.1, NAN}, 0.1},
        {"10", "constant", "0.1", {3.1, 2.05, 2.15, NAN}, 0.01},
    };
    sched_table("s_noisy", noisy, 4, false);
    j = judge("s_noisy", sched_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.text, "| 1/2 | seeds disagree |"),
               "schedules: seeds that disagree on cosine against constant are %s", verdict_names[j.verdict]);

    sched_table("s_nostatus", textbook, 5, true);
    static Judgement none;
    Status st = judge_status("s_nostatus", sched_ini, &none);
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "no status column"),
               "schedules: results without status fail the rule (%s)", err_msg());
}

/* A benchmark of two MLP widths whose rounds time the backward at `ratio[w]` times the
 * forward (±0.05 over three rounds, 2 threads); bench = no bench.tsv at all. */
static void bench_table(const char *name, const double ratio[2], bool bench)
{
    char dir[512];
    FILE *f = runs_tsv(name, "run_id\tmodel\tshape\twidths\tstatus\tgflop_per_step\titems_per_step\tfwd_mm_flop\t"
                             "fwd_ew_flop\tbwd_mm_flop\tbwd_ew_flop", dir, sizeof dir);
    const char *widths[2] = {"128", "512"};
    for (int w = 0; w < 2; w++) {
        char id[13], path[700];
        run_id(id, "model", "mlp", "widths", widths[w], (const char *)NULL);
        fprintf(f, "%s\tmlp\t784-%s-10,B=128\t%s\tok\t0.1\t128\t1e8\t0\t1.9e8\t1e7\n", id, widths[w], widths[w]);
        if (!bench) continue;
        snprintf(path, sizeof path, "%s/runs/%s", dir, id);
        make_dirs(path);
        snprintf(path, sizeof path, "%s/runs/%s/bench.tsv", dir, id);
        FILE *b = fopen(path, "w");
        if (!b) exit(99);
        fprintf(b, "threads\tround\tsteps\tms_per_step\tms_min\tms_max\tfwd_ms\tbwd_ms\topt_ms\tpeak_gflops\thost\tcpu\t"
                   "blas_core\tstart_s\tend_s\n");
        for (int r = 0; r < 3; r++)
            fprintf(b, "2\t%d\t20\t3\t3\t3\t1\t%g\t0.1\t100\th\tc\tHaswell\t0\t1\n", r + 1, ratio[w] + 0.05 * (r - 1));
        fclose(b);
    }
    fclose(f);
}

static const char *const bench_ini =
    "[experiment]\ntitle = t\nclaims = C08\n[settings]\nmodel = mlp\n[sweep]\nwidths = 128 512\n"
    "[bench]\nthreads = 2\n[verdict]\nrule = backward_ratio\nratio = 2\ntolerance = 0.5\n";

static void test_backward_ratio(void)
{
    bench_table("b_two", (const double[2]){1.9, 2.2}, true);
    Judgement j = judge("b_two", bench_ini);
    CHECK_TRUE(j.verdict == VERDICT_CONFIRMED && strstr(j.text, "| 1.9 |") && strstr(j.text, "1.85–1.95"),
               "backward_ratio: ratios 1.9 and 2.2 against 2 ± 0.5 are %s (%s)", verdict_names[j.verdict], j.key);
    CHECK_TRUE(strstr(j.text, "| 1.9 | 2 |") != NULL, "backward_ratio: the counted FLOP ratios 1.9 (products) and 2 (all)");
    bench_table("b_one", (const double[2]){1.0, 1.1}, true);
    j = judge("b_one", bench_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "backward_ratio: ratios 1 and 1.1 are %s", verdict_names[j.verdict]);
    bench_table("b_half", (const double[2]){1.0, 2.0}, true);
    j = judge("b_half", bench_ini);
    CHECK_TRUE(j.verdict == VERDICT_REFUTED, "backward_ratio: one of two shapes missing the band is %s (half miss it)",
               verdict_names[j.verdict]);
    bench_table("b_edge", (const double[2]){1.47, 2.0}, true);
    j = judge("b_edge", bench_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE, "backward_ratio: rounds 1.42-1.52 straddling the band's edge is %s",
               verdict_names[j.verdict]);
    bench_table("b_none", (const double[2]){2, 2}, false);
    j = judge("b_none", bench_ini);
    CHECK_TRUE(j.verdict == VERDICT_INCONCLUSIVE && strstr(j.key, "no timings"), "backward_ratio: no bench.tsv is %s (%s)",
               verdict_names[j.verdict], j.key);
}

int main(void)
{
    fixture_begin("verdicts");
    test_stats();
    test_parabola();
    test_lr_regimes();
    test_precision();
    test_losses();
    test_bowl();
    test_gradcheck();
    test_isoflop();
    test_isoflop_lr();
    test_overfit();
    test_fits();
    test_optim_memory();
    test_optimizers();
    test_schedules();
    test_backward_ratio();
    test_vanishing();
    test_clipping();
    test_depth();
    test_init();
    test_grad_variance();
    test_batch_scaling();
    test_underflow();
    test_checkpointing();
    return fixture_done();
}
