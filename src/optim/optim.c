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
#include "core/pool.h"

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
    X(opt_lion)       \
    X(opt_shampoo)    \
    X(opt_muon)       \
    X(opt_schedulefree)

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

const char *graft_name(int g)
{
    static const char *const names[] = {[GRAFT_ADAM] = "adam", [GRAFT_ADAGRAD] = "adagrad"};
    return CHOICE_AT(names, g);
}

const OptType *opt_type_by_name(const char *name)
{
    for (int i = 0; opt_type_at(i); i++)
        if (strcmp(registry[i]->name, name) == 0) return registry[i];
    return NULL;
}

/* Each allocation is a header (the list link, padded to keep the payload aligned) and
 * the payload. */
enum { ALLOC_HEADER = 64 };

void *opt_alloc(Optimizer *o, size_t bytes, bool state)
{
    char *b = buf_alloc(ALLOC_HEADER + bytes);
    if (!b) return NULL;
    memcpy(b, &o->allocs, sizeof o->allocs);
    o->allocs = b;
    *(state ? &o->state_bytes : &o->work_bytes) += (long)bytes;
    return b + ALLOC_HEADER;
}

Status optimizer_init(Optimizer *o, const OptType *type, const Params *p, const OptHyper *h)
{
    CHECK(type != NULL && type->nslots >= 0 && type->nslots <= MAX_SLOTS);
    CHECK((type->update != NULL) != (type->step != NULL && type->init != NULL));
    memset(o, 0, sizeof *o);
    const long numel = p->numel;
    if (type->init) {
        o->type = type;
        o->numel = numel;
        Status st = type->init(o, p, h);
        if (st != ST_OK) {
            if (st == ST_NOMEM)
                err_set(ST_NOMEM, "optimizer %s: cannot allocate its state", type->name);
            optimizer_free(o);
        }
        return st;
    }
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

/* An elementwise rule runs over the thread pool in chunks of UPDATE_CHUNK elements of
 * one tensor, handed out in table order. Each element's arithmetic is the same whatever
 * the chunk it falls in (the rules are elementwise, their scalars depend on the step
 * alone), so the bits depend neither on the chunks nor on the thread count. */
enum { UPDATE_CHUNK = 1 << 14 };

typedef struct {
    Optimizer *o;
    Params *p;
    const OptHyper *h;
    long t;
} StepJob;

static int chunks_of(long numel) { return (int)((numel + UPDATE_CHUNK - 1) / UPDATE_CHUNK); }

static void update_chunk(void *ctx, int task)
{
    const StepJob *j = ctx;
    const Params *p = j->p;
    int i = 0;
    for (; task >= chunks_of(p->spec[i].numel); i++) task -= chunks_of(p->spec[i].numel);
    const ParamSpec *s = &p->spec[i];
    long lo = (long)task * UPDATE_CHUNK, n = s->numel - lo < UPDATE_CHUNK ? s->numel - lo : UPDATE_CHUNK;
    float *slots[MAX_SLOTS] = {0};
    for (int k = 0; k < j->o->type->nslots; k++)
        slots[k] = j->o->state + (size_t)k * (size_t)j->o->numel + s->offset + lo;
    j->o->type->update(p->w + s->offset + lo, p->g + s->offset + lo, slots, n, j->h,
                       s->decay ? j->h->weight_decay : 0.0, j->t);
}

void optimizer_step(Optimizer *o, Params *p, const OptHyper *h)
{
    CHECK(o->type != NULL && o->numel == p->numel && !o->at_eval);
    long t = o->t + 1;
    if (o->type->step) {
        o->type->step(o, p, h, t);
        o->t = t;
        return;
    }
    StepJob j = {o, p, h, t};
    int tasks = 0;
    for (int i = 0; i < p->n; i++) tasks += chunks_of(p->spec[i].numel);
    pool_run(tasks, update_chunk, &j);
    o->t = t;
}

void optimizer_eval_point(Optimizer *o, Params *p, const OptHyper *h, bool eval)
{
    CHECK(o->type != NULL && o->at_eval != eval);
    if (o->type->eval_point) o->type->eval_point(o, p, h, eval);
    o->at_eval = eval;
}

long optimizer_state_bytes(const Optimizer *o, const Params *p)
{
    if (!o->type) return 0;
    if (o->type->init) return o->state_bytes;
    long n = 0; /* real elements, not the alignment padding between tensors */
    for (int i = 0; i < p->n; i++) n += p->spec[i].numel;
    return (long)o->type->nslots * n * (long)sizeof(float);
}

void optimizer_flops(const OptType *type, const Params *p, const OptHyper *h, double *mm, double *ew)
{
    *mm = *ew = 0;
    if (type->flops) {
        type->flops(p, h, mm, ew);
        return;
    }
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        bool decays = s->decay && h->weight_decay != 0;
        *ew += (double)s->numel * (type->ew_flops + (decays ? type->decay_flops : 0));
    }
}

void optimizer_free(Optimizer *o)
{
    if (o->type && o->type->release) o->type->release(o);
    while (o->allocs) {
        void *next;
        memcpy(&next, o->allocs, sizeof next);
        buf_free(o->allocs);
        o->allocs = next;
    }
    buf_free(o->state);
    memset(o, 0, sizeof *o);
}
