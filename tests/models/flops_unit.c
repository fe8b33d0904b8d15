/* unit: the FLOP counts from the shapes (nn/flops.h) against what the blas wrapper
 * runs. For the MLP (norm none, layer, rms × pre, post × residual, dropout) and the
 * GPT (the same, tied and untied, a context that is and is not a multiple of the
 * attention's 32-row blocks; post-norm cases with activation_checkpoint 1, whose
 * backward runs the forward of all blocks but the last again), one training forward
 * and one backward of a batch: the
 * products blas_flops() counted must equal the model's fwd_mm and bwd_mm times the
 * rows, exactly (both are sums of integers far below 2^53). Then Muon's step and
 * Shampoo's (a step that computes no inverse root) against optimizer_flops. A count
 * off by one product (a layer left out) must fail the same comparison. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/rng.h"
#include "harness.h"
#include "models/model.h"
#include "optim/optim.h"
#include "train/run.h"

static Model *make(const char *const (*kv)[2], int n, Settings *s, const DataShape *shape)
{
    SettingPairs pairs = {0};
    for (int i = 0; i < n; i++) pairs_add(&pairs, kv[i][0], kv[i][1], "test");
    Model *m = NULL;
    if (settings_from_pairs(s, &pairs) != ST_OK || model_create(&m, s, shape) != ST_OK) {
        printf("FAIL: model: %s\n", err_msg());
        exit(1);
    }
    return m;
}

/* Forward and backward of b: the counted products against the model's. */
static int check_model(const char *what, Model *m, const Batch *b)
{
    blas_flops_reset();
    m->ops->forward(m, b);
    double fwd = blas_flops();
    blas_flops_reset();
    m->ops->backward(m, b, 1.0f);
    double bwd = blas_flops();
    double want_f = m->flops.fwd_mm * b->rows, want_b = m->flops.bwd_mm * b->rows;
    int ok = CHECK_TRUE(fwd == want_f && bwd == want_b && fwd > 0,
                        "%s: products counted forward %.0f (shapes %.0f), backward %.0f (shapes %.0f)",
                        what, fwd, want_f, bwd, want_b);
    ok &= CHECK_TRUE(m->flops.fwd_ew > 0 && m->flops.bwd_ew > 0, "  %s: elementwise work %.0f, %.0f per row",
                     what, m->flops.fwd_ew, m->flops.bwd_ew);
    return ok;
}

static int mlp_case(const char *norm, const char *pos, const char *res, const char *drop, const char *ckpt)
{
    const char *const kv[][2] = {{"data", "spirals"}, {"widths", "8,8,5"}, {"batch", "6"}, {"norm", norm},
                                 {"norm_position", pos}, {"residual", res}, {"dropout", drop}, {"act", "gelu"},
                                 {"activation_checkpoint", ckpt}};
    Settings s;
    DataShape shape = {.inputs = 7, .classes = 3};
    Model *m = make(kv, 9, &s, &shape);
    gsl_rng *r = rng_stream(5, "flops");
    float x[6 * 7];
    int y[6];
    for (int i = 0; i < 6 * 7; i++) x[i] = (float)gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < 6; i++) y[i] = (int)gsl_rng_uniform_int(r, 3);
    Batch b = {6, x, y, NULL};
    char what[128];
    snprintf(what, sizeof what, "mlp norm=%s/%s residual=%s dropout=%s checkpoint=%s", norm, pos, res, drop, ckpt);
    int ok = check_model(what, m, &b);
    ok &= CHECK_TRUE(m->embedding_params == 0, "  mlp: no embedding parameters");
    gsl_rng_free(r);
    model_free(m);
    return ok;
}

