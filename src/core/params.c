/* The flat parameter table. */
#include "core/params.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/check.h"
#include "core/pool.h"

int params_add(Params *p, const char *name, int ndim, const int *shape, bool decay)
{
    CHECK(ndim >= 1 && ndim <= PARAM_MAX_DIMS && p->w == NULL);
    if (p->n == p->cap) {
        int cap = p->cap ? 2 * p->cap : 16;
        ParamSpec *s = realloc(p->spec, (size_t)cap * sizeof *s);
        CHECK(s != NULL);
        p->spec = s;
        p->cap = cap;
    }
    ParamSpec *s = &p->spec[p->n];
    memset(s, 0, sizeof *s);
    CHECK(strlen(name) < PARAM_NAME_LEN);
    snprintf(s->name, sizeof s->name, "%s", name);
    s->ndim = ndim;
    s->numel = 1;
    for (int i = 0; i < ndim; i++) {
        s->shape[i] = shape[i];
        s->numel *= shape[i];
    }
    /* keep every tensor 64-byte aligned */
    s->offset = p->numel;
    p->numel += (s->numel + 15) / 16 * 16;
    s->decay = decay;
    return p->n++;
}

Status params_alloc(Params *p)
{
    p->w = buf_floats((size_t)p->numel);
    p->g = buf_floats((size_t)p->numel);
    if (!p->w || !p->g) {
        buf_free(p->w);
        buf_free(p->g);
        p->w = p->g = NULL;
        return ST_NOMEM;
    }
    return ST_OK;
}

void params_free(Params *p)
{
    free(p->spec);
    buf_free(p->w);
    buf_free(p->g);
    memset(p, 0, sizeof *p);
}

int params_find(const Params *p, const char *name)
{
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->spec[i].name, name) == 0) return i;
    return -1;
}

/* Zeroing by chunks over the pool: a large model's gradient is megabytes. */
enum { ZERO_CHUNK = 1 << 16 };

static void zero_chunk(void *ctx, int t)
{
    const Params *p = ctx;
    long lo = (long)t * ZERO_CHUNK, n = p->numel - lo < ZERO_CHUNK ? p->numel - lo : ZERO_CHUNK;
    memset(p->g + lo, 0, (size_t)n * sizeof(float));
}

void params_zero_grad(Params *p)
{
    pool_run((int)((p->numel + ZERO_CHUNK - 1) / ZERO_CHUNK), zero_chunk, p);
}
