/* Reduced-precision storage formats, emulated exactly.
 *
 * Bf16 (bfloat16: 8 exponent bits like fp32, 7 mantissa bits) and Fp16 (IEEE
 * binary16: 5 exponent bits, 10 mantissa bits, subnormals down to 2^-24) are distinct
 * types with no arithmetic, so a stored value cannot be computed with by mistake.
 * Conversion from float rounds to nearest, ties to even; NaN stays NaN; values past a
 * format's range become ±inf; fp16 keeps subnormals and flushes what is below half its
 * smallest subnormal to zero. Stochastic rounding to bf16 rounds up with probability
 * equal to the distance to the lower neighbour, so its mean is the value itself.
 *
 * Emulated storage keeps values in float arrays that hold only representable values:
 * round_bf16() and round_fp16() replace each element by its nearest representable
 * neighbour, where a real mixed-precision kernel would store it. */
#ifndef DESCENT_CORE_PRECISION_H
#define DESCENT_CORE_PRECISION_H

#include <stdint.h>

typedef struct {
    uint16_t bits;
} Bf16;

typedef struct {
    uint16_t bits;
} Fp16;

Bf16 bf16_from_float(float x);
/* Stochastic rounding: r is 16 random bits (uniform in [0, 65536)). */
Bf16 bf16_from_float_stochastic(float x, uint32_t r);
float bf16_to_float(Bf16 h);

Fp16 fp16_from_float(float x);
float fp16_to_float(Fp16 h);

/* x (n) ← the nearest bf16 (fp16) value of each element, in place. */
void round_bf16(float *x, long n);
void round_fp16(float *x, long n);
/* x (n) ← stochastically rounded bf16 values; r (n) holds 16 random bits each. */
void round_bf16_stochastic(float *x, const uint16_t *r, long n);

typedef enum { PREC_FP32, PREC_BF16, PREC_BF16_PURE, PREC_FP16 } Precision;

/* The `precision` setting's choices: "fp32", "bf16", "bf16-pure", "fp16" for PREC_*,
 * NULL past the last (a ChoiceName, core/choices.h). */
const char *precision_name(int p);
/* PREC_* for its name; -1 otherwise. */
int precision_by_name(const char *name);

/* How bf16-pure rounds updated weights back to bf16 (the `rounding` setting). */
typedef enum { ROUND_NEAREST, ROUND_STOCHASTIC } Rounding;

/* "nearest", "stochastic" for ROUND_*, NULL past the last. */
const char *rounding_name(int r);
/* Rounds x (n) to the storage format of the policy (bf16-pure stores bf16); fp32: no-op. */
void precision_round(float *x, long n, Precision p);

#endif
