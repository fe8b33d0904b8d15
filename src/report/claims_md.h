/* The generated part of the catalogue: the **Tested by:** line of each claim in
 * docs/CLAIMS.md, listing the experiments whose [experiment] claims name it, each
 * linked to its report page. Everything else in the file is written by hand (and
 * compiled in by src/catalogue). */
#ifndef DESCENT_REPORT_CLAIMS_MD_H
#define DESCENT_REPORT_CLAIMS_MD_H

#include "core/status.h"
#include "report/experiment.h"

/* Rewrites the Tested-by lines of path (adding one where a claim has none) from the
 * n experiments, sorted by name; the file is left alone when nothing changes. */
Status claims_md_update(const char *path, const Experiment *const *xs, int n);

#endif
