/* descent bench: time training steps of any shape on synthetic data, and the machine's
 * sgemm peak to hold them against. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/blas.h"
#include "core/buf.h"
#include "core/fs.h"
#include "core/pool.h"
#include "core/rng.h"
#include "core/timer.h"
#include "models/model.h"
#include "optim/optim.h"
#include "train/mixed.h"
#include "train/run.h"
#include "train/outdir.h"
#include "train/train.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: descent bench [--SETTING VALUE ...] [--steps N] [--warmup N] [--threads N[,N...]]\n"
            "                     [--repeats R] [--baseline KEY=VALUE] [--out DIR [--peak-size N]]\n"
            "                     [--blas K]\n"
            "       descent bench --peak [--threads N] [--blas K]\n"
            "\n"
            "Times training steps of the model the settings describe on random data of that\n"
            "shape (random images and labels, or random tokens: no dataset needed). After\n"
            "--warmup steps (default 10) it times --steps steps (default 30) and prints one TSV\n"
            "row: medians of the whole step and of forward, backward and optimizer, min and max\n"
            "of the step, throughput, matmul GFLOP per step and the fraction of the machine's\n"
            "sgemm peak reached. The inputs of an mlp default to 784 and its classes to 10;\n"
            "a gpt's vocabulary defaults to 96 (--vocab).\n"
            "\n"
            "--threads 1,2 times each thread count in turn, one row each. --repeats R times\n"
            "R rounds of --warmup and --steps steps and reports the median of the rounds'\n"
            "medians.\n"
            "\n"
            "--baseline KEY=VALUE also times the same shape with that one setting changed\n"
            "(activation_checkpoint=0, optimizer=sgd), its steps alternating with the run's\n"
            "(ABBA), and reports the run's time over the baseline's as the median over rounds\n"
            "(vs_baseline): a machine whose speed drifts slows both sides of a pair alike. A run\n"
            "whose settings already are the baseline's times nothing twice (vs_baseline is 1).\n"
            "The baseline shares the run's batch, kernels and number format: it cannot change\n"
            "model, batch, context, blas or precision.\n"
            "\n"
            "--out DIR (what descent sweep runs for an experiment with [bench]) also\n"
            "measures the sgemm peak (of NxNxN products, --peak-size, default 2048) in the same\n"
            "process instead of reading the cache: before the first round and after each, each\n"
            "round held against the mean of the two beside it, and the fraction of the peak is\n"
            "the median over rounds. It writes DIR/summary.tsv (the settings and the work of a\n"
            "step), DIR/bench.tsv (one row per thread count and round) and DIR/provenance.tsv,\n"
            "atomically (docs/FORMATS.md).\n"
            "\n"
            "--peak measures the sgemm rate (GFLOP/s) of 2048x2048x2048 products with one thread\n"
            "and with all threads and caches it in ~/.cache/descent/peak.tsv for later benches.\n"
            "\n"
            "--blas pinned (the default setting) runs OpenBLAS's Haswell kernels, whose bits\n"
            "the results are made with; --blas native the ones OpenBLAS picks for this CPU.\n"
            "Both outputs name the kernels in a blas_core column.\n");
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* GFLOP/s of mm() on n×n×n with the current pool (median of 5). */
static double measure_peak(int n)
{
    float *a = buf_floats((size_t)n * n), *b = buf_floats((size_t)n * n), *c = buf_floats((size_t)n * n);
    if (!a || !b || !c) return buf_free(a), buf_free(b), buf_free(c), 0;
    for (long i = 0; i < (long)n * n; i++) a[i] = b[i] = (float)(i % 7) * 0.1f;
    double t[5];
    /* the fp32 peak whatever the run's precision: a 16-bit policy's rounding scratch is
     * sized for the model's operands, not this n×n (bench --precision bf16 aborted here) */
    mm_fp32(false, false, n, n, n, 1, a, n, b, n, 0, c, n);
    for (int r = 0; r < 5; r++) {
        double t0 = now_s();
        mm_fp32(false, false, n, n, n, 1, a, n, b, n, 0, c, n);
        t[r] = now_s() - t0;
    }
    buf_free(a), buf_free(b), buf_free(c);
    return 2.0 * n * n * n / median(t, 5) / 1e9;
}

