/* Step decay after warmup (torch.optim.lr_scheduler.StepLR): the rate is multiplied by
 * `gamma` every `step_every` steps (0: a third of the run). */
#include "optim/schedule.h"

#include <math.h>

static double step_factor(const Schedule *s, long step)
{
    long every = s->step_every > 0 ? s->step_every : (s->total / 3 > 1 ? s->total / 3 : 1);
    return pow(s->gamma, (double)((step - s->warmup) / every));
}

const ScheduleType sched_step = {"step", step_factor};
