/* exp(x) in float as a branch-free inline function that gcc vectorises (glibc's expf
 * is a call and keeps every loop that uses it scalar): Cody–Waite reduction
 * x = n·ln2 + r with |r| ≤ ln2/2, Cephes' degree-6 polynomial for e^r (relative error
 * within 2 ulp of expf), and 2^n built in the exponent bits. Round to nearest is done
 * by adding and subtracting 1.5·2^23, which is exact as long as fast-math reassociation is off.
 *
 * Arguments below -87.3 give 0 (expf gives a denormal or 0 there); above 88.3 the
 * result is held at e^88.3 ≈ 2.2e38 instead of growing to inf: callers feed it
 * max-subtracted logits (≤ 0) or the GELU's −2u, where either is harmless. A NaN
 * gives that NaN back (a diverging run's softmax stays NaN, and never shifts a
 * negative integer).
 * Same input, same bits, on every thread: it is plain IEEE float arithmetic. */
#ifndef DESCENT_NN_VEXP_H
#define DESCENT_NN_VEXP_H

#include <stdint.h>

static inline float vexp(float x)
{
    /* NaN fails every comparison: it computes e^0 and is handed back at the end, so the
     * exponent below always lies in [-126, 127] and its shift is defined */
    float xc = x < -87.3f ? -87.3f : x > 88.3f ? 88.3f : x == x ? x : 0.0f;
    float n = (xc * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    union {
        int32_t i;
        float f;
    } scale = {.i = ((int32_t)n + 127) << 23};
    float e = p * scale.f;
    return x < -87.3f ? 0.0f : x == x ? e : x;
}

#endif
