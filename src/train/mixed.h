/* The training loop's side of the precision policy (the product side is in core/blas).
 *
 *   fp32       nothing to do.
 *   bf16/fp16  mixed precision: the optimizer updates fp32 master weights and keeps its
 *              state in fp32; the model computes with a copy rounded to the format,
 *              refreshed after every step.
 *   bf16-pure  the weights themselves are stored in bf16: each update is computed in
 *              fp32 and rounded back, to nearest or stochastically (bits from a hash
 *              of the run's "rounding" stream seed, the step and the index, so a run is
 *              reproducible whatever the thread count).
 *
 * Loss scaling multiplies the loss (so every gradient) by `scale` before backward and
 * divides the gradients by it after. Dynamic scaling follows PyTorch's GradScaler
 * (torch.cuda.amp.GradScaler with its defaults): start at 2^16; a step whose gradients
 * are not finite is skipped and the scale halved, also below 1; after 2,000 clean
 * steps in a row the scale doubles (unless the doubled float overflows).
 *
 * The loss multiplier (setting loss_multiplier, C19) works like a loss scale below 1
 * that comes on top of any loss scale: the backward pass differentiates multiplier ×
 * scale × loss, and the gradients are divided by both in fp32 before the update. A
 * power of two changes no bit in fp32 or bf16 (their range holds the smaller values);
 * in fp16 it shows what happens to gradients that many times smaller than the model's. */
#ifndef DESCENT_TRAIN_MIXED_H
#define DESCENT_TRAIN_MIXED_H

#include <stdbool.h>
#include <stdint.h>

#include "core/params.h"
#include "core/precision.h"
#include "core/status.h"
#include "optim/optim.h"
#include "settings/settings.h"

typedef struct {
    Precision p;
    bool stochastic;
    float *master;    /* (numel) fp32 master weights (bf16/fp16), else NULL */
    uint16_t *bits;   /* (numel) random bits for stochastic rounding, else NULL */
    uint32_t round_key;
    double scale;     /* current loss scale (1 without scaling) */
    double mult;      /* the loss multiplier (1: none) */
    bool dynamic;
    long clean, skipped;
} Mixed;

/* Sets the product policy (max_operand: see blas_set_precision) and puts the weights
 * into the format the model computes with. */
Status mixed_init(Mixed *mx, const Settings *s, Params *p, long max_operand);
/* The gradient weight of one micro-batch's mean loss: multiplier · scale / accum. */
float mixed_dloss(const Mixed *mx, int accum);
/* Divides the gradients by the loss scale and multiplier. Returns false when the step
 * must be skipped (dynamic scaling and non-finite gradients): the scale has been halved
 * then. */
bool mixed_unscale(Mixed *mx, Params *p);
/* One optimizer update in the policy's format. */
void mixed_step(Mixed *mx, Optimizer *o, Params *p, const OptHyper *h, long step);
/* optimizer_eval_point on the fp32 master weights when there are any, the compute
 * weights then rounded from them as after a step (nearest rounding for bf16-pure). */
void mixed_eval_point(Mixed *mx, Optimizer *o, Params *p, const OptHyper *h, bool eval);
/* Bytes a real implementation keeps for weights and for gradients. */
long mixed_weight_bytes(const Mixed *mx, long params);
long mixed_grad_bytes(const Mixed *mx, long params);
/* Bytes of the model's activation arena (fp32 floats) in the format: half in 16-bit. */
long mixed_activation_bytes(const Mixed *mx, long fp32_bytes);
/* Sets the policy back to fp32 and frees what mixed_init allocated. */
void mixed_free(Mixed *mx);

#endif
