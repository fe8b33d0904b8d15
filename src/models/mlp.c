/* The MLP (see mlp.h). B rows; block i maps din → dout. Every buffer is allocated once
 * in mlp_create: saved forward values per block, one gradient buffer per block output
 * (backward layers ADD into it), and two (B, max width) scratch buffers.
 *
 * Activation checkpointing (activation_checkpoint = K > 0): the blocks' saved values
 * live in K slots, block i in slot i mod K (each buffer as large as the largest block
 * of its slot needs), and only every K-th block's output, the input of the next
 * segment of K blocks, keeps a buffer of its own (the last block's too, the head's
 * input). The backward pass runs each segment's forward again from its kept input,
 * with the dropout masks drawn again from a copy of the stream taken when the segment
 * started: the same calls on the same values, so the same bits. The last segment is
 * not recomputed: its values are still in the slots. K = 0 is one segment, every block
 * its own slot. */
#include "models/mlp.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/check.h"
#include "core/pool.h"
#include "core/rng.h"
#include "core/vec.h"
#include "nn/activation.h"
#include "nn/dropout.h"
#include "nn/linear.h"
#include "nn/loss.h"
#include "nn/norm.h"


/* The saved forward values of block i and their element counts (0: none), the one list
 * that allocation, the slot views and freeing go through:
 *   xn         (B,din) pre-norm: norm(x)
 *   z          (B,dout) linear output
 *   a          (B,dout) act(z), dropped out in place when training
 *   mask       (B,dout) dropout scales; NULL without dropout
 *   s          (B,dout) post-norm: [x +] a, the norm's input
 *   out        (B,dout) block output
 *   mean, rstd (B) norm statistics */
#define MLP_SAVED(X)                                                                      \
    X(xn, pre_norm(m, i) ? (long)B * k->din : 0) X(z, (long)B * k->dout)                  \
    X(a, (long)B * k->dout) X(mask, m->p_drop > 0 ? (long)B * k->dout : 0)                \
    X(s, post ? (long)B * k->dout : 0) X(out, (long)B * k->dout)                          \
    X(mean, post || pre_norm(m, i) ? B : 0) X(rstd, post || pre_norm(m, i) ? B : 0)
#define SAVED_FIELD(f, count) float *f;

/* A slot: the buffers of the saved values of the blocks it serves. */
typedef struct {
    MLP_SAVED(SAVED_FIELD)
} MlpSaved;

#define SAVED_COUNT(f, count) long f;
typedef struct {
    MLP_SAVED(SAVED_COUNT)
} MlpCounts;
#undef SAVED_COUNT

typedef struct {
    int din, dout;
    bool residual;
    int w, b, nw, nb;   /* parameter indices; nw, nb are -1 without norm (nb also for rms) */
    float *kept;        /* (B,dout) the block's own output buffer, or NULL (in the slot) */
    MLP_SAVED(SAVED_FIELD) /* views of the slot's buffers (out: kept when there is one) */
    float *dout_g;      /* (B,dout) gradient of out */
} Block;

typedef struct {
    Model base;
    int n_hidden, inputs, classes, maxw;
    NormKind norm;
    bool post;
    Act act;
    float p_drop;
    bool dropped;                  /* the last forward applied dropout */
    int rows;                      /* rows of the last forward */
    Block *blocks;                 /* (n_hidden) */
    int seg, nslots;               /* blocks per checkpoint segment (n_hidden when off); slots */
    MlpSaved *slots;               /* (nslots) */
    gsl_rng **seg_rng;             /* (segments) the dropout stream at each segment's start,
                                    * or NULL (no dropout or one segment) */
    int head_w, head_b, nf_w, nf_b; /* nf: final norm (pre-norm only), else -1 */
    float *xf, *f_mean, *f_rstd;   /* (B,C) final norm output, (B) statistics */
    float *logits, *probs, *dlogits; /* (B,classes) */
    float *t1, *t2;                /* (B,maxw) scratch */
    bool probed;                   /* the last forward was a probe */
    double *dnorm;                 /* (n_hidden + 1) each layer's output gradient norm, as
                                    * the backward after a probe measured it; else NaN */
} Mlp;

