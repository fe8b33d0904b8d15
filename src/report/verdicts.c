/* The registry of verdict rules (see verdicts.h). */
#include "report/verdicts.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const verdict_names[4] = {"not judged", "confirmed", "refuted", "inconclusive"};

/* The registry: one word per rule, one per line so that rules added side by side merge;
 * the rule itself is `verdict_rule_WORD`, defined in its own file. */
#define VERDICT_RULES(X) \
    X(parabola) \
    X(lr_regimes) \
    X(precision) \
    X(losses) \
    X(bowl) \
    X(gradcheck) \
    X(isoflop) \
    X(overfit) \
    X(optim_memory) \
    X(optimizers) \
    X(schedules) \
    X(escape) \
    X(accum) \
    X(seeds) \
    X(backward_ratio) \
    X(vanishing) \
    X(clipping) \
    X(depth) \
    X(init) \
    X(grad_variance) \
    X(batch_scaling) \
    X(underflow) \
    X(checkpointing)

#define DECLARE(word) extern const VerdictRule verdict_rule_##word;
VERDICT_RULES(DECLARE)
#define ENTRY(word) &verdict_rule_##word,
static const VerdictRule *const rules[] = {VERDICT_RULES(ENTRY)};

const VerdictRule *verdict_rule_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rules[i]->name, name) == 0) return rules[i];
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
