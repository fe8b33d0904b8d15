/* Gradient noise estimates (see gradnoise.h). */
#include "train/gradnoise.h"

#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "core/rng.h"

NoiseEstimate gradnoise_estimate(double sq_small, double sq_big, double b, double B)
{
    NoiseEstimate e;
    e.sq_norm = (B * sq_big - b * sq_small) / (B - b);
    e.trace = (sq_small - sq_big) / (1 / b - 1 / B);
    e.scale = e.sq_norm > 0 ? e.trace / e.sq_norm : NAN;
    e.full_sq_norm = e.mean_sq_error = NAN;
    return e;
}

Status gradnoise_init(GradNoise *g, const Settings *s, const Model *m)
{
    memset(g, 0, sizeof *g);
    g->small = s->noise_small ? s->noise_small : s->batch;
    g->k = (s->noise_big ? s->noise_big : 16 * g->small) / g->small;
    g->sum = buf_doubles((size_t)m->params.numel);
    g->chunk = s->batch;
    if (s->noise_full && !(g->full = buf_doubles((size_t)m->params.numel))) {
        gradnoise_free(g);
        return err_set(ST_NOMEM, "out of memory for the gradient-noise measurement");
    }
    g->stream = rng_stream((uint64_t)(int64_t)s->seed, "gradnoise");
    g->dropout = m->dropout_rng ? gsl_rng_clone(m->dropout_rng) : NULL;
    if (!g->sum || !g->stream || (m->dropout_rng && !g->dropout)) {
        gradnoise_free(g);
        return err_set(ST_NOMEM, "out of memory for the gradient-noise measurement");
    }
    return ST_OK;
}

/* g->full = the mean gradient over every training row, the split's chunks weighted by
 * their rows. */
static void full_gradient(GradNoise *g, Model *m, Data *d)
{
    Params *p = &m->params;
    memset(g->full, 0, sizeof(double) * (size_t)p->numel);
    long rows = 0;
    Batch b;
    for (int i = 0;; i++) {
        int n = d->ops->eval_batch(d, SPLIT_TRAIN, i, g->chunk, &b);
        if (n <= 0) break;
        params_zero_grad(p);
        m->ops->forward(m, &b);
        m->ops->backward(m, &b, 1.0f);
        for (long j = 0; j < p->numel; j++) g->full[j] += (double)n * p->g[j];
        rows += n;
    }
    for (long j = 0; j < p->numel; j++) g->full[j] /= (double)rows;
}

NoiseEstimate gradnoise_measure(GradNoise *g, Model *m, Data *d)
{
    Params *p = &m->params;
    if (m->dropout_rng) gsl_rng_memcpy(g->dropout, m->dropout_rng);
    memset(g->sum, 0, sizeof(double) * (size_t)p->numel);
    double sq_small = 0, sq_big = 0;
    Batch b;
    for (int i = 0; i < g->k; i++) {
        params_zero_grad(p);
        d->ops->sample_batch(d, g->stream, g->small, &b);
        m->ops->forward(m, &b);
        m->ops->backward(m, &b, 1.0f);
        for (long j = 0; j < p->numel; j++) {
            sq_small += (double)p->g[j] * p->g[j];
            g->sum[j] += p->g[j];
        }
    }
    for (long j = 0; j < p->numel; j++) {
        double v = g->sum[j] / g->k;
        sq_big += v * v;
    }
    if (g->full) full_gradient(g, m, d);
    if (m->dropout_rng) gsl_rng_memcpy(m->dropout_rng, g->dropout);
    NoiseEstimate e = gradnoise_estimate(sq_small / g->k, sq_big, g->small, (double)g->small * g->k);
    if (g->full) {
        e.full_sq_norm = e.mean_sq_error = 0;
        for (long j = 0; j < p->numel; j++) {
            double err = g->sum[j] / g->k - g->full[j];
            e.full_sq_norm += g->full[j] * g->full[j];
            e.mean_sq_error += err * err;
        }
    }
    return e;
}

void gradnoise_free(GradNoise *g)
{
    buf_free(g->sum);
    buf_free(g->full);
    if (g->stream) gsl_rng_free(g->stream);
    if (g->dropout) gsl_rng_free(g->dropout);
    memset(g, 0, sizeof *g);
}
