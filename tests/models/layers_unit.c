/* unit: what the per-layer statistics (layer_stats.tsv) read from a model. The probe is
 * a training forward with dropout off: with dropout 0.5 its gradient equals, bit for
 * bit, the gradient of the same model built with dropout 0, and it draws nothing from
 * the dropout stream (the next training forward's masks are those of a model never
 * probed). The layer views of the MLP (depth hidden layers and the head) and the GPT
 * (embedding, blocks, head) cover the parameter table in order, each tensor once, and
 * their outputs have the last forward's size; an MLP with a deliberately wrong view
 * (a tensor left out) must fail the cover check. */
#include <gsl/gsl_randist.h>
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

int main(void)
{
    blas_init(1);
    test_mlp();
    test_gpt();
    return th_done();
}
