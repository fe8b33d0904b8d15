/* Helpers that register a layer's tensors in the parameter table (core/params.h)
 * under PyTorch-style names. */
#ifndef DESCENT_MODELS_PARAMS_H
#define DESCENT_MODELS_PARAMS_H

#include "core/params.h"
#include "nn/norm.h"

/* Registers a linear layer: "<prefix>.w" (dout,din), decayed, and "<prefix>.b" (dout),
 * right after it; returns the weight's index. */
int params_add_linear(Params *p, const char *prefix, int din, int dout);
/* Registers a norm over C channels: "<prefix>.w" (C), and "<prefix>.b" (C) for
 * LayerNorm, neither decayed; *w, *b their indices, -1 when absent (NORM_NONE has none). */
void params_add_norm(Params *p, const char *prefix, NormKind kind, int C, int *w, int *b);

#endif
