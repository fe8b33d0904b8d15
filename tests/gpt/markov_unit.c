/* The GPT's token sources: the markov chain's exact entropy rate on hand-computable
 * chains and against the empirical conditional entropy of its own sample; windows in
 * range; validation windows that do not depend on the seed; the character corpus's
 * vocabulary and split; clear errors for unreadable files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/text.h"
#include "harness.h"

static Data *open_data(const char *data, int seed, int T, int B, int k, int A, double alpha,
                       int val_tokens)
{
    Settings s;
    settings_defaults(&s, MODEL_GPT);
    snprintf(s.data, sizeof s.data, "%s", data);
    s.seed = seed, s.context = T, s.batch = B, s.markov_order = k, s.markov_alphabet = A;
    s.markov_alpha = alpha, s.val_tokens = val_tokens;
    Data *d;
    Status st = data_open(&d, &s);
    if (st != ST_OK) {
        printf("data_open %s: %s\n", data, err_msg());
        return NULL;
    }
    return d;
}

/* H of two states, P(0→1) = a, P(1→0) = b: π = (b, a)/(a+b), H = π0 h(a) + π1 h(b) */
static double two_state_H(double a, double b)
{
    double h_a = -(a * log(a) + (1 - a) * log(1 - a)), h_b = -(b * log(b) + (1 - b) * log(1 - b));
    return b / (a + b) * h_a + a / (a + b) * h_b;
}

static void check_entropy(void)
{
    /* deterministic cycle 0→1→2→0 (periodic): H = 0 */
    double P1[9] = {0, 1, 0, 0, 0, 1, 1, 0, 0}, pi[16], H = NAN;
    Status st = markov_entropy_rate(P1, 1, 3, pi, &H);
    CHECK_TRUE(st == ST_OK && fabs(H) < 1e-12 && fabs(pi[0] - 1.0 / 3) < 1e-9,
               "deterministic cycle: H = %.3g (want 0), pi[0] = %.6f (want 1/3)", H, pi[0]);
    /* uniform rows, order 2 over 4 symbols: H = ln 4 */
    double P2[64];
    for (int i = 0; i < 64; i++) P2[i] = 0.25;
    st = markov_entropy_rate(P2, 2, 4, NULL, &H);
    CHECK_TRUE(st == ST_OK && fabs(H - log(4.0)) < 1e-12, "uniform order-2 chain: H = %.15f (want ln 4 = %.15f)",
               H, log(4.0));
    double a = 0.1, b = 0.3, P3[4] = {1 - a, a, b, 1 - b};
    st = markov_entropy_rate(P3, 1, 2, pi, &H);
    CHECK_TRUE(st == ST_OK && fabs(H - two_state_H(a, b)) < 1e-12 && fabs(pi[0] - 0.75) < 1e-12,
               "two-state chain: H = %.15f (want %.15f), pi[0] = %.12f (want 0.75)", H, two_state_H(a, b),
               pi[0]);
    /* a chain that mixes very slowly (what a small markov_alpha makes): iterating from
     * the uniform start would need ~1e12 steps to move pi[0] from 0.5 to 0.75 */
    a = 1e-12, b = 3e-12;
    double P4[4] = {1 - a, a, b, 1 - b};
    st = markov_entropy_rate(P4, 1, 2, pi, &H);
    CHECK_TRUE(st == ST_OK && fabs(pi[0] - 0.75) < 1e-12 && fabs(H - two_state_H(a, b)) < 1e-12 * two_state_H(a, b),
               "slowly mixing two-state chain: pi[0] = %.12f (want 0.75), H = %.6g (want %.6g)", pi[0], H,
               two_state_H(a, b));
    /* two closed parts: no unique pi, an error rather than a guess */
    double P5[4] = {1, 0, 0, 1};
    st = markov_entropy_rate(P5, 1, 2, pi, &H);
    CHECK_TRUE(st == ST_USAGE && strstr(err_msg(), "reducible"), "a reducible chain is an error: %s", err_msg());
    /* above 1024 states, power iteration: uniform rows over 1100 symbols, H = ln 1100 */
    enum { BIG = 1100 };
    double *P6 = malloc(sizeof(double) * BIG * BIG), *pi6 = malloc(sizeof(double) * BIG);
    for (long i = 0; i < (long)BIG * BIG; i++) P6[i] = 1.0 / BIG;
    st = markov_entropy_rate(P6, 1, BIG, pi6, &H);
    CHECK_TRUE(st == ST_OK && fabs(H - log((double)BIG)) < 1e-12 && fabs(pi6[7] * BIG - 1) < 1e-12,
               "1100 states by power iteration: H = %.15f (want ln 1100 = %.15f)", H, log((double)BIG));
    free(P6), free(pi6);
}

/* A small markov_alpha (rows close to one-hot, some entries underflowing to 0) opens
 * with a pi that is stationary for the chain it samples from. */
static void check_small_alpha(void)
{
    Data *d = open_data("markov", 1, 16, 4, 2, 16, 1e-3, 100);
    if (!CHECK_TRUE(d != NULL, "markov with alpha 1e-3 opens")) return;
    CHECK_TRUE(d->entropy_rate >= 0 && d->entropy_rate < log(16.0), "alpha 1e-3: entropy rate %.6g in [0, ln 16)",
               d->entropy_rate);
    data_free(d);
}

