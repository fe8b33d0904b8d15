/* Master weights, pure-bf16 rounding and loss scaling (see mixed.h). */
#include "train/mixed.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/buf.h"
#include "core/hash.h"

/* torch.cuda.amp.GradScaler's defaults: init_scale 2^16, growth_interval 2000,
 * backoff_factor 0.5, growth_factor 2.0 */
enum { DYNAMIC_START_LOG2 = 16, DYNAMIC_GROWTH_INTERVAL = 2000 };
static const double DYNAMIC_BACKOFF = 0.5, DYNAMIC_GROWTH = 2.0;

Status mixed_init(Mixed *mx, const Settings *s, Params *p, long max_operand)
{
    memset(mx, 0, sizeof *mx);
    mx->p = s->precision;
    mx->stochastic = mx->p == PREC_BF16_PURE && s->rounding == ROUND_STOCHASTIC;
    mx->dynamic = !strcmp(s->loss_scale, "dynamic");
    mx->scale = mx->dynamic ? ldexp(1.0, DYNAMIC_START_LOG2)
                : strcmp(s->loss_scale, "none") ? strtod(s->loss_scale, NULL) : 1.0;
    mx->mult = s->loss_multiplier;
    mx->round_key = (uint32_t)hash_str("rounding", (uint64_t)s->seed);
    Status st = blas_set_precision(mx->p, max_operand);
    if (st != ST_OK) return st;
    if (mx->p == PREC_BF16 || mx->p == PREC_FP16) {
        if (!(mx->master = buf_floats((size_t)p->numel))) return mixed_free(mx), ST_NOMEM;
        memcpy(mx->master, p->w, (size_t)p->numel * sizeof(float));
    }
    if (mx->stochastic && !(mx->bits = buf_alloc((size_t)p->numel * sizeof(uint16_t))))
        return mixed_free(mx), ST_NOMEM;
    precision_round(p->w, p->numel, mx->p);
    return ST_OK;
}

float mixed_dloss(const Mixed *mx, int accum) { return (float)(mx->scale * mx->mult / accum); }

bool mixed_unscale(Mixed *mx, Params *p)
{
    if (mx->scale == 1.0 && mx->mult == 1.0 && !mx->dynamic) return true; /* nothing to undo */
    /* as torch's _amp_foreach_non_finite_check_and_unscale_: the inverse is rounded to
     * float once, and finiteness is judged on the scaled gradients */
    const float inv = (float)(1.0 / (mx->scale * mx->mult));
    bool finite = true;
    for (long j = 0; j < p->numel; j++) {
        finite &= isfinite(p->g[j]);
        p->g[j] *= inv;
    }
    if (!mx->dynamic) return true; /* a static scale lets a non-finite gradient through */
    /* as torch's _amp_update_scale_: the scale is a float, halved on every overflow
     * (below 1 too), doubled after DYNAMIC_GROWTH_INTERVAL clean steps unless that
     * would overflow the float */
    if (!finite) {
        mx->scale = (float)(mx->scale * DYNAMIC_BACKOFF);
        mx->skipped++;
        mx->clean = 0;
        return false;
    }
    if (++mx->clean == DYNAMIC_GROWTH_INTERVAL) {
        float grown = (float)(mx->scale * DYNAMIC_GROWTH);
        if (isfinite(grown)) mx->scale = grown;
        mx->clean = 0;
    }
    return true;
}

/* lowbias32 (C. Wellons): a 32-bit integer hash whose multiplies vectorise. */
static inline uint32_t mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

void mixed_step(Mixed *mx, Optimizer *o, Params *p, const OptHyper *h, long step)
{
    if (mx->master) {
        float *compute = p->w;
        p->w = mx->master; /* the optimizer sees the fp32 master weights */
        optimizer_step(o, p, h);
        p->w = compute;
        memcpy(p->w, mx->master, (size_t)p->numel * sizeof(float));
        precision_round(p->w, p->numel, mx->p);
        return;
    }
    optimizer_step(o, p, h);
    if (mx->stochastic) {
        uint32_t key = mix32(mx->round_key ^ mix32((uint32_t)step));
        for (long j = 0; j < p->numel; j++) mx->bits[j] = (uint16_t)(mix32(key + (uint32_t)j) >> 16);
        round_bf16_stochastic(p->w, mx->bits, p->numel);
    } else {
        precision_round(p->w, p->numel, mx->p);
    }
}

void mixed_eval_point(Mixed *mx, Optimizer *o, Params *p, const OptHyper *h, bool eval)
{
    if (!o->type->eval_point) { /* nothing moves: keep the weights' bits untouched */
        optimizer_eval_point(o, p, h, eval);
        return;
    }
    if (mx->master) {
        float *compute = p->w;
        p->w = mx->master;
        optimizer_eval_point(o, p, h, eval);
        p->w = compute;
        memcpy(p->w, mx->master, (size_t)p->numel * sizeof(float));
    } else {
        optimizer_eval_point(o, p, h, eval);
    }
    precision_round(p->w, p->numel, mx->p);
}

long mixed_weight_bytes(const Mixed *mx, long params)
{
    /* mixed: fp32 master plus a 16-bit compute copy; pure: 16-bit only */
    return mx->p == PREC_FP32 ? 4 * params : mx->p == PREC_BF16_PURE ? 2 * params : 6 * params;
}

long mixed_grad_bytes(const Mixed *mx, long params) { return (mx->p == PREC_FP32 ? 4 : 2) * params; }

long mixed_activation_bytes(const Mixed *mx, long fp32_bytes)
{
    return mx->p == PREC_FP32 ? fp32_bytes : fp32_bytes / 2;
}

void mixed_free(Mixed *mx)
{
    blas_set_precision(PREC_FP32, 0);
    buf_free(mx->master);
    buf_free(mx->bits);
    mx->master = NULL;
    mx->bits = NULL;
}
