/* Toy loss landscapes: 1-D and 2-D formulas with exact gradients, on which the
 * textbook's pictures of gradient descent can be checked number by number (C01, the
 * ill-conditioned bowl of C03, the chain-rule example of C07, the loss arithmetic of
 * C22; the bumpy curve and saddle of C05 to come).
 *
 * A Landscape is a static type table (after GSL's gsl_multimin_function):
 * {name, dim, loss, grad, formula, minimum}. Adding one is a new file defining it, a
 * line in the registry of landscapes.c and its name in the `landscape` choices of
 * settings.h. The settings that shape a landscape (kappa, rotation) reach it as
 * LandscapeArgs.
 *
 * toy_run() is `descent train` for model toy: gradient descent from `w0` (`w0_2`) with
 * the configured optimizer and schedule on a parameter table of one tensor "w" (dim).
 * With optimizer sgd, schedule constant and no weight decay it is the textbook rule
 * w <- w - lr * L'(w). Result files (see docs/FORMATS.md):
 *   curve.tsv      step, lr, loss, grad_norm, w (w1, w2 in 2-D): every step up to 1000
 *                  steps, else every eval_every (default steps / 1000) and the last
 *   layers.tsv     step, tensor, grad_norm, weight_norm (as for the models)
 *   summary.tsv    every setting, then status, diverged_step, steps_done, final_loss,
 *                  min_loss, final_w (final_w1, final_w2), with tolerance > 0
 *                  tolerance_step, then wall_s
 *
 * With tolerance > 0 the run stops at the first step whose point lies within
 * `tolerance` of the landscape's minimum (Euclidean distance); tolerance_step is that
 * step, -1 if never.
 *   provenance.tsv as for the models */
#ifndef DESCENT_TOYS_TOYS_H
#define DESCENT_TOYS_TOYS_H

#include "core/status.h"
#include "settings/settings.h"
#include "train/train.h"

enum { TOY_MAX_DIM = 2 };

/* The settings a landscape may depend on. */
typedef struct {
    double kappa;    /* bowl: condition number */
    double rotation; /* bowl: angle of its axes in degrees */
} LandscapeArgs;

typedef struct {
    const char *name;
    int dim; /* 1 or 2 */
    /* L(w), w (dim), in double */
    double (*loss)(const double *w, const LandscapeArgs *a);
    /* g (dim) = ∇L(w), exact */
    void (*grad)(double *g, const double *w, const LandscapeArgs *a);
    const char *formula; /* gnuplot syntax in x (and y): "x**2" */
    const double *minimum; /* (dim) the point of least loss; NULL: none or unknown */
} Landscape;

extern const Landscape landscape_parabola;
extern const Landscape landscape_chain; /* chain.c */
extern const Landscape landscape_bowl;  /* bowl.c */
/* loss_examples.c */
extern const Landscape landscape_mse_simplex, landscape_ce_simplex, landscape_mse_error,
    landscape_ce_error;

/* NULL when no landscape has that name. */
const Landscape *landscape_by_name(const char *name);

/* Runs gradient descent on s->landscape; writes o->out_dir if set. r->final_train_loss
 * and r->final_val_loss are the final loss, r->best_val_loss the smallest. */
Status toy_run(const Settings *s, const TrainOptions *o, TrainResult *r);

#endif
