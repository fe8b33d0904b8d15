/* model_create: the one place that maps the `model` setting to a constructor. */
#include "models/model.h"

#include <string.h>

#include "models/gpt.h"
#include "models/mlp.h"

Status model_create(Model **out, const Settings *s, const ModelShape *shape)
{
    *out = NULL;
    if (strcmp(s->model, "mlp") == 0) return mlp_create(out, s, shape);
    if (strcmp(s->model, "gpt") == 0) return gpt_create(out, s, shape);
    return err_set(ST_USAGE, "model: unknown model '%s'", s->model);
}

void model_free(Model *m)
{
    if (m) m->ops->free(m);
}
