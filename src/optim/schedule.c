/* The schedule registry and the warmup every schedule starts with (see schedule.h). */
#include "optim/schedule.h"

#include <string.h>

#include "core/choices.h"

/* The registry: one line per schedule, in the order `descent train --help` lists them.
 * The index of an entry is the value of the `schedule` setting. */
#define SCHEDULES(X)    \
    X(sched_constant)   \
    X(sched_cosine)     \
    X(sched_step)       \
    X(sched_wsd)

#define SCHED_DECLARE(t) extern const ScheduleType t;
#define SCHED_ENTRY(t) &t,
SCHEDULES(SCHED_DECLARE)
static const ScheduleType *const registry[] = {SCHEDULES(SCHED_ENTRY)};

const ScheduleType *schedule_type_at(int i)
{
    return CHOICE_AT(registry, i);
}

const char *schedule_type_name(int i)
{
    const ScheduleType *t = schedule_type_at(i);
    return t ? t->name : NULL;
}

const ScheduleType *schedule_type_by_name(const char *name)
{
    for (int i = 0; schedule_type_at(i); i++)
        if (strcmp(registry[i]->name, name) == 0) return registry[i];
    return NULL;
}

double schedule_factor(const Schedule *s, long step)
{
    if (step < s->warmup) return (double)(step + 1) / (double)s->warmup;
    return s->type->factor(s, step);
}
