/* Learning-rate schedules: the multiplier at chosen steps of every kind (first and last
 * warmup step, mid-cosine, the floor at the end, step-decay boundaries, the wsd knee),
 * against values worked out by hand from the definitions in optim/schedule.h. */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "optim/schedule.h"

static const double TOL = 1e-12;

static void expect(const char *what, const Schedule *s, long step, double want)
{
    double got = schedule_factor(s, step);
    CHECK_TRUE(fabs(got - want) <= TOL, "%s: step %ld factor %.15g (want %.15g)", what, step, got,
               want);
}

int main(void)
{
    const ScheduleType *constant = schedule_type_by_name("constant");
    const ScheduleType *cosine = schedule_type_by_name("cosine");
    const ScheduleType *stepdecay = schedule_type_by_name("step");
    const ScheduleType *wsd = schedule_type_by_name("wsd");
    const char *names[] = {"constant", "cosine", "step", "wsd"};
    for (int i = 0; i < 4; i++)
        CHECK_TRUE(schedule_type_name(i) && !strcmp(schedule_type_name(i), names[i]) &&
                       schedule_type_by_name(names[i]) == schedule_type_at(i),
                   "registry entry %d is %s", i, names[i]);
    CHECK_TRUE(schedule_type_name(4) == NULL && schedule_type_at(4) == NULL, "four schedules");
    CHECK_TRUE(schedule_type_by_name("linear") == NULL, "unknown name gives NULL");

    /* warmup 10: step s < 10 gets (s + 1) / 10, then the schedule proper */
    Schedule c = {.type = constant, .total = 100, .warmup = 10};
    expect("constant warmup first", &c, 0, 0.1);
    expect("constant warmup mid", &c, 4, 0.5);
    expect("constant warmup last", &c, 9, 1.0);
    expect("constant after warmup", &c, 10, 1.0);
    expect("constant last", &c, 99, 1.0);
    c.warmup = 0;
    expect("constant no warmup", &c, 0, 1.0);

    /* cosine, warmup 10, 100 decay steps, floor 0.1: p = (s − 10) / 100 */
    Schedule cos1 = {.type = cosine, .total = 110, .warmup = 10, .floor = 0.1};
    expect("cosine warmup first", &cos1, 0, 0.1);
    expect("cosine warmup last", &cos1, 9, 1.0);
    expect("cosine start", &cos1, 10, 1.0);
    expect("cosine quarter", &cos1, 35, 0.1 + 0.9 * 0.5 * (1 + sqrt(0.5))); /* cos(π/4) */
    expect("cosine mid", &cos1, 60, 0.55);
    expect("cosine three quarters", &cos1, 85, 0.1 + 0.9 * 0.5 * (1 - sqrt(0.5)));
    expect("cosine at total", &cos1, 110, 0.1);
    expect("cosine past total", &cos1, 500, 0.1);
    /* no warmup, floor 0: 1 at the start, ½ half way, 0 at total */
    Schedule cos0 = {.type = cosine, .total = 100};
    expect("cosine0 start", &cos0, 0, 1.0);
    expect("cosine0 mid", &cos0, 50, 0.5);
    expect("cosine0 end", &cos0, 100, 0.0);

    /* step decay, step_every 0 means total / 3 = 30 */
    Schedule st = {.type = stepdecay, .total = 90, .gamma = 0.1};
    expect("step first", &st, 0, 1.0);
    expect("step before first decay", &st, 29, 1.0);
    expect("step first decay", &st, 30, 0.1);
    expect("step before second decay", &st, 59, 0.1);
    expect("step second decay", &st, 60, 0.01);
    expect("step last", &st, 89, 0.01);
    /* with warmup 5 and step_every 10: decays at 15, 25, … */
    Schedule st2 = {.type = stepdecay, .total = 50, .warmup = 5, .step_every = 10, .gamma = 0.5};
    expect("step warmup first", &st2, 0, 0.2);
    expect("step warmup last", &st2, 4, 1.0);
    expect("step after warmup", &st2, 5, 1.0);
    expect("step before decay", &st2, 14, 1.0);
    expect("step decay 1", &st2, 15, 0.5);
    expect("step decay 2", &st2, 25, 0.25);

    /* wsd: 100 steps, the last 20 decay linearly to the floor at step 99 */
    Schedule w = {.type = wsd, .total = 100, .warmup = 10, .floor = 0.0, .decay_frac = 0.2};
    expect("wsd warmup first", &w, 0, 0.1);
    expect("wsd warmup last", &w, 9, 1.0);
    expect("wsd stable", &w, 50, 1.0);
    expect("wsd knee (last stable step)", &w, 79, 1.0);
    expect("wsd first decay step", &w, 80, 0.95);
    expect("wsd decay half way", &w, 89, 0.5);
    expect("wsd last step", &w, 99, 0.0);
    w.floor = 0.1;
    expect("wsd floor 0.1 half way", &w, 89, 0.55);
    expect("wsd floor 0.1 last step", &w, 99, 0.1);
    expect("wsd floor 0.1 past the end", &w, 120, 0.1);
    w.decay_frac = 0;
    expect("wsd without decay", &w, 99, 1.0);

    return th_done();
}
