/* rng_unit: pinned outputs of the named streams (they pin the derivation
 * seed = low 32 bits of hash_str(name, seed) into MT19937), independence of names and
 * seeds, rng_permutation, and pinned values of the FNV-1a + splitmix64 hash (checked
 * once against an independent Python implementation when they were pinned). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/rng.h"
#include "harness.h"

static void check_stream(uint64_t seed, const char *name, const unsigned long want[4])
{
    gsl_rng *r = rng_stream(seed, name);
    unsigned long got[4];
    for (int i = 0; i < 4; i++) got[i] = gsl_rng_get(r);
    CHECK_TRUE(memcmp(got, want, sizeof got) == 0,
               "rng_stream(%" PRIu64 ", \"%s\") first draws %lu %lu %lu %lu (pinned %lu ...)",
               seed, name, got[0], got[1], got[2], got[3], want[0]);
    gsl_rng_free(r);
}

static void test_streams(void)
{
    /* GSL's own pin of the generator: MT19937 seeded with 4357, 1000th draw */
    gsl_rng *mt = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(mt, 4357);
    unsigned long v = 0;
    for (int i = 0; i < 1000; i++) v = gsl_rng_get(mt);
    CHECK_TRUE(v == 1186927261UL, "mt19937 seeded 4357: 1000th draw %lu (GSL pins 1186927261)", v);

    static const unsigned long s1_init[4] = {3154585964UL, 4144473309UL, 2086641471UL, 813856562UL};
    static const unsigned long s1_drop[4] = {1144219426UL, 3977662799UL, 2622745099UL, 4229846895UL};
    static const unsigned long s42_init[4] = {230452818UL, 249918653UL, 3888829362UL, 2624464904UL};
    static const unsigned long s42_drop[4] = {4061275755UL, 943154017UL, 2778883705UL, 799679368UL};
    check_stream(1, "init", s1_init);
    check_stream(1, "dropout", s1_drop);
    check_stream(42, "init", s42_init);
    check_stream(42, "dropout", s42_drop);

    /* the derivation itself: MT19937 seeded with the low 32 bits of hash_str */
    gsl_rng *r = rng_stream(42, "dropout");
    gsl_rng_set(mt, (unsigned long)(hash_str("dropout", 42) & 0xffffffffUL));
    int same = 1;
    for (int i = 0; i < 100; i++) same &= gsl_rng_get(r) == gsl_rng_get(mt);
    CHECK_TRUE(same && strcmp(gsl_rng_name(r), "mt19937") == 0,
               "rng_stream(42, \"dropout\") is mt19937 seeded with hash_str(\"dropout\", 42)");
    gsl_rng_free(r);
    gsl_rng_free(mt);

    /* names and seeds give different streams; the same name and seed the same one */
    const char *names[] = {"init", "data", "dropout", "noise", "Init", "init "};
    enum { K = 6, D = 16 };
    unsigned long draws[K][D];
    for (int k = 0; k < K; k++) {
        gsl_rng *s = rng_stream(1, names[k]);
        for (int i = 0; i < D; i++) draws[k][i] = gsl_rng_get(s);
        gsl_rng_free(s);
    }
    int distinct = 1;
    for (int a = 0; a < K; a++)
        for (int b = a + 1; b < K; b++) distinct &= memcmp(draws[a], draws[b], sizeof draws[a]) != 0;
    CHECK_TRUE(distinct, "6 stream names (incl. case and a trailing space) give 6 different streams");
    gsl_rng *s2 = rng_stream(2, "init"), *s1 = rng_stream(1, "init");
    int differ = 0, again = 1;
    for (int i = 0; i < D; i++) {
        differ |= gsl_rng_get(s2) != draws[0][i];
        again &= gsl_rng_get(s1) == draws[0][i];
    }
    CHECK_TRUE(differ && again, "seed 2 differs from seed 1; seed 1 again repeats itself");
    gsl_rng_free(s1);
    gsl_rng_free(s2);
}

