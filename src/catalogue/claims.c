/* Looking up the compiled catalogue (see claims.h). */
#include "catalogue/claims.h"

#include <string.h>

const Claim *claim_find(const char *id)
{
    for (int i = 0; i < n_claims; i++)
        if (strcmp(claims[i].id, id) == 0) return &claims[i];
    return NULL;
}