/* Cached peak for this host, BLAS core and thread count; 0 if none. */
static double cached_peak(int threads)
{
    char dir[4096], path[4200], host[256] = "", line[1024];
    if (cache_dir(dir, sizeof dir) != ST_OK) return 0;
    snprintf(path, sizeof path, "%s/peak.tsv", dir);
    gethostname(host, sizeof host - 1);
    FILE *f = fopen(path, "r");
    double best = 0;
    while (f && fgets(line, sizeof line, f)) {
        char h[256], core[128];
        int t;
        double g;
        if (sscanf(line, "%255s %127s %d %lf", h, core, &t, &g) == 4 && !strcmp(h, host) &&
            !strcmp(core, blas_core_name()) && t == threads)
            best = g; /* the newest line wins */
    }
    if (f) fclose(f);
    return best;
}

static double peak_for(int threads, bool force)
{
    double g = force ? 0 : cached_peak(threads);
    if (g > 0) return g;
    int saved = pool_threads();
    pool_init(threads);
    g = measure_peak(2048);
    pool_init(saved);
    char dir[4096], path[4200], host[256] = "";
    gethostname(host, sizeof host - 1);
    if (cache_dir(dir, sizeof dir) == ST_OK) {
        snprintf(path, sizeof path, "%s/peak.tsv", dir);
        FILE *f = fopen(path, "a");
        if (f) fprintf(f, "%s\t%s\t%d\t%.1f\n", host, blas_core_name(), threads, g), fclose(f);
    }
    return g;
}

/* The CPU's model name from /proc/cpuinfo ("unknown" elsewhere): with the host it names
 * the machine a timing belongs to. */
static void cpu_model(char *out, size_t cap)
{
    snprintf(out, cap, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) || !colon) continue;
        colon += 1 + (colon[1] == ' ');
        colon[strcspn(colon, "\n")] = '\0';
        snprintf(out, cap, "%s", colon);
        for (char *c = out; *c; c++)
            if (*c == '\t') *c = ' ';
        break;
    }
    if (f) fclose(f);
}

/* One round: warmup untimed steps, then steps timed ones (forward, backward, optimizer). */
typedef struct {
    double step, fwd, bwd, opt, min, max; /* seconds: medians, and the fastest and slowest step */
    double t_start, t_end;                /* the monotonic clock: comparable between processes on one machine */
    double peak;                          /* GFLOP/s: the sgemm peak beside the round */
} Round;

/* What a round times: a model with its optimizer and number format, and the times of its
 * timed steps. */
typedef struct {
    Model *m;
    Optimizer opt;
    Mixed mx;
    OptHyper h;
    long t;                    /* optimizer steps taken so far */
    double *tf, *tb, *to, *tt; /* (steps) forward, backward, optimizer, whole step */
} Subject;

/* Set up under the most threads it will be timed with (a 16-bit policy sizes rounding
 * scratch per pool thread). */
static Status subject_init(Subject *u, const Settings *s, const DataShape *shape, int steps)
{
    *u = (Subject){.h = run_hyper(s)};
    u->tf = calloc((size_t)steps, sizeof(double)), u->tb = calloc((size_t)steps, sizeof(double));
    u->to = calloc((size_t)steps, sizeof(double)), u->tt = calloc((size_t)steps, sizeof(double));
    if (!u->tf || !u->tb || !u->to || !u->tt) return err_set(ST_NOMEM, "out of memory");
    Status st = model_create(&u->m, s, shape);
    if (st == ST_OK) st = optimizer_init(&u->opt, opt_type_at(s->optimizer), &u->m->params, &u->h);
    if (st == ST_OK) st = mixed_init(&u->mx, s, &u->m->params, u->m->max_operand);
    return st;
}

static void subject_free(Subject *u)
{
    mixed_free(&u->mx);
    optimizer_free(&u->opt);
    model_free(u->m);
    free(u->tf), free(u->tb), free(u->to), free(u->tt);
    *u = (Subject){0};
}

