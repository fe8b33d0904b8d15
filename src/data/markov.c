/* The synthetic markov source: an order-k chain over A symbols whose transition rows
 * are drawn from a symmetric Dirichlet(α), so that the lowest loss any model can reach
 * is the chain's entropy rate, known exactly.
 *
 * The chain depends on (k, A, α) alone: its rows come from the stream "markov" of a
 * seed hashed from them, and the validation sample (one run of the chain, started from
 * the stationary distribution) from the stream "markov-val" of the same seed. Training
 * windows are drawn fresh from the chain with the run's "data" stream, each starting
 * in a state drawn from the stationary distribution. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/hash.h"
#include "core/rng.h"
#include "data/text.h"

enum { MAX_TABLE = 1 << 22 }; /* A^(k+1) transition probabilities at most */

typedef struct {
    int k, A;
    long states;
    double *cum;    /* (states, A) cumulative transition rows */
    double *pi_cum; /* (states) cumulative stationary distribution */
} Chain;

double markov_entropy_rate(const double *P, int k, int A, double *pi_out)
{
    long S = 1;
    for (int i = 0; i < k; i++) S *= A;
    double *pi = malloc(sizeof(double) * (size_t)S), *next = malloc(sizeof(double) * (size_t)S);
    if (!pi || !next) {
        free(pi), free(next);
        return NAN;
    }
    for (long s = 0; s < S; s++) pi[s] = 1.0 / (double)S;
    /* the lazy chain ½(I + P) has the same stationary distribution and converges even
     * when P is periodic */
    for (int it = 0; it < 1000000; it++) {
        for (long s = 0; s < S; s++) next[s] = 0.5 * pi[s];
        for (long s = 0; s < S; s++)
            for (int x = 0; x < A; x++) next[(s * A + x) % S] += 0.5 * pi[s] * P[s * A + x];
        double diff = 0, sum = 0;
        for (long s = 0; s < S; s++) sum += next[s];
        for (long s = 0; s < S; s++) {
            next[s] /= sum;
            diff += fabs(next[s] - pi[s]);
        }
        double *t = pi;
        pi = next;
        next = t;
        if (diff < 1e-15) break;
    }
    double H = 0;
    for (long s = 0; s < S; s++) {
        double h = 0;
        for (int x = 0; x < A; x++) {
            double p = P[s * A + x];
            if (p > 0) h -= p * log(p);
        }
        H += pi[s] * h;
    }
    if (pi_out) memcpy(pi_out, pi, sizeof(double) * (size_t)S);
    free(pi), free(next);
    return H;
}

