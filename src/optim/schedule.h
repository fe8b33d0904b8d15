/* Learning-rate schedules: the multiplier of the peak rate at each step.
 *
 * Linear warmup from 0 over `warmup` steps (step s < warmup gets (s + 1) / warmup),
 * then the schedule's own shape: constant; cosine from 1 to `floor` over the remaining
 * steps; step decay by `gamma` every `step_every` steps; warmup-stable-decay (constant,
 * then a linear decay to `floor` over the last `decay_frac` of the run).
 *
 * A ScheduleType is a static table {name, factor} (as OptType is for optimizers).
 * Adding a schedule is one new file (defining `const ScheduleType sched_NAME`), one line
 * in the registry (SCHEDULES in schedule.c) and one in meson.build: the `schedule`
 * setting takes its choices from the registry. */
#ifndef DESCENT_OPTIM_SCHEDULE_H
#define DESCENT_OPTIM_SCHEDULE_H

typedef struct Schedule Schedule;

typedef struct {
    const char *name;
    /* Multiplier at 0-based step `step`, once warmup is over (step >= s->warmup). */
    double (*factor)(const Schedule *s, long step);
} ScheduleType;

struct Schedule {
    const ScheduleType *type;
    long total;        /* steps in the run */
    long warmup;       /* steps of linear warmup */
    double floor;      /* final multiplier (cosine, wsd) */
    long step_every;   /* step: steps between decays (0: total / 3) */
    double gamma;      /* step: factor per decay */
    double decay_frac; /* wsd: fraction of the run spent decaying */
};

/* The registry: entry i, NULL past the last. */
const ScheduleType *schedule_type_at(int i);
/* Its name (the `schedule` setting's choices, a ChoiceName of core/choices.h). */
const char *schedule_type_name(int i);
/* NULL when no schedule has that name. */
const ScheduleType *schedule_type_by_name(const char *name);
/* Multiplier of the peak learning rate at 0-based step `step`. */
double schedule_factor(const Schedule *s, long step);

#endif
