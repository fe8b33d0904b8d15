/* Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2):
 *   c = β1·m + (1−β1)·g;  w ← w − lr·(sign(c) + wd·w);  m ← β2·m + (1−β2)·g
 * with sign(0) = 0. One state vector (the momentum m). */
#include "optim/optim.h"

static void lion_update(float *restrict w, const float *restrict g, float *const *slots, long n,
                        const OptHyper *h, double wd, long t)
{
    /* w, g, m = slots[0] (n) */
    (void)t;
    float *restrict m = slots[0];
    const float lr = (float)h->lr, d = (float)wd;
    const float b1 = (float)h->beta1, b2 = (float)h->beta2;
    const float a1 = (float)(1.0 - h->beta1), a2 = (float)(1.0 - h->beta2);
    for (long i = 0; i < n; i++) {
        float c = b1 * m[i] + a1 * g[i];
        float sign = (float)((c > 0.0f) - (c < 0.0f));
        w[i] = w[i] - lr * (sign + d * w[i]);
        m[i] = b2 * m[i] + a2 * g[i];
    }
}

const OptType opt_lion = {.name = "lion", .nslots = 1, .update = lion_update,
                          .ew_flops = 9, .decay_flops = 2};
