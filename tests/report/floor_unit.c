/* unit: the noise floor (report/floor.h) on results made for the purpose, and the two
 * comparisons that use it: paired gaps (report/paired.h) and best-lr pairs
 * (report/lrsweep.h).
 *
 * The floor from an experiment's own seeds (median over settings, a diverged seed left
 * out), `floor = none`, `floor = NAME`, and with one seed the `seeds` experiment of the
 * same model or none; a named experiment that is missing or has no results, and a
 * missing column, fail. A gap or a win inside the floor is unclear, outside it stands.
 * The grouping into settings it uses (exp_cells, report/experiment.h): a linked axis by
 * its own column, or by the parts not excluded; a missing grouping column fails. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fs.h"
#include "fixture.h"
#include "harness.h"
#include "report/floor.h"
#include "report/lrsweep.h"
#include "report/paired.h"

/* results/NAME/runs.tsv from rows "optimizer lr seed status final_val_loss". With
 * `linked`, the experiment sweeps the linked axis optimizer/lr, and the table has its
 * column beside the parts' own, as the runner writes it (docs/FORMATS.md). */
static void table(const char *name, bool linked, const char *rows)
{
    char dir[512];
    FILE *f = runs_tsv(name, linked ? "run_id\toptimizer/lr\toptimizer\tlr\tseed\tstatus\tfinal_val_loss"
                                    : "run_id\toptimizer\tlr\tseed\tstatus\tfinal_val_loss", dir, sizeof dir);
    char buf[2048], opt[32], lr[32], seed[16], status[32], loss[32];
    snprintf(buf, sizeof buf, "%s", rows);
    for (char *save, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (sscanf(l, "%31s %31s %15s %31s %31s", opt, lr, seed, status, loss) != 5) exit(99);
        char id[13];
        run_id(id, "optimizer", opt, "lr", lr, "seed", seed, (const char *)NULL);
        fprintf(f, "%s\t", id);
        if (linked) fprintf(f, "%s/%s\t", opt, lr);
        fprintf(f, "%s\t%s\t%s\t%s\t%s\n", opt, lr, seed, status, loss);
    }
    fclose(f);
}

static double rel_sd(const double *v, int n)
{
    double m = 0, s = 0;
    for (int i = 0; i < n; i++) m += v[i] / n;
    for (int i = 0; i < n; i++) s += (v[i] - m) * (v[i] - m) / (n - 1);
    return sqrt(s) / m;
}

