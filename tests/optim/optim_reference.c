/* Optimizers against torch.optim: five steps of sgd, momentum, nesterov, adam (L2 weight
 * decay) and adamw on a two-tensor problem (a decayed (3,4) "weight", an undecayed (4)
 * "bias"), compared with tests/reference/optim.txt written by
 * scripts/gen_optim_reference.py. Lion is compared with its published update
 * (Chen et al. 2023, Algorithm 2) computed here in double. A deliberately wrong Adam
 * (no bias correction) must fail the same comparison, which shows the tolerance is
 * tight. Also checks the registry and optimizer_state_bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "harness.h"
#include "optim/optim.h"
#include "ref_lines.h"

enum { NT = 2, STEPS = 5, MAXN = 16, MAXOPT = 8, NAMELEN = 16 };

/* float32 against torch's float32. torch's add-with-alpha kernels fuse the multiply-add
 * (one rounding) where descent rounds twice (-ffp-contract=off), so values differ by
 * 1–2 ulps, and by a little more relative to values near 0 that come out of
 * cancellation. Measured: 1.2e-7 at most (1 ulp at |w| ≈ 1.2), 1.3e-8 near 0; rtol
 * 1.5e-7 or atol 1e-8 fail. */
static const double ATOL = 2e-8, RTOL = 2e-7;
/* Lion in float against its update in double: one rounding per operation, measured
 * 1.1e-7 relative at most (rtol 1e-7 fails). */
static const double LION_ATOL = 0, LION_RTOL = 2e-7;

typedef struct {
    char name[NAMELEN];
    int decay, numel, ndim, shape[PARAM_MAX_DIMS];
} Tensor;

typedef struct {
    char name[NAMELEN];
    OptHyper h;
    int nafter;
    double after[STEPS][NT][MAXN]; /* (STEPS, NT, numel) */
} RefOpt;

static Tensor tens[NT];
static int ntens, ninit, ngrad;
static double init[NT][MAXN];        /* (NT, numel) */
static double grad[STEPS][NT][MAXN]; /* (STEPS, NT, numel) */
static RefOpt ref[MAXOPT];
static int nref;

static int tensor_index(const char *name)
{
    for (int i = 0; i < ntens; i++)
        if (strcmp(tens[i].name, name) == 0) return i;
    return -1;
}

static RefOpt *ref_find(const char *name)
{
    for (int i = 0; i < nref; i++)
        if (strcmp(ref[i].name, name) == 0) return &ref[i];
    return NULL;
}

