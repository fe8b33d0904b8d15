/* Shampoo, Muon and schedule-free AdamW against their papers' equations in float64:
 * six steps on a four-tensor problem (an "embed" (5,3), two hidden weights "hidden"
 * (4,6) and "tall" (6,4), a "bias" (4)), compared with tests/reference/optim_matrix.txt
 * written by scripts/gen_matrix_optim_reference.py. Schedule-free AdamW is compared at
 * both of its points: the weights y after each step and the average x that
 * optimizer_eval_point moves them to (and back). Each optimizer must also be far from a
 * deliberately wrong variant of its equations in the same file (the labels ending in
 * _wrong), which shows the tolerance tells right from wrong. Also checks that the
 * state bytes are what the rule allocates for its state. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "models/params.h"
#include "optim/optim.h"
#include "ref_lines.h"

enum { NT = 4, STEPS = 6, MAXN = 32, MAXOPT = 8, NAMELEN = 24 };

/* Measured on this problem (float32 against float64, max |diff| over six steps):
 * see the PASS lines; each tolerance is a small multiple of what was measured. */
static const struct {
    const char *label;
    double atol, rtol;
} TOL[] = {
    {"shampoo", 4e-7, 4e-7},
    {"shampoo_adagrad", 4e-7, 4e-7},
    {"muon", 6e-7, 6e-7},
    {"schedulefree", 3e-7, 3e-7},
};

typedef struct {
    char name[NAMELEN];
    int decay, hidden, numel, ndim, shape[PARAM_MAX_DIMS];
} Tensor;

typedef struct {
    char label[NAMELEN], opt[NAMELEN];
    OptHyper h;
    int warmup, nafter, nx;
    double after[STEPS][NT][MAXN]; /* (STEPS, NT, numel) */
    double x[STEPS][NT][MAXN];     /* schedulefree's averaged point */
} RefOpt;

static Tensor tens[NT];
static int ntens, ninit, ngrad;
static double init[NT][MAXN];
static double grad[STEPS][NT][MAXN];
static RefOpt ref[MAXOPT];
static int nref;

static int tensor_index(const char *name)
{
    for (int i = 0; name && i < ntens; i++)
        if (strcmp(tens[i].name, name) == 0) return i;
    return -1;
}

static RefOpt *ref_find(const char *label)
{
    for (int i = 0; label && i < nref; i++)
        if (strcmp(ref[i].label, label) == 0) return &ref[i];
    return NULL;
}

static int set_hyper(RefOpt *r, const char *key, const char *val)
{
    double x = strtod(val, NULL);
    OptHyper *h = &r->h;
    if (!strcmp(key, "lr")) h->lr = x;
    else if (!strcmp(key, "momentum")) h->momentum = x;
    else if (!strcmp(key, "beta1")) h->beta1 = x;
    else if (!strcmp(key, "beta2")) h->beta2 = x;
    else if (!strcmp(key, "eps")) h->eps = x;
    else if (!strcmp(key, "weight_decay")) h->weight_decay = x;
    else if (!strcmp(key, "shampoo_beta")) h->shampoo_beta = x;
    else if (!strcmp(key, "shampoo_eps")) h->shampoo_eps = x;
    else if (!strcmp(key, "precondition_every")) h->precondition_every = (int)x;
    else if (!strcmp(key, "block_size")) h->block_size = (int)x;
    else if (!strcmp(key, "ns_steps")) h->ns_steps = (int)x;
    else if (!strcmp(key, "adam_lr_ratio")) h->adam_lr_ratio = x;
    else if (!strcmp(key, "warmup")) r->warmup = (int)x;
    else if (!strcmp(key, "graft")) {
        if (!strcmp(val, "adam")) h->graft = GRAFT_ADAM;
        else if (!strcmp(val, "adagrad")) h->graft = GRAFT_ADAGRAD;
        else return -1;
    } else return -1;
    return 0;
}

