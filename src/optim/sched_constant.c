/* Constant learning rate after warmup (torch.optim.lr_scheduler.ConstantLR with factor 1). */
#include "optim/schedule.h"

static double constant_factor(const Schedule *s, long step)
{
    (void)s;
    (void)step;
    return 1.0;
}

const ScheduleType sched_constant = {"constant", constant_factor};
