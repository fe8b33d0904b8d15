/* Token sources for the GPT (internal to src/data): the markov chain and the character
 * corpora (kjv, text:PATH). Both hand out batches of windows of T+1 token ids; the
 * validation split is a fixed list of windows that step by T (so every target is
 * scored once) and never depends on the training seed; the test split is the same
 * windows as val. */
#ifndef DESCENT_DATA_TEXT_H
#define DESCENT_DATA_TEXT_H

#include "data/data.h"

typedef struct TokenData TokenData;

struct TokenData {
    Data base;
    int T, max_rows;
    int *batch;             /* (max_rows, T+1) the batch handed out */
    int *train;             /* (n_train) training tokens (text corpora) */
    long n_train;
    int *val;               /* (n_val_win·T + 1) validation tokens */
    long n_val_win;         /* validation windows */
    void (*free_extra)(TokenData *td);
    void *extra;            /* the source's own state */
};

/* Allocates td's batch buffer; the caller fills the rest. */
Status tokens_init(TokenData *td, const DataOps *ops, int T, int max_rows);
/* Validation windows for the ops tables: batch i of up to `rows` windows. */
int tokens_eval_batch(Data *d, Split split, int i, int rows, Batch *out);
void tokens_free(Data *d);
/* Windows of T that cover min(val_tokens, available − 1) targets, at least one when any fit. */
long tokens_val_windows(long val_tokens, long available, int T);

/* The synthetic order-k source (data "markov"). */
Status markov_open(Data **out, const Settings *s);
/* Character corpora: "kjv" and "text:PATH". */
Status text_open(Data **out, const Settings *s);

/* Entropy rate *H in nats per symbol of the order-k chain over A symbols whose transition
 * rows P (A^k, A) are indexed by the state s = Σ_i x_{t−k+i} A^{k−1−i} (oldest symbol
 * most significant): H = −Σ_s π(s) Σ_x P(x|s) ln P(x|s), with π the stationary
 * distribution. Up to 1024 states π is solved directly (GTH state reduction, in
 * S^3/3 multiply-adds); above, by power iteration to an L1 change below 1e-13 within a
 * bounded amount of work. pi (A^k) receives π (may be NULL). ST_USAGE for a reducible
 * chain (π not unique) or one too big that mixes too slowly. */
Status markov_entropy_rate(const double *P, int k, int A, double *pi, double *H);

#endif