static void test_measure(void)
{
    static Experiment x;
    NoiseFloor f;
    char text[1024];
    /* two settings on a linked axis; sgd's third seed diverged and is left out */
    const char *own_ini = "[experiment]\ntitle = t\nclaims = C11\n[settings]\nmodel = mlp\n[sweep]\n"
                          "optimizer/lr = sgd/0.1 adamw/0.001\nseed = 1 2 3\n%s";
    char ini[512];
    table("f_own", true, "sgd 0.1 1 ok 1.0\nsgd 0.1 2 ok 1.1\nsgd 0.1 3 diverged 5\n"
                   "adamw 0.001 1 ok 2.0\nadamw 0.001 2 ok 2.1\nadamw 0.001 3 ok 2.2\n");
    snprintf(ini, sizeof ini, own_ini, "");
    load_experiment(&x, "f_own", ini);
    const double sgd[] = {1.0, 1.1}, adamw[] = {2.0, 2.1, 2.2};
    double want = (rel_sd(sgd, 2) + rel_sd(adamw, 3)) / 2;
    Status st = floor_measure(&f, &x, "final_val_loss");
    CHECK_TRUE(st == ST_OK && fabs(f.rel - want) < 1e-12 && f.nsettings == 2 && f.nseeds == 3 && !f.source[0],
               "floor: own seeds give the median over settings of sd/mean, a diverged seed left out (%.6g, want %.6g, "
               "%d settings)", f.rel, want, f.nsettings);
    floor_text(text, sizeof text, &f, "the test's pairs");
    CHECK_TRUE(strstr(text, "5.75 % of the baseline, from this experiment's own seeds") && strstr(text, "the test's pairs"),
               "floor: the page says which floor and what it applies to (%.120s)", text);
    st = floor_measure(&f, &x, "best_val_loss");
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "best_val_loss"), "floor: a missing column fails (%s)", err_msg());
    experiment_free(&x);

    snprintf(ini, sizeof ini, own_ini, "[verdict]\nrule = optimizers\nfloor = none\n");
    load_experiment(&x, "f_own", ini);
    st = floor_measure(&f, &x, "final_val_loss");
    floor_text(text, sizeof text, &f, "the test's pairs");
    CHECK_TRUE(st == ST_OK && f.rel == 0 && strstr(text, "none (`floor = none`)"), "floor: floor = none is none (%.80s)", text);
    experiment_free(&x);

    /* a seeds experiment of the MLP: ten seeds of one setting */
    table("f_seeds", false, "sgd 0.1 1 ok 1.0\nsgd 0.1 2 ok 1.02\nsgd 0.1 3 ok 0.98\nsgd 0.1 4 ok 1.0\n");
    load_experiment(&x, "f_seeds", "[experiment]\ntitle = t\nclaims = C21\n[settings]\nmodel = mlp\noptimizer = sgd\nlr = 0.1\n"
                        "[sweep]\nseed = 1 2 3 4\n[verdict]\nrule = seeds\n");
    experiment_free(&x);
    const double seeds[] = {1.0, 1.02, 0.98, 1.0};
    want = rel_sd(seeds, 4);
    snprintf(ini, sizeof ini, own_ini, "[verdict]\nrule = optimizers\nfloor = f_seeds\n");
    load_experiment(&x, "f_own", ini);
    st = floor_measure(&f, &x, "final_val_loss");
    floor_text(text, sizeof text, &f, "the test's pairs");
    CHECK_TRUE(st == ST_OK && fabs(f.rel - want) < 1e-12 && !strcmp(f.source, "f_seeds") && strstr(text, "[f_seeds](f_seeds.md)'s seeds"),
               "floor: floor = NAME measures that experiment's seeds (%.6g, want %.6g)", f.rel, want);
    experiment_free(&x);

    /* one seed: the seeds experiment of the same model, or none */
    table("f_one", true, "sgd 0.1 1 ok 1.0\nadamw 0.001 1 ok 2.0\n");
    load_experiment(&x, "f_one", "[experiment]\ntitle = t\nclaims = C11\n[settings]\nmodel = mlp\n[sweep]\n"
                      "optimizer/lr = sgd/0.1 adamw/0.001\nseed = 1\n");
    st = floor_measure(&f, &x, "final_val_loss");
    CHECK_TRUE(st == ST_OK && fabs(f.rel - want) < 1e-12 && !strcmp(f.source, "f_seeds"),
               "floor: with one seed, the seeds experiment of the same model (%s, %.6g)", f.source, f.rel);
    experiment_free(&x);
    char gdir[512], gid[13];
    FILE *g = runs_tsv("f_one_gpt", "run_id\tseed\tstatus\tfinal_val_loss", gdir, sizeof gdir);
    run_id(gid, "model", "gpt", "seed", "1", (const char *)NULL);
    fprintf(g, "%s\t1\tok\t3.0\n", gid);
    fclose(g);
    load_experiment(&x, "f_one_gpt", "[experiment]\ntitle = t\nclaims = C11\n[settings]\nmodel = gpt\n[sweep]\nseed = 1\n");
    st = floor_measure(&f, &x, "final_val_loss");
    CHECK_TRUE(st == ST_OK && f.rel == 0 && strstr(f.why, "no experiment of rule `seeds`"),
               "floor: one seed and no seeds experiment of the model: none (%s)", f.why);
    experiment_free(&x);

    /* named experiments that cannot give one */
    snprintf(ini, sizeof ini, own_ini, "[verdict]\nrule = optimizers\nfloor = f_absent\n");
    load_experiment(&x, "f_own", ini);
    st = floor_measure(&f, &x, "final_val_loss");
    CHECK_TRUE(st != ST_OK && strstr(err_msg(), "f_absent"), "floor: a named experiment that does not exist fails (%s)",
               err_msg());
    experiment_free(&x);
    char path[512];
    snprintf(path, sizeof path, "%s/experiments/f_nores.ini", root);
    write_file(path, "[experiment]\ntitle = t\nclaims = C21\n[settings]\n[sweep]\nseed = 1 2\n[verdict]\nrule = seeds\n");
    snprintf(ini, sizeof ini, own_ini, "[verdict]\nrule = optimizers\nfloor = f_nores\n");
    load_experiment(&x, "f_own", ini);
    st = floor_measure(&f, &x, "final_val_loss");
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "f_nores has no results"),
               "floor: a named experiment without results fails (%s)", err_msg());
    experiment_free(&x);
}

/* The grouping of report/experiment.h (exp_cells), which the floor uses: a linked axis
 * groups by its own column, in the order the file lists its values; excluding one part
 * groups by the others; a table without a grouping column fails rather than put every
 * run in one cell. */
