/* unit: the precision policy at initialisation. Both models' loss on one batch under
 * bf16 and fp16 stays within a stated tolerance of the fp32 loss (a real difference,
 * not zero: the emulation is on), every matmul output is representable in the format,
 * and switching back to fp32 restores the fp32 loss bit for bit. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "core/blas.h"
#include "core/rng.h"
#include "harness.h"
#include "models/model.h"

enum { B = 8, T = 16 };

static Model *make(const char *model)
{
    SettingPairs p = {0};
    pairs_add(&p, "model", model, "");
    pairs_add(&p, "batch", "8", "");
    pairs_add(&p, "context", "16", "");
    pairs_add(&p, "data", !strcmp(model, "gpt") ? "markov" : "fashion", "");
    Settings s;
    CHECK_TRUE(settings_from_pairs(&s, &p) == ST_OK, "%s settings", model);
    DataShape shape = {.inputs = 784, .classes = !strcmp(model, "gpt") ? 16 : 10};
    Model *m = NULL;
    CHECK_TRUE(model_create(&m, &s, &shape) == ST_OK, "%s model", model);
    return m;
}

/* loss of one forward pass with the weights rounded to the policy's format */
static double loss_under(Model *m, const Batch *b, Precision prec, const float *w32)
{
    memcpy(m->params.w, w32, (size_t)m->params.numel * sizeof(float));
    blas_set_precision(prec, m->max_operand);
    precision_round(m->params.w, m->params.numel, prec);
    double loss = m->ops->forward(m, b);
    blas_set_precision(PREC_FP32, 0);
    return loss;
}

static void check_model(const char *name, double tol_bf16, double tol_fp16)
{
    Model *m = make(name);
    gsl_rng *r = rng_stream(5, "precision-test");
    static float x[B * 784];
    static int y[B], tok[B * (T + 1)];
    for (int i = 0; i < B * 784; i++) x[i] = (float)gsl_ran_gaussian(r, 1.0);
    for (int i = 0; i < B; i++) y[i] = (int)gsl_rng_uniform_int(r, 10);
    for (int i = 0; i < B * (T + 1); i++) tok[i] = (int)gsl_rng_uniform_int(r, 16);
    Batch b = {B, x, y, tok};
    static float w32[1 << 22];
    CHECK_TRUE(m->params.numel <= (long)(sizeof w32 / sizeof w32[0]), "%s fits the test buffer", name);
    memcpy(w32, m->params.w, (size_t)m->params.numel * sizeof(float));

    double l32 = loss_under(m, &b, PREC_FP32, w32);
    double lbf = loss_under(m, &b, PREC_BF16, w32);
    double lhf = loss_under(m, &b, PREC_FP16, w32);
    double again = loss_under(m, &b, PREC_FP32, w32);
    CHECK_TRUE(fabs(lbf - l32) <= tol_bf16 * l32 && lbf != l32,
               "%s: bf16 loss %.6f vs fp32 %.6f: relative %.2e (tolerance %.0e, and not identical)", name,
               lbf, l32, fabs(lbf - l32) / l32, tol_bf16);
    CHECK_TRUE(fabs(lhf - l32) <= tol_fp16 * l32 && lhf != l32,
               "%s: fp16 loss %.6f vs fp32 %.6f: relative %.2e (tolerance %.0e)", name, lhf, l32,
               fabs(lhf - l32) / l32, tol_fp16);
    CHECK_TRUE(again == l32, "%s: back to fp32 gives the fp32 loss bit for bit", name);
    gsl_rng_free(r);
    model_free(m);
}

int main(void)
{
    blas_init(2);
    /* bf16 keeps 8 significant bits (relative step 2^-8 = 0.4 %); fp16 keeps 11 */
    check_model("mlp", 1e-2, 2e-3);
    check_model("gpt", 1e-2, 2e-3);

    /* a product's output is stored in the format: every element representable */
    blas_set_precision(PREC_BF16, 64 * 64);
    static float a[64 * 64], bm[64 * 64], c[64 * 64];
    for (int i = 0; i < 64 * 64; i++) a[i] = 1.0f + i * 1e-4f, bm[i] = 0.5f - i * 3e-5f;
    mm(false, true, 64, 64, 64, 1, a, 64, bm, 64, 0, c, 64);
    long bad = 0;
    for (int i = 0; i < 64 * 64; i++) {
        float v = c[i];
        precision_round(&v, 1, PREC_BF16);
        bad += v != c[i];
    }
    CHECK_TRUE(bad == 0, "bf16 products store bf16 values (%ld not representable)", bad);
    blas_set_precision(PREC_FP32, 0);
    return th_done();
}
