/* descent bench: time training steps of any shape on synthetic data, and the machine's
 * sgemm peak to hold them against. */
#include <gsl/gsl_randist.h>
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

static void usage(FILE *f)
{
    fprintf(f,
            "usage: descent bench [--SETTING VALUE ...] [--steps N] [--warmup N] [--threads N] [--blas K]\n"
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
            "--peak measures the sgemm rate (GFLOP/s) of 2048x2048x2048 products with one thread\n"
            "and with all threads and caches it in ~/.cache/descent/peak.tsv for later benches.\n"
            "\n"
            "--blas pinned (default) runs OpenBLAS's Haswell kernels, whose bits the results\n"
            "are made with; --blas native the ones OpenBLAS picks for this CPU. Both outputs\n"
            "name the kernels in a blas_core column.\n");
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
    mm(false, false, n, n, n, 1, a, n, b, n, 0, c, n);
    for (int r = 0; r < 5; r++) {
        double t0 = now_s();
        mm(false, false, n, n, n, 1, a, n, b, n, 0, c, n);
        t[r] = now_s() - t0;
    }
    buf_free(a), buf_free(b), buf_free(c);
    return 2.0 * n * n * n / median(t, 5) / 1e9;
}

static void cache_path(char *out, size_t cap)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg) snprintf(out, cap, "%s/descent", xdg);
    else snprintf(out, cap, "%s/.cache/descent", home ? home : "/tmp");
}

/* Cached peak for this host, BLAS core and thread count; 0 if none. */
static double cached_peak(int threads)
{
    char dir[4096], path[4200], host[256] = "", line[1024];
    cache_path(dir, sizeof dir);
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
    cache_path(dir, sizeof dir);
    gethostname(host, sizeof host - 1);
    if (make_dirs(dir) == ST_OK) {
        snprintf(path, sizeof path, "%s/peak.tsv", dir);
        FILE *f = fopen(path, "a");
        if (f) fprintf(f, "%s\t%s\t%d\t%.1f\n", host, blas_core_name(), threads, g), fclose(f);
    }
    return g;
}

