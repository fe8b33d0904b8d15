/* unit: activation checkpointing changes no bit and keeps fewer activations.
 *
 * For the MLP (5 hidden layers of width 7) and the GPT (3 blocks), in every combination
 * of residual on/off × norm none/layer/rms × pre/post, with and without dropout, a
 * model with activation_checkpoint K (MLP 1, 2, 3; GPT 1, 2) and one without start from
 * the same seed and take the same two micro-batches (forward, backward, forward,
 * backward, so the dropout stream must continue where it would have), one more forward,
 * and a probe (no dropout) with its backward, whose recomputation must not apply masks
 * either: the losses and every gradient must be bitwise equal (memcmp), and the model
 * with checkpointing must count fewer activation bytes (the bytes its arena holds, as
 * allocated). 2 threads, so the GPT's row chunks run in parallel as they do in a run.
 * A backward that forgets to recompute a segment, or redraws its dropout masks, fails. */
#include <gsl/gsl_randist.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/rng.h"
#include "harness.h"
#include "models/model.h"

enum { B = 4, IN = 6, CLASSES = 5, V = 11, T = 6 };

static Model *make(const char *model, const char *norm, const char *pos, const char *res,
                   const char *dropout, int K)
{
    bool gpt = !strcmp(model, "gpt");
    char k[16];
    snprintf(k, sizeof k, "%d", K);
    SettingPairs pairs = {0};
    const char *kv[][2] = {{"model", model},
                           {"data", gpt ? "markov" : "spirals"},
                           {"batch", "4"},
                           {"norm", norm},
                           {"norm_position", pos},
                           {"residual", res},
                           {"dropout", dropout},
                           {"activation_checkpoint", k},
                           {"seed", "5"}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) pairs_add(&pairs, kv[i][0], kv[i][1], "test");
    if (gpt) {
        pairs_add(&pairs, "layers", "3", "test");
        pairs_add(&pairs, "width", "8", "test");
        pairs_add(&pairs, "heads", "2", "test");
        pairs_add(&pairs, "context", "6", "test");
    } else {
        pairs_add(&pairs, "widths", "7,7,7,7,7", "test");
        pairs_add(&pairs, "act", "tanh", "test");
        pairs_add(&pairs, "init", "xavier", "test");
    }
    Settings s;
    if (settings_from_pairs(&s, &pairs) != ST_OK) return CHECK_TRUE(0, "settings: %s", err_msg()), NULL;
    DataShape shape = {.inputs = IN, .classes = gpt ? V : CLASSES};
    Model *m = NULL;
    if (model_create(&m, &s, &shape) != ST_OK) return CHECK_TRUE(0, "model: %s", err_msg()), NULL;
    return m;
}

/* Two micro-batches and a third forward; returns the three losses. Then a probe (no
 * dropout, no draw) and its backward add to the gradients, as layer_stats.tsv does. */
static void run(Model *m, const Batch *b1, const Batch *b2, double loss[4])
{
    params_zero_grad(&m->params);
    loss[0] = m->ops->forward(m, b1);
    m->ops->backward(m, b1, 0.5f);
    loss[1] = m->ops->forward(m, b2);
    m->ops->backward(m, b2, 0.5f);
    loss[2] = m->ops->forward(m, b1);
    loss[3] = m->ops->probe(m, b2);
    m->ops->backward(m, b2, 0.25f);
}

static void check(const char *model, const char *norm, const char *pos, const char *res,
                  const char *dropout, int K, const Batch *b1, const Batch *b2)
{
    Model *off = make(model, norm, pos, res, dropout, 0), *on = make(model, norm, pos, res, dropout, K);
    if (!off || !on) {
        model_free(off), model_free(on);
        return;
    }
    double l_off[4], l_on[4];
    run(off, b1, b2, l_off);
    run(on, b1, b2, l_on);
    const Params *p = &off->params;
    long differ = 0;
    for (long j = 0; j < p->numel; j++) differ += memcmp(&p->g[j], &on->params.g[j], sizeof(float)) != 0;
    CHECK_TRUE(on->params.numel == p->numel && differ == 0 && !memcmp(l_off, l_on, sizeof l_off),
               "%s norm=%s/%s residual=%s dropout=%s checkpoint %d: losses %s, %ld of %ld gradients differ",
               model, norm, pos, res, dropout, K, memcmp(l_off, l_on, sizeof l_off) ? "DIFFER" : "equal", differ,
               p->numel);
    CHECK_TRUE(on->activation_bytes < off->activation_bytes, "  activation bytes %ld with checkpointing, %ld without",
               on->activation_bytes, off->activation_bytes);
    model_free(off);
    model_free(on);
}

int main(void)
{
    blas_init(2);
    gsl_rng *r = rng_stream(11, "checkpoint_bits");
    float x[2][B * IN];
    int y[2][B], tok[2][B * (T + 1)];
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < B * IN; i++) x[k][i] = (float)gsl_ran_gaussian(r, 1.0);
        for (int i = 0; i < B; i++) y[k][i] = (int)gsl_rng_uniform_int(r, CLASSES);
        for (int i = 0; i < B * (T + 1); i++) tok[k][i] = (int)gsl_rng_uniform_int(r, V);
    }
    gsl_rng_free(r);
    Batch mb[2] = {{B, x[0], y[0], NULL}, {B, x[1], y[1], NULL}};
    Batch gb[2] = {{B, NULL, NULL, tok[0]}, {B, NULL, NULL, tok[1]}};
    const char *norms[] = {"none", "layer", "rms"}, *pos[] = {"pre", "post"}, *res[] = {"off", "on"};
    const char *drops[] = {"0", "0.2"};
    for (int n = 0; n < 3; n++)
        for (int q = 0; q < 2; q++)
            for (int k = 0; k < 2; k++)
                for (int d = 0; d < 2; d++) {
                    if (n == 0 && q == 1) continue; /* position means nothing without a norm */
                    for (int K = 1; K <= 3; K++)
                        check("mlp", norms[n], pos[q], res[k], drops[d], K, &mb[0], &mb[1]);
                    for (int K = 1; K <= 2; K++)
                        check("gpt", norms[n], pos[q], res[k], drops[d], K, &gb[0], &gb[1]);
                }
    return th_done();
}
