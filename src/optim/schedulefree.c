/* Schedule-free AdamW (Defazio et al. 2024, "The Road Less Scheduled", Algorithm 1 with
 * Adam's denominator and the weighting of github.com/facebookresearch/schedule_free):
 *   z₁ = x₁ = w₀;  y_t = (1−β1)·z_t + β1·x_t           gradients are taken at y
 *   v ← β2·v + (1−β2)·g²;  d = g / (√v / √(1 − β2^t) + eps) + wd·y
 *   lr_max ← max(lr_max, lr_t);  c = lr_max² / Σ_{i≤t} lr_max,i²
 *   z ← z − lr_t·d;  x ← (1−c)·x + c·z
 * lr_t is this step's learning rate: the training schedule's warmup, then constant (the
 * method replaces any decay). As in the reference implementation the weights hold y
 * while training and x is not stored: a step moves y directly,
 *   y ← y + c·(z − y) + lr_t·(β1·(1−c) − 1)·d,  then z ← z − lr_t·d,
 * and optimizer_eval_point swaps the weights to x = y + (1 − 1/β1)·(z − y) for an
 * evaluation and back to y = x + (1−β1)·(z − x) after it. State: z and v. Checked against
 * scripts/gen_matrix_optim_reference.py. */
#include "optim/optim.h"

#include <math.h>
#include <string.h>

#include "core/check.h"

typedef struct {
    float **z, **v; /* per tensor (numel) */
    int n;
    double lr_max, weight_sum;
} ScheduleFree;

static Status schedulefree_init(Optimizer *o, const Params *p, const OptHyper *h)
{
    (void)h;
    ScheduleFree *sf = opt_alloc(o, sizeof *sf, false);
    if (!sf) return ST_NOMEM;
    o->impl = sf;
    sf->n = p->n;
    if (!(sf->z = opt_alloc(o, (size_t)p->n * sizeof *sf->z, false)) ||
        !(sf->v = opt_alloc(o, (size_t)p->n * sizeof *sf->v, false)))
        return ST_NOMEM;
    for (int i = 0; i < p->n; i++) {
        size_t bytes = (size_t)p->spec[i].numel * sizeof(float);
        if (!(sf->z[i] = opt_alloc(o, bytes, true)) || !(sf->v[i] = opt_alloc(o, bytes, true)))
            return ST_NOMEM;
    }
    return ST_OK;
}

static void schedulefree_step(Optimizer *o, Params *p, const OptHyper *h, long step)
{
    ScheduleFree *sf = o->impl;
    CHECK(sf->n == p->n);
    if (step == 1)
        for (int i = 0; i < p->n; i++)
            memcpy(sf->z[i], p->w + p->spec[i].offset, (size_t)p->spec[i].numel * sizeof(float));
    if (h->lr > sf->lr_max) sf->lr_max = h->lr;
    const double weight = sf->lr_max * sf->lr_max;
    sf->weight_sum += weight;
    const double c = sf->weight_sum > 0 ? weight / sf->weight_sum : 0.0;
    const float cf = (float)c, lr = (float)h->lr;
    const float y_step = (float)(h->lr * (h->beta1 * (1.0 - c) - 1.0));
    const float b2 = (float)h->beta2, a2 = (float)(1.0 - h->beta2);
    const float bc2_sqrt = (float)sqrt(1.0 - pow(h->beta2, (double)step));
    const float eps = (float)h->eps;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        const float wd = s->decay ? (float)h->weight_decay : 0.0f;
        float *restrict y = p->w + s->offset, *restrict z = sf->z[i], *restrict v = sf->v[i];
        const float *restrict g = p->g + s->offset;
        for (long j = 0; j < s->numel; j++) {
            v[j] = v[j] * b2 + a2 * g[j] * g[j];
            float d = g[j] / (sqrtf(v[j]) / bc2_sqrt + eps) + wd * y[j];
            y[j] = y[j] + cf * (z[j] - y[j]);
            y[j] = y[j] + y_step * d;
            z[j] = z[j] - lr * d;
        }
    }
}

static void schedulefree_eval_point(Optimizer *o, Params *p, const OptHyper *h, bool eval)
{
    ScheduleFree *sf = o->impl;
    if (o->t == 0) return; /* before the first step x = y = z = w₀ */
    const float f = (float)(eval ? 1.0 - 1.0 / h->beta1 : 1.0 - h->beta1);
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        float *restrict w = p->w + s->offset;
        const float *restrict z = sf->z[i];
        for (long j = 0; j < s->numel; j++) w[j] = w[j] + f * (z[j] - w[j]);
    }
}

const OptType opt_schedulefree = {"schedulefree", .init = schedulefree_init,
                                  .step = schedulefree_step,
                                  .eval_point = schedulefree_eval_point, .constant_lr = true,
                                  .ew_flops = 15, .decay_flops = 2};
