/* unit: where the 16-bit policies round a parameter gradient (docs/FORMATS.md,
 * "Precision"). Under bf16 and fp16 each linear_backward call's weight and bias
 * gradient is rounded once, as the kernel stores it, and added to the gradient buffer
 * in fp32, so two accumulated micro-batches give round(g1) + round(g2), never
 * round(round(g1) + g2); under fp32 nothing is rounded. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <string.h>

#include "core/blas.h"
#include "core/rng.h"
#include "harness.h"
#include "nn/linear.h"

enum { N = 16, C = 24, OC = 20 };

/* dw (OC,C) of one micro-batch as the 16-bit kernel stores it, and db (OC): the fp32
 * row sum rounded. */
static void one_batch(float *dw, float *db, const float *dy, const float *x, Precision p)
{
    memset(dw, 0, sizeof(float) * OC * C);
    mm(true, false, OC, C, N, 1.0f, dy, OC, x, C, 0.0f, dw, C);
    for (int o = 0; o < OC; o++) db[o] = 0.0f;
    for (int n = 0; n < N; n++)
        for (int o = 0; o < OC; o++) db[o] += dy[n * OC + o];
    precision_round(db, OC, p);
}

static void check(Precision p, const char *name)
{
    gsl_rng *r = rng_stream(7, "grad_accum");
    static float dy[2][N * OC], x[2][N * C], w[OC * C];
    for (int b = 0; b < 2; b++) {
        for (int i = 0; i < N * OC; i++) dy[b][i] = (float)gsl_ran_gaussian(r, 1.0);
        for (int i = 0; i < N * C; i++) x[b][i] = (float)gsl_ran_gaussian(r, 1.0);
    }
    gsl_rng_free(r);
    blas_set_precision(p, N * C > OC * C ? N * C : OC * C);
    precision_round(dy[0], N * OC, p), precision_round(dy[1], N * OC, p); /* stored activations */
    precision_round(x[0], N * C, p), precision_round(x[1], N * C, p);
    static float dw1[OC * C], db1[OC], dw2[OC * C], db2[OC], dw[OC * C], db[OC];
    one_batch(dw1, db1, dy[0], x[0], p);
    one_batch(dw2, db2, dy[1], x[1], p);
    memset(dw, 0, sizeof dw), memset(db, 0, sizeof db);
    linear_backward(NULL, dw, db, dy[0], x[0], w, N, C, OC);
    linear_backward(NULL, dw, db, dy[1], x[1], w, N, C, OC);
    long same = 0, off16 = 0;
    for (int i = 0; i < OC * C; i++) {
        float want = dw1[i] + dw2[i], rounded = want;
        precision_round(&rounded, 1, p);
        same += dw[i] == want;
        off16 += rounded != want; /* a sum a 16-bit buffer could not hold */
    }
    for (int o = 0; o < OC; o++) {
        float want = db1[o] + db2[o], rounded = want;
        precision_round(&rounded, 1, p);
        same += db[o] == want;
        off16 += rounded != want;
    }
    long n = OC * C + OC;
    if (p == PREC_FP32)
        CHECK_TRUE(same == n, "%s: two micro-batches' weight and bias gradients add exactly (%ld of %ld)", name,
                   same, n);
    else
        CHECK_TRUE(same == n && off16 > n / 4,
                   "%s: two micro-batches give round(g1) + round(g2) in fp32 (%ld of %ld equal; %ld of "
                   "the sums are not %s values, so a re-rounded sum would show)",
                   name, same, n, off16, name);
    blas_set_precision(PREC_FP32, 0);
}

int main(void)
{
    blas_init(2);
    check(PREC_FP32, "fp32");
    check(PREC_BF16, "bf16");
    check(PREC_FP16, "fp16");
    check(PREC_BF16_PURE, "bf16-pure");
    return th_done();
}
