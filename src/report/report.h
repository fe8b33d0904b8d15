/* `descent report`: reads experiments/NAME.ini and results/ under a root folder (never
 * trains) and writes root/report/REPORT.md (the front page: claims table, a paragraph
 * per area, the list of pages), root/report/NAME.md per experiment (claims, setup,
 * figures, numbers over seeds, computed verdict, memory, provenance) and
 * root/report/figures/ (*.gp, *.svg); and, when root/docs/CLAIMS.md exists, its
 * Tested-by lines. Files are replaced only when everything was built, and only when
 * they change; pages and figures no experiment writes any more are removed. The same
 * results give the same bytes. */
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
