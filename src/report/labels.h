/* Words for the report's legends and table headings: "learning rate" for lr, "bf16
 * weights, stochastic rounding" for the run whose precision/rounding/loss_scale is
 * bf16-pure/stochastic/none. A key or value without an entry is shown as it is
 * written (underscores as spaces), so a new setting reads acceptably before it has
 * words of its own; give it a line in labels.c. */
#ifndef DESCENT_REPORT_LABELS_H
#define DESCENT_REPORT_LABELS_H

#include <stddef.h>

#include "report/experiment.h"

/* A setting or result column as a heading: "lr" → "learning rate",
 * "precision/rounding/loss_scale" → "number format". Writes into out. */
const char *label_key(char *out, size_t cap, const char *key);
/* Run `row`'s values of the settings `key` names (one, or several joined by '/'), in
 * words for a table cell under label_key's heading (numbers as they are); settings whose value goes without saying in context (round to nearest outside
 * bf16 weights, no loss scaling outside fp16) are left out. */
const char *label_value(char *out, size_t cap, const Experiment *x, int row, const char *key);
/* Run `row`'s values on c's grouping keys, in words for a legend, joined by ", ": numbers and
 * on/off with their setting ("learning rate 0.1", "residual on"); "all runs" for no keys. */
const char *label_run(char *out, size_t cap, const Experiment *x, int row, const Cells *c);

#endif