static float *P(Mlp *m, int i) { return i < 0 ? NULL : m->base.params.w + m->base.params.spec[i].offset; }
static float *G(Mlp *m, int i) { return i < 0 ? NULL : m->base.params.g + m->base.params.spec[i].offset; }

static void zero(float *p, long n) { memset(p, 0, (size_t)n * sizeof(float)); }

/* y (B,C) = norm(x (B,C)); statistics into mean, rstd (B). */
static void norm_fwd(const Mlp *m, float *y, float *mean, float *rstd, const float *x,
                     const float *w, const float *b, int B, int C)
{
    if (m->norm == NORM_LAYER) layernorm_forward(y, mean, rstd, x, w, b, B, C);
    else rmsnorm_forward(y, rstd, x, w, B, C);
}

/* Adds dx (B,C), dw (C), db (C) from dy (B,C). */
static void norm_bwd(const Mlp *m, float *dx, float *dw, float *db, const float *dy, const float *x,
                     const float *w, const float *mean, const float *rstd, int B, int C)
{
    if (m->norm == NORM_LAYER) layernorm_backward(dx, dw, db, dy, x, w, mean, rstd, B, C);
    else rmsnorm_backward(dx, dw, dy, x, w, rstd, B, C);
}

static int head_in_width(const Mlp *m) { return m->n_hidden ? m->blocks[m->n_hidden - 1].dout : m->inputs; }

/* Pre-norm normalises a block's input only when that input is a hidden layer: the raw
 * features keep their information (LayerNorm over 2-D points would map every point to
 * ±(1,−1)). Post-norm normalises every block's output. */
static bool pre_norm(const Mlp *m, int block) { return m->norm != NORM_NONE && !m->post && block > 0; }

typedef struct {
    const Block *k;
    const float *in; /* (B,din) the block's input */
    float *sum;      /* (B,dout) [in +] a: the block's output, or post-norm's input */
    Act act;
    bool sum_too;
} BlockThen;

/* sum = [in +] a on rows [r0, r1), columns [c0, c1) of the block's (B,dout) values */
static void block_sum(const BlockThen *j, int r0, int r1, int c0, int c1)
{
    const Block *k = j->k;
    for (int r = r0; r < r1; r++) {
        long o = (long)r * k->dout;
        if (k->residual)
            for (long i = o + c0; i < o + c1; i++) j->sum[i] = j->in[i] + k->a[i];
        else
            memcpy(j->sum + o + c0, k->a + o + c0, (size_t)(c1 - c0) * sizeof(float));
    }
}

/* a = act(z), then [the sum], on a block of the linear layer's output */
static void block_then(void *ctx, int r0, int r1, int c0, int c1)
{
    const BlockThen *j = ctx;
    const Block *k = j->k;
    if (c0 == 0 && c1 == k->dout) { /* whole rows: one stretch */
        long o = (long)r0 * k->dout;
        act_forward(k->a + o, k->z + o, (long)(r1 - r0) * k->dout, j->act);
    } else {
        for (int r = r0; r < r1; r++) {
            long o = (long)r * k->dout + c0;
            act_forward(k->a + o, k->z + o, c1 - c0, j->act);
        }
    }
    if (j->sum_too) block_sum(j, r0, r1, c0, c1);
}

/* Forward of blocks [from, to) for x (B,inputs), each block's input the previous
 * one's output; the masks drawn from r when training, and with `snapshot` a copy of r
 * taken at each segment's start for the recomputation. */
