/* FLOPs per layer from its shape (see flops.h). The elementwise counts are per
 * element of the layer's formula as this code computes it:
 *   linear bias        forward 1 (add), backward 1 (the bias gradient's sum)
 *   layernorm          forward 8 (mean 1; variance 3: subtract, square, add;
 *                      normalise 2; gain and bias 2); backward 13 (gain and bias
 *                      gradients 3, the normalised input again 2, dx 8: dy·w, its
 *                      two row sums, and rstd·(dy·w − mean − x̂·mean₂))
 *   rmsnorm            forward 4 (square and add, scale, gain); backward 8
 *   relu               forward 1 (compare), backward 2 (select, add)
 *   gelu               forward 10 (u = k(x + a·x³) 5, σ(2u) 4, x·σ 1); with the
 *                      derivative saved 10 more, and backward 1; without, backward
 *                      21 (the derivative recomputed, multiply, add)
 *   tanh, sigmoid      forward 1 (tanh) and 4 (exp, add, divide, negate); backward 3
 *                      and 4
 *   cross-entropy      forward 5 per logit (max, subtract, exp, sum, divide);
 *                      backward 2 per logit (subtract the one-hot, scale)
 *   dropout            1 multiply forward, 1 backward
 *   residual           1 add forward, 1 add backward
 *   embedding          1 add forward (token + position), 2 adds backward
 * Row statistics (a square root per row) are left out: they are O(N), not O(N·C). */
#include "nn/flops.h"

void flops_linear(StepFlops *f, double N, int C, int OC, bool bias, bool dx)
{
    double mm = 2.0 * N * C * OC;
    f->fwd_mm += mm;
    f->bwd_mm += dx ? 2 * mm : mm;
    if (bias) {
        f->fwd_ew += N * OC;
        f->bwd_ew += N * OC;
    }
}

void flops_norm(StepFlops *f, double N, int C, NormKind k)
{
    static const double fwd[] = {[NORM_NONE] = 0, [NORM_LAYER] = 8, [NORM_RMS] = 4};
    static const double bwd[] = {[NORM_NONE] = 0, [NORM_LAYER] = 13, [NORM_RMS] = 8};
    f->fwd_ew += fwd[k] * N * C;
    f->bwd_ew += bwd[k] * N * C;
}

void flops_act(StepFlops *f, double n, Act a, bool saved_grad)
{
    switch (a) {
    case ACT_RELU: f->fwd_ew += n, f->bwd_ew += 2 * n; break;
    case ACT_GELU:
        f->fwd_ew += (saved_grad ? 20 : 10) * n;
        f->bwd_ew += (saved_grad ? 1 : 21) * n;
        break;
    case ACT_TANH: f->fwd_ew += n, f->bwd_ew += 3 * n; break;
    case ACT_SIGMOID: f->fwd_ew += 4 * n, f->bwd_ew += 4 * n; break;
    }
}

void flops_crossentropy(StepFlops *f, double N, int V)
{
    f->fwd_ew += 5.0 * N * V;
    f->bwd_ew += 2.0 * N * V;
}

void flops_dropout(StepFlops *f, double n)
{
    f->fwd_ew += n;
    f->bwd_ew += n;
}

void flops_residual(StepFlops *f, double n)
{
    f->fwd_ew += n;
    f->bwd_ew += n;
}

void flops_embedding(StepFlops *f, double N, int C)
{
    f->fwd_ew += N * C;
    f->bwd_ew += 2.0 * N * C;
}

void flops_add_scaled(StepFlops *a, const StepFlops *b, double k)
{
    a->fwd_mm += k * b->fwd_mm, a->fwd_ew += k * b->fwd_ew;
    a->bwd_mm += k * b->bwd_mm, a->bwd_ew += k * b->bwd_ew;
}