int cmd_bench(int argc, char **argv)
{
    const char *steps_s = NULL, *warmup_s = NULL, *threads_s = NULL, *peak = NULL, *kernels = NULL;
    const CmdOption opts[] = {
        {"steps", true, "timed steps", &steps_s},
        {"warmup", true, "untimed steps first", &warmup_s},
        {"threads", true, "worker threads", &threads_s},
        {"peak", false, "measure the sgemm peak", &peak},
        {"blas", true, "kernels: pinned or native", &kernels},
    };
    static SettingPairs pairs;
    bool help;
    Status st = args_parse(argc, argv, opts, 5, &pairs, &help);
    if (help) return usage(stdout), 0;
    if (st != ST_OK) return report_error("bench", st);
    BlasKernels k;
    if (kernels && !blas_kernels_parse(kernels, &k)) /* main has set the kernels up already */
        return err_set(ST_USAGE, "--blas: '%s' is not one of pinned, native", kernels), report_error("bench", ST_USAGE);
    int threads = blas_init(threads_s ? atoi(threads_s) : 0);
    if (peak) {
        double one = peak_for(1, true), all = threads > 1 ? peak_for(threads, true) : one;
        printf("threads\tblas_core\tpeak_gflops\n1\t%s\t%.1f\n", blas_core_name(), one);
        if (threads > 1) printf("%d\t%s\t%.1f\n", threads, blas_core_name(), all);
        return 0;
    }
    int steps = steps_s ? atoi(steps_s) : 30, warmup = warmup_s ? atoi(warmup_s) : 10;
    if (steps < 1 || warmup < 0)
        return err_set(ST_USAGE, "--steps must be >= 1 and --warmup >= 0"), report_error("bench", ST_USAGE);
    static Settings s;
    /* bench never reads a dataset: the data setting only has to name a valid one */
    SettingPairs *p = &pairs;
    bool gpt = false;
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->item[i].key, "model")) gpt = !strcmp(p->item[i].value, "gpt");
    if ((st = settings_from_pairs(&s, p)) != ST_OK) return report_error("bench", st);
    DataShape shape = {0};
    shape.inputs = s.inputs ? s.inputs : 784;
    shape.classes = gpt ? (s.vocab ? s.vocab : 96) : (s.classes ? s.classes : 10);
    for (int i = 0; i < shape.classes && i < 256; i++) shape.charset[i] = (unsigned char)i;
    Model *m = NULL;
    if ((st = model_create(&m, &s, &shape)) != ST_OK) return report_error("bench", st);
    Optimizer opt = {0};
    Mixed mx = {0};
    if ((st = optimizer_init(&opt, opt_type_by_name(s.optimizer), m->params.numel)) != ST_OK ||
        (st = mixed_init(&mx, &s, &m->params, m->max_operand)) != ST_OK)
        return optimizer_free(&opt), model_free(m), report_error("bench", st);

    /* one random batch, reused: timing does not depend on the values */
    int B = s.batch, T = s.context;
    gsl_rng *r = rng_stream((uint64_t)s.seed, "bench");
    float *x = buf_floats((size_t)B * shape.inputs);
    int *y = calloc((size_t)B, sizeof *y), *tok = calloc((size_t)B * (T + 1), sizeof *tok);
    double *tf = calloc((size_t)steps, sizeof *tf), *tb = calloc((size_t)steps, sizeof *tb),
           *to = calloc((size_t)steps, sizeof *to), *tt = calloc((size_t)steps, sizeof *tt);
    if (!r || !x || !y || !tok || !tf || !tb || !to || !tt) {
        st = err_set(ST_NOMEM, "out of memory");
        goto done;
    }
    for (long i = 0; i < (long)B * shape.inputs; i++) x[i] = (float)gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < B; i++) y[i] = (int)gsl_rng_uniform_int(r, (unsigned long)shape.classes);
    for (long i = 0; i < (long)B * (T + 1); i++) tok[i] = (int)gsl_rng_uniform_int(r, (unsigned long)shape.classes);
    Batch batch = {B, x, y, tok};
    OptHyper h = {s.lr, s.momentum, s.beta1, s.beta2, s.eps, s.weight_decay};
    for (int i = 0; i < warmup + steps; i++) {
        double t0 = now_s();
        params_zero_grad(&m->params);
        m->ops->forward(m, &batch);
        double t1 = now_s();
        m->ops->backward(m, &batch, mixed_dloss(&mx, 1));
        double t2 = now_s();
        if (mixed_unscale(&mx, &m->params)) mixed_step(&mx, &opt, &m->params, &h, i + 1);
        double t3 = now_s();
        if (i >= warmup) {
            int k = i - warmup;
            tf[k] = t1 - t0, tb[k] = t2 - t1, to[k] = t3 - t2, tt[k] = t3 - t0;
        }
    }
    double fwd = median(tf, steps), bwd = median(tb, steps), op = median(to, steps);
    double step = median(tt, steps); /* sorted now: tt[0] min, tt[steps-1] max */
    long items = (long)B * m->items_per_row;
    double gflop = m->flops_per_item * items / 1e9, peak_g = peak_for(threads, false);
    char shape_desc[256];
    if (gpt)
        snprintf(shape_desc, sizeof shape_desc, "V=%d,T=%d,C=%d,L=%d,H=%d,B=%d", shape.classes, T,
                 s.width, s.layers, s.heads, B);
    else {
        int len = snprintf(shape_desc, sizeof shape_desc, "%d", shape.inputs);
        for (int i = 0; i < s.n_widths; i++) len += snprintf(shape_desc + len, sizeof shape_desc - len, "-%d", s.widths[i]);
        snprintf(shape_desc + len, sizeof shape_desc - len, "-%d,B=%d", shape.classes, B);
    }
    printf("model\tshape\toptimizer\tprecision\tblas_core\tthreads\tms_per_step\tms_min\tms_max\tfwd_ms\tbwd_ms\topt_ms\t"
           "bwd_fwd\titems_per_sec\tgflop_per_step\tgflops\tpeak_gflops\tpeak_fraction\n");
    printf("%s\t%s\t%s\t%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.0f\t%.4f\t%.1f\t%.1f\t%.3f\n", s.model,
           shape_desc, s.optimizer, s.precision, blas_core_name(), threads, 1e3 * step, 1e3 * tt[0], 1e3 * tt[steps - 1], 1e3 * fwd,
           1e3 * bwd, 1e3 * op, bwd / fwd, items / step, gflop, gflop / step, peak_g,
           gflop / step / peak_g);
done:
    gsl_rng_free(r);
    buf_free(x);
    free(y), free(tok), free(tf), free(tb), free(to), free(tt);
    mixed_free(&mx);
    optimizer_free(&opt);
    model_free(m);
    return st == ST_OK ? 0 : report_error("bench", st);
}
