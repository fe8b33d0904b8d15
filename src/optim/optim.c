/* The optimizer registry and the driver that applies an OptType to a parameter table.
 *
 * State is one buffer of nslots vectors, each laid out like the flat parameter vector,
 * so a tensor's slots sit at the tensor's offset within every vector. optimizer_step
 * walks the table tensor by tensor: weight decay applies only where the spec says so
 * (torch.optim param groups with weight_decay 0 for the others). */
#include "optim/optim.h"

#include <string.h>

#include "core/buf.h"
#include "core/check.h"
#include "core/choices.h"

/* The most state vectors any update rule keeps (Adam's two, with room to grow). */
enum { MAX_SLOTS = 4 };

/* The registry: one line per optimizer, in the order `descent train --help` lists them.
 * The index of an entry is the value of the `optimizer` setting. */
#define OPTIMIZERS(X) \
    X(opt_sgd)        \
    X(opt_momentum)   \
    X(opt_nesterov)   \
    X(opt_adam)       \
    X(opt_adamw)      \
    X(opt_lion)

#define OPT_DECLARE(t) extern const OptType t;
#define OPT_ENTRY(t) &t,
OPTIMIZERS(OPT_DECLARE)
static const OptType *const registry[] = {OPTIMIZERS(OPT_ENTRY)};

const OptType *opt_type_at(int i)
{
    return CHOICE_AT(registry, i);
}

const char *opt_type_name(int i)
{
    const OptType *t = opt_type_at(i);
    return t ? t->name : NULL;
}

const OptType *opt_type_by_name(const char *name)
{
    for (int i = 0; opt_type_at(i); i++)
        if (strcmp(registry[i]->name, name) == 0) return registry[i];
    return NULL;
}

Status optimizer_init(Optimizer *o, const OptType *type, long numel)
{
    CHECK(type != NULL && numel >= 0 && type->nslots >= 0 && type->nslots <= MAX_SLOTS);
    memset(o, 0, sizeof *o);
    if (type->nslots > 0) {
        o->state = buf_floats((size_t)type->nslots * (size_t)numel);
        if (!o->state)
            return err_set(ST_NOMEM, "optimizer %s: cannot allocate %d x %ld floats of state",
                           type->name, type->nslots, numel);
    }
    o->type = type;
    o->numel = numel;
    return ST_OK;
}

void optimizer_step(Optimizer *o, Params *p, const OptHyper *h)
{
    CHECK(o->type != NULL && o->numel == p->numel);
    long t = o->t + 1;
    int ns = o->type->nslots;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        float *slots[MAX_SLOTS] = {0};
        for (int k = 0; k < ns; k++) slots[k] = o->state + (size_t)k * (size_t)o->numel + s->offset;
        o->type->update(p->w + s->offset, p->g + s->offset, slots, s->numel, h,
                        s->decay ? h->weight_decay : 0.0, t);
    }
    o->t = t;
}

long optimizer_state_bytes(const Optimizer *o, const Params *p)
{
    if (!o->type) return 0;
    long n = 0; /* real elements, not the alignment padding between tensors */
    for (int i = 0; i < p->n; i++) n += p->spec[i].numel;
    return (long)o->type->nslots * n * (long)sizeof(float);
}

void optimizer_free(Optimizer *o)
{
    buf_free(o->state);
    memset(o, 0, sizeof *o);
}