static int gpt_case(const char *norm, const char *pos, const char *res, const char *tied, const char *T,
                    const char *drop, const char *ckpt)
{
    const char *const kv[][2] = {{"model", "gpt"}, {"data", "markov"}, {"width", "16"}, {"heads", "2"},
                                 {"layers", "3"}, {"context", T}, {"batch", "3"}, {"norm", norm},
                                 {"norm_position", pos}, {"residual", res}, {"tie_embeddings", tied},
                                 {"dropout", drop}, {"vocab", "11"}, {"activation_checkpoint", ckpt}};
    Settings s;
    DataShape shape = {.classes = 11};
    Model *m = make(kv, 14, &s, &shape);
    int ctx = atoi(T), n = 3 * (ctx + 1);
    int *tok = malloc(sizeof(int) * (size_t)n);
    gsl_rng *r = rng_stream(6, "flops");
    for (int i = 0; i < n; i++) tok[i] = (int)gsl_rng_uniform_int(r, 11);
    Batch b = {.rows = 3, .tokens = tok};
    char what[160];
    snprintf(what, sizeof what, "gpt T=%s norm=%s/%s residual=%s tied=%s dropout=%s checkpoint=%s", T, norm, pos,
             res, tied, drop, ckpt);
    int ok = check_model(what, m, &b);
    long want = 11 * 16 + (long)ctx * 16 + (strcmp(tied, "on") ? 11 * 16 : 0);
    ok &= CHECK_TRUE(m->embedding_params == want, "  %s: embedding parameters %ld (want %ld)", what,
                     m->embedding_params, want);
    free(tok);
    gsl_rng_free(r);
    model_free(m);
    return ok;
}

/* One step of the optimizer on the GPT's table: its products against optimizer_flops.
 * Shampoo computes its inverse roots (products too) on step 1: step 2 is compared. */
static int optim_case(const char *name)
{
    const char *const kv[][2] = {{"model", "gpt"}, {"data", "markov"}, {"width", "16"}, {"heads", "2"},
                                 {"layers", "1"}, {"context", "8"}, {"batch", "2"}, {"vocab", "11"},
                                 {"optimizer", name}, {"block_size", "8"}, {"precondition_every", "10"}};
    Settings s;
    DataShape shape = {.classes = 11};
    Model *m = make(kv, 11, &s, &shape);
    Params *p = &m->params;
    gsl_rng *r = rng_stream(8, "flops");
    for (long j = 0; j < p->numel; j++) p->g[j] = (float)gsl_ran_gaussian(r, 1.0);
    OptHyper h = run_hyper(&s);
    Optimizer o = {0};
    if (optimizer_init(&o, opt_type_at(s.optimizer), p, &h) != ST_OK) return CHECK_TRUE(0, "%s: init", name);
    optimizer_step(&o, p, &h);
    blas_flops_reset();
    optimizer_step(&o, p, &h);
    double got = blas_flops(), mm, ew;
    optimizer_flops(o.type, p, &h, &mm, &ew);
    int ok = CHECK_TRUE(got == mm && mm > 0 && ew > 0,
                        "%s: a step's products counted %.0f (shapes %.0f); elementwise %.0f", name, got, mm, ew);
    optimizer_free(&o);
    gsl_rng_free(r);
    model_free(m);
    return ok;
}

int main(void)
{
    blas_init(2);
    const char *norms[] = {"none", "layer", "rms"}, *pos[] = {"pre", "post"}, *res[] = {"off", "on"};
    for (int n = 0; n < 3; n++)
        for (int q = 0; q < 2; q++)
            for (int k = 0; k < 2; k++) {
                if (n == 0 && q == 1) continue;
                mlp_case(norms[n], pos[q], res[k], k ? "0.2" : "0", q ? "1" : "0");
                gpt_case(norms[n], pos[q], res[k], k ? "on" : "off", q ? "40" : "64", k ? "0.1" : "0", q ? "1" : "0");
            }
    optim_case("muon");
    optim_case("shampoo");
    double mm, ew;
    optimizer_flops(opt_type_by_name("adamw"), &(Params){0}, &(OptHyper){0}, &mm, &ew);
    CHECK_TRUE(mm == 0 && ew == 0, "adamw on an empty table: no FLOPs");

    /* tightness: a model whose count misses one product (the head's input gradient) fails */
    const char *const kv[][2] = {{"data", "spirals"}, {"widths", "8"}, {"batch", "4"}};
    Settings s;
    DataShape shape = {.inputs = 7, .classes = 3};
    Model *m = make(kv, 3, &s, &shape);
    float x[4 * 7] = {0};
    int y[4] = {0, 1, 2, 0};
    Batch b = {4, x, y, NULL};
    m->flops.bwd_mm -= 2.0 * 8 * 3;
    blas_flops_reset();
    m->ops->forward(m, &b);
    blas_flops_reset();
    m->ops->backward(m, &b, 1.0f);
    CHECK_TRUE(blas_flops() != m->flops.bwd_mm * 4, "a count missing one product is caught (%.0f against %.0f)",
               blas_flops(), m->flops.bwd_mm * 4);
    model_free(m);
    return th_failed ? 1 : 0;
}
