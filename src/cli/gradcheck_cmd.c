/* descent gradcheck: the gradient check of claim C07 as a result. Writes a run folder
 * (summary.tsv, provenance.tsv and gradcheck.tsv, docs/FORMATS.md) whose table holds,
 * for every check, the relative error ‖g − g_ref‖ / max(‖g‖, ‖g_ref‖) of an analytic
 * gradient (models/gradcheck.h):
 *
 *   toy    each landscape's hand-written gradient (src/toys) against the four-point
 *          central difference in double, step 1e-2 (the C22 landscapes compute their
 *          loss in float through nn/loss.c), at fixed points; for chain, L = (wx − y)² with x = 2,
 *          y = 1 at w = −1, 0.25 and 2, dL/dw = 2(wx − y)x
 *   model  the whole MLP (6 inputs, widths 7,7,7, 4 classes, tanh, batch 5) and GPT (V 7, C 8, H 2, T 5, L 2, GELU, batch 2) in every
 *          residual × norm × position combination, every parameter perturbed so norm
 *          gains and biases matter, against the four-point finite difference of the
 *          float mean loss (step 1e-2)
 *   torch  the GPT's gradient on the checkpoints and batches of tests/reference/gpt
 *          against PyTorch's (float64) gradient in the same folder
 *
 * The seed picks the weights' perturbation and the batches. Errors only: the bounds
 * are the experiment's ([verdict] of experiments/gradcheck.ini). */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/blas.h"
#include "core/rng.h"
#include "models/checkpoint.h"
#include "models/gradcheck.h"
#include "toys/landscape.h"
#include "train/outdir.h"
#include "train/train.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: descent gradcheck --out DIR [--seed N] [--reference DIR] [--threads N] [--quiet]\n"
               "\n"
               "Checks analytic gradients and writes DIR/gradcheck.tsv: every toy landscape's\n"
               "hand-written gradient against central differences, the whole MLP and GPT in\n"
               "every residual x norm x position combination against finite differences, and\n"
               "the GPT against the PyTorch gradients in --reference (default\n"
               "tests/reference/gpt). One row per check: kind, name, error (relative), the\n"
               "worst tensor and its error; for toys the point and both derivatives.\n");
}

typedef struct {
    FILE *f;
    double worst[3]; /* per kind: toy, model, torch */
    int n;
} Table;

static const char *const kinds[3] = {"toy", "model", "torch"};

static void row(Table *t, int kind, const char *name, double err, const char *tensor, double terr,
                double w, double analytic, double numeric)
{
    fprintf(t->f, "%s\t%s\t%.3e\t%s\t%.3e\t%.9g\t%.9g\t%.9g\n", kinds[kind], name, err, tensor, terr, w,
            analytic, numeric);
    if (!(err <= t->worst[kind])) t->worst[kind] = err;
    t->n++;
}

/* ---- toys: central differences in double ---- */

static void check_landscape(Table *t, const Landscape *land, const LandscapeArgs *a, const double *w,
                            const char *where)
{
    const double h = 1e-2, steps[4] = {2 * h, h, -h, -2 * h};
    double g[TOY_MAX_DIM], fd[TOY_MAX_DIM], x[TOY_MAX_DIM];
    land->grad(g, w, a);
    for (int i = 0; i < land->dim; i++) {
        double f[4];
        for (int k = 0; k < 4; k++) {
            memcpy(x, w, sizeof x);
            x[i] = w[i] + steps[k];
            f[k] = land->loss(x, a);
        }
        fd[i] = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * h);
    }
    /* compared in double: the hand-written gradient is exact */
    double num = 0, ng = 0, nf = 0;
    for (int i = 0; i < land->dim; i++) {
        num += (g[i] - fd[i]) * (g[i] - fd[i]);
        ng += g[i] * g[i], nf += fd[i] * fd[i];
    }
    double den = fmax(sqrt(ng), sqrt(nf)), err = den > 0 ? sqrt(num) / den : sqrt(num);
    char name[96];
    snprintf(name, sizeof name, "%s at %s", land->name, where);
    row(t, 0, name, err, "w", err, w[0], g[0], fd[0]);
}

