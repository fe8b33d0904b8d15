/* Adam (Kingma & Ba 2015) with L2 weight decay folded into the gradient; matches
 * torch.optim.Adam(betas=(β1, β2), eps, weight_decay=wd), single-tensor path:
 *   g' = g + wd·w;  m ← β1·m + (1−β1)·g';  v ← β2·v + (1−β2)·g'·g'
 *   w ← w − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + eps)
 * Bias-correction scalars in double as torch computes them in Python; elementwise math
 * in float, in torch's operation order. */
#include "optim/optim.h"

#include <math.h>

static void adam_update(float *restrict w, const float *restrict g, float *const *slots, long n,
                        const OptHyper *h, double wd, long t)
{
    /* w, g, m = slots[0], v = slots[1] (n) */
    float *restrict m = slots[0];
    float *restrict v = slots[1];
    const double bc1 = 1.0 - pow(h->beta1, (double)t);
    const double bc2 = 1.0 - pow(h->beta2, (double)t);
    const float neg_step = (float)(-(h->lr / bc1));
    const float bc2_sqrt = (float)sqrt(bc2);
    const float b1 = (float)h->beta1, b2 = (float)h->beta2;
    const float a1 = (float)(1.0 - h->beta1), a2 = (float)(1.0 - h->beta2);
    const float eps = (float)h->eps, d = (float)wd;
    for (long i = 0; i < n; i++) {
        float gi = g[i] + d * w[i];
        m[i] = m[i] * b1 + a1 * gi;
        v[i] = v[i] * b2 + a2 * gi * gi;
        float denom = sqrtf(v[i]) / bc2_sqrt + eps;
        w[i] = w[i] + neg_step * m[i] / denom;
    }
}

const OptType opt_adam = {.name = "adam", .nslots = 2, .update = adam_update,
                          .ew_flops = 13, .decay_flops = 2};
