/* The synthetic markov source: an order-k chain over A symbols whose transition rows
 * are drawn from a symmetric Dirichlet(α), so that the lowest loss any model can reach
 * is the chain's entropy rate, known exactly.
 *
 * The chain depends on (k, A, α) alone: its rows come from the stream "markov" of a
 * seed hashed from them, and the validation sample (one run of the chain, started from
 * the stationary distribution) from the stream "markov-val" of the same seed. Training
 * windows are drawn fresh from the chain with the run's "data" stream, each starting
 * in a state drawn from the stationary distribution. Transition probabilities below
 * 1e-300 (a small α underflows some) are raised to it, so that the chain is
 * irreducible and its stationary distribution unique. */
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
static const double MIN_PROB = 1e-300; /* the smallest transition probability */

typedef struct {
    int k, A;
    long states;
    double *cum;    /* (states, A) cumulative transition rows */
    double *pi_cum; /* (states) cumulative stationary distribution */
} Chain;

/* π by the Grassmann–Taksar–Heyman algorithm (state reduction, Stewart, "Introduction
 * to the Numerical Solution of Markov Chains", 1994, §2.7): a direct solve with no
 * subtraction, accurate to rounding even for chains that mix very slowly (a small
 * alpha), in S^3/3 multiply-adds on a dense S×S copy. ST_USAGE when the chain is
 * reducible (π is not unique then). */
static Status stationary_direct(const double *P, long S, int A, double *pi)
{
    double *a = calloc((size_t)(S * S), sizeof *a);
    if (!a) return err_set(ST_NOMEM, "out of memory");
    for (long s = 0; s < S; s++)
        for (int x = 0; x < A; x++) a[s * S + (s * A + x) % S] += P[s * A + x];
    for (long n = S - 1; n > 0; n--) {
        double sum = 0;
        for (long j = 0; j < n; j++) sum += a[n * S + j];
        if (!(sum > 0)) {
            free(a);
            return err_set(ST_USAGE, "markov: the chain is reducible (state %ld cannot reach the states "
                                     "below it): its stationary distribution is not unique", n);
        }
        for (long i = 0; i < n; i++) {
            double f = a[i * S + n] /= sum;
            if (f == 0) continue;
            double *row = a + i * S;
            const double *rn = a + n * S;
            for (long j = 0; j < n; j++) row[j] += f * rn[j];
        }
    }
    double total = pi[0] = 1;
    for (long j = 1; j < S; j++) {
        double v = 0;
        for (long i = 0; i < j; i++) v += pi[i] * a[i * S + j];
        total += pi[j] = v;
    }
    for (long j = 0; j < S; j++) pi[j] /= total;
    free(a);
    return ST_OK;
}

/* π by power iteration on the lazy chain ½(I + P) (same π, converges when P is
 * periodic) from the uniform distribution, for chains too big for the direct solve:
 * converged when an iteration moves π by less than POWER_TOL in L1 norm; ST_USAGE when
 * POWER_WORK multiply-adds have not got there (a chain that mixes too slowly). */
enum { DIRECT_MAX_STATES = 1024 };
static const double POWER_TOL = 1e-13, POWER_WORK = 2e9;

static Status stationary_power(const double *P, long S, int A, double *pi)
{
    double *next = malloc(sizeof(double) * (size_t)S);
    if (!next) return err_set(ST_NOMEM, "out of memory");
    for (long s = 0; s < S; s++) pi[s] = 1.0 / (double)S;
    long max_it = (long)(POWER_WORK / ((double)S * A)), it;
    double diff = INFINITY;
    for (it = 0; it < max_it && !(diff < POWER_TOL); it++) {
        for (long s = 0; s < S; s++) next[s] = 0.5 * pi[s];
        for (long s = 0; s < S; s++)
            for (int x = 0; x < A; x++) next[(s * A + x) % S] += 0.5 * pi[s] * P[s * A + x];
        double sum = 0;
        for (long s = 0; s < S; s++) sum += next[s];
        diff = 0;
        for (long s = 0; s < S; s++) {
            next[s] /= sum;
            diff += fabs(next[s] - pi[s]);
            pi[s] = next[s];
        }
    }
    free(next);
    if (!(diff < POWER_TOL))
        return err_set(ST_USAGE, "markov: the chain of %ld states mixes too slowly: its stationary "
                                 "distribution still moves by %.1e after %ld iterations (use at most %d "
                                 "states, alphabet^order, or a larger markov_alpha)",
                       S, diff, it, DIRECT_MAX_STATES);
    return ST_OK;
}

Status markov_entropy_rate(const double *P, int k, int A, double *pi_out, double *H_out)
{
    long S = 1;
    for (int i = 0; i < k; i++) S *= A;
    double *pi = malloc(sizeof(double) * (size_t)S);
    if (!pi) return err_set(ST_NOMEM, "out of memory");
    Status st = S <= DIRECT_MAX_STATES ? stationary_direct(P, S, A, pi) : stationary_power(P, S, A, pi);
    if (st != ST_OK) return free(pi), st;
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
    free(pi);
    *H_out = H;
    return ST_OK;
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

/* Fresh windows of the chain drawn with rng: training batches use the "data" stream. */
static void markov_sample_batch(Data *d, gsl_rng *rng, int rows, Batch *out)
{
    TokenData *td = (TokenData *)d;
    if (rows > td->max_rows) rows = td->max_rows;
    for (int r = 0; r < rows; r++)
        chain_sample(td->extra, td->batch + (long)r * (td->T + 1), td->T + 1, rng);
    *out = (Batch){.rows = rows, .tokens = td->batch};
}

static void markov_train_batch(Data *d, int rows, Batch *out) { markov_sample_batch(d, d->stream, rows, out); }

static void chain_free(TokenData *td)
{
    Chain *c = td->extra;
    if (c) {
        free(c->cum);
        free(c->pi_cum);
        free(c);
    }
}

static const DataOps markov_ops = {"markov", markov_train_batch, markov_sample_batch, tokens_eval_batch,
                                   tokens_free};

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
        for (int x = 0; x < A; x++) {
            /* a small alpha underflows some entries to 0, which can split the chain
             * into parts that never meet; MIN_PROB keeps it one (irreducible, so π is
             * unique) and moves no row sum */
            if (row[x] < MIN_PROB) row[x] = MIN_PROB;
            c->cum[st_ * A + x] = acc += row[x];
        }
    }
    Status st_h = markov_entropy_rate(P, k, A, c->pi_cum, &d->entropy_rate);
    if (st_h != ST_OK) {
        free(P), free(alpha), gsl_rng_free(r), gsl_rng_free(rv), tokens_free(d);
        return st_h;
    }
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
