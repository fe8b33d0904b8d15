/* optim_pool_unit: optimizer_step runs an elementwise rule over the thread pool in
 * chunks of each tensor; its weights and state must be, bit for bit, those of the rule
 * applied to each whole tensor in table order on one thread, with 1, 2 and 3 threads,
 * for every elementwise rule in the registry, over tensors smaller than a chunk, of
 * exactly one chunk and of several with a ragged end, with and without weight decay. */
#include <gsl/gsl_randist.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/params.h"
#include "core/pool.h"
#include "core/rng.h"
#include "harness.h"
#include "optim/optim.h"

enum { STEPS = 3 };

static Params table(void)
{
    Params p = {0};
    params_add(&p, "big.w", 2, (int[]){200, 201}, true); /* 40200: three chunks, ragged */
    params_add(&p, "big.b", 1, (int[]){5}, false);
    params_add(&p, "chunk.w", 2, (int[]){128, 128}, true); /* 16384: exactly one chunk */
    params_add(&p, "gain", 1, (int[]){33}, false);
    CHECK(params_alloc(&p) == ST_OK);
    return p;
}

/* Fills the weights from the stream, and a gradient per step. */
static void fill(float *v, long n, gsl_rng *r)
{
    for (long i = 0; i < n; i++) v[i] = (float)(gsl_ran_gaussian(r, 1.0));
}

/* STEPS updates of each whole tensor in turn, on the calling thread, as optimizer_step
 * did before it used the pool. */
static void reference(const OptType *t, Params *p, float *state, const OptHyper *h, gsl_rng *r)
{
    for (long s = 1; s <= STEPS; s++) {
        fill(p->g, p->numel, r);
        for (int i = 0; i < p->n; i++) {
            const ParamSpec *sp = &p->spec[i];
            float *slots[4] = {0};
            for (int k = 0; k < t->nslots; k++) slots[k] = state + (size_t)k * p->numel + sp->offset;
            t->update(p->w + sp->offset, p->g + sp->offset, slots, sp->numel, h,
                      sp->decay ? h->weight_decay : 0.0, s);
        }
    }
}

int main(void)
{
    OptHyper h = {.lr = 1e-2, .momentum = 0.9, .beta1 = 0.9, .beta2 = 0.99, .eps = 1e-8,
                  .weight_decay = 0.1};
    int rules = 0;
    for (int i = 0; opt_type_at(i); i++) {
        const OptType *t = opt_type_at(i);
        if (!t->update) continue; /* whole-table rules run their own step */
        rules++;
        Params want = table();
        gsl_rng *r = rng_stream(7, "optim_pool_unit");
        fill(want.w, want.numel, r);
        float *state = calloc((size_t)(t->nslots ? t->nslots : 1) * want.numel, sizeof(float));
        CHECK(state);
        reference(t, &want, state, &h, r);
        gsl_rng_free(r);
        for (int threads = 1; threads <= 3; threads++) {
            CHECK(pool_init(threads) == threads);
            Params p = table();
            Optimizer o;
            r = rng_stream(7, "optim_pool_unit");
            fill(p.w, p.numel, r);
            CHECK(optimizer_init(&o, t, &p, &h) == ST_OK);
            for (int s = 0; s < STEPS; s++) {
                fill(p.g, p.numel, r);
                optimizer_step(&o, &p, &h);
            }
            gsl_rng_free(r);
            bool same = memcmp(p.w, want.w, sizeof(float) * (size_t)p.numel) == 0 &&
                        (t->nslots == 0 || memcmp(o.state, state, sizeof(float) * (size_t)t->nslots * p.numel) == 0);
            CHECK_TRUE(same, "%s with %d thread(s): weights and state after %d steps bit for bit as whole tensors on one thread",
                       t->name, threads, STEPS);
            optimizer_free(&o);
            params_free(&p);
        }
        free(state);
        params_free(&want);
    }
    CHECK_TRUE(rules >= 5, "%d elementwise rules checked", rules);
    pool_shutdown();
    return th_done();
}