/* Index of the first cumulative value above u (the last when rounding leaves none). */
static long draw(const double *cum, long n, double u)
{
    long lo = 0, hi = n - 1;
    while (lo < hi) {
        long mid = (lo + hi) / 2;
        if (cum[mid] > u) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* Writes n tokens of the chain into out, from a stationary start, drawing from r. */
static void chain_sample(const Chain *c, int *out, long n, gsl_rng *r)
{
    long s = draw(c->pi_cum, c->states, gsl_rng_uniform(r));
    long div = c->states / c->A;
    for (long i = 0; i < n; i++) {
        int x;
        if (i < c->k) { /* the symbols of the start state, oldest first */
            x = (int)(s / div % c->A);
            div /= c->A;
        } else {
            x = (int)draw(c->cum + s * c->A, c->A, gsl_rng_uniform(r));
            s = (s * c->A + x) % c->states;
        }
        out[i] = x;
    }
}

static void markov_train_batch(Data *d, int rows, Batch *out)
{
    TokenData *td = (TokenData *)d;
    if (rows > td->max_rows) rows = td->max_rows;
    for (int r = 0; r < rows; r++)
        chain_sample(td->extra, td->batch + (long)r * (td->T + 1), td->T + 1, d->stream);
    *out = (Batch){.rows = rows, .tokens = td->batch};
}

static void chain_free(TokenData *td)
{
    Chain *c = td->extra;
    if (c) {
        free(c->cum);
        free(c->pi_cum);
        free(c);
    }
}

static const DataOps markov_ops = {"markov", markov_train_batch, tokens_eval_batch, tokens_free};

Status markov_open(Data **out, const Settings *s)
{
    *out = NULL;
    int k = s->markov_order, A = s->markov_alphabet;
    long S = 1;
    for (int i = 0; i < k; i++) S *= A;
    if (S * A > MAX_TABLE)
        return err_set(ST_USAGE, "markov: alphabet^(order+1) = %ld transitions is too many (at most %d)",
                       S * A, MAX_TABLE);
    TokenData *td = calloc(1, sizeof *td);
    Chain *c = calloc(1, sizeof *c);
    if (!td || !c) return free(td), free(c), err_set(ST_NOMEM, "out of memory");
    td->extra = c;
    td->free_extra = chain_free;
    Status st = tokens_init(td, &markov_ops, s->context, s->batch);
    if (st != ST_OK) return free(c), free(td), st;
    Data *d = &td->base;
    c->k = k, c->A = A, c->states = S;
    c->cum = malloc(sizeof(double) * (size_t)(S * A));
    c->pi_cum = malloc(sizeof(double) * (size_t)S);
    double *P = malloc(sizeof(double) * (size_t)(S * A)), *alpha = malloc(sizeof(double) * (size_t)A);

    /* the chain's seed: its settings alone */
    char key[128];
    snprintf(key, sizeof key, "markov k=%d A=%d alpha=%.17g", k, A, s->markov_alpha);
    uint64_t seed = hash_str(key, 0);
    gsl_rng *r = rng_stream(seed, "markov"), *rv = rng_stream(seed, "markov-val");
    d->stream = rng_stream((uint64_t)(int64_t)s->seed, "data");
    if (!c->cum || !c->pi_cum || !P || !alpha || !r || !rv || !d->stream) {
        free(P), free(alpha), gsl_rng_free(r), gsl_rng_free(rv), tokens_free(d);
        return err_set(ST_NOMEM, "out of memory");
    }
    for (int x = 0; x < A; x++) alpha[x] = s->markov_alpha;
    for (long st_ = 0; st_ < S; st_++) {
        double *row = P + st_ * A;
        gsl_ran_dirichlet(r, (size_t)A, alpha, row);
        double acc = 0;
        for (int x = 0; x < A; x++) c->cum[st_ * A + x] = acc += row[x];
    }
    d->entropy_rate = markov_entropy_rate(P, k, A, c->pi_cum);
    double acc = 0;
    for (long st_ = 0; st_ < S; st_++) c->pi_cum[st_] = acc += c->pi_cum[st_];

    /* validation: one run of the chain covering at least val_tokens targets */
    int T = td->T;
    td->n_val_win = (s->val_tokens + T - 1) / T;
    td->val = malloc(sizeof(int) * (size_t)(td->n_val_win * T + 1));
    if (!td->val) {
        free(P), free(alpha), gsl_rng_free(r), gsl_rng_free(rv), tokens_free(d);
        return err_set(ST_NOMEM, "out of memory");
    }
    chain_sample(c, td->val, td->n_val_win * T + 1, rv);
    free(P), free(alpha), gsl_rng_free(r), gsl_rng_free(rv);

    d->shape.classes = A;
    for (int x = 0; x < A; x++) /* printable symbols for samples: a, b, c, ... then others */
        d->shape.charset[x] = (unsigned char)(x < 26 ? 'a' + x : x < 52 ? 'A' + x - 26 : '0' + x - 52);
    /* an endless source: an epoch is nominally 2^20 training tokens */
    d->train_items = 1L << 20;
    d->train_rows = d->train_items / T > 0 ? d->train_items / T : 1;
    *out = d;
    return ST_OK;
}
