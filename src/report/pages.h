/* The report's pages (see report.h): report/REPORT.md, the front page, and one page
 * report/NAME.md per experiment. report.c loads and judges the experiments into
 * Entries and hands them to the page writers, which print markdown to a stream. */
#ifndef DESCENT_REPORT_PAGES_H
#define DESCENT_REPORT_PAGES_H

#include <stdbool.h>
#include <stdio.h>

#include "report/experiment.h"
#include "report/figures.h"
#include "report/stability.h"
#include "report/verdicts.h"

typedef struct {
    Experiment x;
    Judgement j;
    Stability stab;           /* the verdict with seeds left out and resampled */
    const VerdictRule *rule;
    int fig_first, fig_count; /* its figures in the FigureSet */
    char error[512];          /* a rule or figure that failed on these results */
} Entry;

/* "not yet tested", "no verdict rule", "error" or the verdict's name. */
const char *entry_verdict_word(const Entry *e);
/* The entry has results and a verdict. */
bool entry_judged(const Entry *e);
/* True when e tests claim `id`; then its verdict word and key number for that claim
 * ("–" as key when it has no verdict). */
bool entry_claim(const Entry *e, const char *id, const char **word, const char **key);
/* The verdict of claim id in e hangs on the seeds chosen (report/stability.h). */
bool entry_fragile(const Entry *e, const char *id);

/* Markdown table cells may not hold '|' or newlines. */
void md_cell(FILE *f, const char *s);
/* The link to a claim in docs/CLAIMS.md from report/: ../docs/CLAIMS.md#c01-the-update-rule... */
void md_claim_link(FILE *f, const char *id);

void page_front(FILE *f, Entry *const *es, int n);
void page_experiment(FILE *f, const Entry *e, const FigureSet *fs);

#endif
