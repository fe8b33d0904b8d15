/* unit: what the per-layer statistics (layer_stats.tsv) read from a model. The probe is
 * a training forward with dropout off: with dropout 0.5 its gradient equals, bit for
 * bit, the gradient of the same model built with dropout 0, and it draws nothing from
 * the dropout stream (the next training forward's masks are those of a model never
 * probed). The layer views of the MLP (depth hidden layers and the head) and the GPT
 * (embedding, blocks, head) cover the parameter table in order, each tensor once, and
 * their outputs have the last forward's size; an MLP with a deliberately wrong view
 * (a tensor left out) must fail the cover check.
 *
 * Each layer's output gradient norm (act_grad_norm) is held, on a batch of one row
 * (one token for the GPT), against an independent computation from the parameter
 * gradients: the gradient of a bias added last in a layer, or of the next layer's
 * input (W_next^T times its bias gradient), IS the output gradient when there is one
 * row; the head's from its logits, (softmax − onehot) / rows. A forward that is not a
 * probe leaves every norm NaN. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/rng.h"
#include "harness.h"
#include "models/model.h"

enum { B = 5, IN = 6, CLASSES = 4, V = 7, T = 5 };

static Model *build(const char *const (*kv)[2], int n)
{
    SettingPairs pairs = {0};
    for (int i = 0; i < n; i++) pairs_add(&pairs, kv[i][0], kv[i][1], "test");
    Settings s;
    Model *m = NULL;
    if (settings_from_pairs(&s, &pairs) != ST_OK) return printf("FAIL: settings: %s\n", err_msg()), exit(1), NULL;
    DataShape shape = {.inputs = IN, .classes = s.model == MODEL_GPT ? V : CLASSES};
    if (model_create(&m, &s, &shape) != ST_OK) return printf("FAIL: model: %s\n", err_msg()), exit(1), NULL;
    return m;
}

/* Whether views [0, n) run over the tensors 0 .. params.n without gap or overlap. */
static bool covers(const Model *m, const LayerView *v, int n)
{
    int next = 0;
    for (int i = 0; i < n; i++) {
        if (v[i].p0 != next || v[i].p1 < v[i].p0) return false;
        next = v[i].p1;
    }
    return next == m->params.n;
}

static void test_mlp(void)
{
    const char *const drop[][2] = {{"data", "spirals"}, {"depth", "3"}, {"width", "7"}, {"batch", "5"},
                                   {"act", "tanh"}, {"norm", "layer"}, {"dropout", "0.5"}};
    const char *const plain[][2] = {{"data", "spirals"}, {"depth", "3"}, {"width", "7"}, {"batch", "5"},
                                    {"act", "tanh"}, {"norm", "layer"}};
    Model *a = build(drop, 7), *b = build(plain, 6), *c = build(drop, 7);
    gsl_rng *r = rng_stream(5, "test");
    float x[B * IN];
    int y[B];
    for (int i = 0; i < B * IN; i++) x[i] = (float)gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < B; i++) y[i] = (int)gsl_rng_uniform_int(r, CLASSES);
    gsl_rng_free(r);
    Batch bt = {B, x, y, NULL};
    Params *pa = &a->params, *pb = &b->params;
    params_zero_grad(pa), params_zero_grad(pb);
    double la = a->ops->probe(a, &bt), lb = b->ops->forward(b, &bt);
    a->ops->backward(a, &bt, 1.0f), b->ops->backward(b, &bt, 1.0f);
    CHECK_TRUE(la == lb && pa->numel == pb->numel &&
                   !memcmp(pa->g, pb->g, (size_t)pa->numel * sizeof(float)),
               "mlp: the probe's loss and gradient with dropout 0.5 are those of dropout 0 (%.9g, %.9g)", la, lb);

    LayerView v[8];
    int n = a->ops->layers(a, v, 8);
    bool sizes = n == 4;
    for (int i = 0; sizes && i < n; i++) sizes = v[i].numel == (long)B * (i < 3 ? 7 : CLASSES);
    CHECK_TRUE(sizes && !strcmp(v[0].name, "layers.0") && !strcmp(v[3].name, "layers.3"),
               "mlp: depth 3 gives 4 layers named as their tensors, outputs of the batch's size (%d)", n);
    CHECK_TRUE(covers(a, v, n), "mlp: the views cover the parameter table in order");
    v[1].p1--; /* a tensor left out: the check must see it */
    CHECK_TRUE(!covers(a, v, n), "mlp: a view that leaves a tensor out fails the cover check");

    /* the probe draws no mask: a's next training step equals c's, which was never probed */
    params_zero_grad(pa), params_zero_grad(&c->params);
    double ta = a->ops->forward(a, &bt), tc = c->ops->forward(c, &bt);
    a->ops->backward(a, &bt, 1.0f), c->ops->backward(c, &bt, 1.0f);
    CHECK_TRUE(ta == tc && !memcmp(pa->g, c->params.g, (size_t)pa->numel * sizeof(float)),
               "mlp: after a probe the dropout masks are those of a model never probed (%.9g, %.9g)", ta, tc);
    model_free(a), model_free(b), model_free(c);
}