static int parse_line(char *line)
{
    char *save = NULL;
    char *kind = strtok_r(line, " \n", &save);
    if (!kind || kind[0] == '#') return 0;
    if (!strcmp(kind, "tensor")) {
        if (ntens == NT) return -1;
        Tensor *t = &tens[ntens++];
        const char *name = strtok_r(NULL, " ", &save);
        const char *f[3] = {strtok_r(NULL, " ", &save), strtok_r(NULL, " ", &save),
                            strtok_r(NULL, " ", &save)};
        if (!name || !f[0] || !f[1] || !f[2]) return -1;
        snprintf(t->name, sizeof t->name, "%s", name);
        t->decay = atoi(f[0]);
        t->hidden = atoi(f[1]);
        t->numel = atoi(f[2]);
        char *tok;
        while ((tok = strtok_r(NULL, " \n", &save)) && t->ndim < PARAM_MAX_DIMS)
            t->shape[t->ndim++] = atoi(tok);
        return t->numel > 0 && t->numel <= MAXN && t->ndim > 0 ? 0 : -1;
    }
    if (!strcmp(kind, "init")) {
        int i = tensor_index(strtok_r(NULL, " ", &save));
        if (i < 0) return -1;
        ninit++;
        return ref_read_values(init[i], tens[i].numel, &save);
    }
    if (!strcmp(kind, "grad")) {
        const char *s = strtok_r(NULL, " ", &save);
        int st = s ? atoi(s) : 0, i = tensor_index(strtok_r(NULL, " ", &save));
        if (st < 1 || st > STEPS || i < 0) return -1;
        ngrad++;
        return ref_read_values(grad[st - 1][i], tens[i].numel, &save);
    }
    if (!strcmp(kind, "opt")) {
        if (nref == MAXOPT) return -1;
        RefOpt *r = &ref[nref++];
        const char *label = strtok_r(NULL, " ", &save), *opt = strtok_r(NULL, " ", &save);
        if (!label || !opt) return -1;
        snprintf(r->label, sizeof r->label, "%s", label);
        snprintf(r->opt, sizeof r->opt, "%s", opt);
        char *key;
        while ((key = strtok_r(NULL, " \n", &save))) {
            char *val = strtok_r(NULL, " \n", &save);
            if (!val || set_hyper(r, key, val) != 0) return -1;
        }
        return 0;
    }
    if (!strcmp(kind, "after") || !strcmp(kind, "xpoint")) {
        RefOpt *r = ref_find(strtok_r(NULL, " ", &save));
        const char *s = strtok_r(NULL, " ", &save);
        int st = s ? atoi(s) : 0, i = tensor_index(strtok_r(NULL, " ", &save));
        if (!r || st < 1 || st > STEPS || i < 0) return -1;
        bool x = kind[0] == 'x';
        if (x) r->nx++;
        else r->nafter++;
        return ref_read_values(x ? r->x[st - 1][i] : r->after[st - 1][i], tens[i].numel, &save);
    }
    return -1;
}

static int load(const char *path)
{
    if (ref_read_lines(path, "scripts/gen_matrix_optim_reference.py", parse_line) != 0) return -1;
    if (ntens != NT || ninit != NT || ngrad != NT * STEPS) {
        fprintf(stderr, "%s: incomplete problem (%d tensors, %d init, %d grad lines)\n", path,
                ntens, ninit, ngrad);
        return -1;
    }
    for (int k = 0; k < nref; k++) {
        int want_x = strcmp(ref[k].opt, "schedulefree") ? 0 : NT * STEPS;
        if (ref[k].nafter != NT * STEPS || ref[k].nx != want_x) {
            fprintf(stderr, "%s: %s has %d 'after' and %d 'xpoint' lines\n", path, ref[k].label,
                    ref[k].nafter, ref[k].nx);
            return -1;
        }
    }
    return 0;
}

static int total_numel(void)
{
    int n = 0;
    for (int i = 0; i < NT; i++) n += tens[i].numel;
    return n;
}

/* Runs the library optimizer for STEPS steps; y and x (STEPS, total numel) are the
 * weights after each step and, for an optimizer with an evaluation point, the weights
 * there (tensors in table order). Returns the state bytes. */
static long run_library(float *y, float *x, const RefOpt *r)
{
    const OptType *type = opt_type_by_name(r->opt);
    if (!CHECK_TRUE(type != NULL, "optimizer %s is registered", r->opt)) return -1;
    Params p;
    memset(&p, 0, sizeof p);
    for (int i = 0; i < NT; i++) {
        int k = params_add(&p, tens[i].name, tens[i].ndim, tens[i].shape, tens[i].decay != 0);
        p.spec[k].hidden = tens[i].hidden != 0;
    }
    CHECK_TRUE(params_alloc(&p) == ST_OK, "params_alloc");
    for (int i = 0; i < NT; i++)
        for (int j = 0; j < tens[i].numel; j++) p.w[p.spec[i].offset + j] = (float)init[i][j];
    Optimizer o;
    CHECK_TRUE(optimizer_init(&o, type, &p, &r->h) == ST_OK, "optimizer_init %s", r->label);
    for (int s = 0; s < STEPS; s++) {
        for (int i = 0; i < NT; i++)
            for (int j = 0; j < tens[i].numel; j++)
                p.g[p.spec[i].offset + j] = (float)grad[s][i][j];
        OptHyper h = r->h; /* the training schedule's linear warmup */
        if (r->warmup > 0 && s + 1 < r->warmup) h.lr = r->h.lr * (s + 1) / r->warmup;
        optimizer_step(&o, &p, &h);
        for (int i = 0; i < NT; i++)
            for (int j = 0; j < tens[i].numel; j++) *y++ = p.w[p.spec[i].offset + j];
        optimizer_eval_point(&o, &p, &h, true);
        for (int i = 0; i < NT; i++)
            for (int j = 0; j < tens[i].numel; j++) *x++ = p.w[p.spec[i].offset + j];
        optimizer_eval_point(&o, &p, &h, false);
    }
    long bytes = optimizer_state_bytes(&o, &p);
    optimizer_free(&o);
    params_free(&p);
    return bytes;
}

