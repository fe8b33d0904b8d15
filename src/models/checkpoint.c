/* Checkpoints as safetensors: tensors named by the parameter table, settings and the
 * data-given shape in the metadata. */
#include "models/checkpoint.h"

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
    if (!strcmp(s->model, "gpt")) {
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
    shape->inputs = atoi(inputs);
    shape->classes = atoi(classes);
    const char *charset = st_meta(&f, "charset");
    for (int i = 0; charset && i < shape->classes && i < 256; i++) {
        unsigned v;
        if (sscanf(charset + 2 * i, "%2x", &v) != 1) {
            st = err_set(ST_IO, "%s: bad charset metadata", path);
            goto done;
        }
        shape->charset[i] = (unsigned char)v;
    }
    if ((st = model_create(out, s, shape)) != ST_OK) goto done;
    Params *p = &(*out)->params;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *sp = &p->spec[i];
        const StTensor *t = st_find(&f, sp->name);
        if (!t || t->numel != sp->numel) {
            st = err_set(ST_IO, "%s: tensor '%s' %s", path, sp->name, t ? "has the wrong size" : "is missing");
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