static int is_permutation(const int *perm, int n)
{
    char *seen = calloc((size_t)n + 1, 1);
    int ok = 1;
    for (int i = 0; i < n && ok; i++) {
        ok = perm[i] >= 0 && perm[i] < n && !seen[perm[i]];
        if (ok) seen[perm[i]] = 1;
    }
    free(seen);
    return ok;
}

static void test_permutation(void)
{
    enum { N = 1000 };
    int *p = malloc(sizeof(int) * N), *q = malloc(sizeof(int) * N);
    gsl_rng *r = rng_stream(1, "data");
    rng_permutation(r, p, N);
    int fixed = 0;
    for (int i = 0; i < N; i++) fixed += p[i] == i;
    CHECK_TRUE(is_permutation(p, N) && fixed < 10,
               "rng_permutation(1000) is a permutation, shuffled (%d fixed points)", fixed);
    rng_permutation(r, q, N);
    CHECK_TRUE(is_permutation(q, N) && memcmp(p, q, sizeof(int) * N) != 0,
               "the next permutation from the same stream is another permutation");
    gsl_rng_free(r);
    r = rng_stream(1, "data");
    rng_permutation(r, q, N);
    CHECK_TRUE(memcmp(p, q, sizeof(int) * N) == 0, "same stream, same permutation");
    rng_permutation(r, q, 1);
    CHECK_TRUE(q[0] == 0, "rng_permutation(1) = {0}");
    rng_permutation(r, q, 0); /* must not touch anything */
    /* uniformity, coarsely: position 0 over many permutations of 4 */
    int count[4] = {0};
    for (int t = 0; t < 40000; t++) {
        rng_permutation(r, q, 4);
        count[q[0]]++;
    }
    int ok = 1;
    for (int i = 0; i < 4; i++) ok &= abs(count[i] - 10000) < 5 * 87; /* sd = √(40000·¼·¾) */
    CHECK_TRUE(ok, "rng_permutation(4): first element uniform (%d %d %d %d of 40000)", count[0],
               count[1], count[2], count[3]);
    gsl_rng_free(r);
    free(p);
    free(q);
}

static void test_hash(void)
{
    struct {
        const char *s;
        uint64_t seed, want;
    } pins[] = {
        {"", 0, 0xf52a15e9a9b5e89bULL},
        {"init", 1, 0x209a8f237386bfbbULL},
        {"lr=0.001", 0, 0xc390da0f09d90879ULL},
    };
    for (int i = 0; i < 3; i++) {
        uint64_t h = hash_str(pins[i].s, pins[i].seed);
        CHECK_TRUE(h == pins[i].want, "hash_str(\"%s\", %" PRIu64 ") = 0x%016" PRIx64, pins[i].s,
                   pins[i].seed, h);
    }
    CHECK_TRUE(hash_mix(0) == 0 && hash_mix(1) == 0x5692161d100b05e5ULL,
               "hash_mix(0) = 0, hash_mix(1) = 0x5692161d100b05e5");
    CHECK_TRUE(hash_bytes("init", 4, 1) == hash_str("init", 1) &&
                   hash_str("init", 1) != hash_str("init", 2) &&
                   hash_str("ab", 0) != hash_str("ba", 0),
               "hash_bytes = hash_str on the same bytes; seed and order matter");

    char out[17];
    hash_hex(0x0123456789abcdefULL, 8, out);
    CHECK_TRUE(strcmp(out, "01234567") == 0, "hash_hex 8 digits: %s", out);
    hash_hex(0x0123456789abcdefULL, 16, out);
    CHECK_TRUE(strcmp(out, "0123456789abcdef") == 0, "hash_hex 16 digits: %s", out);
    hash_hex(0xfedcba9876543210ULL, 20, out);
    CHECK_TRUE(strcmp(out, "fedcba9876543210") == 0, "hash_hex clamps 20 digits to 16: %s", out);
    hash_hex(0xabcULL, 0, out);
    CHECK_TRUE(out[0] == '\0', "hash_hex 0 digits: empty");
}

int main(void)
{
    test_streams();
    test_permutation();
    test_hash();
    return th_done();
}
