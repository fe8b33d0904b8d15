/* Named random streams. A run derives one independent GSL generator per purpose
 * ("init", "data", "dropout", "noise", ...) from its seed, so that changing how much
 * one consumer draws never shifts another's numbers. The generator is MT19937
 * (gsl_rng_mt19937); its 32-bit seed is hash(name, seed). */
#ifndef DESCENT_CORE_RNG_H
#define DESCENT_CORE_RNG_H

#include <gsl/gsl_rng.h>
#include <stdint.h>

/* The stream `name` of run seed `seed`; NULL when out of memory. Free with gsl_rng_free. */
gsl_rng *rng_stream(uint64_t seed, const char *name);

/* Fisher-Yates permutation of 0..n-1 drawn from r. */
void rng_permutation(gsl_rng *r, int *perm, int n);

#endif