static void check_toys(Table *t)
{
    const LandscapeArgs plain = {1, 0}, bowl = {100, 30};
    const double chain_w[3] = {-1, 0.25, 2};
    for (int i = 0; i < 3; i++) {
        char where[32];
        snprintf(where, sizeof where, "w = %g", chain_w[i]);
        check_landscape(t, landscape_by_name("chain"), &plain, &chain_w[i], where);
    }
    /* every other landscape of the registry at one point */
    const struct {
        const char *name;
        const LandscapeArgs *args;
        double w[TOY_MAX_DIM];
        const char *where;
    } pts[] = {{"parabola", &plain, {4, 0}, "w = 4"},
               {"bowl", &bowl, {0.8, 0.6}, "(0.8, 0.6), kappa 100, rotation 30"},
               {"mse_simplex", &plain, {0.7, 0.2}, "(0.7, 0.2)"},
               {"ce_simplex", &plain, {0.7, 0.2}, "(0.7, 0.2)"},
               {"mse_error", &plain, {2, 0}, "w = 2"},
               {"ce_error", &plain, {1, 0}, "w = 1"}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
        check_landscape(t, landscape_by_name(pts[i].name), pts[i].args, pts[i].w, pts[i].where);
}

/* ---- whole models ---- */

/* Analytic against numeric gradient of m on b: a row of kind `kind`. */
static Status compare_row(Table *t, int kind, const char *name, Model *m, const double *ref)
{
    const Params *p = &m->params;
    double *err = malloc(sizeof(double) * (size_t)p->n);
    if (!err) return err_set(ST_NOMEM, "out of memory");
    double e = gradcheck_compare(p, p->g, ref, err);
    int worst = 0;
    for (int i = 1; i < p->n; i++)
        if (!(err[i] <= err[worst])) worst = i;
    row(t, kind, name, e, p->spec[worst].name, err[worst], NAN, NAN, NAN);
    free(err);
    return ST_OK;
}

static Status check_model(Table *t, const char *model, const char *residual, const char *norm, const char *pos,
                          int seed)
{
    SettingPairs pairs = {0};
    char seed_text[16];
    snprintf(seed_text, sizeof seed_text, "%d", seed);
    bool gpt = !strcmp(model, "gpt");
    const char *kv[][2] = {{"model", model}, {"residual", residual}, {"norm", norm}, {"norm_position", pos},
                           {"seed", seed_text}, {"dropout", "0"}, {"data", gpt ? "markov" : "spirals"},
                           {"batch", gpt ? "2" : "5"}, {"widths", "7,7,7"}, {"act", gpt ? "gelu" : "tanh"},
                           {"init", gpt ? "gpt2" : "xavier"}, {"layers", "2"}, {"width", "8"}, {"heads", "2"},
                           {"context", "5"}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) pairs_add(&pairs, kv[i][0], kv[i][1], "");
    Settings s;
    Status st = settings_from_pairs(&s, &pairs);
    if (st != ST_OK) return st;
    DataShape shape = {.inputs = 6, .classes = gpt ? 7 : 4};
    Model *m = NULL;
    if ((st = model_create(&m, &s, &shape)) != ST_OK) return st;
    gsl_rng *r = rng_stream((unsigned long)seed, "gradcheck");
    Params *p = &m->params;
    /* every parameter perturbed, so gains, biases and small initial weights all matter */
    for (long j = 0; j < p->numel; j++) p->w[j] += (float)gsl_ran_gaussian(r, 0.3);
    enum { ROWS = 5, IN = 6, T = 5 };
    float x[ROWS * IN];
    int y[ROWS], tok[ROWS * (T + 1)];
    for (int i = 0; i < ROWS * IN; i++) x[i] = (float)gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < ROWS; i++) y[i] = (int)gsl_rng_uniform_int(r, (unsigned long)shape.classes);
    for (int i = 0; i < ROWS * (T + 1); i++) tok[i] = (int)gsl_rng_uniform_int(r, 7);
    Batch b = gpt ? (Batch){.rows = 2, .tokens = tok} : (Batch){ROWS, x, y, NULL};
    double *fd = malloc(sizeof(double) * (size_t)p->numel);
    if (!fd) st = err_set(ST_NOMEM, "out of memory");
    if (st == ST_OK) {
        gradcheck_backward(m, &b);
        gradcheck_fd(fd, m, &b, 1e-2f);
        char name[128];
        snprintf(name, sizeof name, "%s residual %s norm %s%s%s", model, residual, norm,
                 strcmp(norm, "none") ? " " : "", strcmp(norm, "none") ? pos : "");
        st = compare_row(t, 1, name, m, fd);
    }
    free(fd);
    gsl_rng_free(r);
    model_free(m);
    return st;
}

/* ---- against PyTorch ---- */

static Status check_torch(Table *t, const char *dir, const char *name)
{
    char path[4200];
    static Settings s;
    DataShape shape;
    Model *loaded = NULL, *m = NULL;
    StFile ref = {0};
    double *g = NULL;
    int tok[64 * 64], n = 0;
    snprintf(path, sizeof path, "%s/%s.model.safetensors", dir, name);
    Status st = checkpoint_load(path, &loaded, &s, &shape);
    if (st != ST_OK) return st;
    snprintf(path, sizeof path, "%s/%s.batch.txt", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        st = err_set(ST_IO, "%s: cannot read", path);
        goto done;
    }
    while (n < (int)(sizeof tok / sizeof tok[0]) && fscanf(f, "%d", &tok[n]) == 1) n++;
    fclose(f);
    if (n == 0 || n % (s.context + 1)) {
        st = err_set(ST_USAGE, "%s: not whole sequences of context + 1 = %d ids", path, s.context + 1);
        goto done;
    }
    s.batch = n / (s.context + 1);
    s.dropout = 0;
    if ((st = model_create(&m, &s, &shape)) != ST_OK) goto done;
    memcpy(m->params.w, loaded->params.w, sizeof(float) * (size_t)m->params.numel);
    snprintf(path, sizeof path, "%s/%s.torch.safetensors", dir, name);
    if ((st = st_read(&ref, path)) != ST_OK) goto done;
    g = malloc(sizeof(double) * (size_t)m->params.numel);
    if (!g) {
        st = err_set(ST_NOMEM, "out of memory");
        goto done;
    }
    if ((st = gradcheck_reference(g, &m->params, &ref)) != ST_OK) {
        st = err_set(ST_USAGE, "%s: %s", path, err_msg());
        goto done;
    }
    Batch b = {.rows = s.batch, .tokens = tok};
    gradcheck_backward(m, &b);
    char label[128];
    snprintf(label, sizeof label, "gpt %s against PyTorch", name);
    st = compare_row(t, 2, label, m, g);
done:
    free(g);
    st_free(&ref);
    model_free(loaded);
    model_free(m);
    return st;
}

