/* In-memory classification datasets: allocation and release of splits. */
#include "data/dataset.h"

#include <string.h>

#include "core/buf.h"
#include "core/check.h"

Status dataset_alloc(Dataset *d, int n, int dim, int classes)
{
    CHECK(n >= 0 && dim > 0 && classes > 0);
    memset(d, 0, sizeof *d);
    d->x = buf_floats((size_t)n * (size_t)dim);
    d->y = buf_alloc((size_t)n * sizeof(int));
    if (!d->x || !d->y) {
        dataset_free(d);
        return err_set(ST_NOMEM, "out of memory allocating a dataset of %d x %d", n, dim);
    }
    d->n = n;
    d->dim = dim;
    d->classes = classes;
    return ST_OK;
}

void dataset_free(Dataset *d)
{
    if (!d) return;
    buf_free(d->x);
    buf_free(d->y);
    memset(d, 0, sizeof *d);
}

void splits_free(Splits *s)
{
    if (!s) return;
    dataset_free(&s->train);
    dataset_free(&s->val);
    dataset_free(&s->test);
}
