/* The registry of verdict rules (see verdicts.h). */
#include "report/verdicts.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const verdict_names[4] = {"not judged", "confirmed", "refuted", "inconclusive"};

static const VerdictRule rules[] = {
    {"parabola",
     "checks each expect_ETA trajectory to `decimals` decimals and locates the regime boundaries "
     "(monotone / oscillating / bouncing / divergent) on the lr grid against `boundaries` within "
     "`boundary_tol`",
     verdict_parabola},
    {"lr_regimes",
     "per series: crawl / converge / zigzag / diverge regimes on the lr grid; the best lr (lowest "
     "mean `metric` with no diverged seed) must sit at most `max_steps` grid steps below the smallest "
     "lr where at least `diverge_fraction` of seeds diverge; best lrs of the `adam_family` must lie "
     "in [`adam_lo`, `adam_hi`]; seeds whose own best lrs differ by more than one grid step make a "
     "series inconclusive",
     verdict_lr_regimes},
    {"precision",
     "pairs every mode's run with the fp32 run of the same seed; a mode matches fp32 when its mean "
     "gap in `metric` is at most `tolerance` of fp32's, loses when it is larger on every seed; C18 "
     "wants bf16 to match and halve `bytes`, bf16 weights to lose with nearest rounding and match "
     "with stochastic rounding; C19 wants unscaled fp16 to lose while scaled fp16 and bf16 match",
     verdict_precision},
};

const VerdictRule *verdict_rule_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rules[i].name, name) == 0) return &rules[i];
    return NULL;
}

Verdict verdict_worse(Verdict a, Verdict b)
{
    if (a == VERDICT_REFUTED || b == VERDICT_REFUTED) return VERDICT_REFUTED;
    if (a == VERDICT_INCONCLUSIVE || b == VERDICT_INCONCLUSIVE) return VERDICT_INCONCLUSIVE;
    return VERDICT_CONFIRMED;
}

void judge_printf(Judgement *j, const char *fmt, ...)
{
    size_t len = strlen(j->text);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->text + len, sizeof j->text - len, fmt, ap);
    va_end(ap);
}