static void blocks_forward(Mlp *m, const float *x, int from, int to, int B, bool train, gsl_rng *r,
                           bool snapshot)
{
    bool post = m->norm != NORM_NONE && m->post;
    for (int i = from; i < to; i++) {
        Block *k = &m->blocks[i];
        const float *in = i ? m->blocks[i - 1].out : x;
        long n = (long)B * k->dout;
        bool pre = pre_norm(m, i);
        if (snapshot && m->seg_rng && i % m->seg == 0) gsl_rng_memcpy(m->seg_rng[i / m->seg], r);
        if (pre) norm_fwd(m, k->xn, k->mean, k->rstd, in, P(m, k->nw), P(m, k->nb), B, k->din);
        /* the activation, and without dropout the sum too, on each block of z as its
         * product is done: dropout draws its mask in order, after the whole product */
        bool drop = k->mask && train;
        BlockThen bt = {k, in, post ? k->s : k->out, m->act, !drop};
        linear_forward_then(k->z, pre ? k->xn : in, P(m, k->w), P(m, k->b), B, k->din, k->dout,
                            block_then, &bt);
        if (drop) {
            dropout_forward(k->a, k->mask, k->a, n, m->p_drop, r);
            block_sum(&bt, 0, B, 0, k->dout);
        }
        if (post) norm_fwd(m, k->out, k->mean, k->rstd, k->s, P(m, k->nw), P(m, k->nb), B, k->dout);
    }
}

/* Forward of every block and the head for x (B,inputs) into m->logits (B,classes);
 * dropout only when training. */
static void forward(Mlp *m, const float *x, int B, bool train)
{
    m->dropped = train && m->p_drop > 0;
    m->rows = B;
    m->probed = false;
    for (int i = 0; i <= m->n_hidden; i++) m->dnorm[i] = NAN;
    blocks_forward(m, x, 0, m->n_hidden, B, train, m->base.dropout_rng, train);
    const float *in = m->n_hidden ? m->blocks[m->n_hidden - 1].out : x;
    if (m->nf_w >= 0) {
        norm_fwd(m, m->xf, m->f_mean, m->f_rstd, in, P(m, m->nf_w), P(m, m->nf_b), B, head_in_width(m));
        in = m->xf;
    }
    linear_forward(m->logits, in, P(m, m->head_w), P(m, m->head_b), B, head_in_width(m), m->classes);
}

/* The elementwise part of a block's backward by chunks of ACT_CHUNK elements over the
 * pool (each element's operations as in one loop over all): [dx += ds, the residual
 * path;] t2 = d act output = ds [· mask]; t1 = dz = 0 + t2 · act'(z). */
enum { ACT_CHUNK = 1 << 13 };

typedef struct {
    Mlp *m;
    const Block *k;
    float *dx;
    const float *ds;
    long n;
} ActBwd;

static void act_bwd_task(void *ctx, int t)
{
    const ActBwd *j = ctx;
    Mlp *m = j->m;
    long lo = (long)t * ACT_CHUNK, cnt = j->n - lo < ACT_CHUNK ? j->n - lo : ACT_CHUNK;
    const float *ds = j->ds + lo;
    float *t1 = m->t1 + lo, *t2 = m->t2 + lo;
    if (j->k->residual && j->dx)
        for (long i = 0; i < cnt; i++) j->dx[lo + i] += ds[i];
    if (m->dropped)
        for (long i = 0; i < cnt; i++) t2[i] = ds[i] * j->k->mask[lo + i];
    else
        memcpy(t2, ds, (size_t)cnt * sizeof(float));
    zero(t1, cnt);
    act_backward(t1, t2, j->k->z + lo, cnt, m->act);
}

/* Backward of block i given k->dout_g; adds into dx (B,din), or NULL for the first block. */
static void block_backward(Mlp *m, int i, float *dx, const float *in, int B)
{
    Block *k = &m->blocks[i];
    bool pre = pre_norm(m, i), post = m->norm != NORM_NONE && m->post;
    long n = (long)B * k->dout;
    const float *ds = k->dout_g;
    if (post) {
        zero(m->t1, n);
        norm_bwd(m, m->t1, G(m, k->nw), G(m, k->nb), k->dout_g, k->s, P(m, k->nw), k->mean, k->rstd,
                 B, k->dout);
        ds = m->t1;
    }
    ActBwd ab = {m, k, dx, ds, n};
    pool_run((int)((n + ACT_CHUNK - 1) / ACT_CHUNK), act_bwd_task, &ab);
    if (!pre) {
        linear_backward(dx, G(m, k->w), G(m, k->b), m->t1, in, P(m, k->w), B, k->din, k->dout);
        return;
    }
    /* pre-norm (never the first block, so dx exists): t2 = d norm output */
    zero(m->t2, (long)B * k->din);
    linear_backward(m->t2, G(m, k->w), G(m, k->b), m->t1, k->xn, P(m, k->w), B, k->din, k->dout);
    norm_bwd(m, dx, G(m, k->nw), G(m, k->nb), m->t2, in, P(m, k->nw), k->mean, k->rstd, B, k->din);
}

