/* Gradient descent on a toy loss landscape (toys/landscape.h).
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
 *   provenance.tsv as for the models
 *
 * With starts = N > 0 it descends from N starts drawn from the seed's "init" stream at
 * once (curve.tsv has at_global instead of the point; summary.tsv global_fraction,
 * stay_fraction, stuck_fraction; starts.tsv one row per start: docs/FORMATS.md). With
 * toy_noise > 0 every gradient component gets Gaussian noise (the "noise" stream) of
 * standard deviation toy_noise times the schedule's factor. */
#ifndef DESCENT_TRAIN_TOY_H
#define DESCENT_TRAIN_TOY_H

#include "core/status.h"
#include "settings/settings.h"
#include "train/train.h"

/* Runs gradient descent on s->landscape; writes o->out_dir if set. r->final_train_loss
 * and r->final_val_loss are the final loss, r->best_val_loss the smallest. */
Status toy_run(const Settings *s, const TrainOptions *o, TrainResult *r);

#endif
