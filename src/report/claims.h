/* The catalogue of claims the suite tests (CLAIMS.md), one line each, for the report's
 * summary table. Experiments name the ids they test in [experiment] claims. */
#ifndef DESCENT_REPORT_CLAIMS_H
#define DESCENT_REPORT_CLAIMS_H

typedef struct {
    const char *id;   /* "C01" */
    const char *text; /* one-line statement */
} Claim;

extern const Claim claims[];
extern const int n_claims;

/* NULL for an unknown id. */
const Claim *claim_find(const char *id);

#endif
