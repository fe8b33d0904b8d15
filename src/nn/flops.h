/* FLOPs of a training step, counted from the shapes, phase by phase.
 *
 * Matrix products (mm) count 2·M·N·K per product exactly as the layers call mm(), so
 * the count equals what the blas wrapper runs (blas_flops() counts it; a test holds
 * the two equal). Elementwise work (ew) counts one FLOP per arithmetic operation of
 * the layer's formula per element (an add, multiply, division, comparison, square
 * root, exponential each count one; a subexpression the code computes once counts
 * once); it is a convention, stated per layer in flops.c and docs/FORMATS.md, not a
 * measurement. Random numbers (dropout masks) and copies count nothing.
 *
 * The layer functions ADD the forward and backward FLOPs of one call at the given
 * shape into a StepFlops, so a model sums its layers in one pass over its structure. */
#ifndef DESCENT_NN_FLOPS_H
#define DESCENT_NN_FLOPS_H

#include <stdbool.h>

#include "nn/activation.h"
#include "nn/norm.h"

typedef struct {
    double fwd_mm, fwd_ew; /* forward: products, elementwise */
    double bwd_mm, bwd_ew; /* backward */
} StepFlops;

/* y (N,OC) = x (N,C)·wᵀ [+ b]; backward dw always, dx when dx, db when bias. */
void flops_linear(StepFlops *f, double N, int C, int OC, bool bias, bool dx);
/* A norm over rows of C channels (NORM_NONE: nothing). */
void flops_norm(StepFlops *f, double N, int C, NormKind k);
/* An activation of n elements; saved_grad: the training forward also computes the
 * derivative (GELU's gelu_forward_grad) and backward is one multiply. */
void flops_act(StepFlops *f, double n, Act a, bool saved_grad);
/* Softmax cross-entropy over N rows of V logits. */
void flops_crossentropy(StepFlops *f, double N, int V);
/* Dropout of n elements (multiply by the mask, forward and backward). */
void flops_dropout(StepFlops *f, double n);
/* A residual sum of n elements (forward add; backward add into the skip's gradient). */
void flops_residual(StepFlops *f, double n);
/* Token plus position embedding of N rows of C channels. */
void flops_embedding(StepFlops *f, double N, int C);

/* a += k·b, phase by phase. */
void flops_add_scaled(StepFlops *a, const StepFlops *b, double k);

#endif