static double mlp_forward(Model *base, const Batch *b)
{
    Mlp *m = (Mlp *)base;
    CHECK(b->rows <= base->max_rows);
    forward(m, b->x, b->rows, true);
    return crossentropy_forward(m->probs, m->logits, b->y, b->rows, m->classes) / b->rows;
}

static void mlp_backward(Model *base, const Batch *b, float dloss)
{
    Mlp *m = (Mlp *)base;
    int B = b->rows, C = head_in_width(m);
    const float *head_in = m->nf_w >= 0 ? m->xf : m->n_hidden ? m->blocks[m->n_hidden - 1].out : b->x;

    for (int i = 0; i < m->n_hidden; i++) zero(m->blocks[i].dout_g, (long)B * m->blocks[i].dout);
    zero(m->dlogits, (long)B * m->classes);
    crossentropy_backward(m->dlogits, m->probs, b->y, B, m->classes, dloss);
    float *dlast = m->n_hidden ? m->blocks[m->n_hidden - 1].dout_g : NULL;
    if (m->nf_w >= 0) {
        zero(m->t2, (long)B * C);
        linear_backward(m->t2, G(m, m->head_w), G(m, m->head_b), m->dlogits, head_in, P(m, m->head_w),
                        B, C, m->classes);
        const float *x = m->n_hidden ? m->blocks[m->n_hidden - 1].out : b->x;
        float *sink = dlast;
        if (!sink) zero(sink = m->t1, (long)B * C);
        norm_bwd(m, sink, G(m, m->nf_w), G(m, m->nf_b), m->t2, x, P(m, m->nf_w), m->f_mean,
                 m->f_rstd, B, C);
    } else {
        linear_backward(dlast, G(m, m->head_w), G(m, m->head_b), m->dlogits, head_in, P(m, m->head_w),
                        B, C, m->classes);
    }
    int last_seg = m->n_hidden ? (m->n_hidden - 1) / m->seg : 0;
    for (int i = m->n_hidden - 1; i >= 0; i--) {
        /* entering a segment from its end: its saved values again, unless still there */
        if (i % m->seg == m->seg - 1 && i / m->seg < last_seg)
            blocks_forward(m, b->x, i + 1 - m->seg, i + 1, B, m->dropped, /* a probe draws no mask */
                           m->seg_rng ? m->seg_rng[i / m->seg] : NULL, false);
        block_backward(m, i, i ? m->blocks[i - 1].dout_g : NULL, i ? m->blocks[i - 1].out : b->x, B);
    }
    /* every block has added into the output gradients: they are complete now */
    for (int i = 0; m->probed && i <= m->n_hidden; i++)
        m->dnorm[i] = i < m->n_hidden ? vec_norm(m->blocks[i].dout_g, (long)B * m->blocks[i].dout)
                                      : vec_norm(m->dlogits, (long)B * m->classes);
}

static double mlp_eval(Model *base, const Batch *b, long *correct)
{
    Mlp *m = (Mlp *)base;
    CHECK(b->rows <= base->max_rows);
    forward(m, b->x, b->rows, false);
    *correct += argmax_correct(m->logits, b->y, b->rows, m->classes);
    return crossentropy_forward(m->probs, m->logits, b->y, b->rows, m->classes);
}

static double mlp_probe(Model *base, const Batch *b)
{
    Mlp *m = (Mlp *)base;
    CHECK(b->rows <= base->max_rows);
    forward(m, b->x, b->rows, false);
    m->probed = true;
    return crossentropy_forward(m->probs, m->logits, b->y, b->rows, m->classes) / b->rows;
}

