/* The parameter table: every trainable tensor of a model lives in one flat float
 * vector, with a second one of the same layout for gradients. A ParamSpec names each
 * tensor (PyTorch-style: "layers.0.w"), gives its shape and offset, and says whether
 * weight decay applies. Optimizer slots share the same offsets; the names are the
 * checkpoint names. */
#ifndef DESCENT_MODELS_PARAMS_H
#define DESCENT_MODELS_PARAMS_H

#include "nn/norm.h"
#include <stdbool.h>

#include "core/status.h"

enum { PARAM_NAME_LEN = 64, PARAM_MAX_DIMS = 4 };

typedef struct {
    char name[PARAM_NAME_LEN];
    int ndim;
    int shape[PARAM_MAX_DIMS];
    long offset, numel;
    bool decay; /* weight decay applies (weights yes; biases and norm gains no) */
} ParamSpec;

typedef struct {
    ParamSpec *spec;
    int n, cap;
    long numel;
    float *w; /* (numel) values */
    float *g; /* (numel) gradients, same layout */
} Params;

/* Registers a tensor before params_alloc; returns its index. shape has ndim entries. */
int params_add(Params *p, const char *name, int ndim, const int *shape, bool decay);
/* Allocates w and g (zeroed) for every registered tensor. */
Status params_alloc(Params *p);
void params_free(Params *p); /* accepts a zeroed Params */
/* Registers a linear layer: "<prefix>.w" (dout,din), decayed, and "<prefix>.b" (dout),
 * right after it; returns the weight's index. */
int params_add_linear(Params *p, const char *prefix, int din, int dout);
/* Registers a norm over C channels: "<prefix>.w" (C), and "<prefix>.b" (C) for
 * LayerNorm, neither decayed; *w, *b their indices, -1 when absent (NORM_NONE has none). */
void params_add_norm(Params *p, const char *prefix, NormKind kind, int C, int *w, int *b);
/* Index of the named tensor, or -1. */
int params_find(const Params *p, const char *name);
void params_zero_grad(Params *p);

#endif