static void test_gpt(void)
{
    const char *const drop[][2] = {{"model", "gpt"}, {"layers", "2"}, {"width", "8"}, {"heads", "2"},
                                   {"context", "5"}, {"batch", "2"}, {"vocab", "7"}, {"dropout", "0.5"}};
    const char *const plain[][2] = {{"model", "gpt"}, {"layers", "2"}, {"width", "8"}, {"heads", "2"},
                                    {"context", "5"}, {"batch", "2"}, {"vocab", "7"}};
    Model *a = build(drop, 8), *b = build(plain, 7);
    int tok[2 * (T + 1)];
    for (int i = 0; i < 2 * (T + 1); i++) tok[i] = (i * 3 + 1) % V;
    Batch bt = {2, NULL, NULL, tok};
    Params *pa = &a->params, *pb = &b->params;
    params_zero_grad(pa), params_zero_grad(pb);
    double la = a->ops->probe(a, &bt), lb = b->ops->forward(b, &bt);
    a->ops->backward(a, &bt, 1.0f), b->ops->backward(b, &bt, 1.0f);
    CHECK_TRUE(la == lb && !memcmp(pa->g, pb->g, (size_t)pa->numel * sizeof(float)),
               "gpt: the probe's loss and gradient with dropout 0.5 are those of dropout 0 (%.9g, %.9g)", la, lb);
    LayerView v[8];
    int n = a->ops->layers(a, v, 8);
    CHECK_TRUE(n == 4 && !strcmp(v[0].name, "embedding") && !strcmp(v[2].name, "h.1") &&
                   !strcmp(v[3].name, "head") && v[1].numel == 2L * T * 8 && v[3].numel == 2L * T * V,
               "gpt: 2 blocks give embedding, h.0, h.1, head with the batch's sizes (%d)", n);
    CHECK_TRUE(covers(a, v, n), "gpt: the views cover the parameter table in order");
    model_free(a), model_free(b);
}

/* ||g[spec i]|| in double (-1: the tensor is missing, which fails the comparison) */
static double grad_norm_of(const Model *m, const char *name)
{
    int i = params_find(&m->params, name);
    if (i < 0) return -1;
    const float *g = m->params.g + m->params.spec[i].offset;
    double ss = 0;
    for (long j = 0; j < m->params.spec[i].numel; j++) ss += (double)g[j] * g[j];
    return sqrt(ss);
}

/* ||W^T gb|| for W = name.w (OC,C) and gb = the gradient of name.b (OC): the input
 * gradient of the linear layer `name` when the batch has one row. */
static double input_grad_norm(const Model *m, const char *name)
{
    char wn[64], bn[64];
    snprintf(wn, sizeof wn, "%s.w", name), snprintf(bn, sizeof bn, "%s.b", name);
    int w = params_find(&m->params, wn), b = params_find(&m->params, bn);
    if (w < 0 || b < 0) return -1;
    const ParamSpec *sw = &m->params.spec[w];
    int OC = sw->shape[0], C = sw->shape[1];
    const float *W = m->params.w + sw->offset, *gb = m->params.g + m->params.spec[b].offset;
    double ss = 0;
    for (int c = 0; c < C; c++) {
        double d = 0;
        for (int o = 0; o < OC; o++) d += (double)W[(long)o * C + c] * gb[o];
        ss += d * d;
    }
    return sqrt(ss);
}

/* ||(softmax(z) − onehot(y)) / rows|| over rows of logits z (rows, V) */
static double head_grad_norm(const float *z, const int *y, int rows, int V)
{
    double ss = 0;
    for (int r = 0; r < rows; r++) {
        double mx = z[(long)r * V], sum = 0;
        for (int v = 1; v < V; v++) mx = fmax(mx, z[(long)r * V + v]);
        for (int v = 0; v < V; v++) sum += exp(z[(long)r * V + v] - mx);
        for (int v = 0; v < V; v++) {
            double d = (exp(z[(long)r * V + v] - mx) / sum - (v == y[r])) / rows;
            ss += d * d;
        }
    }
    return sqrt(ss);
}

static bool near(double got, double want) { return want >= 0 && fabs(got - want) <= 1e-5 * want + 1e-9; }