static int parse_line(char *line)
{
    char *save = NULL;
    char *kind = strtok_r(line, " \n", &save);
    if (!kind || kind[0] == '#') return 0;
    if (strcmp(kind, "tensor") == 0) {
        if (ntens == NT) return -1;
        Tensor *t = &tens[ntens++];
        snprintf(t->name, sizeof t->name, "%s", strtok_r(NULL, " ", &save));
        t->decay = atoi(strtok_r(NULL, " ", &save));
        t->numel = atoi(strtok_r(NULL, " ", &save));
        char *tok;
        while ((tok = strtok_r(NULL, " \n", &save)) && t->ndim < PARAM_MAX_DIMS)
            t->shape[t->ndim++] = atoi(tok);
        return t->numel > 0 && t->numel <= MAXN && t->ndim > 0 ? 0 : -1;
    }
    if (strcmp(kind, "init") == 0) {
        int i = tensor_index(strtok_r(NULL, " ", &save));
        if (i < 0) return -1;
        ninit++;
        return ref_read_values(init[i], tens[i].numel, &save);
    }
    if (strcmp(kind, "grad") == 0) {
        int s = atoi(strtok_r(NULL, " ", &save));
        int i = tensor_index(strtok_r(NULL, " ", &save));
        if (s < 1 || s > STEPS || i < 0) return -1;
        ngrad++;
        return ref_read_values(grad[s - 1][i], tens[i].numel, &save);
    }
    if (strcmp(kind, "opt") == 0) {
        if (nref == MAXOPT) return -1;
        RefOpt *r = &ref[nref++];
        snprintf(r->name, sizeof r->name, "%s", strtok_r(NULL, " ", &save));
        char *key;
        while ((key = strtok_r(NULL, " \n", &save))) {
            char *val = strtok_r(NULL, " \n", &save);
            if (!val) return -1;
            double x = strtod(val, NULL);
            if (strcmp(key, "lr") == 0) r->h.lr = x;
            else if (strcmp(key, "momentum") == 0) r->h.momentum = x;
            else if (strcmp(key, "beta1") == 0) r->h.beta1 = x;
            else if (strcmp(key, "beta2") == 0) r->h.beta2 = x;
            else if (strcmp(key, "eps") == 0) r->h.eps = x;
            else if (strcmp(key, "weight_decay") == 0) r->h.weight_decay = x;
            else return -1;
        }
        return 0;
    }
    if (strcmp(kind, "after") == 0) {
        RefOpt *r = ref_find(strtok_r(NULL, " ", &save));
        int s = atoi(strtok_r(NULL, " ", &save));
        int i = tensor_index(strtok_r(NULL, " ", &save));
        if (!r || s < 1 || s > STEPS || i < 0) return -1;
        r->nafter++;
        return ref_read_values(r->after[s - 1][i], tens[i].numel, &save);
    }
    return -1;
}

/* 0 when the file was read and complete; prints why not otherwise. */
static int load(const char *path)
{
    if (ref_read_lines(path, "scripts/gen_optim_reference.py", parse_line) != 0) return -1;
    if (ntens != NT || ninit != NT || ngrad != NT * STEPS) {
        fprintf(stderr, "%s: incomplete problem (%d tensors, %d init, %d grad lines)\n", path,
                ntens, ninit, ngrad);
        return -1;
    }
    for (int k = 0; k < nref; k++)
        if (ref[k].nafter != NT * STEPS) {
            fprintf(stderr, "%s: optimizer %s has %d of %d 'after' lines\n", path, ref[k].name,
                    ref[k].nafter, NT * STEPS);
            return -1;
        }
    return 0;
}

static int total_numel(void)
{
    int n = 0;
    for (int i = 0; i < NT; i++) n += tens[i].numel;
    return n;
}

/* Builds the problem's parameter table and sets the initial values. */
static void problem_params(Params *p)
{
    memset(p, 0, sizeof *p);
    for (int i = 0; i < NT; i++)
        params_add(p, tens[i].name, tens[i].ndim, tens[i].shape, tens[i].decay != 0);
    CHECK_TRUE(params_alloc(p) == ST_OK, "params_alloc");
    for (int i = 0; i < NT; i++)
        for (int j = 0; j < tens[i].numel; j++) p->w[p->spec[i].offset + j] = (float)init[i][j];
}

/* Runs the library optimizer for STEPS steps; out (STEPS, total numel) is the
 * parameters after each step, tensors in table order. Returns the state bytes. */
static long run_library(float *out, const OptType *type, const OptHyper *h)
{
    Params p;
    problem_params(&p);
    Optimizer o;
    CHECK_TRUE(optimizer_init(&o, type, &p, h) == ST_OK, "optimizer_init %s", type->name);
    float *dst = out;
    for (int s = 0; s < STEPS; s++) {
        params_zero_grad(&p);
        for (int i = 0; i < NT; i++)
            for (int j = 0; j < tens[i].numel; j++)
                p.g[p.spec[i].offset + j] = (float)grad[s][i][j];
        optimizer_step(&o, &p, h);
        for (int i = 0; i < NT; i++)
            for (int j = 0; j < tens[i].numel; j++) *dst++ = p.w[p.spec[i].offset + j];
    }
    CHECK_TRUE(o.t == STEPS, "%s: %ld steps counted", type->name, o.t);
    long bytes = optimizer_state_bytes(&o, &p);
    optimizer_free(&o);
    params_free(&p);
    return bytes;
}

