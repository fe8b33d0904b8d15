/* SGD with heavy-ball momentum; matches torch.optim.SGD(momentum=β, dampening=0,
 * nesterov=False, weight_decay=wd): g' = g + wd·w, v ← β·v + g', w ← w − lr·v.
 * (torch starts v at g' on the first step, which is β·0 + g'.) */
#include "optim/optim.h"

static void momentum_update(float *restrict w, const float *restrict g, float *const *slots, long n,
                            const OptHyper *h, double wd, long t)
{
    /* w, g, v = slots[0] (n) */
    (void)t;
    float *restrict v = slots[0];
    const float lr = (float)h->lr, d = (float)wd, beta = (float)h->momentum;
    for (long i = 0; i < n; i++) {
        float gi = g[i] + d * w[i];
        v[i] = v[i] * beta + gi;
        w[i] = w[i] - lr * v[i];
    }
}

const OptType opt_momentum = {.name = "momentum", .nslots = 1, .update = momentum_update,
                              .ew_flops = 4, .decay_flops = 2};
