/* The model interface the training loop sees: one parameter table and three calls.
 * A model allocates its activation arena once in its create function, sized for the
 * largest batch it will see, so nothing is allocated inside a step. */
#ifndef DESCENT_MODELS_MODEL_H
#define DESCENT_MODELS_MODEL_H

#include <gsl/gsl_rng.h>

#include "core/status.h"
#include "data/batch.h"
#include "models/params.h"
#include "nn/flops.h"
#include "settings/settings.h"

typedef struct Model Model;

/* One layer as the per-layer statistics see it (layer_stats.tsv): its output of the last
 * forward, its parameter tensors, a run of the table, and the norm of the gradient of
 * the loss with respect to its output, which a backward after a probe measures. */
typedef struct {
    char name[32];    /* "layers.3" (mlp), "embedding", "h.2", "head" (gpt) */
    const float *out; /* (numel) the layer's output */
    long numel;
    int p0, p1;       /* its tensors: params.spec[p0 .. p1) */
    double dout_norm; /* L2 norm of d(loss)/d(out) over all its elements, from the backward
                       * that followed the last forward if that was a probe; else NaN */
} LayerView;

typedef struct {
    const char *name;
    /* Training forward of one micro-batch (dropout on), keeping what backward needs.
     * Returns the micro-batch's mean loss (nats). */
    double (*forward)(Model *m, const Batch *b);
    /* Backward of the last forward: gradients are ADDED to params.g, scaled by dloss
     * (the weight of this micro-batch's mean loss in the step's loss, 1/accum). */
    void (*backward)(Model *m, const Batch *b, float dloss);
    /* Forward only, dropout off. Returns the SUM of per-item losses; adds the number of
     * correct predictions (argmax) to *correct. */
    double (*eval)(Model *m, const Batch *b, long *correct);
    /* A training forward with dropout off and no random draw, for measurements: backward
     * after it gives the gradient of the loss itself, and measures each layer's output
     * gradient norm for `layers`. Returns the mean loss. */
    double (*probe)(Model *m, const Batch *b);
    /* The layers in order, input side first, as the last forward left them: fills up to
     * cap views and returns how many the model has. */
    int (*layers)(const Model *m, LayerView *v, int cap);
    void (*free)(Model *m);
} ModelOps;

struct Model {
    const ModelOps *ops;
    Params params;
    int max_rows;        /* largest batch the arena holds */
    int items_per_row;   /* loss terms per row: 1 (mlp) or T (gpt) */
    double flops_per_item; /* model FLOPs of forward + backward per loss term: the matmul
                            * count of the textbook (the GPT's attention over the causal
                            * half, (T+1)/2 keys per query), gflop_per_step's */
    StepFlops flops;       /* executed FLOPs of a training forward and backward per batch
                            * row (an example, or a sequence of T tokens), counted from the
                            * shapes as the layers run them (nn/flops.h) */
    long embedding_params; /* parameters of the vocabulary and position tables (the
                            * GPT's wte, wpe and an untied lm_head.w); 0 for the MLP */
    long activation_bytes; /* bytes of the activation arena */
    long max_operand;      /* elements of the largest A or B any mm() call passes (sizes the
                            * precision policy's scratch; model_create widens it to cover
                            * every parameter tensor) */
    gsl_rng *dropout_rng;  /* stream "dropout" */
};

/* Builds the model the settings name, initialised from the stream "init" of the seed,
 * with an arena for batches of up to s->batch rows. */
Status model_create(Model **out, const Settings *s, const DataShape *shape);
void model_free(Model *m); /* accepts NULL */

#endif
