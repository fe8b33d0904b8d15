/* Checkpoints as safetensors: tensors named by the parameter table, settings and the
 * data-given shape in the metadata. */
#include "models/checkpoint.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/safetensors.h"

enum { META_MAX = 128 };

Status checkpoint_save(const char *path, const Model *m, const Settings *s, const DataShape *shape)
{
    const Params *p = &m->params;
    StTensor *t = calloc((size_t)p->n, sizeof *t);
    StMeta meta[META_MAX];
    static char values[META_MAX][STR_LEN + 64];
    if (!t) return err_set(ST_NOMEM, "out of memory");
    int nm = 0;
    for (int i = 0; i < n_setting_specs && nm < META_MAX - 3; i++, nm++) {
        settings_format(s, &setting_specs[i], values[nm], sizeof values[nm]);
        meta[nm] = (StMeta){setting_specs[i].name, values[nm]};
    }
    snprintf(values[nm], sizeof values[nm], "%d", shape->inputs);
    meta[nm] = (StMeta){"inputs_shape", values[nm]};
    nm++;
    snprintf(values[nm], sizeof values[nm], "%d", shape->classes);
    meta[nm] = (StMeta){"classes_shape", values[nm]};
    nm++;
    if (s->model == MODEL_GPT) {
        for (int i = 0; i < shape->classes && i < 256; i++)
            snprintf(values[nm] + 2 * i, 3, "%02x", shape->charset[i]);
        meta[nm] = (StMeta){"charset", values[nm]};
        nm++;
    }
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *sp = &p->spec[i];
        snprintf(t[i].name, sizeof t[i].name, "%s", sp->name);
        t[i].ndim = sp->ndim;
        for (int d = 0; d < sp->ndim; d++) t[i].shape[d] = sp->shape[d];
        t[i].numel = sp->numel;
        t[i].data = p->w + sp->offset;
    }
    Status st = st_write(path, t, p->n, meta, nm);
    free(t);
    return st;
}

/* The charset metadata: two hex digits per token id, exactly min(classes, 256) of
 * them (absent: zeros, for models that have no text). */
static Status read_charset(const char *path, const char *hex, DataShape *shape)
{
    if (!hex) return ST_OK;
    size_t want = 2 * (size_t)(shape->classes < 256 ? shape->classes : 256);
    if (strlen(hex) != want || strspn(hex, "0123456789abcdefABCDEF") != want)
        return err_set(ST_IO, "%s: charset metadata is not %zu hex digits (two per token id)", path, want);
    for (size_t i = 0; i < want / 2; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v); /* two hex digits, checked above */
        shape->charset[i] = (unsigned char)v;
    }
    return ST_OK;
}

/* A stored tensor fits a parameter when its rank and every dimension agree: the same
 * count of floats in another shape ([2, 256] for [256, 2], [512]) is another tensor. */
static bool same_shape(const StTensor *t, const ParamSpec *sp)
{
    if (t->ndim != sp->ndim) return false;
    for (int d = 0; d < sp->ndim; d++)
        if (t->shape[d] != sp->shape[d]) return false;
    return true;
}

/* "[256, 2]" from int or long dimensions (one of them NULL). */
static void shape_text(const int *ints, const long *longs, int ndim, char *out, size_t cap)
{
    size_t len = (size_t)snprintf(out, cap, "[");
    for (int d = 0; d < ndim && len < cap; d++)
        len += (size_t)snprintf(out + len, cap - len, "%s%ld", d ? ", " : "", ints ? (long)ints[d] : longs[d]);
    if (len < cap) snprintf(out + len, cap - len, "]");
}

Status checkpoint_load(const char *path, Model **out, Settings *s, DataShape *shape)
{
    StFile f = {0};
    Status st = st_read(&f, path);
    if (st != ST_OK) return st;
    SettingPairs *pairs = calloc(1, sizeof *pairs);
    if (!pairs) return st_free(&f), err_set(ST_NOMEM, "out of memory");
    for (int i = 0; i < n_setting_specs; i++) {
        const char *v = st_meta(&f, setting_specs[i].name);
        if (v && (st = pairs_add(pairs, setting_specs[i].name, v, path)) != ST_OK) goto done;
    }
    if ((st = settings_from_pairs(s, pairs)) != ST_OK) goto done;
    memset(shape, 0, sizeof *shape);
    const char *inputs = st_meta(&f, "inputs_shape"), *classes = st_meta(&f, "classes_shape");
    if (!inputs || !classes) {
        st = err_set(ST_IO, "%s: not a descent checkpoint (no inputs_shape/classes_shape metadata)", path);
        goto done;
    }
    long n_in, n_cls;
    if (!parse_count(inputs, 0, 100000000L, &n_in) || !parse_count(classes, 1, 100000000L, &n_cls)) {
        st = err_set(ST_IO, "%s: %s metadata is not a count", path,
                     parse_count(inputs, 0, 100000000L, &n_in) ? "classes_shape" : "inputs_shape");
        goto done;
    }
    shape->inputs = (int)n_in;
    shape->classes = (int)n_cls;
    if ((st = read_charset(path, st_meta(&f, "charset"), shape)) != ST_OK) goto done;
    if ((st = model_create(out, s, shape)) != ST_OK) goto done;
    Params *p = &(*out)->params;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *sp = &p->spec[i];
        const StTensor *t = st_find(&f, sp->name);
        if (!t || !same_shape(t, sp)) {
            char want[128], got[128];
            shape_text(sp->shape, NULL, sp->ndim, want, sizeof want);
            if (t) shape_text(NULL, t->shape, t->ndim, got, sizeof got);
            st = t ? err_set(ST_IO, "%s: tensor '%s' has shape %s, the model's is %s", path, sp->name, got, want)
                   : err_set(ST_IO, "%s: tensor '%s' is missing", path, sp->name);
            model_free(*out);
            *out = NULL;
            goto done;
        }
        memcpy(p->w + sp->offset, t->data, (size_t)sp->numel * sizeof(float));
    }
done:
    free(pairs);
    st_free(&f);
    return st;
}