/* The probe's gradient on bt (zeroed first) and the layer views after it (up to 8). */
static int probe_views(Model *m, const Batch *bt, LayerView *v)
{
    params_zero_grad(&m->params);
    m->ops->probe(m, bt);
    m->ops->backward(m, bt, 1.0f);
    return m->ops->layers(m, v, 8);
}

/* Probe and backward on bt; checks every view's output gradient norm against want(i). */
static void check_out_grads(const char *what, Model *m, const Batch *bt, const double *want, int n)
{
    LayerView v[8];
    m->ops->forward(m, bt);
    m->ops->layers(m, v, 8);
    bool nan_before = isnan(v[0].dout_norm) && isnan(v[n - 1].dout_norm);
    int got = probe_views(m, bt, v);
    CHECK_TRUE(nan_before, "%s: a training forward leaves the output gradient norms NaN", what);
    bool ok = got == n;
    for (int i = 0; ok && i < n; i++) ok = near(v[i].dout_norm, want[i]);
    for (int i = 0; i < n && i < got; i++)
        if (!near(v[i].dout_norm, want[i])) printf("  %s: %.9g, independently %.9g\n", v[i].name, v[i].dout_norm, want[i]);
    CHECK_TRUE(ok, "%s: each layer's output gradient norm equals the independent one (%d layers)", what, got);
}

static void test_out_grad(void)
{
    /* an MLP of 3 tanh layers, no norm: layer i's output gradient is layers.{i+1}'s
     * input gradient; the head's from the logits */
    const char *const plain[][2] = {{"data", "spirals"}, {"depth", "3"}, {"width", "7"}, {"batch", "1"},
                                    {"act", "tanh"}};
    /* post-LayerNorm with residuals: a block's output is its norm's, whose bias is added last */
    const char *const post[][2] = {{"data", "spirals"}, {"depth", "3"}, {"width", "7"}, {"batch", "1"},
                                   {"act", "tanh"}, {"norm", "layer"}, {"norm_position", "post"},
                                   {"residual", "on"}};
    float x[IN] = {0.3f, -1.2f, 0.7f, 2.0f, -0.4f, 0.9f};
    int y[1] = {2};
    Batch bt = {1, x, y, NULL};
    Model *a = build(plain, 5), *b = build(post, 8);
    double want[8];
    for (int k = 0; k < 2; k++) {
        Model *m = k ? b : a;
        LayerView v[8];
        probe_views(m, &bt, v);
        for (int i = 0; i < 3; i++) {
            char name[32];
            snprintf(name, sizeof name, k ? "layers.%d.norm.b" : "layers.%d", k ? i : i + 1);
            want[i] = k ? grad_norm_of(m, name) : input_grad_norm(m, name);
        }
        want[3] = head_grad_norm(v[3].out, y, 1, CLASSES);
        check_out_grads(k ? "mlp post-norm, residual" : "mlp plain", m, &bt, want, 4);
    }
    model_free(a), model_free(b);

    /* GPTs of 2 blocks on one token: the embedding's output gradient is wpe's (one row);
     * a pre-norm block's output is [x +] the mlp projection (its bias added last), a
     * post-norm block's that of ln2 */
    const char *const pre[][2] = {{"model", "gpt"}, {"layers", "2"}, {"width", "8"}, {"heads", "2"},
                                  {"context", "1"}, {"batch", "1"}, {"vocab", "7"}};
    const char *const gpost[][2] = {{"model", "gpt"}, {"layers", "2"}, {"width", "8"}, {"heads", "2"},
                                    {"context", "1"}, {"batch", "1"}, {"vocab", "7"}, {"norm_position", "post"},
                                    {"residual", "off"}};
    int tok[2] = {3, 5};
    Batch gt = {1, NULL, NULL, tok};
    Model *c = build(pre, 7), *d = build(gpost, 9);
    for (int k = 0; k < 2; k++) {
        Model *m = k ? d : c;
        LayerView v[8];
        probe_views(m, &gt, v);
        want[0] = grad_norm_of(m, "wpe");
        for (int l = 0; l < 2; l++) {
            char name[32];
            snprintf(name, sizeof name, k ? "h.%d.ln2.b" : "h.%d.mlp.proj.b", l);
            want[l + 1] = grad_norm_of(m, name);
        }
        want[3] = head_grad_norm(v[3].out, tok + 1, 1, V);
        check_out_grads(k ? "gpt post-norm, no residual" : "gpt pre-norm", m, &gt, want, 4);
    }
    model_free(c), model_free(d);
}

int main(void)
{
    blas_init(1);
    test_mlp();
    test_gpt();
    test_out_grad();
    return th_done();
}
