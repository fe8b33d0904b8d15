/* model_create: the one place that maps the `model` setting to a constructor. */
#include "models/model.h"

#include <stdbool.h>
#include <string.h>

#include "models/gpt.h"
#include "models/mlp.h"

/* inputs, classes and vocab are sizes the data already gives (0: take the data's). A
 * non-zero one that disagrees would size the arena and the products for rows the data
 * does not have: a usage error naming both numbers, before anything is built. */
static Status check_shape(const Settings *s, const DataShape *shape)
{
    bool mlp = s->model == MODEL_MLP;
    if (mlp && s->inputs && s->inputs != shape->inputs)
        return err_set(ST_USAGE, "inputs: %d, but data %s has %d input features", s->inputs, s->data,
                       shape->inputs);
    if (mlp && s->classes && s->classes != shape->classes)
        return err_set(ST_USAGE, "classes: %d, but data %s has %d classes", s->classes, s->data,
                       shape->classes);
    if (s->model == MODEL_GPT && s->vocab && shape->classes > 0 && s->vocab != shape->classes)
        return err_set(ST_USAGE, "vocab: %d, but data %s has %d symbols", s->vocab, s->data,
                       shape->classes);
    return ST_OK;
}

Status model_create(Model **out, const Settings *s, const DataShape *shape)
{
    *out = NULL;
    Status st = check_shape(s, shape);
    if (st != ST_OK) return st;
    st = s->model == MODEL_MLP   ? mlp_create(out, s, shape)
         : s->model == MODEL_GPT ? gpt_create(out, s, shape)
                                 : err_set(ST_USAGE, "model: %s has no network to create",
                                           model_kind_name(s->model));
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
