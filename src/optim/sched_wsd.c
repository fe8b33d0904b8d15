/* Warmup-stable-decay (Hägele et al. 2024): constant, then a linear decay to `floor`
 * over the last `decay_frac` of the run. */
#include "optim/schedule.h"

#include <math.h>

static double wsd_factor(const Schedule *s, long step)
{
    /* the last `decay` steps fall linearly; the last step of the run is at the floor */
    long decay = lround(s->decay_frac * (double)s->total);
    if (decay <= 0) return 1.0;
    double q = (double)(step - (s->total - decay) + 1) / (double)decay;
    q = q < 0 ? 0 : q > 1 ? 1 : q;
    return 1.0 - (1.0 - s->floor) * q;
}

const ScheduleType sched_wsd = {"wsd", wsd_factor};
