/* Optimizers as type tables (after GSL's gsl_rng_type / gsl_multimin_fminimizer_type).
 *
 * An OptType is a static table of one of two kinds:
 * - an elementwise rule {name, nslots, update}: the Optimizer owns nslots state vectors
 *   laid out like the flat parameter vector, and optimizer_step walks the parameter
 *   table tensor by tensor so weight decay applies where the tensor says;
 * - a whole-table rule {name, .init, .step}: for rules that need each tensor's shape
 *   and matrix-shaped state (shampoo, muon) or state across tensors (schedulefree).
 *   init reads the parameter table and allocates everything the rule will use, state
 *   and workspaces, through opt_alloc, which counts the bytes; step allocates nothing.
 *   eval_point (optional) moves the weights to where the loss is evaluated and back.
 * Adding an optimizer is one new file (defining `const OptType opt_NAME`), one line in
 * the registry (OPTIMIZERS in optim.c) and one in meson.build: the `optimizer` setting
 * takes its choices from the registry. */
#ifndef DESCENT_OPTIM_OPTIM_H
#define DESCENT_OPTIM_OPTIM_H

#include "core/params.h"
#include "core/status.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { GRAFT_ADAM, GRAFT_ADAGRAD } Graft; /* shampoo's step-length source */

typedef struct {
    double lr;           /* this step's learning rate (after the schedule) */
    double momentum;     /* momentum, nesterov, muon */
    double beta1, beta2; /* adam, adamw, lion, shampoo, schedulefree; muon's AdamW */
    double eps;          /* adam, adamw, shampoo's graft, schedulefree; muon's AdamW */
    double weight_decay;
    double shampoo_beta;    /* shampoo: statistics decay (1: sums, as the paper) */
    double shampoo_eps;     /* shampoo: damping added to the statistics' eigenvalues */
    int precondition_every; /* shampoo: steps between inverse-root computations */
    int block_size;         /* shampoo: largest preconditioned block side */
    Graft graft;            /* shampoo */
    int ns_steps;           /* muon: Newton–Schulz iterations */
    double adam_lr_ratio;   /* muon: lr of the AdamW tensors over lr */
} OptHyper;

typedef struct Optimizer Optimizer;

typedef struct {
    const char *name;
    int nslots; /* elementwise rules: state vectors of one float per parameter */
    /* Elementwise rules: updates n elements of one tensor in place, w, g, slots[k]: (n).
     * optimizer_step calls it on chunks of each tensor from the thread pool, so element
     * i's result may depend on element i of w, g and the slots alone. wd is the
     * tensor's weight decay (0 when it has none); t is the step number, from 1. */
    void (*update)(float *w, const float *g, float *const *slots, long n, const OptHyper *h,
                   double wd, long t);
    /* Whole-table rules: allocates through opt_alloc and sets o->impl. */
    Status (*init)(Optimizer *o, const Params *p, const OptHyper *h);
    /* One update of every tensor of p from p->g; t is the step number, from 1. */
    void (*step)(Optimizer *o, Params *p, const OptHyper *h, long t);
    /* Optional: eval true moves p->w to the point the loss is evaluated at, false back
     * to the point gradients are taken at. */
    void (*eval_point)(Optimizer *o, Params *p, const OptHyper *h, bool eval);
    /* Optional: frees what init allocated outside opt_alloc. */
    void (*release)(Optimizer *o);
    bool constant_lr; /* replaces the schedule's decay: constant after warmup only */
    /* FLOPs of one step (nn/flops.h's conventions). Elementwise rules: ew_flops per
     * parameter, decay_flops more per parameter that decays. Whole-table rules: flops
     * adds the products (mm) and elementwise work (ew) of a step over table p. */
    double ew_flops, decay_flops;
    void (*flops)(const Params *p, const OptHyper *h, double *mm, double *ew);
} OptType;

/* The registry: entry i, NULL past the last. */
const OptType *opt_type_at(int i);
/* Its name (the `optimizer` setting's choices, a ChoiceName of core/choices.h). */
const char *opt_type_name(int i);
/* The names of Graft's values ("adam", "adagrad"), NULL past the last. */
const char *graft_name(int g);
/* NULL when no optimizer has that name. */
const OptType *opt_type_by_name(const char *name);

struct Optimizer {
    const OptType *type;
    float *state; /* elementwise rules: (nslots, numel) */
    long numel;
    long t;       /* steps taken */
    void *impl;   /* whole-table rules: the rule's own state */
    void *allocs; /* opt_alloc's allocations, a list freed by optimizer_free */
    long state_bytes, work_bytes; /* opt_alloc's bytes: state, and workspace or bookkeeping */
    bool at_eval; /* the weights are at the evaluation point */
};

/* p is the parameter table the optimizer will update (shapes and flags; whole-table
 * rules read h for their sizes). Unwinds what it allocated on failure. */
Status optimizer_init(Optimizer *o, const OptType *type, const Params *p, const OptHyper *h);
/* One update of every tensor of p from p->g. */
void optimizer_step(Optimizer *o, Params *p, const OptHyper *h);
/* eval true: p->w to the point the loss is evaluated at (schedulefree's average x);
 * false: back to where gradients are taken. A no-op for the other rules. */
void optimizer_eval_point(Optimizer *o, Params *p, const OptHyper *h, bool eval);
/* Bytes of optimizer state: elementwise rules nslots × parameters × 4; whole-table
 * rules the bytes of state their init allocated (counted by opt_alloc). */
long optimizer_state_bytes(const Optimizer *o, const Params *p);
void optimizer_free(Optimizer *o); /* accepts a zeroed Optimizer */
/* FLOPs of one step of type over table p: products into *mm, elementwise work into
 * *ew (counted from the shapes, as OptType says). */
void optimizer_flops(const OptType *type, const Params *p, const OptHyper *h, double *mm, double *ew);

/* For init: bytes zeroed and 64-byte aligned, freed by optimizer_free; state says
 * whether they count as optimizer state or as workspace. NULL when out of memory. */
void *opt_alloc(Optimizer *o, size_t bytes, bool state);

#endif