/* One training step; its phases' times go to index k when k >= 0. */
static void time_step(Subject *u, const Batch *batch, int k)
{
    double t0 = now_s();
    params_zero_grad(&u->m->params);
    u->m->ops->forward(u->m, batch);
    double t1 = now_s();
    u->m->ops->backward(u->m, batch, mixed_dloss(&u->mx, 1));
    double t2 = now_s();
    if (mixed_unscale(&u->mx, &u->m->params)) mixed_step(&u->mx, &u->opt, &u->m->params, &u->h, ++u->t);
    double t3 = now_s();
    if (k >= 0) u->tf[k] = t1 - t0, u->tb[k] = t2 - t1, u->to[k] = t3 - t2, u->tt[k] = t3 - t0;
}

/* One round of n subjects (the run, and its baseline if any): warmup untimed steps, then
 * steps timed ones. The subjects' steps alternate (ABBA), so a pair is timed over the
 * same seconds and a machine whose speed drifts slows both alike. */
static void time_round(Subject *const *u, int n, const Batch *batch, int warmup, int steps, Round *out)
{
    double t_start = now_s();
    for (int i = 0; i < warmup + steps; i++)
        for (int j = 0; j < n; j++) time_step(u[i % 2 ? n - 1 - j : j], batch, i - warmup);
    for (int j = 0; j < n; j++) {
        const Subject *v = u[j];
        Round *r = &out[j];
        r->fwd = median(v->tf, steps), r->bwd = median(v->tb, steps), r->opt = median(v->to, steps);
        r->step = median(v->tt, steps); /* sorted now */
        r->min = v->tt[0], r->max = v->tt[steps - 1];
        r->t_start = t_start, r->t_end = now_s();
    }
}

/* The run's settings with one more pair, --baseline KEY=VALUE; *same when that changes
 * nothing (the run is its own baseline). */
static Status baseline_settings(Settings *out, bool *same, const Settings *run, const SettingPairs *pairs,
                                const char *kv)
{
    char key[64];
    const char *value;
    if (!setting_pair_split(kv, key, sizeof key, &value))
        return err_set(ST_USAGE, "--baseline: '%s' is not KEY=VALUE", kv);
    static SettingPairs p; /* 50 KB: not on the stack */
    p = *pairs;
    Status st = pairs_add(&p, key, value, "--baseline");
    if (st == ST_OK) st = settings_from_pairs(out, &p);
    if (st != ST_OK) return st;
    static char a[8192], b[8192];
    settings_identity(run, "", a, sizeof a);
    settings_identity(out, "", b, sizeof b);
    *same = !strcmp(a, b);
    return ST_OK;
}

/* "1,2" → {1, 2}; false on anything else. */
static bool parse_threads(const char *s, int *t, int cap, int *n)
{
    *n = 0;
    for (;;) { /* counts joined by single commas, as parse_count reads them */
        size_t len = strcspn(s, ",");
        char one[16];
        long v;
        if (len == 0 || len >= sizeof one || *n == cap) return false;
        snprintf(one, sizeof one, "%.*s", (int)len, s);
        if (!parse_count(one, 1, 1024, &v)) return false;
        t[(*n)++] = (int)v;
        if (!s[len]) return true;
        s += len + 1;
    }
}

/* The median over rounds of one field of each thread count's rounds. */
static double rounds_median(const Round *rk, int repeats, size_t field, double *scratch)
{
    for (int i = 0; i < repeats; i++) scratch[i] = *(const double *)((const char *)&rk[i] + field);
    return median(scratch, repeats);
}