/* want (STEPS, total numel) ← v (STEPS, NT, MAXN) without the unused tail of each row */
static void flatten(double *want, const double *v)
{
    for (int s = 0; s < STEPS; s++)
        for (int i = 0; i < NT; i++)
            for (int j = 0; j < tens[i].numel; j++) *want++ = v[((long)s * NT + i) * MAXN + j];
}

/* 1 when every value is within tolerance; *maxrel the largest |diff| / (atol + rtol·|want|). */
static int all_close(const float *got, const double *want, long n, double atol, double rtol,
                     double *ratio)
{
    *ratio = 0;
    for (long i = 0; i < n; i++) {
        double q = fabs((double)got[i] - want[i]) / (atol + rtol * fabs(want[i]));
        if (!(q <= *ratio)) *ratio = q;
    }
    return *ratio <= 1;
}

/* The state each rule allocates, in floats, from the problem's shapes (Shampoo's
 * statistics are double: two floats an element). */
static long expected_state_floats(const RefOpt *r)
{
    long n = 0;
    for (int i = 0; i < NT; i++) {
        const Tensor *t = &tens[i];
        bool matrix = t->ndim == 2;
        if (!strcmp(r->opt, "schedulefree")) n += 2L * t->numel;
        else if (!strcmp(r->opt, "muon")) n += (matrix && t->hidden ? 1L : 2L) * t->numel;
        else if (!matrix) n += 2L * t->numel; /* shampoo's AdamW vectors */
        else {
            int bs = r->h.block_size, rows = t->shape[0], cols = t->shape[1];
            n += 2L * t->numel;
            for (int r0 = 0; r0 < rows; r0 += bs)
                for (int c0 = 0; c0 < cols; c0 += bs) {
                    long br = rows - r0 < bs ? rows - r0 : bs, bc = cols - c0 < bs ? cols - c0 : bs;
                    n += 3 * (br * br + bc * bc);
                }
        }
    }
    return n;
}

int main(void)
{
    const char *root = getenv("DESCENT_SOURCE_ROOT");
    if (!root) {
        fprintf(stderr, "DESCENT_SOURCE_ROOT is not set (run through meson test)\n");
        return 99;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/reference/optim_matrix.txt", root);
    if (load(path) != 0) return 99;

    const long nv = (long)STEPS * total_numel();
    static float y[STEPS * NT * MAXN], x[STEPS * NT * MAXN];
    static double want[STEPS * NT * MAXN];
    for (size_t k = 0; k < sizeof TOL / sizeof TOL[0]; k++) {
        const RefOpt *r = ref_find(TOL[k].label);
        if (!CHECK_TRUE(r != NULL, "reference has %s", TOL[k].label)) continue;
        long bytes = run_library(y, x, r);
        char what[96];
        flatten(want, &r->after[0][0][0]);
        snprintf(what, sizeof what, "%s vs float64 equations, %d steps", r->label, STEPS);
        th_close(what, y, want, nv, TOL[k].atol, TOL[k].rtol);
        if (r->nx) {
            flatten(want, &r->x[0][0][0]);
            snprintf(what, sizeof what, "%s evaluation point x, %d steps", r->label, STEPS);
            th_close(what, x, want, nv, TOL[k].atol, TOL[k].rtol);
        } else {
            CHECK_TRUE(memcmp(x, y, (size_t)nv * sizeof *x) == 0,
                       "%s evaluates the loss at its weights", r->label);
        }
        long floats = expected_state_floats(r);
        CHECK_TRUE(bytes == floats * 4, "%s state bytes %ld == %ld floats x 4", r->label, bytes,
                   floats);

        /* tightness: the library must be far from the wrong variant */
        char wrong[NAMELEN + 8];
        snprintf(wrong, sizeof wrong, "%s_wrong", r->label);
        const RefOpt *w = ref_find(wrong);
        if (!w) continue;
        flatten(want, &w->after[0][0][0]);
        double ratio;
        int close = all_close(y, want, nv, TOL[k].atol, TOL[k].rtol, &ratio);
        CHECK_TRUE(!close, "%s is told from %s (largest diff %.3g × tolerance)", r->label, wrong,
                   ratio);
    }
    return th_done();
}
