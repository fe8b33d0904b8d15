/* Cosine decay after warmup, as torch.optim.lr_scheduler.CosineAnnealingLR with
 * eta_min = floor, reaching the floor at step `total`. */
#include "optim/schedule.h"

#include <math.h>

static const double PI = 3.14159265358979323846;

static double cosine_factor(const Schedule *s, long step)
{
    long span = s->total - s->warmup > 1 ? s->total - s->warmup : 1;
    double p = (double)(step - s->warmup) / (double)span;
    p = p < 0 ? 0 : p > 1 ? 1 : p;
    return s->floor + (1.0 - s->floor) * 0.5 * (1.0 + cos(PI * p));
}

const ScheduleType sched_cosine = {"cosine", cosine_factor};
