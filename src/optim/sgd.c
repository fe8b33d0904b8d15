/* Plain SGD with L2 weight decay folded into the gradient; matches
 * torch.optim.SGD(momentum=0, weight_decay=wd): g' = g + wd·w, w ← w − lr·g'. */
#include "optim/optim.h"

static void sgd_update(float *restrict w, const float *restrict g, float *const *slots, long n,
                       const OptHyper *h, double wd, long t)
{
    /* w, g (n); no slots */
    (void)slots;
    (void)t;
    const float lr = (float)h->lr, d = (float)wd;
    for (long i = 0; i < n; i++) {
        float gi = g[i] + d * w[i];
        w[i] = w[i] - lr * gi;
    }
}

const OptType opt_sgd = {.name = "sgd", .nslots = 0, .update = sgd_update,
                         .ew_flops = 2, .decay_flops = 2};