static void test_cells(void)
{
    static Experiment x;
    static const char *const not_seed[] = {"seed", NULL}, *const not_lr[] = {"lr", "seed", NULL};
    const char *ini = "[experiment]\ntitle = t\nclaims = C11\n[settings]\nmodel = mlp\n[sweep]\n"
                      "optimizer/lr = sgd/0.1 adamw/0.001 sgd/0.01\nseed = 1 2\n";
    const char *rows = "adamw 0.001 1 ok 2.0\nsgd 0.1 1 ok 1.0\nsgd 0.01 1 ok 3.0\n"
                       "sgd 0.1 2 ok 1.1\nadamw 0.001 2 ok 2.1\nsgd 0.01 2 ok 3.1\n";
    Cells c;
    table("f_cells", true, rows);
    load_experiment(&x, "f_cells", ini);
    Status st = exp_cells(&c, &x, not_seed);
    CHECK_TRUE(st == ST_OK && c.ncells == 3 && !strcmp(c.cell[0].label, "sgd/0.1") && c.cell[0].nrows == 2 &&
                   c.cell[0].rows[0] == 1 && c.cell[0].rows[1] == 3 && !strcmp(c.cell[1].label, "adamw/0.001") &&
                   c.cell[1].rows[0] == 0 && !strcmp(c.cell[2].label, "sgd/0.01") && c.cell[2].rows[1] == 5,
               "cells: a linked axis groups by its column, in the file's order, rows in table order (%d cells, "
               "first %s)", c.ncells, c.ncells ? c.cell[0].label : "none");
    cells_free(&c);
    st = exp_cells(&c, &x, not_lr);
    CHECK_TRUE(st == ST_OK && c.ncells == 2 && c.nkeys == 1 && !strcmp(c.keys[0], "optimizer") &&
                   !strcmp(c.cell[0].label, "sgd") && c.cell[0].nrows == 4 && !strcmp(c.cell[1].label, "adamw"),
               "cells: without lr, optimizer/lr groups by optimizer alone (%d cells)", c.ncells);
    cells_free(&c);
    experiment_free(&x);

    /* the parts' columns alone: no real runs.tsv looks like this */
    table("f_cells", false, rows);
    load_experiment(&x, "f_cells", ini);
    st = exp_cells(&c, &x, not_seed);
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "no optimizer/lr column"),
               "cells: a missing grouping column fails (%s)", err_msg());
    cells_free(&c);
    NoiseFloor f;
    st = floor_measure(&f, &x, "final_val_loss");
    CHECK_TRUE(st == ST_FAILED && strstr(err_msg(), "no optimizer/lr column"),
               "floor: without the linked axis's column it fails (%s)", err_msg());
    st = exp_cells(&c, &x, not_lr);
    CHECK_TRUE(st == ST_OK && c.ncells == 2, "cells: grouping by a part needs only the part's column (%d cells)",
               c.ncells);
    cells_free(&c);
    experiment_free(&x);
}

static void test_comparisons(void)
{
    NoiseFloor five = {.rel = 0.05}, two = {.rel = 0.02}, none = {.rel = 0};
    CHECK_TRUE(floor_inside(&five, 0.04, 1) && floor_inside(&five, -0.05, 1) && !floor_inside(&five, 0.051, 1) &&
                   floor_inside(&five, 0.1, -2) && !floor_inside(&none, 0, 1),
               "floor: inside means |d| <= floor·|b|; no floor has no inside");

    /* paired gaps +3 % and +4 %, both positive, above the 1 % tolerance */
    const double base[2] = {1, 1};
    const bool ok[2] = {false, false}, div[2] = {false, true};
    Comparison c = {.value = {1.03, 1.04}};
    pair_compare(&c, base, ok, 2, 0.01, &five);
    CHECK_TRUE(c.cls == C_UNCLEAR && c.inside, "paired: a gap inside the floor is unclear (%s)", class_names[c.cls]);
    pair_compare(&c, base, ok, 2, 0.01, &two);
    CHECK_TRUE(c.cls == C_LOSES && !c.inside, "paired: a gap beyond the floor loses (%s)", class_names[c.cls]);
    Comparison d = {.value = {1.0, NAN}};
    pair_compare(&d, base, div, 2, 0.01, &five);
    CHECK_TRUE(d.cls == C_LOSES, "paired: a diverged seed loses whatever the floor (%s)", class_names[d.cls]);
    Comparison m = {.value = {1.005, 1.0}};
    pair_compare(&m, base, ok, 2, 0.01, &five);
    CHECK_TRUE(m.cls == C_MATCHES, "paired: a gap within the tolerance matches (%s)", class_names[m.cls]);

    /* best-lr pairs: 3 % better on both seeds; worse on both; the seeds disagree */
    LrBest better = {.n = 2, .seed = {1, 2}, .value = {0.97, 0.97}}, worse = {.n = 2, .seed = {1, 2}, .value = {1, 1}},
           split = {.n = 2, .seed = {1, 2}, .value = {0.9, 1.1}};
    int wins, n;
    CHECK_TRUE(lrbest_beats(&better, &worse, &two, &wins, &n) == PAIR_HOLDS && wins == 2,
               "lr pairs: a win beyond the floor holds");
    CHECK_TRUE(lrbest_beats(&better, &worse, &five, &wins, &n) == PAIR_FLOOR, "lr pairs: a win inside the floor is %s",
               pair_names[PAIR_FLOOR]);
    CHECK_TRUE(lrbest_beats(&worse, &better, &five, &wins, &n) == PAIR_FLOOR && wins == 0,
               "lr pairs: a loss inside the floor is not a failure");
    CHECK_TRUE(lrbest_beats(&worse, &better, &two, &wins, &n) == PAIR_FAILS, "lr pairs: a loss beyond it fails");
    CHECK_TRUE(lrbest_beats(&split, &worse, &none, &wins, &n) == PAIR_UNCLEAR, "lr pairs: seeds that disagree are unclear");
}

int main(void)
{
    fixture_begin("floor");
    test_measure();
    test_cells();
    test_comparisons();
    return fixture_done();
}