/* Hidden block i is "layers.i" (its output, tensors from its weight up to the next
 * block's); the head is "layers.{n_hidden}" (logits; the final norm and the head). */
static int mlp_layers(const Model *base, LayerView *v, int cap)
{
    const Mlp *m = (const Mlp *)base;
    int n = m->n_hidden + 1, head0 = m->nf_w >= 0 ? m->nf_w : m->head_w;
    for (int i = 0; i < n && i < cap; i++) {
        bool head = i == m->n_hidden;
        const Block *k = head ? NULL : &m->blocks[i];
        snprintf(v[i].name, sizeof v[i].name, "layers.%d", i);
        /* with activation checkpointing an output in a shared slot is gone: none */
        bool gone = !head && m->seg < m->n_hidden && !k->kept;
        v[i].out = head ? m->logits : gone ? NULL : k->out;
        v[i].numel = gone ? 0 : (long)m->rows * (head ? m->classes : k->dout);
        v[i].p0 = head ? head0 : k->w;
        v[i].p1 = head ? base->params.n : i + 1 < m->n_hidden ? m->blocks[i + 1].w : head0;
        v[i].dout_norm = m->dnorm[i];
    }
    return n;
}

static void mlp_free(Model *base)
{
    Mlp *m = (Mlp *)base;
#define SAVED_FREE(f, count) buf_free(q->f);
    for (int i = 0; m->slots && i < m->nslots; i++) {
        MlpSaved *q = &m->slots[i];
        MLP_SAVED(SAVED_FREE)
    }
#undef SAVED_FREE
    free(m->slots);
    for (int i = 0; m->blocks && i < m->n_hidden; i++) {
        buf_free(m->blocks[i].kept);
        buf_free(m->blocks[i].dout_g);
    }
    free(m->blocks);
    int segs = m->seg ? (m->n_hidden + m->seg - 1) / m->seg : 0;
    for (int i = 0; m->seg_rng && i < segs; i++) gsl_rng_free(m->seg_rng[i]);
    free(m->seg_rng);
    buf_free(m->dnorm);
    float *bufs[] = {m->xf, m->f_mean, m->f_rstd, m->logits, m->probs, m->dlogits, m->t1, m->t2};
    for (size_t j = 0; j < sizeof bufs / sizeof bufs[0]; j++) buf_free(bufs[j]);
    params_free(&base->params);
    gsl_rng_free(base->dropout_rng);
    free(m);
}

static const ModelOps mlp_ops = {"mlp", mlp_forward, mlp_backward, mlp_eval, mlp_probe, mlp_layers, mlp_free};

/* base.flops: one row through forward and backward as mlp_forward and mlp_backward
 * run it (the first layer computes no input gradient). With activation checkpointing
 * the backward pass also runs the forward of every block outside the last segment
 * again. */
static void mlp_count_flops(Mlp *m)
{
    StepFlops *f = &m->base.flops;
    bool post = m->norm != NORM_NONE && m->post;
    for (int i = 0; i < m->n_hidden; i++) {
        const Block *k = &m->blocks[i];
        StepFlops block = {0}, *blk = &block;
        if (pre_norm(m, i)) flops_norm(blk, 1, k->din, m->norm);
        flops_linear(blk, 1, k->din, k->dout, true, i > 0);
        flops_act(blk, k->dout, m->act, false);
        if (m->p_drop > 0) flops_dropout(blk, k->dout);
        if (k->residual) flops_residual(blk, k->dout);
        if (post) flops_norm(blk, 1, k->dout, m->norm);
        if (i / m->seg < (m->n_hidden - 1) / m->seg) /* recomputed */
            block.bwd_mm += block.fwd_mm, block.bwd_ew += block.fwd_ew;
        flops_add_scaled(f, blk, 1);
    }
    if (m->nf_w >= 0) flops_norm(f, 1, head_in_width(m), m->norm);
    flops_linear(f, 1, head_in_width(m), m->classes, true, m->n_hidden > 0 || m->nf_w >= 0);
    flops_crossentropy(f, 1, m->classes);
}

