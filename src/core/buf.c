/* Aligned, zero-filled buffers. */
#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

#include "core/status.h"

enum { ALIGN = 64 };

void *buf_alloc(size_t bytes)
{
    size_t rounded = (bytes + ALIGN - 1) / ALIGN * ALIGN;
    void *p = aligned_alloc(ALIGN, rounded ? rounded : ALIGN);
    if (!p) {
        err_set(ST_NOMEM, "out of memory allocating %zu bytes", bytes);
        return NULL;
    }
    memset(p, 0, rounded ? rounded : ALIGN);
    return p;
}

float *buf_floats(size_t n) { return buf_alloc(n * sizeof(float)); }

double *buf_doubles(size_t n) { return buf_alloc(n * sizeof(double)); }

void buf_free(void *p) { free(p); }
