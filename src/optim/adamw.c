/* AdamW: Adam with decoupled weight decay (Loshchilov & Hutter 2019, Algorithm 2, with
 * the decay scaled by lr as torch does); matches torch.optim.AdamW:
 *   w ← w·(1 − lr·wd), then the Adam step on the raw gradient g (no L2 term). */
#include "optim/optim.h"

extern const OptType opt_adam; /* adam.c: AdamW is its update after the decay */

static void adamw_update(float *restrict w, const float *restrict g, float *const *slots, long n,
                         const OptHyper *h, double wd, long t)
{
    /* w, g, m = slots[0], v = slots[1] (n) */
    const float keep = (float)(1.0 - h->lr * wd);
    for (long i = 0; i < n; i++) w[i] = w[i] * keep;
    opt_adam.update(w, g, slots, n, h, 0.0, t);
}

const OptType opt_adamw = {.name = "adamw", .nslots = 2, .update = adamw_update,
                           .ew_flops = 13, .decay_flops = 1};
