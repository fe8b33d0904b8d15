/* unit: the training loop's pieces that no run reaches on purpose.
 *
 * Dynamic loss scaling against PyTorch's GradScaler (torch.cuda.amp.GradScaler with
 * init_scale 2^16, backoff_factor 0.5, growth_factor 2, growth_interval 2000): a step
 * with a non-finite gradient is skipped and halves the scale; finite gradients are
 * divided by the scale; 2,000 finite steps in a row double it; a skip restarts that
 * count. A static scale divides and never skips (it lets non-finite gradients through).
 *
 * The loss multiplier (C19) comes on top of any loss scale: the gradient weight of a
 * micro-batch is multiplier · scale / accum, and unscaling divides by both; alone it
 * undoes itself exactly for a power of two.
 *
 * The timing columns: the median step time, and items per second that is never inf
 * (a step of 0 s falls back to the mean, then to NaN). */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "train/mixed.h"
#include "train/train.h"

static Params params;

static void grads(float v)
{
    for (long j = 0; j < params.numel; j++) params.g[j] = v;
}

static Mixed scaler(const char *loss_scale)
{
    Settings s;
    settings_defaults(&s, MODEL_MLP);
    s.precision = PREC_FP16;
    snprintf(s.loss_scale, sizeof s.loss_scale, "%s", loss_scale);
    Mixed mx;
    Status st = mixed_init(&mx, &s, &params, 16);
    CHECK_TRUE(st == ST_OK, "mixed_init fp16 loss_scale %s (%s)", loss_scale, st ? err_msg() : "ok");
    return mx;
}

static void dynamic(void)
{
    Mixed mx = scaler("dynamic");
    CHECK_TRUE(mx.scale == 65536, "dynamic: starts at 2^16 (%g)", mx.scale);
    grads(65536.0f * 3);
    bool ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(ok && params.g[0] == 3.0f && mx.scale == 65536 && mx.skipped == 0,
               "dynamic: finite gradients are divided by the scale (%g) and the step applies",
               params.g[0]);
    grads(INFINITY);
    ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(!ok && mx.scale == 32768 && mx.skipped == 1, "dynamic: inf skips the step and halves the scale (%g)",
               mx.scale);
    grads(NAN);
    ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(!ok && mx.scale == 16384 && mx.skipped == 2, "dynamic: NaN too (%g)", mx.scale);
    /* one non-finite value among finite ones is enough */
    grads(1.0f);
    params.g[params.numel - 1] = -INFINITY;
    ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(!ok && mx.scale == 8192 && mx.skipped == 3, "dynamic: one -inf among finite gradients skips (%g)",
               mx.scale);
    /* growth: 1,999 clean steps keep the scale, the 2,000th doubles it */
    int kept = 1;
    for (int i = 0; i < 1999; i++) {
        grads(1.0f);
        kept &= mixed_unscale(&mx, &params) && mx.scale == 8192;
    }
    CHECK_TRUE(kept, "dynamic: 1,999 clean steps keep the scale");
    grads(1.0f);
    ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(ok && mx.scale == 16384, "dynamic: the 2,000th clean step doubles it (%g)", mx.scale);
    /* a skip restarts the count: 1,000 clean, a skip, 1,999 clean: no growth yet */
    for (int i = 0; i < 1000; i++) grads(1.0f), mixed_unscale(&mx, &params);
    grads(NAN);
    mixed_unscale(&mx, &params);
    kept = mx.scale == 8192;
    for (int i = 0; i < 1999; i++) {
        grads(1.0f);
        kept &= mixed_unscale(&mx, &params) && mx.scale == 8192;
    }
    grads(1.0f);
    mixed_unscale(&mx, &params);
    CHECK_TRUE(kept && mx.scale == 16384 && mx.skipped == 4,
               "dynamic: a skip halves and restarts the 2,000-step count (%g, %ld skipped)", mx.scale,
               mx.skipped);
    mixed_free(&mx);
}

static void fixed(void)
{
    Mixed mx = scaler("1024");
    grads(1024.0f * 5);
    bool ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(ok && params.g[0] == 5.0f && mx.scale == 1024, "static 1024: divides (%g) and applies",
               params.g[0]);
    grads(INFINITY);
    ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(ok && mx.scale == 1024 && mx.skipped == 0,
               "static 1024: a non-finite gradient is let through, the scale stays");
    mixed_free(&mx);
}

static Mixed multiplied(const char *loss_scale, double mult)
{
    Settings s;
    settings_defaults(&s, MODEL_MLP);
    s.precision = PREC_FP16;
    s.loss_multiplier = mult;
    snprintf(s.loss_scale, sizeof s.loss_scale, "%s", loss_scale);
    Mixed mx;
    Status st = mixed_init(&mx, &s, &params, 16);
    CHECK_TRUE(st == ST_OK, "mixed_init fp16 loss_scale %s multiplier %g", loss_scale, mult);
    return mx;
}

static void multiplier(void)
{
    Mixed mx = multiplied("none", ldexp(1.0, -20));
    CHECK_TRUE(mixed_dloss(&mx, 4) == (float)ldexp(1.0, -22), "multiplier 2^-20, accum 4: weight 2^-22 (%g)",
               mixed_dloss(&mx, 4));
    grads((float)ldexp(3.0, -20));
    bool ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(ok && params.g[0] == 3.0f && mx.scale == 1, "multiplier 2^-20 alone: divided out exactly (%g)",
               params.g[0]);
    mixed_free(&mx);
    mx = multiplied("dynamic", ldexp(1.0, -20));
    CHECK_TRUE(mixed_dloss(&mx, 1) == (float)ldexp(1.0, -4), "multiplier 2^-20 under dynamic 2^16: weight 2^-4 (%g)",
               mixed_dloss(&mx, 1));
    grads((float)ldexp(5.0, -4));
    ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(ok && params.g[0] == 5.0f && mx.scale == 65536, "multiplier and dynamic scale: both divided out (%g)",
               params.g[0]);
    grads(INFINITY);
    ok = mixed_unscale(&mx, &params);
    CHECK_TRUE(!ok && mx.scale == 32768, "multiplier and dynamic scale: an overflow still halves the scale (%g)",
               mx.scale);
    mixed_free(&mx);
}

static void timing(void)
{
    double t[5] = {0.003, 0.001, 0.002, 0.005, 0.004}, step_s, ips;
    train_step_timing(t, 5, 64, &step_s, &ips);
    CHECK_TRUE(step_s == 0.003 && fabs(ips - 64 / 0.003) < 1e-9,
               "timing: the median step (%g s) and items/s at it (%g)", step_s, ips);
    double z[5] = {0, 0, 0, 0, 1e-6};
    train_step_timing(z, 5, 64, &step_s, &ips);
    CHECK_TRUE(step_s == 0 && isfinite(ips) && fabs(ips / (64 / 2e-7) - 1) < 1e-12,
               "timing: a median of 0 s gives items/s at the mean step (%g), not inf", ips);
    double zz[3] = {0, 0, 0};
    train_step_timing(zz, 3, 64, &step_s, &ips);
    CHECK_TRUE(step_s == 0 && isnan(ips), "timing: all steps 0 s: items/s is nan (%g), not inf", ips);
}

int main(void)
{
    int shape[1] = {6};
    params_add(&params, "x", 1, shape, false);
    if (!CHECK_TRUE(params_alloc(&params) == ST_OK, "params of 6 values")) return th_done();
    dynamic();
    fixed();
    multiplier();
    timing();
    params_free(&params);
    return th_done();
}
