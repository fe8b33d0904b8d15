/* unit: bench_collect (report/throughput.h) on bench.tsv files made for the purpose: the
 * fraction of the sgemm peak is the median over rounds of each round's rate over the peak
 * of its own row, not the median rate over the median peak (which a machine whose speed
 * drifts between rounds would skew); a run timed beside a baseline gives the median and
 * range of its rounds' ratios, one timed without gives NaN. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/fs.h"
#include "fixture.h"
#include "harness.h"
#include "report/throughput.h"

/* One run of layers L (gflop_per_step 0.5) whose bench.tsv is `bench`. */
static void bench_run(const char *name, const char *bench)
{
    char dir[512], path[700], id[13];
    FILE *f = runs_tsv(name, "run_id\tmodel\tlayers\tgflop_per_step\titems_per_step", dir, sizeof dir);
    run_id(id, "model", "gpt", "layers", "2", (const char *)NULL);
    fprintf(f, "%s\tgpt\t2\t0.5\t100\n", id);
    fclose(f);
    snprintf(path, sizeof path, "%s/runs/%s", dir, id);
    make_dirs(path);
    snprintf(path, sizeof path, "%s/runs/%s/bench.tsv", dir, id);
    write_file(path, bench);
}

static const char *const ini =
    "[experiment]\ntitle = t\nclaims = C08\n[settings]\nmodel = gpt\n[sweep]\nlayers = 2\n[bench]\nthreads = 1\n";

int main(void)
{
    fixture_begin("throughput");
    static Experiment x;
    static BenchSet b;

    /* rates 50, 25, 12.5 GFLOP/s against peaks 50, 200, 50: fractions 1, 0.125, 0.25 */
    bench_run("drift", "threads\tround\tms_per_step\tpeak_gflops\n1\t1\t10\t50\n1\t2\t20\t200\n1\t3\t40\t50\n");
    load_experiment(&x, "drift", ini);
    bench_collect(&b, &x);
    CHECK_TRUE(b.n == 1 && b.row[0].rounds == 3 && fabs(b.row[0].ms - 20) < 1e-12,
               "three rounds, median 20 ms (%d rows)", b.n);
    CHECK_TRUE(b.n == 1 && fabs(b.row[0].fraction - 0.25) < 1e-12,
               "the fraction is the median of each round's own (0.25; the median rate over the median peak "
               "would be 0.5): %g", b.n ? b.row[0].fraction : NAN);
    CHECK_TRUE(b.n == 1 && isnan(b.row[0].vs_base) && !b.row[0].baseline[0], "no baseline: vs_base is NaN");
    experiment_free(&x);

    /* beside a baseline: ratios 1.2, 1.3, 1.25 */
    bench_run("paired", "threads\tround\tms_per_step\tpeak_gflops\tbaseline\tbaseline_ms\n"
                        "1\t1\t12\t100\toptimizer=sgd\t10\n1\t2\t26\t100\toptimizer=sgd\t20\n"
                        "1\t3\t25\t100\toptimizer=sgd\t20\n");
    load_experiment(&x, "paired", ini);
    bench_collect(&b, &x);
    CHECK_TRUE(b.n == 1 && !strcmp(b.row[0].baseline, "optimizer=sgd") && fabs(b.row[0].vs_base - 1.25) < 1e-12 &&
                   fabs(b.row[0].vs_base_lo - 1.2) < 1e-12 && fabs(b.row[0].vs_base_hi - 1.3) < 1e-12,
               "beside a baseline: median ratio 1.25 (1.2-1.3): %g (%g-%g)", b.n ? b.row[0].vs_base : NAN,
               b.n ? b.row[0].vs_base_lo : NAN, b.n ? b.row[0].vs_base_hi : NAN);
    experiment_free(&x);
    return fixture_done();
}
