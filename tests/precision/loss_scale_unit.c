/* unit: dynamic loss scaling against torch.cuda.amp.GradScaler's rules (defaults
 * init_scale 2^16, backoff_factor 0.5, growth_factor 2.0, growth_interval 2000), by a
 * hand-computed sequence: every overflow skips the step and halves the scale, also
 * below 1 (GradScaler has no floor); 2000 clean steps in a row double it; unscaling
 * divides the gradients by the scale in force. A static scale and no scale never skip. */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "train/mixed.h"

enum { N = 4 };

static float w[N], g[N];

/* A params table of N values; the gradient of a step is g, scaled as backward would. */
static Params table(void)
{
    Params p = {0};
    p.numel = N;
    p.w = w;
    p.g = g;
    return p;
}

static void fill(float v, double scale)
{
    for (int j = 0; j < N; j++) g[j] = (float)(v * scale);
}

static Mixed make(const char *loss_scale)
{
    Settings s;
    settings_defaults(&s, MODEL_MLP);
    s.precision = PREC_FP16;
    snprintf(s.loss_scale, sizeof s.loss_scale, "%s", loss_scale);
    Params p = table();
    Mixed mx;
    Status st = mixed_init(&mx, &s, &p, N);
    CHECK_TRUE(st == ST_OK, "mixed_init with loss_scale %s", loss_scale);
    return mx;
}

int main(void)
{
    Params p = table();
    Mixed mx = make("dynamic");
    CHECK_TRUE(mx.scale == 65536.0, "dynamic: starts at 2^16 (%g)", mx.scale);
    /* 20 overflowing steps: 2^16 halves to 2^-4, every step skipped, none at 1 */
    int applied = 0;
    for (int i = 0; i < 20; i++) {
        fill(INFINITY, 1);
        applied += mixed_unscale(&mx, &p);
    }
    CHECK_TRUE(applied == 0 && mx.skipped == 20 && mx.scale == ldexp(1.0, -4),
               "dynamic: 20 overflows skip 20 steps (%d applied, %ld skipped) and halve 2^16 to 2^-4 "
               "(%g), through 1 as GradScaler does",
               applied, mx.skipped, mx.scale);
    /* a NaN gradient is an overflow too */
    fill(NAN, 1);
    bool nan_applied = mixed_unscale(&mx, &p);
    CHECK_TRUE(!nan_applied && mx.scale == ldexp(1.0, -5), "dynamic: a NaN skips and halves (%g)", mx.scale);
    /* clean steps: the gradient comes back divided by the scale (here multiplied by 32) */
    fill(3.0f, mx.scale);
    bool ok = mixed_unscale(&mx, &p);
    CHECK_TRUE(ok && g[0] == 3.0f && g[N - 1] == 3.0f, "dynamic: a clean step below 1 unscales (g = %g, want 3)",
               g[0]);
    for (int i = 1; i < 1999; i++) {
        fill(1.0f, mx.scale);
        applied += mixed_unscale(&mx, &p);
    }
    CHECK_TRUE(mx.scale == ldexp(1.0, -5), "dynamic: 1999 clean steps keep the scale (%g)", mx.scale);
    fill(1.0f, mx.scale);
    mixed_unscale(&mx, &p);
    CHECK_TRUE(mx.scale == ldexp(1.0, -4) && mx.skipped == 21,
               "dynamic: the 2000th clean step in a row doubles it (%g), %ld skipped in all", mx.scale,
               mx.skipped);
    /* an overflow resets the count: 1999 clean steps after it do not grow the scale */
    fill(INFINITY, 1);
    mixed_unscale(&mx, &p);
    for (int i = 0; i < 1999; i++) {
        fill(1.0f, mx.scale);
        mixed_unscale(&mx, &p);
    }
    CHECK_TRUE(mx.scale == ldexp(1.0, -5), "dynamic: an overflow restarts the count of clean steps (%g)",
               mx.scale);
    mixed_free(&mx);

    Mixed st = make("8");
    fill(INFINITY, 1);
    bool through = mixed_unscale(&st, &p);
    fill(2.0f, 8);
    mixed_unscale(&st, &p);
    CHECK_TRUE(through && st.scale == 8 && st.skipped == 0 && g[0] == 2.0f,
               "static scale 8: never skips, never changes, divides by 8 (g = %g)", g[0]);
    mixed_free(&st);
    Mixed none = make("none");
    fill(INFINITY, 1);
    CHECK_TRUE(mixed_unscale(&none, &p) && none.scale == 1 && isinf(g[0]),
               "no scale: gradients untouched, nothing skipped");
    mixed_free(&none);
    return th_done();
}
