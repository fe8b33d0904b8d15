/* unit: bf16 and fp16 emulation. Exhaustive round trips over all 65,536 bit patterns of
 * each format, ties, NaN, ±inf, overflow and fp16 subnormals; round-to-nearest-even
 * against an independent brute-force reference on a million random floats; the
 * vectorised array paths against the scalar conversions; stochastic rounding unbiased
 * within a GSL t-interval. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/precision.h"
#include "core/rng.h"
#include "harness.h"

static float f_of(uint32_t u) { float x; memcpy(&x, &u, 4); return x; }
static uint32_t u_of(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }

/* Nearest bf16 by comparing the two neighbours in double; ties to the even one. */
static uint16_t bf16_reference(float x)
{
    uint32_t u = u_of(x);
    if (isnan(x)) return 0x7fc0;
    uint32_t lo = u & 0xffff0000u, hi = lo + 0x10000u;
    double dl = fabs((double)f_of(lo) - x), dh = fabs((double)(isinf(f_of(hi)) ? copysign(INFINITY, x) : f_of(hi)) - x);
    if ((hi & 0x7f800000u) == 0x7f800000u) /* the upper neighbour is inf: compare with the virtual next value */
        dh = fabs(ldexp(copysign(1.0, x), 128) - x);
    if (dl < dh) return (uint16_t)(lo >> 16);
    if (dh < dl) return (uint16_t)(hi >> 16);
    return (uint16_t)(((lo >> 16) & 1) ? hi >> 16 : lo >> 16);
}

/* fp16 value of bits h, decoded by formula in double. */
static double fp16_decode(uint16_t h)
{
    int e = (h >> 10) & 0x1f, m = h & 0x3ff;
    double s = h & 0x8000 ? -1 : 1;
    if (e == 0) return s * ldexp(m, -24);
    if (e == 31) return m ? NAN : s * INFINITY;
    return s * ldexp(1024 + m, e - 25);
}

/* Nearest fp16 of x by binary search over the positive patterns (monotone in value). */
static uint16_t fp16_reference(float x)
{
    if (isnan(x)) return 0x7e00;
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    double a = fabs((double)x);
    if (a >= 65520.0) return sign | 0x7c00; /* at or past the halfway point to 2^16 */
    int lo = 0, hi = 0x7bff;
    while (lo < hi) { /* largest pattern with value <= a */
        int mid = (lo + hi + 1) / 2;
        if (fp16_decode((uint16_t)mid) <= a) lo = mid;
        else hi = mid - 1;
    }
    int best = lo;
    if (lo < 0x7bff) {
        double dl = a - fp16_decode((uint16_t)lo), dh = fp16_decode((uint16_t)(lo + 1)) - a;
        if (dh < dl || (dh == dl && (lo & 1))) best = lo + 1;
    }
    return sign | (uint16_t)best;
}