/* Fills linear weight w (dout,din) per the init setting; biases stay 0. */
static void init_linear(float *w, int din, int dout, const Settings *s, gsl_rng *r)
{
    double std = s->init == INIT_HE       ? sqrt(2.0 / din)
                 : s->init == INIT_XAVIER ? sqrt(2.0 / (din + dout))
                                          : s->init_std;
    for (long j = 0; j < (long)din * dout; j++) w[j] = (float)gsl_ran_gaussian(r, std);
}

Status mlp_create(Model **out, const Settings *s, const DataShape *shape)
{
    Mlp *m = calloc(1, sizeof *m);
    if (!m) return err_set(ST_NOMEM, "out of memory");
    Model *base = &m->base;
    base->ops = &mlp_ops;
    m->inputs = s->inputs ? s->inputs : shape->inputs;
    m->classes = s->classes ? s->classes : shape->classes;
    m->n_hidden = s->n_widths;
    m->norm = s->norm;
    m->post = s->norm_position == NORM_POST;
    m->act = s->act;
    m->p_drop = (float)s->dropout;
    m->nf_w = m->nf_b = -1;
    int B = s->batch, K = s->activation_checkpoint, L = s->n_widths;
    m->seg = K > 0 && K < L ? K : (L > 0 ? L : 1);
    base->max_rows = B;
    base->items_per_row = 1;
    m->blocks = calloc((size_t)(m->n_hidden ? m->n_hidden : 1), sizeof *m->blocks);
    if (!m->blocks) return mlp_free(base), err_set(ST_NOMEM, "out of memory");

    /* parameter table */
    Params *p = &base->params;
    m->maxw = m->inputs > m->classes ? m->inputs : m->classes;
    int din = m->inputs;
    double macs = 0;
    for (int i = 0; i < m->n_hidden; i++) {
        Block *k = &m->blocks[i];
        char prefix[PARAM_NAME_LEN];
        k->din = din;
        k->dout = s->widths[i];
        k->residual = s->residual && k->din == k->dout;
        snprintf(prefix, sizeof prefix, "layers.%d", i);
        k->w = params_add_linear(p, prefix, k->din, k->dout);
        k->b = k->w + 1;
        p->spec[k->w].hidden = i > 0; /* the first layer is the input layer */
        k->nw = k->nb = -1;
        if (m->post || pre_norm(m, i)) {
            snprintf(prefix, sizeof prefix, "layers.%d.norm", i);
            params_add_norm(p, prefix, m->norm, m->post ? k->dout : k->din, &k->nw, &k->nb);
        }
        if (k->dout > m->maxw) m->maxw = k->dout;
        macs += (double)k->din * k->dout;
        din = k->dout;
    }
    if (!m->post) params_add_norm(p, "norm_f", m->norm, din, &m->nf_w, &m->nf_b);
    char prefix[PARAM_NAME_LEN];
    snprintf(prefix, sizeof prefix, "layers.%d", m->n_hidden);
    m->head_w = params_add_linear(p, prefix, din, m->classes);
    m->head_b = m->head_w + 1;
    macs += (double)din * m->classes;
    /* forward 2·macs; backward 4·macs less the first layer's input gradient */
    base->flops_per_item = 6 * macs - 2.0 * m->inputs * (m->n_hidden ? m->blocks[0].dout : m->classes);
    base->max_operand = (long)B * m->maxw; /* the widest activation */
    mlp_count_flops(m);
    if (params_alloc(p) != ST_OK) return mlp_free(base), ST_NOMEM;

    /* initialisation: weights from the "init" stream in table order, gains 1, biases 0 */
    gsl_rng *r = rng_stream((uint64_t)s->seed, "init");
    base->dropout_rng = rng_stream((uint64_t)s->seed, "dropout");
    if (!r || !base->dropout_rng) return gsl_rng_free(r), mlp_free(base), ST_NOMEM;
    for (int i = 0; i <= m->n_hidden; i++) {
        int w = i < m->n_hidden ? m->blocks[i].w : m->head_w;
        init_linear(P(m, w), p->spec[w].shape[1], p->spec[w].shape[0], s, r);
    }
    gsl_rng_free(r);
    for (int i = 0; i < p->n; i++)
        if (strstr(p->spec[i].name, "norm") && p->spec[i].name[strlen(p->spec[i].name) - 1] == 'w')
            for (long j = 0; j < p->spec[i].numel; j++) p->w[p->spec[i].offset + j] = 1.0f;

    /* activation arena: what the backward needs kept, counted as it is allocated */
    long bytes = 0;
#define ALLOC(ptr, count)                                                 \
    do {                                                                  \
        long n_ = (long)(count);                                          \
        if (!((ptr) = buf_floats((size_t)n_))) return mlp_free(base), ST_NOMEM; \
        bytes += n_ * (long)sizeof(float);                                \
    } while (0)
    bool post = m->norm != NORM_NONE && m->post;
    m->nslots = L < m->seg ? L : m->seg;
    int segs = (L + m->seg - 1) / m->seg;
    m->slots = calloc((size_t)(m->nslots ? m->nslots : 1), sizeof *m->slots);
    if (!m->slots) return mlp_free(base), ST_NOMEM;
    if (m->p_drop > 0 && segs > 1) {
        if (!(m->seg_rng = calloc((size_t)segs, sizeof *m->seg_rng))) return mlp_free(base), ST_NOMEM;
        for (int i = 0; i < segs; i++)
            if (!(m->seg_rng[i] = gsl_rng_clone(base->dropout_rng))) return mlp_free(base), ST_NOMEM;
    }
    /* a block's output gets a buffer of its own when it is a segment's last (the next
     * segment's input, or the head's); each slot buffer is as large as the largest of
     * the blocks it serves needs (outputs only for blocks without their own) */
    for (int i = 0; i < L; i++)
        if ((i + 1) % m->seg == 0 || i == L - 1) ALLOC(m->blocks[i].kept, (long)B * m->blocks[i].dout);
    for (int j = 0; j < m->nslots; j++) {
        MlpSaved *q = &m->slots[j];
        MlpCounts need = {0};
        for (int i = j; i < L; i += m->seg) {
            const Block *k = &m->blocks[i];
#define SAVED_MAX(f, count) \
            if ((count) > need.f && (&need.f != &need.out || !k->kept)) need.f = (count);
            MLP_SAVED(SAVED_MAX)
#undef SAVED_MAX
        }
#define SAVED_ALLOC(f, count) \
        if (need.f > 0) ALLOC(q->f, need.f);
        MLP_SAVED(SAVED_ALLOC)
#undef SAVED_ALLOC
    }
    for (int i = 0; i < L; i++) {
        Block *k = &m->blocks[i];
        const MlpSaved *q = &m->slots[i % m->seg];
#define SAVED_VIEW(f, count) k->f = q->f;
        MLP_SAVED(SAVED_VIEW)
#undef SAVED_VIEW
        if (k->kept) k->out = k->kept;
    }
    if (m->nf_w >= 0) {
        ALLOC(m->xf, (long)B * din);
        ALLOC(m->f_mean, B);
        ALLOC(m->f_rstd, B);
    }
    ALLOC(m->logits, (long)B * m->classes);
    ALLOC(m->probs, (long)B * m->classes);
    base->activation_bytes = bytes; /* what the backward pass needs kept */
    for (int i = 0; i < m->n_hidden; i++) ALLOC(m->blocks[i].dout_g, (long)B * m->blocks[i].dout);
    ALLOC(m->dlogits, (long)B * m->classes);
    ALLOC(m->t1, (long)B * m->maxw);
    ALLOC(m->t2, (long)B * m->maxw);
#undef ALLOC
    if (!(m->dnorm = buf_doubles((size_t)L + 1))) return mlp_free(base), ST_NOMEM;
    for (int i = 0; i <= L; i++) m->dnorm[i] = NAN;
    *out = base;
    return ST_OK;
}
