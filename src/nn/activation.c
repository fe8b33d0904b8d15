/* Elementwise activations: ReLU, GELU (tanh approximation, as
 * torch.nn.functional.gelu(x, approximate="tanh")), tanh and sigmoid, as PyTorch.
 *
 * The switch on the activation sits outside the loops, and each loop body is a
 * static inline function of one element. gcc 12 at -O2 (its "very cheap" cost model)
 * vectorises only loops whose trip count is a known multiple of the vector width, so
 * every loop runs to n rounded down to a multiple of 8, then a scalar tail. GELU's
 * exponential is vexp() (nn/vexp.h), which vectorises, within 2 ulp of expf; the expf
 * of sigmoid and the tanhf of tanh are libm calls and stay scalar. */
#include "nn/activation.h"

#include <math.h>
#include <string.h>

#include "core/choices.h"
#include "nn/vexp.h"

#define GELU_K 0.7978845608028654f /* √(2/π) */
#define GELU_A 0.044715f

#define NOINLINE __attribute__((noinline))

static inline float relu_f(float x) { return x > 0.0f ? x : 0.0f; }

/* 0.5·x·(1 + tanh(u)) is computed as x·σ(2u), the same function: glibc's expf is
 * about 5× faster than its tanhf, and for x ≪ 0 the small result keeps its relative
 * accuracy instead of coming from 1 + tanh(u) ≈ 0. */
static inline float gelu_f(float x)
{
    float u = GELU_K * (x + GELU_A * x * x * x);
    float s = 1.0f / (1.0f + vexp(-2.0f * u));
    return x * s;
}

/* d/dx x·σ(2u) = σ(2u) + x · 2σ(2u)(1 − σ(2u)) · du/dx */
static inline float gelu_df(float x)
{
    float u = GELU_K * (x + GELU_A * x * x * x);
    float s = 1.0f / (1.0f + vexp(-2.0f * u));
    float du = GELU_K * (1.0f + 3.0f * GELU_A * x * x);
    return s + x * (2.0f * s * (1.0f - s)) * du;
}

static inline float sigmoid_f(float x) { return 1.0f / (1.0f + expf(-x)); }

const char *act_name(int a)
{
    static const char *const names[] = {[ACT_RELU] = "relu", [ACT_GELU] = "gelu",
                                        [ACT_TANH] = "tanh", [ACT_SIGMOID] = "sigmoid"};
    return CHOICE_AT(names, a);
}

int act_by_name(const char *name)
{
    for (int i = 0; name && act_name(i); i++)
        if (strcmp(name, act_name(i)) == 0) return i;
    return -1;
}

/* act_forward allows y == x, so it cannot promise restrict; ReLU and GELU, the
 * activations gcc vectorises, get a copy loop with restrict and an in-place loop. They stay out
 * of line: inlined into the switch, gcc 12 no longer vectorises them. */
NOINLINE static void relu_copy(float *restrict y, const float *restrict x, long n)
{
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) y[i] = relu_f(x[i]);
    for (long i = n8; i < n; i++) y[i] = relu_f(x[i]);
}

NOINLINE static void relu_inplace(float *y, long n)
{
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) y[i] = relu_f(y[i]);
    for (long i = n8; i < n; i++) y[i] = relu_f(y[i]);
}

NOINLINE static void gelu_copy(float *restrict y, const float *restrict x, long n)
{
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) y[i] = gelu_f(x[i]);
    for (long i = n8; i < n; i++) y[i] = gelu_f(x[i]);
}

NOINLINE static void gelu_inplace(float *y, long n)
{
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) y[i] = gelu_f(y[i]);
    for (long i = n8; i < n; i++) y[i] = gelu_f(y[i]);
}

void gelu_forward_grad(float *restrict y, float *restrict dydx, const float *restrict x, long n)
{
    /* y (n), dydx (n), x (n) */
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) {
        y[i] = gelu_f(x[i]);
        dydx[i] = gelu_df(x[i]);
    }
    for (long i = n8; i < n; i++) {
        y[i] = gelu_f(x[i]);
        dydx[i] = gelu_df(x[i]);
    }
}

NOINLINE static void gelu_backward(float *restrict dx, const float *restrict dy,
                                   const float *restrict x, long n)
{
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) dx[i] += dy[i] * gelu_df(x[i]);
    for (long i = n8; i < n; i++) dx[i] += dy[i] * gelu_df(x[i]);
}

/* dy is loaded before the select so that gcc if-converts it. */
NOINLINE static void relu_backward(float *restrict dx, const float *restrict dy,
                                   const float *restrict x, long n)
{
    long n8 = n & ~7L;
    for (long i = 0; i < n8; i++) {
        float g = dy[i];
        dx[i] += x[i] > 0.0f ? g : 0.0f;
    }
    for (long i = n8; i < n; i++) {
        float g = dy[i];
        dx[i] += x[i] > 0.0f ? g : 0.0f;
    }
}

void act_forward(float *y, const float *x, long n, Act a)
{
    /* y (n), x (n) */
    switch (a) {
    case ACT_RELU:
        if (y == x) relu_inplace(y, n);
        else relu_copy(y, x, n);
        break;
    case ACT_GELU:
        if (y == x) gelu_inplace(y, n);
        else gelu_copy(y, x, n);
        break;
    case ACT_TANH:
        for (long i = 0; i < n; i++) y[i] = tanhf(x[i]);
        break;
    case ACT_SIGMOID:
        for (long i = 0; i < n; i++) y[i] = sigmoid_f(x[i]);
        break;
    }
}

void act_backward(float *restrict dx, const float *restrict dy, const float *restrict x, long n,
                  Act a)
{
    /* dx (n) += dy (n) · f'(x (n)) */
    switch (a) {
    case ACT_RELU:
        relu_backward(dx, dy, x, n);
        break;
    case ACT_GELU:
        gelu_backward(dx, dy, x, n);
        break;
    case ACT_TANH:
        for (long i = 0; i < n; i++) {
            float t = tanhf(x[i]);
            dx[i] += dy[i] * (1.0f - t * t);
        }
        break;
    case ACT_SIGMOID:
        for (long i = 0; i < n; i++) {
            float s = sigmoid_f(x[i]);
            dx[i] += dy[i] * (s * (1.0f - s));
        }
        break;
    }
}
