/* The claims catalogue, docs/CLAIMS.md, compiled in: claims_gen reads the markdown at
 * build time and writes the table (claims_table.c), so the file the project publishes
 * is the only copy. Experiment files name these ids in [experiment] claims; the report
 * prints each claim's statement and groups the claims by area. */
#ifndef DESCENT_CATALOGUE_CLAIMS_H
#define DESCENT_CATALOGUE_CLAIMS_H

typedef struct {
    const char *id;    /* "C01" */
    const char *title; /* "The update rule on a parabola" */
    const char *area;  /* "Optimisation basics": the ## heading above it */
    const char *text;  /* the **Claim.** paragraph, one line */
} Claim;

extern const Claim claims[];
extern const int n_claims;

/* NULL for an id the catalogue does not list. */
const Claim *claim_find(const char *id);

#endif
