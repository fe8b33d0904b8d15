/* Optimizers as type tables (after GSL's gsl_rng_type / gsl_multimin_fminimizer_type).
 *
 * An OptType is a static table {name, nslots, update}. The Optimizer owns nslots
 * state vectors laid out like the flat parameter vector; optimizer_step walks the
 * parameter table tensor by tensor so weight decay applies where the tensor says.
 * Adding an optimizer is one new file (defining `const OptType opt_NAME`), one line in
 * the registry (OPTIMIZERS in optim.c) and one in meson.build: the `optimizer` setting
 * takes its choices from the registry. */
#ifndef DESCENT_OPTIM_OPTIM_H
#define DESCENT_OPTIM_OPTIM_H

#include "core/params.h"
#include "core/status.h"

typedef struct {
    double lr;           /* this step's learning rate (after the schedule) */
    double momentum;     /* momentum, nesterov */
    double beta1, beta2; /* adam, adamw, lion */
    double eps;          /* adam, adamw */
    double weight_decay;
} OptHyper;

typedef struct {
    const char *name;
    int nslots; /* state vectors of one float per parameter */
    /* Updates one tensor in place. w, g, slots[k]: (n). wd is the tensor's weight
     * decay (0 when it has none); t is the step number, starting at 1. */
    void (*update)(float *w, const float *g, float *const *slots, long n, const OptHyper *h,
                   double wd, long t);
} OptType;

/* The registry: entry i, NULL past the last. */
const OptType *opt_type_at(int i);
/* Its name (the `optimizer` setting's choices, a ChoiceName of core/choices.h). */
const char *opt_type_name(int i);
/* NULL when no optimizer has that name. */
const OptType *opt_type_by_name(const char *name);

typedef struct {
    const OptType *type;
    float *state; /* (nslots, numel) */
    long numel;
    long t; /* steps taken */
} Optimizer;

Status optimizer_init(Optimizer *o, const OptType *type, long numel);
/* One update of every tensor of p from p->g. */
void optimizer_step(Optimizer *o, Params *p, const OptHyper *h);
/* Bytes of optimizer state a real implementation keeps (nslots × parameters × 4). */
long optimizer_state_bytes(const Optimizer *o, const Params *p);
void optimizer_free(Optimizer *o); /* accepts a zeroed Optimizer */

#endif