int cmd_bench(int argc, char **argv)
{
    const char *steps_s = NULL, *warmup_s = NULL, *threads_s = NULL, *peak = NULL, *repeats_s = NULL,
               *out_dir = NULL, *peak_size_s = NULL, *baseline_s = NULL;
    const CmdOption opts[] = {
        {"steps", true, "timed steps", &steps_s},
        {"warmup", true, "untimed steps first", &warmup_s},
        {"threads", true, "worker threads", &threads_s},
        {"peak", false, "measure the sgemm peak", &peak},
        {"repeats", true, "timed rounds per thread count", &repeats_s},
        {"out", true, "result folder", &out_dir},
        {"peak-size", true, "n of the n×n×n sgemm peak with --out", &peak_size_s},
        {"baseline", true, "KEY=VALUE: time beside the run with this setting", &baseline_s},
    };
    static SettingPairs pairs;
    bool help;
    Status st = args_parse(argc, argv, opts, 8, &pairs, &help);
    if (help) return usage(stdout), 0;
    if (st != ST_OK) return report_error("bench", st);
    /* bench never reads a dataset: the data setting only has to name a valid one. The
     * blas setting has chosen the kernels before main (core/blas.h); --peak needs no other. */
    static Settings s, sb;
    bool self_baseline = false;
    if ((st = settings_from_pairs(&s, &pairs)) != ST_OK) return report_error("bench", st);
    if (baseline_s && (st = baseline_settings(&sb, &self_baseline, &s, &pairs, baseline_s)) != ST_OK)
        return report_error("bench", st);
    /* the kernels and the product policy (core/blas.h) hold for the whole process */
    if (baseline_s && (sb.blas != s.blas || sb.precision != s.precision))
        return err_set(ST_USAGE, "--baseline: %s holds for the whole process: bench each in its own run",
                       sb.blas != s.blas ? "blas" : "precision"),
               report_error("bench", ST_USAGE);
    enum { MAX_THREADS = 16 };
    int tlist[MAX_THREADS], nthreads = 1;
    if (threads_s && !parse_threads(threads_s, tlist, MAX_THREADS, &nthreads))
        return err_set(ST_USAGE, "--threads: '%s' is not a thread count or a list like 1,2", threads_s),
               report_error("bench", ST_USAGE);
    int threads = blas_init(threads_s ? tlist[0] : 0);
    if (!threads_s) tlist[0] = threads;
    if (peak) {
        double one = peak_for(1, true), all = threads > 1 ? peak_for(threads, true) : one;
        printf("threads\tblas_core\tpeak_gflops\n1\t%s\t%.1f\n", blas_core_name(), one);
        if (threads > 1) printf("%d\t%s\t%.1f\n", threads, blas_core_name(), all);
        return 0;
    }
    int steps = 30, warmup = 10, repeats = 1, peak_size = 2048;
    if ((steps_s && (st = args_int("steps", steps_s, 1, 1000000, &steps)) != ST_OK) ||
        (warmup_s && (st = args_int("warmup", warmup_s, 0, 1000000, &warmup)) != ST_OK) ||
        (repeats_s && (st = args_int("repeats", repeats_s, 1, 1000, &repeats)) != ST_OK) ||
        (peak_size_s && (st = args_int("peak-size", peak_size_s, 16, 65536, &peak_size)) != ST_OK))
        return report_error("bench", st);
    bool gpt = s.model == MODEL_GPT;
    DataShape shape = {0};
    shape.inputs = s.inputs ? s.inputs : 784;
    shape.classes = gpt ? (s.vocab ? s.vocab : 96) : (s.classes ? s.classes : 10);
    for (int i = 0; i < shape.classes && i < 256; i++) shape.charset[i] = (unsigned char)i;
    int most = tlist[0];
    for (int k = 1; k < nthreads; k++) most = tlist[k] > most ? tlist[k] : most;
    pool_init(most);
    Subject run = {0}, base = {0};
    bool paired = baseline_s && !self_baseline; /* a second model timed beside the run */
    if ((st = subject_init(&run, &s, &shape, steps)) != ST_OK ||
        (paired && (st = subject_init(&base, &sb, &shape, steps)) != ST_OK) ||
        (paired && (st = blas_set_precision(s.precision, run.m->max_operand > base.m->max_operand ? run.m->max_operand
                                                                                               : base.m->max_operand)) !=
                       ST_OK)) /* each subject set the one policy up for its own operands: room for both */
        return subject_free(&run), subject_free(&base), report_error("bench", st);

    /* one random batch, reused: timing does not depend on the values. The baseline
     * shares it, so it must take the run's batch and context. */
    int B = s.batch, T = s.context;
    if (paired && (sb.batch != B || sb.context != T || sb.model != s.model)) {
        subject_free(&run), subject_free(&base);
        return err_set(ST_USAGE, "--baseline: '%s' changes the model, batch or context: a baseline times the same data",
                       baseline_s),
               report_error("bench", ST_USAGE);
    }
    gsl_rng *r = rng_stream((uint64_t)s.seed, "bench");
    float *x = buf_floats((size_t)B * shape.inputs);
    int *y = calloc((size_t)B, sizeof *y), *tok = calloc((size_t)B * (T + 1), sizeof *tok);
    Round *rounds = calloc((size_t)repeats * nthreads, sizeof *rounds);
    Round *based = calloc((size_t)repeats * nthreads, sizeof *based); /* the baseline's round beside each */
    double *med = calloc((size_t)repeats, sizeof *med);
    OutDir od = {0};
    FILE *summary = NULL, *bt = NULL, *prov = NULL;
    if (!r || !x || !y || !tok || !rounds || !based || !med) {
        st = err_set(ST_NOMEM, "out of memory");
        goto done;
    }
    for (long i = 0; i < (long)B * shape.inputs; i++) x[i] = (float)gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < B; i++) y[i] = (int)gsl_rng_uniform_int(r, (unsigned long)shape.classes);
    for (long i = 0; i < (long)B * (T + 1); i++) tok[i] = (int)gsl_rng_uniform_int(r, (unsigned long)shape.classes);
    Batch batch = {B, x, y, tok};
    for (int k = 0; k < nthreads; k++) {
        /* with --out the peak is measured between rounds, and each round is held against
         * the mean of the two beside it: the machine's speed drifts from round to round */
        double peak = out_dir ? 0 : peak_for(tlist[k], false);
        pool_init(tlist[k]);
        if (out_dir) peak = measure_peak(peak_size);
        for (int i = 0; i < repeats; i++) {
            Subject *const both[2] = {&run, &base};
            Round out[2];
            time_round(both, paired ? 2 : 1, &batch, warmup, steps, out);
            double before = peak;
            if (out_dir) peak = measure_peak(peak_size);
            out[0].peak = out[1].peak = (before + peak) / 2;
            rounds[k * repeats + i] = out[0], based[k * repeats + i] = out[paired];
        }
    }

    Model *m = run.m;
    long items = (long)B * m->items_per_row;
    double gflop = m->flops_per_item * items / 1e9;
    StepFlops sf; /* executed FLOPs of each phase, for its rate */
    double opt_mm, opt_ew;
    step_flops(m, &run.opt, &run.h, B, &sf, &opt_mm, &opt_ew);
    char shape_desc[256];
    if (gpt)
        snprintf(shape_desc, sizeof shape_desc, "V=%d,T=%d,C=%d,L=%d,H=%d,B=%d", shape.classes, T,
                 s.width, s.layers, s.heads, B);
    else {
        int len = snprintf(shape_desc, sizeof shape_desc, "%d", shape.inputs);
        for (int i = 0; i < s.n_widths; i++) len += snprintf(shape_desc + len, sizeof shape_desc - len, "-%d", s.widths[i]);
        snprintf(shape_desc + len, sizeof shape_desc - len, "-%d,B=%d", shape.classes, B);
    }
    printf("model\tshape\toptimizer\tprecision\tblas_core\tthreads\trepeats\tms_per_step\tms_min\tms_max\tfwd_ms\tbwd_ms\topt_ms\t"
           "bwd_fwd\titems_per_sec\tgflop_per_step\tgflops\tpeak_gflops\tpeak_fraction\tfwd_peak_fraction\t"
           "bwd_peak_fraction\topt_peak_fraction%s\n",
           baseline_s ? "\tvs_baseline" : "");
    for (int k = 0; k < nthreads; k++) {
        const Round *rk = &rounds[k * repeats];
        double lo = rk[0].min, hi = rk[0].max;
        for (int i = 0; i < repeats; i++) lo = fmin(lo, rk[i].min), hi = fmax(hi, rk[i].max);
        double fwd = rounds_median(rk, repeats, offsetof(Round, fwd), med);
        double bwd = rounds_median(rk, repeats, offsetof(Round, bwd), med);
        double op = rounds_median(rk, repeats, offsetof(Round, opt), med);
        double step = rounds_median(rk, repeats, offsetof(Round, step), med);
        double peak_g = rounds_median(rk, repeats, offsetof(Round, peak), med), peak = peak_g * 1e9;
        for (int i = 0; i < repeats; i++) med[i] = gflop / rk[i].step / rk[i].peak; /* each round against its own peak */
        double fraction = median(med, repeats);
        printf("%s\t%s\t%s\t%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.0f\t%.4f\t%.1f\t%.1f\t%.3f\t%.3f\t"
               "%.3f\t%.3f",
               model_kind_name(s.model), shape_desc, opt_type_name(s.optimizer),
               precision_name(s.precision), blas_core_name(), tlist[k], repeats, 1e3 * step, 1e3 * lo, 1e3 * hi, 1e3 * fwd,
               1e3 * bwd, 1e3 * op, bwd / fwd, items / step, gflop, gflop / step, peak_g, fraction,
               fwd > 0 ? (sf.fwd_mm + sf.fwd_ew) / fwd / peak : NAN, bwd > 0 ? (sf.bwd_mm + sf.bwd_ew) / bwd / peak : NAN,
               op > 0 ? (opt_mm + opt_ew) / op / peak : NAN);
        if (baseline_s) {
            for (int i = 0; i < repeats; i++) med[i] = rk[i].step / based[k * repeats + i].step;
            printf("\t%.4f", median(med, repeats));
        }
        printf("\n");
    }
    if (!out_dir) goto done;

    char host[256] = "unknown", cpu[256];
    gethostname(host, sizeof host - 1);
    cpu_model(cpu, sizeof cpu);
    if ((st = outdir_begin(&od, out_dir)) != ST_OK) goto done;
    summary = outdir_open(&od, "summary.tsv");
    bt = outdir_open(&od, "bench.tsv");
    prov = outdir_open(&od, "provenance.tsv");
    if (!summary || !bt || !prov) {
        st = ST_IO;
        goto done;
    }
    train_write_settings_header(summary);
    fprintf(summary, "status\tshape\tparams\titems_per_step\tgflop_per_step\tactivation_bytes\tfwd_mm_flop\t"
                     "fwd_ew_flop\tbwd_mm_flop\tbwd_ew_flop\topt_mm_flop\topt_ew_flop\n");
    train_write_settings_row(summary, &s);
    fprintf(summary, "ok\t%s\t%ld\t%ld\t%.6g\t%ld\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\n", shape_desc,
            m->params.numel, items, gflop, mixed_activation_bytes(&run.mx, m->activation_bytes), sf.fwd_mm, sf.fwd_ew,
            sf.bwd_mm, sf.bwd_ew, opt_mm, opt_ew);
    fprintf(bt, "threads\tround\tsteps\tms_per_step\tms_min\tms_max\tfwd_ms\tbwd_ms\topt_ms\tpeak_gflops\t"
                "host\tcpu\tblas_core\tstart_s\tend_s%s\n",
            baseline_s ? "\tbaseline\tbaseline_ms" : "");
    for (int k = 0; k < nthreads; k++)
        for (int i = 0; i < repeats; i++) {
            const Round *q = &rounds[k * repeats + i];
            fprintf(bt, "%d\t%d\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.1f\t%s\t%s\t%s\t%.3f\t%.3f", tlist[k], i + 1,
                    steps, 1e3 * q->step, 1e3 * q->min, 1e3 * q->max, 1e3 * q->fwd, 1e3 * q->bwd, 1e3 * q->opt,
                    q->peak, host, cpu, blas_core_name(), q->t_start, q->t_end);
            if (baseline_s) fprintf(bt, "\t%s\t%.4f", baseline_s, 1e3 * based[k * repeats + i].step);
            fprintf(bt, "\n");
        }
    train_write_provenance(prov, &s);
    FILE *fs3[] = {summary, bt, prov};
    for (int i = 0; i < 3; i++)
        if (fclose(fs3[i]) != 0) st = err_set(ST_IO, "%s: write failed", out_dir);
    summary = bt = prov = NULL;
    if (st == ST_OK) st = outdir_commit(&od);
done:
    if (summary) fclose(summary);
    if (bt) fclose(bt);
    if (prov) fclose(prov);
    if (st != ST_OK && od.tmp[0]) outdir_abort(&od);
    gsl_rng_free(r);
    buf_free(x);
    free(y), free(tok), free(rounds), free(based),
        free(med);
    subject_free(&base);
    subject_free(&run);
    return st == ST_OK ? 0 : report_error("bench", st);
}
