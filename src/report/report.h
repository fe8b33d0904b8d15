/* `descent report`: reads experiments/NAME.ini and results/ under a root folder (never
 * trains) and writes root/report/REPORT.md and root/report/figures/ (*.gp, *.svg):
 * a summary table of every claim, then per experiment its claims, setup, figures,
 * numbers over seeds and computed verdict; a throughput and a provenance section.
 * Files are replaced only when complete; figures no experiment draws any more are
 * removed. The same results give the same bytes. */
#ifndef DESCENT_REPORT_REPORT_H
#define DESCENT_REPORT_REPORT_H

#include <stdbool.h>

#include "core/status.h"

typedef struct {
    const char *root; /* reads root/experiments, root/results; writes root/report */
    bool render;      /* run gnuplot on the scripts (false: write the .gp only) */
} ReportOptions;

Status report_build(const ReportOptions *o);

#endif
