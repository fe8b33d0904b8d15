/* bf16 and fp16 conversions and in-place rounding. bf16 is done on the bits (round to
 * nearest even = add 0x7fff plus the lowest kept bit, then truncate); fp16 uses F16C's
 * vcvtps2ph and vcvtph2ps, whose conversions are IEEE-exact (through intrinsics rather
 * than _Float16, which clang 14, the fuzz build's compiler, lacks on x86). */
#include "core/precision.h"

#include <immintrin.h>
#include <string.h>

#include "core/choices.h"

static inline uint32_t bits_of(float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline float float_of(uint32_t u)
{
    float x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* The bits of x rounded to bf16 (low 16 bits zero); NaN is kept a quiet NaN. */
static inline uint32_t bf16_round_bits(uint32_t u)
{
    uint32_t rounded = (u + 0x7fffu + ((u >> 16) & 1u)) & 0xffff0000u;
    uint32_t nan = (u | 0x00400000u) & 0xffff0000u;
    return (u & 0x7fffffffu) > 0x7f800000u ? nan : rounded;
}

Bf16 bf16_from_float(float x) { return (Bf16){(uint16_t)(bf16_round_bits(bits_of(x)) >> 16)}; }

float bf16_to_float(Bf16 h) { return float_of((uint32_t)h.bits << 16); }

/* Adding 16 uniform random bits below the kept ones and truncating rounds up with
 * probability (dropped part) / 2^16: unbiased. Inf stays inf; NaN stays NaN. */
static inline uint32_t bf16_stochastic_bits(uint32_t u, uint32_t r)
{
    uint32_t up = (u + (r & 0xffffu)) & 0xffff0000u;
    uint32_t special = ((u & 0x7fffffffu) > 0x7f800000u ? (u | 0x00400000u) : u) & 0xffff0000u;
    return (u & 0x7f800000u) == 0x7f800000u ? special : up;
}

Bf16 bf16_from_float_stochastic(float x, uint32_t r)
{
    return (Bf16){(uint16_t)(bf16_stochastic_bits(bits_of(x), r) >> 16)};
}

Fp16 fp16_from_float(float x)
{
    return (Fp16){_cvtss_sh(x, _MM_FROUND_TO_NEAREST_INT)};
}

float fp16_to_float(Fp16 v)
{
    return _cvtsh_ss(v.bits);
}

void round_bf16(float *restrict x, long n)
{
    for (long i = 0; i < n; i++) {
        uint32_t v;
        memcpy(&v, &x[i], sizeof v);
        v = bf16_round_bits(v);
        memcpy(&x[i], &v, sizeof v);
    }
}

void round_bf16_stochastic(float *restrict x, const uint16_t *restrict r, long n)
{
    for (long i = 0; i < n; i++) {
        uint32_t v;
        memcpy(&v, &x[i], sizeof v);
        v = bf16_stochastic_bits(v, r[i]);
        memcpy(&x[i], &v, sizeof v);
    }
}

/* F16C (part of x86-64-v3) converts 8 floats at a time with IEEE rounding. */
void round_fp16(float *restrict x, long n)
{
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT);
        _mm256_storeu_ps(x + i, _mm256_cvtph_ps(h));
    }
    for (; i < n; i++) x[i] = _cvtsh_ss(_cvtss_sh(x[i], _MM_FROUND_TO_NEAREST_INT));
}

const char *precision_name(int p)
{
    static const char *const names[] = {[PREC_FP32] = "fp32", [PREC_BF16] = "bf16",
                                        [PREC_BF16_PURE] = "bf16-pure", [PREC_FP16] = "fp16"};
    return CHOICE_AT(names, p);
}

int precision_by_name(const char *name)
{
    for (int i = 0; precision_name(i); i++)
        if (strcmp(name, precision_name(i)) == 0) return i;
    return -1;
}

const char *rounding_name(int r)
{
    static const char *const names[] = {[ROUND_NEAREST] = "nearest",
                                        [ROUND_STOCHASTIC] = "stochastic"};
    return CHOICE_AT(names, r);
}

void precision_round(float *x, long n, Precision p)
{
    if (p == PREC_BF16 || p == PREC_BF16_PURE) round_bf16(x, n);
    else if (p == PREC_FP16) round_fp16(x, n);
}
