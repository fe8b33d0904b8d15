/* SGD with Nesterov momentum in the form torch uses; matches torch.optim.SGD(momentum=β,
 * dampening=0, nesterov=True, weight_decay=wd): g' = g + wd·w, v ← β·v + g',
 * w ← w − lr·(g' + β·v). */
#include "optim/optim.h"

static void nesterov_update(float *restrict w, const float *restrict g, float *const *slots, long n,
                            const OptHyper *h, double wd, long t)
{
    /* w, g, v = slots[0] (n) */
    (void)t;
    float *restrict v = slots[0];
    const float lr = (float)h->lr, d = (float)wd, beta = (float)h->momentum;
    for (long i = 0; i < n; i++) {
        float gi = g[i] + d * w[i];
        v[i] = v[i] * beta + gi;
        w[i] = w[i] - lr * (gi + beta * v[i]);
    }
}

const OptType opt_nesterov = {.name = "nesterov", .nslots = 1, .update = nesterov_update,
                              .ew_flops = 6, .decay_flops = 2};