static Status run_checks(Table *t, int seed, const char *refdir)
{
    Status st = ST_OK;
    check_toys(t);
    const char *models[] = {"mlp", "gpt"}, *res[] = {"off", "on"}, *norms[] = {"none", "layer", "rms"},
               *pos[] = {"pre", "post"};
    for (int mo = 0; mo < 2; mo++)
        for (int r = 0; r < 2; r++)
            for (int n = 0; n < 3; n++)
                for (int q = 0; q < 2; q++) {
                    if (n == 0 && q == 1) continue; /* no norm: no position */
                    if ((st = check_model(t, models[mo], res[r], norms[n], pos[q], seed)) != ST_OK) return st;
                }
    const char *refs[] = {"pre_layer_gelu", "post_noresid", "rms_relu_tied"};
    for (int i = 0; i < 3; i++)
        if ((st = check_torch(t, refdir, refs[i])) != ST_OK) return st;
    return ST_OK;
}

int cmd_gradcheck(int argc, char **argv)
{
    const char *out = NULL, *refdir = "tests/reference/gpt", *threads = NULL, *quiet = NULL;
    const CmdOption opts[] = {
        {"out", true, "run folder to write", &out},
        {"reference", true, "folder of the PyTorch reference files", &refdir},
        {"threads", true, "worker threads", &threads},
        {"quiet", false, "print nothing", &quiet},
    };
    static SettingPairs pairs;
    bool help;
    Status st = args_parse(argc, argv, opts, 4, &pairs, &help);
    if (help) return usage(stdout), 0;
    if (st != ST_OK) return report_error("gradcheck", st);
    if (!out) return err_set(ST_USAGE, "--out DIR is required"), report_error("gradcheck", ST_USAGE);
    for (int i = 0; i < pairs.n; i++)
        if (strcmp(pairs.item[i].key, "seed") != 0)
            return err_set(ST_USAGE, "--%s: gradcheck takes only the setting seed", pairs.item[i].key),
                   report_error("gradcheck", ST_USAGE);
    static Settings s;
    if ((st = settings_from_pairs(&s, &pairs)) != ST_OK) return report_error("gradcheck", st);
    blas_init(threads ? atoi(threads) : 0);

    OutDir od = {0};
    if ((st = outdir_begin(&od, out)) != ST_OK) return report_error("gradcheck", st);
    Table t = {outdir_open(&od, "gradcheck.tsv"), {0, 0, 0}, 0};
    FILE *summary = outdir_open(&od, "summary.tsv"), *prov = outdir_open(&od, "provenance.tsv");
    if (!t.f || !summary || !prov) st = ST_IO;
    if (st == ST_OK) {
        fprintf(t.f, "kind\tname\terror\tworst_tensor\ttensor_error\tw\tanalytic\tnumeric\n");
        st = run_checks(&t, s.seed, refdir);
    }
    if (st == ST_OK) {
        train_write_settings_header(summary);
        fprintf(summary, "status\tchecks\ttoy_error\tmodel_error\ttorch_error\n");
        train_write_settings_row(summary, &s);
        fprintf(summary, "ok\t%d\t%.3e\t%.3e\t%.3e\n", t.n, t.worst[0], t.worst[1], t.worst[2]);
        train_write_provenance(prov, &s);
    }
    FILE *fs[] = {t.f, summary, prov};
    for (int i = 0; i < 3; i++)
        if (fs[i] && fclose(fs[i]) != 0 && st == ST_OK) st = err_set(ST_IO, "%s: write failed", od.tmp);
    if (st == ST_OK) st = outdir_commit(&od);
    else outdir_abort(&od);
    if (st != ST_OK) return report_error("gradcheck", st);
    if (!quiet)
        printf("%d checks; worst relative error: toys %.2e, models against finite differences %.2e, "
               "GPT against PyTorch %.2e; table in %s/gradcheck.tsv\n", t.n, t.worst[0], t.worst[1], t.worst[2], out);
    return 0;
}
