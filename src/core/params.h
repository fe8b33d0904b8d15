/* The parameter table: every trainable tensor of a model lives in one flat float
 * vector, with a second one of the same layout for gradients. A ParamSpec names each
 * tensor (PyTorch-style: "layers.0.w"), gives its shape and offset, and says whether
 * weight decay applies. Optimizer slots share the same offsets; the names are the
 * checkpoint names. The table lives in core because both the models (which fill it)
 * and the optimizers (which walk it) use it. */
#ifndef DESCENT_CORE_PARAMS_H
#define DESCENT_CORE_PARAMS_H

#include <stdbool.h>

#include "core/status.h"

enum { PARAM_NAME_LEN = 64, PARAM_MAX_DIMS = 4 };

typedef struct {
    char name[PARAM_NAME_LEN];
    int ndim;
    int shape[PARAM_MAX_DIMS];
    long offset, numel;
    bool decay;  /* weight decay applies (weights yes; biases and norm gains no) */
    bool hidden; /* a hidden layer's 2-D weight, which Muon orthogonalises: not an
                  * embedding, the LM head, nor the MLP's first or last layer */
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
/* Index of the named tensor, or -1. */
int params_find(const Params *p, const char *name);
void params_zero_grad(Params *p);

#endif