static void flatten_after(double *want, const RefOpt *r)
{
    for (int s = 0; s < STEPS; s++)
        for (int i = 0; i < NT; i++)
            for (int j = 0; j < tens[i].numel; j++) *want++ = r->after[s][i][j];
}

/* Prints how many values equal the reference float bit for bit and the largest
 * difference in units of float's spacing at the value (information only: values near 0
 * that come out of cancellation have a small spacing). */
static void report_bits(const char *what, const float *got, const double *want, long n)
{
    long same = 0;
    double worst = 0, at = 0;
    for (long i = 0; i < n; i++) {
        float w = (float)want[i]; /* the float the reference decimal stands for */
        double ulp = nextafterf(fabsf(w), INFINITY) - fabsf(w);
        double u = fabs((double)got[i] - (double)w) / ulp;
        same += got[i] == w;
        if (u > worst) {
            worst = u;
            at = w;
        }
    }
    printf("    %s: %ld of %ld values bitwise equal; max %.2f ulps (at %.3g)\n", what, same, n,
           worst, at);
}

/* The same test as th_close, silently: 1 when every value is within tolerance. */
static int all_close(const float *got, const double *want, long n, double atol, double rtol,
                     double *maxdiff)
{
    int ok = 1;
    *maxdiff = 0;
    for (long i = 0; i < n; i++) {
        double d = fabs((double)got[i] - want[i]);
        if (!(d <= *maxdiff)) *maxdiff = d;
        if (!(d <= atol + rtol * fabs(want[i]))) ok = 0;
    }
    return ok;
}

/* Deliberately wrong Adams, in torch's operation order otherwise. */
typedef enum {
    NO_BIAS_CORRECTION, /* Adam (L2 decay) with m / (√v + eps) */
    EPS_BEFORE_CORRECTION, /* AdamW with (√v + eps) / √(1−β2^t) as the denominator */
} WrongAdam;

static void adam_wrong(float *out, const OptHyper *h, WrongAdam variant)
{
    float w[NT][MAXN], m[NT][MAXN] = {{0}}, v[NT][MAXN] = {{0}};
    for (int i = 0; i < NT; i++)
        for (int j = 0; j < tens[i].numel; j++) w[i][j] = (float)init[i][j];
    const float b1 = (float)h->beta1, b2 = (float)h->beta2;
    const float a1 = (float)(1 - h->beta1), a2 = (float)(1 - h->beta2);
    const float eps = (float)h->eps;
    for (int s = 0; s < STEPS; s++) {
        float step = (float)h->lr, bc2_sqrt = 1;
        if (variant == EPS_BEFORE_CORRECTION) {
            step = (float)(h->lr / (1 - pow(h->beta1, s + 1)));
            bc2_sqrt = (float)sqrt(1 - pow(h->beta2, s + 1));
        }
        for (int i = 0; i < NT; i++) {
            float wd = tens[i].decay ? (float)h->weight_decay : 0.0f;
            for (int j = 0; j < tens[i].numel; j++) {
                float g = (float)grad[s][i][j];
                if (variant == NO_BIAS_CORRECTION) g = g + wd * w[i][j];
                else w[i][j] = w[i][j] * (float)(1 - h->lr * wd);
                m[i][j] = m[i][j] * b1 + a1 * g;
                v[i][j] = v[i][j] * b2 + a2 * g * g;
                w[i][j] = w[i][j] - step * m[i][j] / ((sqrtf(v[i][j]) + eps) / bc2_sqrt);
                *out++ = w[i][j];
            }
        }
    }
}

