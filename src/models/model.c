/* model_create: the one place that maps the `model` setting to a constructor. */
#include "models/model.h"

#include <string.h>

#include "models/gpt.h"
#include "models/mlp.h"

Status model_create(Model **out, const Settings *s, const DataShape *shape)
{
    *out = NULL;
    Status st = !strcmp(s->model, "mlp")   ? mlp_create(out, s, shape)
                : !strcmp(s->model, "gpt") ? gpt_create(out, s, shape)
                                           : err_set(ST_USAGE, "model: unknown model '%s'", s->model);
    if (st != ST_OK) return st;
    const Params *p = &(*out)->params;
    for (int i = 0; i < p->n; i++)
        if (p->spec[i].numel > (*out)->max_operand) (*out)->max_operand = p->spec[i].numel;
    return ST_OK;
}

void model_free(Model *m)
{
    if (m) m->ops->free(m);
}
