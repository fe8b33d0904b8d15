/* Aligned buffers. Every float array of the numeric core comes from here, 64-byte
 * aligned (a cache line, an AVX-512 register) and zero-filled. */
#ifndef DESCENT_CORE_BUF_H
#define DESCENT_CORE_BUF_H

#include <stddef.h>

/* Returns NULL when out of memory (and records the error). */
void *buf_alloc(size_t bytes);
float *buf_floats(size_t n);
double *buf_doubles(size_t n);
void buf_free(void *p); /* accepts NULL */

#endif