/* Lion as published (Algorithm 2), in double: the values after each step. */
static void lion_double(double *out, const OptHyper *h)
{
    double w[NT][MAXN], m[NT][MAXN] = {{0}};
    for (int i = 0; i < NT; i++)
        for (int j = 0; j < tens[i].numel; j++) w[i][j] = init[i][j];
    for (int s = 0; s < STEPS; s++)
        for (int i = 0; i < NT; i++) {
            double wd = tens[i].decay ? h->weight_decay : 0.0;
            for (int j = 0; j < tens[i].numel; j++) {
                /* the gradient the float optimizer sees */
                double g = (double)(float)grad[s][i][j];
                double c = h->beta1 * m[i][j] + (1 - h->beta1) * g;
                double sign = (c > 0) - (c < 0);
                w[i][j] -= h->lr * (sign + wd * w[i][j]);
                m[i][j] = h->beta2 * m[i][j] + (1 - h->beta2) * g;
                *out++ = w[i][j];
            }
        }
}

int main(void)
{
    const char *root = getenv("DESCENT_SOURCE_ROOT");
    if (!root) {
        fprintf(stderr, "DESCENT_SOURCE_ROOT is not set (run through meson test)\n");
        return 99;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/reference/optim.txt", root);
    if (load(path) != 0) return 99;

    const char *names[] = {"sgd", "momentum", "nesterov", "adam", "adamw", "lion"};
    for (int k = 0; k < 6; k++) {
        const OptType *t = opt_type_by_name(names[k]);
        CHECK_TRUE(t && strcmp(t->name, names[k]) == 0, "opt_type_by_name(\"%s\")", names[k]);
    }
    CHECK_TRUE(opt_type_by_name("adamx") == NULL, "opt_type_by_name of an unknown name is NULL");

    const int n = total_numel();
    const long nv = (long)STEPS * n;
    float got[STEPS * NT * MAXN];
    double want[STEPS * NT * MAXN];
    const char *torch_opts[] = {"sgd", "momentum", "nesterov", "adam", "adamw"};
    const long slots[] = {0, 1, 1, 2, 2};
    for (int k = 0; k < 5; k++) {
        const RefOpt *r = ref_find(torch_opts[k]);
        if (!CHECK_TRUE(r != NULL, "reference has %s", torch_opts[k])) continue;
        long bytes = run_library(got, opt_type_by_name(r->name), &r->h);
        flatten_after(want, r);
        char what[64];
        snprintf(what, sizeof what, "%s vs torch, %d steps", r->name, STEPS);
        th_close(what, got, want, nv, ATOL, RTOL);
        report_bits(r->name, got, want, nv);
        CHECK_TRUE(bytes == slots[k] * n * 4, "%s state bytes %ld == %ld x %d params x 4",
                   r->name, bytes, slots[k], n);
    }

    /* tightness: wrong Adams must not pass as torch's */
    const struct {
        const char *ref, *what;
        WrongAdam variant;
    } wrong[] = {
        {"adam", "adam without bias correction", NO_BIAS_CORRECTION},
        {"adamw", "adamw with eps added before the bias correction", EPS_BEFORE_CORRECTION},
    };
    for (int k = 0; k < 2; k++) {
        const RefOpt *r = ref_find(wrong[k].ref);
        if (!r) continue;
        adam_wrong(got, &r->h, wrong[k].variant);
        flatten_after(want, r);
        double d;
        int ok = all_close(got, want, nv, ATOL, RTOL, &d);
        CHECK_TRUE(!ok, "%s is rejected (max diff %.3g)", wrong[k].what, d);
    }

    OptHyper lion = {.lr = 0.01, .beta1 = 0.9, .beta2 = 0.99, .weight_decay = 0.1};
    long bytes = run_library(got, opt_type_by_name("lion"), &lion);
    lion_double(want, &lion);
    th_close("lion vs Algorithm 2 in double, 5 steps", got, want, nv, LION_ATOL, LION_RTOL);
    report_bits("lion", got, want, nv);
    CHECK_TRUE(bytes == 1L * n * 4, "lion state bytes %ld == 1 x %d params x 4", bytes, n);

    return th_done();
}
