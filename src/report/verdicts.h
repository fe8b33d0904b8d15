/* Verdict rules: code that turns an experiment's results into confirmed, refuted or
 * inconclusive, and draws the figures that show why. A rule is a VerdictRule
 * {name, what, judge, figures} (after GSL's type tables); an experiment names its
 * rule in [verdict] `rule = NAME` and gives the thresholds as the section's other
 * keys. Each rule writes the numbers it judged by into `text` (markdown) and one key
 * number for the claims table.
 *
 * Adding a rule is one new file defining `const VerdictRule verdict_rule_NAME`, one
 * word in VERDICT_RULES in verdicts.c and its line in meson.build; nothing else in the
 * report knows rule names. */
#ifndef DESCENT_REPORT_VERDICTS_H
#define DESCENT_REPORT_VERDICTS_H

#include "core/status.h"
#include "report/experiment.h"
#include "report/figures.h"

typedef enum { VERDICT_NONE, VERDICT_CONFIRMED, VERDICT_REFUTED, VERDICT_INCONCLUSIVE } Verdict;

extern const char *const verdict_names[4]; /* "not judged", "confirmed", ... */

enum { J_MAX_CLAIMS = 4 };

typedef struct {
    Verdict verdict;
    char key[256];    /* the key number, one line */
    char text[16384]; /* markdown: the numbers judged by */
    /* A rule that judges several claims of one experiment separately gives each its
     * own verdict and key number here (the claims table uses them); 0: `verdict` and
     * `key` stand for every claim the experiment tests. */
    int nclaims;
    struct {
        char id[8];
        Verdict verdict;
        char key[256];
    } claim[J_MAX_CLAIMS];
    /* The power calculation (report/stability.h), for a rule that compares a per-seed
     * quantity with a threshold: the smallest difference it must resolve, the standard
     * deviation of that quantity over spread_n seeds (in the same units), and in words
     * what the quantity is. resolve = 0: the rule states none. */
    double resolve, spread;
    int spread_n;
    char resolve_what[512];
} Judgement;

typedef struct {
    const char *name;
    const char *what; /* one line: what it computes (printed in the report) */
    /* Judges x (which has results); returns non-OK only for errors reading results. */
    Status (*judge)(const Experiment *x, Judgement *j);
    /* Draws x's figures into fs (fig_open ... fig_close); NULL: none. */
    Status (*figures)(FigureSet *fs, const Experiment *x);
} VerdictRule;

/* NULL when no rule has that name. */
const VerdictRule *verdict_rule_by_name(const char *name);

/* The weaker of two verdicts: refuted over inconclusive over confirmed. */
Verdict verdict_worse(Verdict a, Verdict b);

/* Appends printf-style text to j->text. */
void judge_printf(Judgement *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
