/* Learning-rate schedules: linear warmup, then constant, cosine (as in
 * torch.optim.lr_scheduler.CosineAnnealingLR with eta_min = floor, reaching the floor at
 * step `total`), step decay (StepLR) or warmup-stable-decay (Hägele et al. 2024). */
#include "optim/schedule.h"

#include <math.h>
#include <string.h>

int schedule_kind_by_name(const char *name)
{
    static const char *const names[] = {
        [SCHED_CONSTANT] = "constant", [SCHED_COSINE] = "cosine",
        [SCHED_STEP] = "step",         [SCHED_WSD] = "wsd",
    };
    for (int k = 0; k < (int)(sizeof names / sizeof names[0]); k++)
        if (strcmp(names[k], name) == 0) return k;
    return -1;
}

static const double PI = 3.14159265358979323846;

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

double schedule_factor(const Schedule *s, long step)
{
    if (step < s->warmup) return (double)(step + 1) / (double)s->warmup;
    switch (s->kind) {
    case SCHED_CONSTANT:
        return 1.0;
    case SCHED_COSINE: {
        long span = s->total - s->warmup > 1 ? s->total - s->warmup : 1;
        double p = clamp01((double)(step - s->warmup) / (double)span);
        return s->floor + (1.0 - s->floor) * 0.5 * (1.0 + cos(PI * p));
    }
    case SCHED_STEP: {
        long every = s->step_every > 0 ? s->step_every : (s->total / 3 > 1 ? s->total / 3 : 1);
        return pow(s->gamma, (double)((step - s->warmup) / every));
    }
    case SCHED_WSD: {
        /* the last `decay` steps fall linearly; the last step of the run is at the floor */
        long decay = lround(s->decay_frac * (double)s->total);
        if (decay <= 0) return 1.0;
        double q = clamp01((double)(step - (s->total - decay) + 1) / (double)decay);
        return 1.0 - (1.0 - s->floor) * q;
    }
    }
    return 1.0;
}