static void check_markov_source(void)
{
    enum { T = 16, B = 8 };
    Data *d1 = open_data("markov", 1, T, B, 2, 16, 0.2, 1000);
    Data *d2 = open_data("markov", 2, T, B, 2, 16, 0.2, 1000);
    if (!CHECK_TRUE(d1 && d2, "markov opens")) return;
    CHECK_TRUE(d1->shape.classes == 16, "markov vocabulary is the alphabet: %d", d1->shape.classes);
    CHECK_TRUE(d1->entropy_rate > 0 && d1->entropy_rate < log(16.0) &&
                   d1->entropy_rate == d2->entropy_rate,
               "entropy rate %.6f in (0, ln 16) and the same for both seeds", d1->entropy_rate);
    Batch b;
    d1->ops->train_batch(d1, B, &b);
    int bad = 0;
    for (int i = 0; i < B * (T + 1); i++) bad += b.tokens[i] < 0 || b.tokens[i] >= 16;
    CHECK_TRUE(b.rows == B && bad == 0, "training windows: %d rows, %d tokens out of range", b.rows, bad);
    int *first = malloc(sizeof(int) * B * (T + 1));
    memcpy(first, b.tokens, sizeof(int) * B * (T + 1));
    d2->ops->train_batch(d2, B, &b);
    CHECK_TRUE(memcmp(first, b.tokens, sizeof(int) * B * (T + 1)) != 0,
               "training windows differ between seeds");
    /* validation: same windows for both seeds, covering at least val_tokens targets */
    long windows = 0, same = 1;
    for (int i = 0;; i++) {
        Batch v1, v2;
        int n1 = d1->ops->eval_batch(d1, SPLIT_VAL, i, B, &v1);
        memcpy(first, v1.tokens, sizeof(int) * (size_t)n1 * (T + 1));
        int n2 = d2->ops->eval_batch(d2, SPLIT_VAL, i, B, &v2);
        if (n1 != n2) same = 0;
        if (n1 == 0) break;
        if (memcmp(first, v2.tokens, sizeof(int) * (size_t)n1 * (T + 1)) != 0) same = 0;
        windows += n1;
    }
    CHECK_TRUE(same && windows * T >= 1000, "validation windows equal across seeds: %ld windows of %d",
               windows, T);
    free(first);
    data_free(d1);
    data_free(d2);
}

/* The plug-in conditional entropy of the validation sample of a small chain (k 1, A 4)
 * matches the exact rate: the sampler and the entropy use the same rows and states. */
static void check_empirical(void)
{
    enum { T = 100, A = 4 };
    Data *d = open_data("markov", 1, T, 64, 1, A, 0.5, 400000);
    if (!CHECK_TRUE(d != NULL, "markov opens (order 1, 4 symbols)")) return;
    long count[A][A] = {{0}};
    long n = 0;
    Batch v;
    for (int i = 0; d->ops->eval_batch(d, SPLIT_VAL, i, 64, &v) > 0; i++)
        for (int r = 0; r < v.rows; r++)
            for (int t = 0; t < T; t++) {
                count[v.tokens[r * (T + 1) + t]][v.tokens[r * (T + 1) + t + 1]]++;
                n++;
            }
    double H = 0;
    for (int s = 0; s < A; s++) {
        long row = 0;
        for (int x = 0; x < A; x++) row += count[s][x];
        for (int x = 0; x < A; x++)
            if (count[s][x]) H -= (double)count[s][x] / n * log((double)count[s][x] / row);
    }
    CHECK_TRUE(fabs(H - d->entropy_rate) < 0.01,
               "empirical conditional entropy %.4f of %ld tokens vs exact rate %.4f (tol 0.01)", H, n,
               d->entropy_rate);
    data_free(d);
}

static void check_text(void)
{
    char path[] = "/tmp/descent_text_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
    if (!CHECK_TRUE(f != NULL, "a temporary corpus file %s", path)) return;
    for (int i = 0; i < 200; i++) fprintf(f, "the cat sat on the mat %d\n", i % 7);
    fclose(f);
    char spec[600];
    snprintf(spec, sizeof spec, "text:%s", path);
    enum { T = 8, B = 4 };
    Data *d = open_data(spec, 3, T, B, 2, 16, 0.2, 100);
    if (CHECK_TRUE(d != NULL, "text:PATH opens")) {
        const char *want = "\n 0123456acehmnost";
        CHECK_TRUE(d->shape.classes == (int)strlen(want) &&
                       memcmp(d->shape.charset, want, strlen(want)) == 0,
                   "vocabulary is the sorted byte set (%d symbols)", d->shape.classes);
        Batch b;
        d->ops->train_batch(d, B, &b);
        int bad = 0;
        for (int i = 0; i < B * (T + 1); i++) bad += b.tokens[i] < 0 || b.tokens[i] >= d->shape.classes;
        CHECK_TRUE(bad == 0, "text training windows in range");
        long windows = 0;
        for (int i = 0; d->ops->eval_batch(d, SPLIT_VAL, i, B, &b) > 0; i++) windows += b.rows;
        CHECK_TRUE(windows == 13, "text val: %ld windows of %d cover >= 100 targets", windows, T);
        data_free(d);
    }
    remove(path);
    Settings s;
    settings_defaults(&s, MODEL_GPT);
    snprintf(s.data, sizeof s.data, "text:/nonexistent/corpus.txt");
    Data *bad;
    Status st = data_open(&bad, &s);
    CHECK_TRUE(st == ST_IO && strstr(err_msg(), "/nonexistent/corpus.txt"),
               "unreadable text file: status %d, '%s'", st, err_msg());
}

int main(void)
{
    check_entropy();
    check_small_alpha();
    check_markov_source();
    check_empirical();
    check_text();
    return th_done();
}
