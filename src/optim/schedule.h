/* Learning-rate schedules: the multiplier of the peak rate at each step.
 *
 * Linear warmup from 0 over `warmup` steps (step s < warmup gets (s + 1) / warmup),
 * then one of: constant; cosine from 1 to `floor` over the remaining steps; step decay
 * by `gamma` every `step_every` steps; warmup-stable-decay (constant, then a linear
 * decay to `floor` over the last `decay_frac` of the run). */
#ifndef DESCENT_OPTIM_SCHEDULE_H
#define DESCENT_OPTIM_SCHEDULE_H

typedef enum { SCHED_CONSTANT, SCHED_COSINE, SCHED_STEP, SCHED_WSD } ScheduleKind;

typedef struct {
    ScheduleKind kind;
    long total;      /* steps in the run */
    long warmup;     /* steps of linear warmup */
    double floor;    /* final multiplier (cosine, wsd) */
    long step_every; /* step: steps between decays (0: total / 3) */
    double gamma;    /* step: factor per decay */
    double decay_frac; /* wsd: fraction of the run spent decaying */
} Schedule;

/* -1 when no schedule has that name. */
int schedule_kind_by_name(const char *name);
/* Multiplier of the peak learning rate at 0-based step `step`. */
double schedule_factor(const Schedule *s, long step);

#endif
