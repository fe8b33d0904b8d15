/* Gradient noise during training, after McCandlish, Kaplan, Amodei et al. 2018, "An
 * Empirical Model of Large-Batch Training", appendix A.
 *
 * The mean gradient G_B of B examples drawn independently from the training data has
 * E|G_B|² = |G|² + tr(Σ)/B, with G the full-batch gradient and Σ the covariance of one
 * example's gradient. Two batch sizes b < B give unbiased estimates of both terms,
 *   |G|²  = (B |G_B|² − b |G_b|²) / (B − b)
 *   tr(Σ) = (|G_b|² − |G_B|²) / (1/b − 1/B)
 * and the simple noise scale B_simple = tr(Σ)/|G|², which the paper finds close to the
 * critical batch size. Here the big batch is k = B/b small ones: |G_b|² is the mean of
 * |g_i|² over the k small batches and G_B their mean gradient, so a measurement costs k
 * forward and backward passes of b rows (b ≤ batch: the model's arena holds batch rows),
 * and the two estimates are the per-batch sample variance of the g_i scaled by b.
 *
 * Batches come from the run's own stream "gradnoise" (rows drawn with replacement,
 * Data.sample_batch) and the model's dropout stream is put back afterwards, so a run
 * trains bit for bit the same with and without measurements. The gradient is the
 * model's at its current (training) weights with loss weight 1: no loss scaling.
 *
 * With noise_full the measurement also computes the full-batch gradient G over the
 * whole training split (classification data, in chunks of the run's batch), so that
 * the big batch's mean gradient can be held against it: if the mini-batch mean is
 * unbiased, E|G_B − G|² = tr(Σ)/B. */
#ifndef DESCENT_TRAIN_GRADNOISE_H
#define DESCENT_TRAIN_GRADNOISE_H

#include <gsl/gsl_rng.h>

#include "core/status.h"
#include "data/data.h"
#include "models/model.h"
#include "settings/settings.h"

typedef struct {
    int small, k;     /* b rows per small batch; k small batches make the big one */
    double *sum;      /* (numel) sum of the k small-batch gradients */
    double *full;     /* (numel) the full-batch gradient (noise_full), else NULL */
    int chunk;        /* rows per pass over the training split: the run's batch */
    gsl_rng *stream;  /* the run's "gradnoise" stream */
    gsl_rng *dropout; /* the model's dropout stream, saved during a measurement */
} GradNoise;

typedef struct {
    double sq_norm; /* |G|² */
    double trace;   /* tr(Σ) */
    double scale;   /* B_simple = tr(Σ)/|G|²; NaN when the estimate of |G|² is not > 0 */
    double full_sq_norm;  /* noise_full: |G|² of the full-batch gradient, else NaN */
    double mean_sq_error; /* noise_full: |G_B − G|², else NaN */
} NoiseEstimate;

/* The estimates from sq_small = |G_b|², sq_big = |G_B|², b < B. */
NoiseEstimate gradnoise_estimate(double sq_small, double sq_big, double b, double B);

/* Sets up measurements with the settings' noise_small and noise_big (0: the run's
 * batch, 16 times noise_small) for model m; allocates everything here. */
Status gradnoise_init(GradNoise *g, const Settings *s, const Model *m);
/* One measurement at m's current weights. Overwrites m->params.g (the caller zeroes it
 * before the next step, as every step does) and the data source's batch buffer. */
NoiseEstimate gradnoise_measure(GradNoise *g, Model *m, Data *d);
void gradnoise_free(GradNoise *g); /* accepts a zeroed GradNoise */

#endif
