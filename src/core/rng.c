/* Named random streams over GSL's MT19937. */
#include "core/rng.h"

#include "core/hash.h"
#include "core/status.h"

gsl_rng *rng_stream(uint64_t seed, const char *name)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) {
        err_set(ST_NOMEM, "out of memory allocating random stream '%s'", name);
        return NULL;
    }
    unsigned long s = (unsigned long)(hash_str(name, seed) & 0xffffffffUL);
    gsl_rng_set(r, s ? s : 1); /* GSL maps seed 0 to its default 4357 */
    return r;
}

void rng_permutation(gsl_rng *r, int *perm, int n)
{
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)gsl_rng_uniform_int(r, (unsigned long)i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
}