int main(void)
{
    long bad = 0;
    for (uint32_t h = 0; h < 65536; h++) {
        float f = bf16_to_float((Bf16){(uint16_t)h});
        Bf16 back = bf16_from_float(f);
        if (isnan(f) ? !isnan(bf16_to_float(back)) : back.bits != h) bad++;
    }
    CHECK_TRUE(bad == 0, "bf16: all 65536 patterns survive float and back (%ld bad)", bad);
    bad = 0;
    for (uint32_t h = 0; h < 65536; h++) {
        float f = fp16_to_float((Fp16){(uint16_t)h});
        Fp16 back = fp16_from_float(f);
        if (isnan(f) ? !isnan(fp16_to_float(back)) : back.bits != h) bad++;
        if (!isnan(f) && fp16_decode((uint16_t)h) != f) bad++;
    }
    CHECK_TRUE(bad == 0, "fp16: all 65536 patterns decode exactly and survive float and back (%ld bad)", bad);

    struct { float x, want; const char *what; } bf[] = {
        {1.0f + 0x1p-8f, 1.0f, "tie 1+2^-8 rounds to even 1"},
        {1.0f + 3 * 0x1p-8f, 1.0f + 0x1p-6f, "tie 1+3*2^-8 rounds to even 1+2^-6"},
        {1.0f + 0x1p-8f + 0x1p-20f, 1.0f + 0x1p-7f, "just past a tie rounds up"},
        {-1.0f - 0x1p-8f, -1.0f, "negative tie to even"},
        {3.4e38f, INFINITY, "past bf16's largest value rounds to inf"},
        {0x1p-130f, 0x1p-130f, "float subnormals keep their leading bits"},
        {INFINITY, INFINITY, "inf stays inf"},
        {-INFINITY, -INFINITY, "-inf stays -inf"},
    };
    for (size_t i = 0; i < sizeof bf / sizeof bf[0]; i++) {
        float got = bf16_to_float(bf16_from_float(bf[i].x));
        CHECK_TRUE(got == bf[i].want, "bf16: %s (%.9g -> %.9g)", bf[i].what, bf[i].x, got);
    }
    CHECK_TRUE(isnan(bf16_to_float(bf16_from_float(NAN))) && isnan(bf16_to_float(bf16_from_float(f_of(0x7f800001u)))),
               "bf16: NaN stays NaN, also a signalling NaN whose payload is in the dropped bits");
    struct { float x, want; const char *what; } hf[] = {
        {1.0f + 0x1p-11f, 1.0f, "tie 1+2^-11 rounds to even 1"},
        {1.0f + 3 * 0x1p-11f, 1.0f + 0x1p-9f, "tie 1+3*2^-11 rounds to even"},
        {65504.0f, 65504.0f, "largest finite value"},
        {65519.0f, 65504.0f, "below the halfway point stays finite"},
        {65520.0f, INFINITY, "the halfway point to 2^16 overflows to inf"},
        {0x1p-24f, 0x1p-24f, "smallest subnormal"},
        {0x1p-25f, 0.0f, "half the smallest subnormal ties to even zero"},
        {0x1.8p-25f, 0x1p-24f, "past half the smallest subnormal rounds up"},
        {0x1p-26f, 0.0f, "underflow to zero"},
        {3 * 0x1p-25f, 0x1p-23f, "subnormal tie to even"},
        {0x1.ff8p-15f, 0x1.ff8p-15f, "the largest subnormal is exact"},
        {0x1.ffcp-15f, 0x1p-14f, "the tie between the largest subnormal and the smallest normal goes to the even normal"},
    };
    for (size_t i = 0; i < sizeof hf / sizeof hf[0]; i++) {
        float got = fp16_to_float(fp16_from_float(hf[i].x));
        CHECK_TRUE(got == hf[i].want, "fp16: %s (%.9g -> %.9g)", hf[i].what, hf[i].x, got);
    }
    CHECK_TRUE(isnan(fp16_to_float(fp16_from_float(NAN))), "fp16: NaN stays NaN");

    /* a million random floats: bit patterns uniform (all exponents), and values in the
     * ranges training sees; both against the brute-force references and the array paths */
    enum { N = 1 << 20 };
    float *x = malloc(N * sizeof *x), *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
    gsl_rng *r = rng_stream(11, "precision");
    for (long i = 0; i < N; i++) {
        uint32_t u = (uint32_t)gsl_rng_get(r);
        x[i] = i % 2 ? f_of(u) : (float)((gsl_rng_uniform(r) - 0.5) * ldexp(1.0, (int)(i % 60) - 30));
    }
    long bad_bf = 0, bad_hf = 0, bad_abf = 0, bad_ahf = 0;
    memcpy(a, x, N * sizeof *x);
    memcpy(b, x, N * sizeof *x);
    round_bf16(a, N);
    round_fp16(b, N);
    for (long i = 0; i < N; i++) {
        if (isnan(x[i])) continue;
        uint16_t want = bf16_reference(x[i]);
        if (bf16_from_float(x[i]).bits != want) bad_bf++;
        if (u_of(a[i]) != (uint32_t)want << 16) bad_abf++;
        uint16_t wanth = fp16_reference(x[i]);
        if (fp16_from_float(x[i]).bits != wanth) {
            if (bad_hf++ < 3) printf("    fp16 %.9g: got %04x want %04x\n", x[i], fp16_from_float(x[i]).bits, wanth);
        }
        if (b[i] != fp16_to_float((Fp16){wanth})) bad_ahf++;
    }
    CHECK_TRUE(bad_bf == 0, "bf16 rounds to nearest even on 2^20 random floats (%ld wrong)", bad_bf);
    CHECK_TRUE(bad_abf == 0, "round_bf16 (array) agrees (%ld wrong)", bad_abf);
    CHECK_TRUE(bad_hf == 0, "fp16 rounds to nearest even on 2^20 random floats (%ld wrong)", bad_hf);
    CHECK_TRUE(bad_ahf == 0, "round_fp16 (array, F16C) agrees (%ld wrong)", bad_ahf);

    /* stochastic rounding: exact values stay; the mean of many roundings is the value */
    float exact = 1.0f + 0x1p-7f;
    int moved = 0;
    for (int i = 0; i < 1000; i++)
        moved += bf16_to_float(bf16_from_float_stochastic(exact, (uint32_t)gsl_rng_get(r) & 0xffff)) != exact;
    CHECK_TRUE(moved == 0, "stochastic rounding leaves representable values alone");
    const float vals[] = {1.0f + 0.3f * 0x1p-7f, -2.0f - 0.9f * 0x1p-6f, 1e-3f, 12345.678f};
    for (int v = 0; v < 4; v++) {
        enum { M = 200000 };
        static double draws[M];
        for (int i = 0; i < M; i++)
            draws[i] = bf16_to_float(bf16_from_float_stochastic(vals[v], (uint32_t)gsl_rng_get(r) & 0xffff));
        double mean = gsl_stats_mean(draws, 1, M), sd = gsl_stats_sd(draws, 1, M);
        double half = gsl_cdf_tdist_Pinv(0.9995, M - 1) * sd / sqrt(M); /* 99.9 % interval */
        CHECK_TRUE(fabs(mean - vals[v]) <= half,
                   "stochastic rounding of %.9g is unbiased: mean %.9g, 99.9%% interval +-%.3g", vals[v], mean, half);
    }
    uint16_t *bits = malloc(N * sizeof *bits);
    for (long i = 0; i < N; i++) bits[i] = (uint16_t)(gsl_rng_get(r) & 0xffff);
    memcpy(a, x, N * sizeof *x);
    round_bf16_stochastic(a, bits, N);
    long bad_s = 0;
    for (long i = 0; i < N; i++)
        if (!isnan(x[i]) && u_of(a[i]) != (uint32_t)bf16_from_float_stochastic(x[i], bits[i]).bits << 16) bad_s++;
    CHECK_TRUE(bad_s == 0, "round_bf16_stochastic (array) agrees with the scalar form (%ld wrong)", bad_s);
    CHECK_TRUE(precision_by_name("bf16-pure") == PREC_BF16_PURE && precision_by_name("fp8") == -1,
               "precision names");
    free(x), free(a), free(b), free(bits);
    gsl_rng_free(r);
    return th_done();
}
