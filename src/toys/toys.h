/* Toy loss landscapes: 1-D and 2-D formulas with exact gradients, on which the
 * textbook's pictures of gradient descent can be checked number by number (C01, and
 * the ill-conditioned bowl, bumpy curve and saddle of C03 and C05 to come).
 *
 * A Landscape is a static type table (after GSL's gsl_multimin_function):
 * {name, dim, loss, grad, formula}. Adding one is a new table entry in landscapes.c
 * and its name in the `landscape` choices of settings.h.
 *
 * toy_run() is `descent train` for model toy: gradient descent from `w0` (`w0_2`) with
 * the configured optimizer and schedule on a parameter table of one tensor "w" (dim).
 * With optimizer sgd, schedule constant and no weight decay it is the textbook rule
 * w <- w - lr * L'(w). Result files (see docs/FORMATS.md):
 *   curve.tsv      step, lr, loss, grad_norm, w (w1, w2 in 2-D): every step up to 1000
 *                  steps, else every eval_every (default steps / 1000) and the last
 *   layers.tsv     step, tensor, grad_norm, weight_norm (as for the models)
 *   summary.tsv    every setting, then status, diverged_step, steps_done, final_loss,
 *                  min_loss, final_w (final_w1, final_w2), wall_s, step_s
 *   provenance.tsv as for the models */
#ifndef DESCENT_TOYS_TOYS_H
#define DESCENT_TOYS_TOYS_H

#include "core/status.h"
#include "settings/settings.h"
#include "train/train.h"

enum { TOY_MAX_DIM = 2 };

typedef struct {
    const char *name;
    int dim; /* 1 or 2 */
    /* L(w), w (dim), in double */
    double (*loss)(const double *w);
    /* g (dim) = ∇L(w), exact */
    void (*grad)(double *g, const double *w);
    const char *formula; /* gnuplot syntax in x (and y): "x**2" */
} Landscape;

extern const Landscape landscape_parabola;
extern const Landscape landscape_chain; /* chain.c */
/* loss_examples.c */
extern const Landscape landscape_mse_simplex, landscape_ce_simplex, landscape_mse_error,
    landscape_ce_error;

/* NULL when no landscape has that name. */
const Landscape *landscape_by_name(const char *name);

/* Runs gradient descent on s->landscape; writes o->out_dir if set. r->final_train_loss
 * and r->final_val_loss are the final loss, r->best_val_loss the smallest. */
Status toy_run(const Settings *s, const TrainOptions *o, TrainResult *r);

#endif
