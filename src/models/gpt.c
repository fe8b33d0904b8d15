/* The character-level GPT (see gpt.h); matches nanoGPT's GPT (model.py) with bias on,
 * its switches aside. N = B·T rows of C channels; every buffer is allocated once in
 * gpt_create: the saved forward values of each block, the final norm and logits, and
 * the backward scratch.
 *
 * Activation checkpointing (activation_checkpoint = K > 0, as torch.utils.checkpoint's
 * checkpoint_sequential with segments of K blocks): the blocks' saved values live in K
 * slots, block l in slot l mod K, so a block overwrites those of the block K before it;
 * only the input of each segment of K blocks is kept in a buffer of its own (and the
 * last block's output, ln_f's input). The backward pass runs each segment's forward
 * again from its kept input, with the same calls on the same row chunks and the
 * dropout masks drawn again from a copy of the stream taken when the segment started,
 * so every saved value, and every gradient, has the same bits as without. The last
 * segment is not recomputed: its values are still in the slots when backward starts.
 * K = 0 is K = L: one segment, every block its own slot. Matrix products go through mm() (via nn/linear and
 * nn/attention), or mm_local() inside row-chunk tasks; per-row work is spread over the
 * thread pool in chunks fixed by the shape, so the bits never depend on the thread
 * count. */
#include "models/gpt.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/buf.h"
#include "core/check.h"
#include "core/pool.h"
#include "core/rng.h"
#include "core/vec.h"
#include "nn/activation.h"
#include "nn/attention.h"
#include "nn/dropout.h"
#include "nn/embedding.h"
#include "nn/linear.h"
#include "nn/loss.h"
#include "nn/norm.h"


/* The saved forward values of one block and their element counts (0: none), the one
 * list that allocation, the slot views and freeing go through:
 *   n1, n1_mean, n1_rstd  (N,C) norm1 output, (N) statistics
 *   qkv (N,3C); att (B,H,T,T) attention probabilities; atty (N,C) attention output
 *   ap, amask             (N,C) attention projection output (dropped out), dropout scales
 *   s1                    (N,C) [x +] attention branch
 *   n2, n2_mean, n2_rstd  (N,C) norm2 output, (N) statistics
 *   fc, fca               (N,4C) fc output before and after the activation
 *   dact                  (N,4C) the GELU's derivative at fc, saved by training
 *   mp, mmask             (N,C) mlp projection output (dropped out), scales
 *   s2                    (N,C) [x +] mlp branch
 * The block's output is s2 (pre-norm) or n2 (post-norm). */
#define GPT_SAVED(X)                                                                      \
    X(n1, nc) X(n1_mean, N) X(n1_rstd, N) X(qkv, 3 * nc) X(att, natt) X(atty, nc) X(ap, nc) \
    X(amask, drop ? nc : 0) X(s1, nc) X(n2, nc) X(n2_mean, N) X(n2_rstd, N) X(fc, 4 * nc)   \
    X(fca, 4 * nc) X(dact, gelu ? 4 * nc : 0) X(mp, nc) X(mmask, drop ? nc : 0) X(s2, nc)
#define SAVED_FIELD(f, count) float *f;

/* A slot: the buffers of one block's saved values. */
typedef struct {
    GPT_SAVED(SAVED_FIELD)
} GptSaved;

/* Parameter indices (-1: absent) and views of one block's saved values: its slot's
 * buffers, and for a block whose output is kept, that buffer as its output. */
typedef struct {
    int ln1w, ln1b, qkvw, qkvb, projw, projb, ln2w, ln2b, fcw, fcb, mprojw, mprojb;
    float *kept; /* (N,C) the block's own output buffer, or NULL (it is in the slot) */
    GPT_SAVED(SAVED_FIELD)
} GptBlock;

typedef struct {
    Model base;
    int L, C, H, T, V, maxB;
    NormKind norm;
    bool post, residual, tied;
    Act act;
    float p_drop;
    bool dropped;                    /* the last forward applied dropout */
    int rows;                        /* B of the last forward */
    int wte, wpe, lnfw, lnfb, lmw;
    GptBlock *blocks;                /* (L) */
    int seg, nslots;                 /* blocks per checkpoint segment (L when off); slots */
    GptSaved *slots;                 /* (nslots) */
    gsl_rng **seg_rng;               /* (segments) the dropout stream at each segment's
                                      * start, or NULL (no dropout or one segment) */
    int *inp, *tgt;                  /* (N) input and target tokens */
    float *x0, *emask;               /* (N,C) embedding output (dropped out), scales */
    float *xf, *f_mean, *f_rstd;     /* (N,C) final norm output, (N) statistics */
    float *logits, *probs, *dlogits; /* (N,V) */
    float *g1, *g2, *s, *s2, *d1;    /* (N,C) backward scratch */
    float *dqkv;                     /* (N,3C) */
    float *dfc, *dfca;               /* (N,4C) */
    float *datt;                     /* (B,H,T,T) */
    double *ce_part;                 /* (chunks of N) loss sum of each row chunk */
    bool probed;                     /* the last forward was a probe */
    double *dnorm;                   /* (L + 2) output gradient norm of the embedding, each
                                      * block and the head, as the backward after a probe
                                      * measured it; else NaN */
} Gpt;

static float *P(const Gpt *m, int i) { return i < 0 ? NULL : m->base.params.w + m->base.params.spec[i].offset; }
static float *G(const Gpt *m, int i) { return i < 0 ? NULL : m->base.params.g + m->base.params.spec[i].offset; }

static void zero(float *p, long n) { memset(p, 0, (size_t)n * sizeof(float)); }

/* ---- per-row work over the thread pool, in chunks of ROWS rows fixed by the shape ---- */

enum { ROWS = 64, FROWS = 256 }; /* FROWS: rows per chunk of the fused forward phases */

typedef struct {
    const Gpt *m;
    float *y, *mean, *rstd, *dx, *dw, *db;
    const float *x, *w, *b, *dy, *base;
    Act act;
    int N, C;
    float scale;
} RowJob;

static int chunks(int N) { return (N + ROWS - 1) / ROWS; }

enum { CH = 16 }; /* channels per task of the gain and bias gradients */

/* Tasks [0, params): the gain and bias gradients of CH channels each, the longest
 * tasks, handed out first; then the row chunks of dx. */
static void norm_bwd_task(void *ctx, int t)
{
    const RowJob *j = ctx;
    int C = j->C, params = j->m->norm == NORM_NONE ? 0 : (C + CH - 1) / CH;
    if (t < params) {
        int c0 = t * CH, c1 = c0 + CH < C ? c0 + CH : C;
        if (j->m->norm == NORM_LAYER)
            layernorm_backward_params(j->dw, j->db, j->dy, j->x, j->mean, j->rstd, j->N, C, c0, c1);
        else
            rmsnorm_backward_params(j->dw, j->dy, j->x, j->rstd, j->N, C, c0, c1);
        return;
    }
    int r0 = (t - params) * ROWS, n = j->N - r0 < ROWS ? j->N - r0 : ROWS;
    long o = (long)r0 * C;
    if (j->base != j->dx) {
        if (j->base) memcpy(j->dx + o, j->base + o, (size_t)n * C * sizeof(float));
        else zero(j->dx + o, (long)n * C);
    }
    if (j->m->norm == NORM_NONE)
        for (long i = o; i < o + (long)n * C; i++) j->dx[i] += j->dy[i];
    else if (j->m->norm == NORM_LAYER)
        layernorm_backward_dx(j->dx + o, j->dy + o, j->x + o, j->w, j->mean + r0, j->rstd + r0,
                              n, C);
    else
        rmsnorm_backward_dx(j->dx + o, j->dy + o, j->x + o, j->w, j->rstd + r0, n, C);
}

/* dx (N,C) = base (N,C) + the norm's input gradient from dy (N,C), where base is dx
 * itself (add), another buffer (copied first) or NULL (zeros); adds dw (C), db (C).
 * dx goes by row chunks; the gain and bias gradients, sums over all rows, by channel
 * chunks that each sum every row in order. */
static void norm_bwd(const Gpt *m, float *dx, const float *base, float *dw, float *db,
                     const float *dy, const float *x, const float *w, const float *mean,
                     const float *rstd, int N, int C)
{
    RowJob j = {.m = m, .dx = dx, .base = base, .dw = dw, .db = db, .dy = dy, .x = x, .w = w,
                .mean = (float *)mean, .rstd = (float *)rstd, .N = N, .C = C};
    int param_tasks = m->norm == NORM_NONE ? 0 : (C + CH - 1) / CH;
    pool_run(chunks(N) + param_tasks, norm_bwd_task, &j);
}

/* dx (cnt) = act'(x)·dy, from the derivative saved by forward when there is one (the
 * same bits as act_backward onto zeros). */
static void act_bwd(float *restrict dx, const float *restrict dy, const float *restrict x,
                    const float *restrict dact, Act act, long cnt)
{
    if (dact) {
        for (long i = 0; i < cnt; i++) dx[i] = dy[i] * dact[i];
        return;
    }
    zero(dx, cnt);
    act_backward(dx, dy, x, cnt, act);
}

/* The loss of each row chunk, summed in chunk order: probs from m->logits. */
static void ce_fwd_task(void *ctx, int t)
{
    const RowJob *j = ctx;
    const Gpt *m = j->m;
    int r0 = t * ROWS, n = j->N - r0 < ROWS ? j->N - r0 : ROWS;
    long o = (long)r0 * m->V;
    m->ce_part[t] = crossentropy_forward(m->probs + o, m->logits + o, m->tgt + r0, n, m->V);
}

/* Σ over N rows of −log p[target] (nats), for the targets in m->tgt. */
static double loss_sum(Gpt *m, int N)
{
    RowJob j = {.m = m, .N = N};
    pool_run(chunks(N), ce_fwd_task, &j);
    double sum = 0;
    for (int t = 0; t < chunks(N); t++) sum += m->ce_part[t];
    return sum;
}

/* dlogits = scale · (probs − onehot(tgt)) by row chunks */
static void ce_bwd_task(void *ctx, int t)
{
    const RowJob *j = ctx;
    const Gpt *m = j->m;
    int r0 = t * ROWS, n = j->N - r0 < ROWS ? j->N - r0 : ROWS;
    long o = (long)r0 * m->V;
    zero(m->dlogits + o, (long)n * m->V);
    crossentropy_backward_rows(m->dlogits + o, m->probs + o, m->tgt + r0, n, m->V, j->scale);
}

/* ---- forward ---- */

/* The forward pass runs as one pool batch per attention and one per row phase: each
 * row chunk goes through everything between two attentions (projection, residual,
 * norms, mlp, and the next block's norm and qkv) while it is in cache. Row chunks and
 * their products (mm_local) are fixed by the shape, so the bits do not depend on the
 * thread count. Dropout masks are drawn before, in the stream's order. */

/* Rows [r0, r0+n) of y (N,C) = norm(x (N,C)), statistics into mean, rstd (N); none copies. */
static void norm_rows(const Gpt *m, float *y, float *mean, float *rstd, const float *x,
                      const float *w, const float *b, int r0, int n)
{
    int C = m->C;
    long o = (long)r0 * C;
    if (m->norm == NORM_NONE) memcpy(y + o, x + o, (size_t)n * C * sizeof(float));
    else if (m->norm == NORM_LAYER) layernorm_forward(y + o, mean + r0, rstd + r0, x + o, w, b, n, C);
    else rmsnorm_forward(y + o, rstd + r0, x + o, w, n, C);
}

/* The output of block l (or the embedding for l = -1). */
static const float *block_out(const Gpt *m, int l)
{
    if (l < 0) return m->x0;
    return m->post ? m->blocks[l].n2 : m->blocks[l].s2;
}

/* Rows of block l's attention input: (pre) n1 = norm1(in), then qkv (N,3C). */
static void attn_in_rows(const Gpt *m, int l, int r0, int n)
{
    const GptBlock *k = &m->blocks[l];
    int C = m->C;
    const float *in = block_out(m, l - 1), *a_in = in;
    if (!m->post) {
        norm_rows(m, k->n1, k->n1_mean, k->n1_rstd, in, P(m, k->ln1w), P(m, k->ln1b), r0, n);
        a_in = k->n1;
    }
    linear_forward_rows(k->qkv + (long)r0 * 3 * C, a_in + (long)r0 * C, P(m, k->qkvw),
                        P(m, k->qkvb), n, C, 3 * C);
}

/* Rows of block l after its attention: projection, [dropout], [residual], the norms
 * and the mlp, up to the block's output. */
static void block_rest_rows(const Gpt *m, int l, bool train, bool drop, int r0, int n)
{
    const GptBlock *k = &m->blocks[l];
    int C = m->C;
    long o = (long)r0 * C, cnt = (long)n * C;
    const float *in = block_out(m, l - 1);
    linear_forward_rows(k->ap + o, k->atty + o, P(m, k->projw), P(m, k->projb), n, C, C);
    if (drop) dropout_apply(k->ap + o, k->amask + o, cnt);
    if (m->residual)
        for (long i = o; i < o + cnt; i++) k->s1[i] = in[i] + k->ap[i];
    else
        memcpy(k->s1 + o, k->ap + o, (size_t)cnt * sizeof(float));
    /* mlp sub-block: its input is norm2(s1) (pre) or norm1(s1) (post) */
    const float *m_in, *r1;
    if (!m->post) {
        norm_rows(m, k->n2, k->n2_mean, k->n2_rstd, k->s1, P(m, k->ln2w), P(m, k->ln2b), r0, n);
        m_in = k->n2;
        r1 = k->s1;
    } else {
        norm_rows(m, k->n1, k->n1_mean, k->n1_rstd, k->s1, P(m, k->ln1w), P(m, k->ln1b), r0, n);
        m_in = r1 = k->n1;
    }
    linear_forward_rows(k->fc + 4 * o, m_in + o, P(m, k->fcw), P(m, k->fcb), n, C, 4 * C);
    if (train && k->dact) gelu_forward_grad(k->fca + 4 * o, k->dact + 4 * o, k->fc + 4 * o, 4 * cnt);
    else act_forward(k->fca + 4 * o, k->fc + 4 * o, 4 * cnt, m->act);
    linear_forward_rows(k->mp + o, k->fca + 4 * o, P(m, k->mprojw), P(m, k->mprojb), n, 4 * C, C);
    if (drop) dropout_apply(k->mp + o, k->mmask + o, cnt);
    if (m->residual)
        for (long i = o; i < o + cnt; i++) k->s2[i] = r1[i] + k->mp[i];
    else
        memcpy(k->s2 + o, k->mp + o, (size_t)cnt * sizeof(float));
    if (m->post)
        norm_rows(m, k->n2, k->n2_mean, k->n2_rstd, k->s2, P(m, k->ln2w), P(m, k->ln2b), r0, n);
}

/* Rows of the head: xf = ln_f(output of the last block), logits (N,V). */
static void head_rows(const Gpt *m, int r0, int n)
{
    int C = m->C;
    norm_rows(m, m->xf, m->f_mean, m->f_rstd, block_out(m, m->L - 1), P(m, m->lnfw),
              P(m, m->lnfb), r0, n);
    linear_forward_rows(m->logits + (long)r0 * m->V, m->xf + (long)r0 * C, P(m, m->lmw), NULL,
                        n, C, m->V);
}

typedef struct {
    const Gpt *m;
    int rest, in, N; /* rest: the block whose attention came last (-1: none); in: the
                      * block whose attention input comes next (L: the head, -1: none) */
    bool train, drop;
} FwdJob;

/* One row chunk from after block `rest`'s attention to block `in`'s qkv, or to the
 * logits. */
static void fwd_rows_task(void *ctx, int t)
{
    const FwdJob *j = ctx;
    int r0 = t * FROWS, n = j->N - r0 < FROWS ? j->N - r0 : FROWS;
    if (j->rest >= 0) block_rest_rows(j->m, j->rest, j->train, j->drop, r0, n);
    if (j->in == j->m->L) head_rows(j->m, r0, n);
    else if (j->in >= 0) attn_in_rows(j->m, j->in, r0, n);
}

/* Block l's two dropout masks (N·C each) from r, in the order the layers use them. */
static void block_masks(Gpt *m, int l, gsl_rng *r, long nc)
{
    dropout_mask(m->blocks[l].amask, nc, m->p_drop, r);
    dropout_mask(m->blocks[l].mmask, nc, m->p_drop, r);
}

/* The training forward of blocks [a, b) again, from the kept input of block a, with
 * the masks drawn from the copy of the stream taken at the segment's start when the
 * forward drew them (the same calls on the same row chunks as forward: the same bits). */
static void recompute(Gpt *m, int a, int b, int B, int T)
{
    int N = B * T;
    bool drop = m->dropped; /* as the forward it repeats: a probe draws no mask */
    FwdJob j = {.m = m, .rest = -1, .in = a, .N = N, .train = true, .drop = drop};
    pool_run((N + FROWS - 1) / FROWS, fwd_rows_task, &j);
    for (int l = a; l < b; l++) {
        GptBlock *k = &m->blocks[l];
        attention_forward(k->atty, k->att, k->qkv, B, T, m->C, m->H);
        if (drop) block_masks(m, l, m->seg_rng[a / m->seg], (long)N * m->C);
        j.rest = l;
        j.in = l + 1 < b ? l + 1 : -1;
        pool_run((N + FROWS - 1) / FROWS, fwd_rows_task, &j);
    }
}

/* Logits (N,V) of tok (B,T) into m->logits; train keeps what backward needs, drop applies
 * dropout (training only). */
static void forward(Gpt *m, const int *tok, int B, int T, bool train, bool drop)
{
    int C = m->C, N = B * T;
    long nc = (long)N * C;
    drop = drop && train && m->p_drop > 0;
    m->dropped = drop;
    m->rows = B;
    m->probed = false;
    for (int i = 0; i < m->L + 2; i++) m->dnorm[i] = NAN;
    gsl_rng *r = m->base.dropout_rng;
    for (long i = 0; i < (long)N; i++) CHECK(tok[i] >= 0 && tok[i] < m->V);
    embedding_forward(m->x0, tok, P(m, m->wte), P(m, m->wpe), B, T, C);
    if (drop) { /* the embedding's mask first, then each block's before its rest */
        dropout_mask(m->emask, nc, m->p_drop, r);
        dropout_apply(m->x0, m->emask, nc);
    }
    FwdJob j = {.m = m, .rest = -1, .in = 0, .N = N, .train = train, .drop = drop};
    pool_run((N + FROWS - 1) / FROWS, fwd_rows_task, &j);
    for (int l = 0; l < m->L; l++) {
        GptBlock *k = &m->blocks[l];
        attention_forward(k->atty, k->att, k->qkv, B, T, C, m->H);
        if (drop) {
            if (m->seg_rng && l % m->seg == 0) gsl_rng_memcpy(m->seg_rng[l / m->seg], r);
            block_masks(m, l, r, nc);
        }
        j.rest = l;
        j.in = l + 1;
        pool_run((N + FROWS - 1) / FROWS, fwd_rows_task, &j);
    }
}

/* ---- backward ---- */

typedef struct {
    const Gpt *m;
    const GptBlock *k;
    float *dx;
    const float *dz;
    bool add;
    int N;
} MlpBwdJob;

/* One chunk of FROWS rows of the mlp's input gradient: [dropout,] dfca = dz·mproj.w,
 * dfc = act'·dfca, dx (+)= dfc·fc.w, while the rows are in cache. */
static void mlp_bwd_task(void *ctx, int t)
{
    const MlpBwdJob *j = ctx;
    const Gpt *m = j->m;
    const GptBlock *k = j->k;
    int C = m->C, r0 = t * FROWS, n = j->N - r0 < FROWS ? j->N - r0 : FROWS;
    long o = (long)r0 * C, cnt = (long)n * C;
    const float *dz = j->dz;
    if (m->dropped) {
        for (long i = o; i < o + cnt; i++) m->s2[i] = j->dz[i] * k->mmask[i];
        dz = m->s2;
    }
    /* dfca (n,4C) = dz (n,C) · mproj.w (C,4C) */
    mm_local(false, false, n, 4 * C, C, 1.0f, dz + o, C, P(m, k->mprojw), 4 * C, 0.0f,
             m->dfca + 4 * o, 4 * C);
    act_bwd(m->dfc + 4 * o, m->dfca + 4 * o, k->fc + 4 * o, k->dact ? k->dact + 4 * o : NULL,
            m->act, 4 * cnt);
    /* dx (n,C) (+)= dfc (n,4C) · fc.w (4C,C) */
    mm_local(false, false, n, C, 4 * C, 1.0f, m->dfc + 4 * o, 4 * C, P(m, k->fcw), C,
             j->add ? 1.0f : 0.0f, j->dx + o, C);
}

/* dx (N,C) (+)= d/dx of the mlp branch with output gradient dz (N,C) and input x:
 * added when add, else overwritten; the mlp's parameter gradients are added. */
static void mlp_bwd(Gpt *m, GptBlock *k, float *dx, bool add, const float *dz, const float *x,
                    int N)
{
    int C = m->C;
    MlpBwdJob j = {.m = m, .k = k, .dx = dx, .dz = dz, .add = add, .N = N};
    pool_run((N + FROWS - 1) / FROWS, mlp_bwd_task, &j);
    if (m->dropped) dz = m->s2;
    linear_backward(NULL, G(m, k->mprojw), G(m, k->mprojb), dz, k->fca, P(m, k->mprojw), N,
                    4 * C, C);
    linear_backward(NULL, G(m, k->fcw), G(m, k->fcb), m->dfc, x, P(m, k->fcw), N, C, 4 * C);
}

/* dx (N,C) (+)= d/dx of the attention branch with output gradient dy (N,C), input x:
 * added when add, else overwritten. */
static void attn_bwd(Gpt *m, GptBlock *k, float *dx, bool add, const float *dy, const float *x,
                     int B, int T)
{
    int C = m->C, N = B * T;
    if (m->dropped) {
        for (long i = 0; i < (long)N * C; i++) m->s2[i] = dy[i] * k->amask[i];
        dy = m->s2;
    }
    /* d1 (N,C) = dy (N,C) · proj.w (C,C) */
    linear_backward_to(m->d1, 0.0f, G(m, k->projw), G(m, k->projb), dy, k->atty, P(m, k->projw),
                       N, C, C);
    attention_backward_to(m->dqkv, m->datt, m->d1, k->att, k->qkv, B, T, C, m->H);
    /* dx (N,C) (+)= dqkv (N,3C) · qkv.w (3C,C) */
    linear_backward_to(dx, add ? 1.0f : 0.0f, G(m, k->qkvw), G(m, k->qkvb), m->dqkv, x,
                       P(m, k->qkvw), N, C, 3 * C);
}

/* Backward of the whole model for the loss already in m->probs; gradients scaled by dloss
 * are ADDED to params.g. */
static void backward(Gpt *m, const int *tok, int B, int T, float dloss)
{
    int C = m->C, N = B * T;
    long nc = (long)N * C;
    RowJob cj = {.m = m, .N = N, .scale = dloss / (float)N};
    pool_run(chunks(N), ce_bwd_task, &cj);
    if (m->probed) m->dnorm[m->L + 1] = vec_norm(m->dlogits, (long)N * m->V);
    /* s (N,C) = dlogits (N,V) · lm_head.w (V,C) */
    linear_backward_to(m->s, 0.0f, G(m, m->lmw), NULL, m->dlogits, m->xf, P(m, m->lmw), N, C, m->V);
    float *g = m->g1, *g2 = m->g2; /* g: gradient of the current block's output */
    norm_bwd(m, g, NULL, G(m, m->lnfw), G(m, m->lnfb), m->s, block_out(m, m->L - 1),
             P(m, m->lnfw), m->f_mean, m->f_rstd, N, C);

    int last_seg = (m->L - 1) / m->seg;
    for (int l = m->L - 1; l >= 0; l--) {
        /* entering a segment from its end: its saved values, unless still there */
        if (l % m->seg == m->seg - 1 && l / m->seg < last_seg) recompute(m, l + 1 - m->seg, l + 1, B, T);
        GptBlock *k = &m->blocks[l];
        const float *in = block_out(m, l - 1);
        if (m->probed) m->dnorm[l + 1] = vec_norm(g, nc); /* g: d(block l's output) */
        if (!m->post) {
            mlp_bwd(m, k, m->s, false, g, k->n2, N); /* s = d n2 */
            /* g2 = d s1 = [g, the residual path] + norm2's input gradient */
            norm_bwd(m, g2, m->residual ? g : NULL, G(m, k->ln2w), G(m, k->ln2b), m->s, k->s1,
                     P(m, k->ln2w), k->n2_mean, k->n2_rstd, N, C);
            attn_bwd(m, k, m->s, false, g2, k->n1, B, T); /* s = d n1 */
            norm_bwd(m, g2, m->residual ? g2 : NULL, G(m, k->ln1w), G(m, k->ln1b), m->s, in,
                     P(m, k->ln1w), k->n1_mean, k->n1_rstd, N, C);
            float *t = g;
            g = g2;
            g2 = t;
        } else {
            norm_bwd(m, m->s, NULL, G(m, k->ln2w), G(m, k->ln2b), g, k->s2, P(m, k->ln2w),
                     k->n2_mean, k->n2_rstd, N, C); /* s = d s2 */
            if (m->residual) memcpy(g2, m->s, (size_t)nc * sizeof(float));
            mlp_bwd(m, k, g2, m->residual, m->s, k->n1, N); /* g2 = d n1 */
            norm_bwd(m, m->s, NULL, G(m, k->ln1w), G(m, k->ln1b), g2, k->s1, P(m, k->ln1w),
                     k->n1_mean, k->n1_rstd, N, C); /* s = d s1 */
            if (m->residual) memcpy(g, m->s, (size_t)nc * sizeof(float));
            attn_bwd(m, k, g, m->residual, m->s, in, B, T); /* g = d in */
        }
    }
    if (m->probed) m->dnorm[0] = vec_norm(g, nc); /* d x0 */
    const float *dx0 = g;
    if (m->dropped) {
        for (long i = 0; i < nc; i++) m->s2[i] = g[i] * m->emask[i];
        dx0 = m->s2;
    }
    embedding_backward(G(m, m->wte), G(m, m->wpe), dx0, tok, B, T, C);
}

/* Splits batch tokens (B, T+1) into inputs and targets (N). */
static void split_tokens(Gpt *m, const Batch *b)
{
    int T = m->T;
    CHECK(b->rows <= m->maxB && b->tokens);
    for (int r = 0; r < b->rows; r++)
        for (int t = 0; t < T; t++) {
            m->inp[r * T + t] = b->tokens[(long)r * (T + 1) + t];
            m->tgt[r * T + t] = b->tokens[(long)r * (T + 1) + t + 1];
            CHECK(m->tgt[r * T + t] >= 0 && m->tgt[r * T + t] < m->V);
        }
}

static double gpt_forward(Model *base, const Batch *b)
{
    Gpt *m = (Gpt *)base;
    int N = b->rows * m->T;
    split_tokens(m, b);
    forward(m, m->inp, b->rows, m->T, true, true);
    return loss_sum(m, N) / N;
}

static double gpt_probe(Model *base, const Batch *b)
{
    Gpt *m = (Gpt *)base;
    int N = b->rows * m->T;
    split_tokens(m, b);
    forward(m, m->inp, b->rows, m->T, true, false);
    m->probed = true;
    return loss_sum(m, N) / N;
}

/* The first tensor of block l (its first norm, or its qkv without norms). */
static int block_first(const Gpt *m, int l)
{
    const GptBlock *k = &m->blocks[l];
    return k->ln1w >= 0 ? k->ln1w : k->qkvw;
}

/* "embedding" (wte + wpe, its output x0), "h.l" (block l's output, its tensors) and
 * "head" (logits; ln_f and lm_head, which is wte when tied). */
static int gpt_layers(const Model *base, LayerView *v, int cap)
{
    const Gpt *m = (const Gpt *)base;
    int n = m->L + 2, head0 = m->L ? m->blocks[m->L - 1].mprojw + 2 : m->wpe + 1;
    long nc = (long)m->rows * m->T * m->C;
    for (int i = 0; i < n && i < cap; i++) {
        int l = i - 1;
        if (i == 0) {
            v[i] = (LayerView){.out = m->x0, .numel = nc, .p0 = m->wte, .p1 = m->wpe + 1};
            snprintf(v[i].name, sizeof v[i].name, "embedding");
        } else if (l < m->L) {
            /* with activation checkpointing an output in a shared slot is gone: none */
            bool gone = m->seg < m->L && !m->blocks[l].kept;
            v[i] = (LayerView){.out = gone ? NULL : block_out(m, l), .numel = gone ? 0 : nc,
                               .p0 = block_first(m, l), .p1 = l + 1 < m->L ? block_first(m, l + 1) : head0};
            snprintf(v[i].name, sizeof v[i].name, "h.%d", l);
        } else {
            v[i] = (LayerView){.out = m->logits, .numel = (long)m->rows * m->T * m->V, .p0 = head0,
                               .p1 = base->params.n};
            snprintf(v[i].name, sizeof v[i].name, "head");
        }
        v[i].dout_norm = m->dnorm[i];
    }
    return n;
}

static void gpt_backward(Model *base, const Batch *b, float dloss)
{
    Gpt *m = (Gpt *)base;
    backward(m, m->inp, b->rows, m->T, dloss);
}

static double gpt_eval(Model *base, const Batch *b, long *correct)
{
    Gpt *m = (Gpt *)base;
    int N = b->rows * m->T;
    split_tokens(m, b);
    forward(m, m->inp, b->rows, m->T, false, false);
    *correct += argmax_correct(m->logits, m->tgt, N, m->V);
    return loss_sum(m, N);
}

const float *gpt_logits(Model *base, const int *tok, int B, int T)
{
    Gpt *m = (Gpt *)base;
    CHECK(B >= 1 && B <= m->maxB && T >= 1 && T <= m->T);
    forward(m, tok, B, T, false, false);
    return m->logits;
}

int gpt_vocab(const Model *base) { return ((const Gpt *)base)->V; }
int gpt_context(const Model *base) { return ((const Gpt *)base)->T; }

static void gpt_free(Model *base)
{
    Gpt *m = (Gpt *)base;
#define SAVED_FREE(f, count) buf_free(q->f);
    for (int i = 0; m->slots && i < m->nslots; i++) {
        GptSaved *q = &m->slots[i];
        GPT_SAVED(SAVED_FREE)
    }
#undef SAVED_FREE
    free(m->slots);
    for (int l = 0; m->blocks && l < m->L; l++) buf_free(m->blocks[l].kept);
    free(m->blocks);
    int segs = m->seg ? (m->L + m->seg - 1) / m->seg : 0;
    for (int i = 0; m->seg_rng && i < segs; i++) gsl_rng_free(m->seg_rng[i]);
    free(m->seg_rng);
    float *bufs[] = {m->x0, m->emask, m->xf, m->f_mean, m->f_rstd, m->logits, m->probs,
                     m->dlogits, m->g1, m->g2, m->s, m->s2, m->d1, m->dqkv, m->dfc, m->dfca,
                     m->datt};
    for (size_t j = 0; j < sizeof bufs / sizeof bufs[0]; j++) buf_free(bufs[j]);
    buf_free(m->inp);
    buf_free(m->tgt);
    buf_free(m->ce_part);
    buf_free(m->dnorm);
    params_free(&base->params);
    gsl_rng_free(base->dropout_rng);
    free(m);
}

static const ModelOps gpt_ops = {"gpt", gpt_forward, gpt_backward, gpt_eval, gpt_probe, gpt_layers, gpt_free};

/* base.flops: one sequence of T tokens through forward and backward as they run
 * (every linear layer computes its input gradient: the first feeds the embeddings).
 * With activation checkpointing the backward pass also runs the forward of every block
 * outside the last segment again. */
static void gpt_count_flops(Gpt *m)
{
    StepFlops *f = &m->base.flops;
    int C = m->C;
    double T = m->T, nc = T * C;
    bool drop = m->p_drop > 0;
    flops_embedding(f, T, C);
    if (drop) flops_dropout(f, nc);
    for (int l = 0; l < m->L; l++) {
        StepFlops block = {0}, *blk = &block;
        flops_norm(blk, T, C, m->norm); /* ln1 */
        flops_linear(blk, T, C, 3 * C, true, true);
        attention_flops(blk, 1, m->T, C, m->H);
        flops_linear(blk, T, C, C, true, true);
        if (drop) flops_dropout(blk, nc);
        if (m->residual) flops_residual(blk, nc);
        flops_norm(blk, T, C, m->norm); /* ln2 */
        flops_linear(blk, T, C, 4 * C, true, true);
        flops_act(blk, 4 * nc, m->act, m->act == ACT_GELU);
        flops_linear(blk, T, 4 * C, C, true, true);
        if (drop) flops_dropout(blk, nc);
        if (m->residual) flops_residual(blk, nc);
        if (l / m->seg < (m->L - 1) / m->seg) /* recomputed */
            block.bwd_mm += block.fwd_mm, block.bwd_ew += block.fwd_ew;
        flops_add_scaled(f, blk, 1);
    }
    flops_norm(f, T, C, m->norm); /* ln_f */
    flops_linear(f, T, C, m->V, false, true);
    flops_crossentropy(f, T, m->V);
}

/* Fills every 2-D tensor per the init setting (table order, one stream); gains 1. */
static void init_params(Gpt *m, const Settings *s, gsl_rng *r)
{
    Params *p = &m->base.params;
    double resid_scale = m->L > 0 ? 1.0 / sqrt(2.0 * m->L) : 1.0;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *sp = &p->spec[i];
        float *w = p->w + sp->offset;
        size_t len = strlen(sp->name);
        if (sp->ndim == 1) {
            if (sp->name[len - 1] == 'w') /* norm gains; biases stay 0 */
                for (long j = 0; j < sp->numel; j++) w[j] = 1.0f;
            continue;
        }
        bool embedding = !strcmp(sp->name, "wte") || !strcmp(sp->name, "wpe");
        bool resid = strstr(sp->name, "attn.proj.w") || strstr(sp->name, "mlp.proj.w");
        int fan_in = sp->shape[1], fan_out = sp->shape[0];
        double std = 0.02;
        if (s->init == INIT_GPT2) std = resid ? 0.02 * resid_scale : 0.02;
        else if (s->init == INIT_NORMAL) std = s->init_std;
        else if (!embedding && s->init == INIT_HE) std = sqrt(2.0 / fan_in);
        else if (!embedding && s->init == INIT_XAVIER) std = sqrt(2.0 / (fan_in + fan_out));
        for (long j = 0; j < sp->numel; j++) w[j] = (float)gsl_ran_gaussian(r, std);
    }
}

Status gpt_create(Model **out, const Settings *s, const DataShape *shape)
{
    *out = NULL;
    int V = shape && shape->classes > 0 ? shape->classes : s->vocab;
    if (V < 1) return err_set(ST_USAGE, "gpt: no vocabulary (the data gives none and vocab is 0)");
    if (s->width < 1 || s->heads < 1 || s->width % s->heads)
        return err_set(ST_USAGE, "heads: %d does not divide width %d", s->heads, s->width);
    if (s->layers < 0 || s->context < 1 || s->batch < 1)
        return err_set(ST_USAGE, "gpt: layers >= 0, context >= 1 and batch >= 1 are needed");
    if (s->act != ACT_GELU && s->act != ACT_RELU)
        return err_set(ST_USAGE, "act: gpt takes gelu or relu, not '%s'", act_name(s->act));

    Gpt *m = calloc(1, sizeof *m);
    if (!m) return err_set(ST_NOMEM, "out of memory");
    Model *base = &m->base;
    base->ops = &gpt_ops;
    m->L = s->layers;
    m->C = s->width;
    m->H = s->heads;
    m->T = s->context;
    m->V = V;
    m->maxB = s->batch;
    m->norm = s->norm;
    m->post = s->norm_position == NORM_POST;
    m->residual = s->residual;
    m->tied = s->tie_embeddings;
    m->act = s->act;
    m->p_drop = (float)s->dropout;
    base->max_rows = m->maxB;
    base->items_per_row = m->T;
    int C = m->C, T = m->T, B = m->maxB, L = m->L, K = s->activation_checkpoint;
    m->seg = K > 0 && K < L ? K : (L > 0 ? L : 1);
    base->max_operand = (long)B * T * (4 * C > V ? 4 * C : V); /* fc output, or logits */
    m->blocks = calloc((size_t)(L ? L : 1), sizeof *m->blocks);
    if (!m->blocks) return gpt_free(base), err_set(ST_NOMEM, "out of memory");

    /* parameter table */
    Params *p = &base->params;
    m->wte = params_add(p, "wte", 2, (int[]){V, C}, true);
    m->wpe = params_add(p, "wpe", 2, (int[]){T, C}, true);
    for (int l = 0; l < L; l++) {
        GptBlock *k = &m->blocks[l];
        char pre[PARAM_NAME_LEN];
        snprintf(pre, sizeof pre, "h.%d.ln1", l);
        params_add_norm(p, pre, m->norm, C, &k->ln1w, &k->ln1b);
        snprintf(pre, sizeof pre, "h.%d.attn.qkv", l);
        k->qkvw = params_add_linear(p, pre, C, 3 * C);
        k->qkvb = k->qkvw + 1;
        snprintf(pre, sizeof pre, "h.%d.attn.proj", l);
        k->projw = params_add_linear(p, pre, C, C);
        k->projb = k->projw + 1;
        snprintf(pre, sizeof pre, "h.%d.ln2", l);
        params_add_norm(p, pre, m->norm, C, &k->ln2w, &k->ln2b);
        snprintf(pre, sizeof pre, "h.%d.mlp.fc", l);
        k->fcw = params_add_linear(p, pre, C, 4 * C);
        k->fcb = k->fcw + 1;
        snprintf(pre, sizeof pre, "h.%d.mlp.proj", l);
        k->mprojw = params_add_linear(p, pre, 4 * C, C);
        k->mprojb = k->mprojw + 1;
        p->spec[k->qkvw].hidden = p->spec[k->projw].hidden = true;
        p->spec[k->fcw].hidden = p->spec[k->mprojw].hidden = true;
    }
    params_add_norm(p, "ln_f", m->norm, C, &m->lnfw, &m->lnfb);
    m->lmw = m->tied ? m->wte : params_add(p, "lm_head.w", 2, (int[]){V, C}, true);
    if (params_alloc(p) != ST_OK) return gpt_free(base), err_set(ST_NOMEM, "out of memory");

    /* matmul FLOPs per token: forward 2·(12·L·C² + V·C) plus the causal attention
     * products (on average (T+1)/2 keys per query), backward twice the forward */
    double fwd = 2.0 * (12.0 * L * C * C + (double)V * C) + 4.0 * L * C * (T + 1) / 2.0;
    base->flops_per_item = 3.0 * fwd;
    gpt_count_flops(m);
    base->embedding_params = p->spec[m->wte].numel + p->spec[m->wpe].numel +
                             (m->tied ? 0 : p->spec[m->lmw].numel);

    gsl_rng *r = rng_stream((uint64_t)s->seed, "init");
    base->dropout_rng = rng_stream((uint64_t)s->seed, "dropout");
    if (!r || !base->dropout_rng) return gsl_rng_free(r), gpt_free(base), ST_NOMEM;
    init_params(m, s, r);
    gsl_rng_free(r);

    /* activation arena: what the backward needs kept, counted as it is allocated */
    long N = (long)B * T, nc = N * C, natt = (long)B * m->H * T * T, bytes = 0;
    bool drop = m->p_drop > 0, gelu = m->act == ACT_GELU;
    m->nslots = L < m->seg ? L : m->seg;
    int segs = (L + m->seg - 1) / m->seg;
    m->slots = calloc((size_t)(m->nslots ? m->nslots : 1), sizeof *m->slots);
    if (!m->slots) return gpt_free(base), err_set(ST_NOMEM, "out of memory");
    if (drop && segs > 1) {
        if (!(m->seg_rng = calloc((size_t)segs, sizeof *m->seg_rng))) return gpt_free(base), ST_NOMEM;
        for (int i = 0; i < segs; i++)
            if (!(m->seg_rng[i] = gsl_rng_clone(base->dropout_rng))) return gpt_free(base), ST_NOMEM;
    }
#define ALLOC(ptr, count)                                                          \
    do {                                                                           \
        long n_ = (long)(count);                                                   \
        if (!((ptr) = buf_floats((size_t)n_))) return gpt_free(base), ST_NOMEM;    \
        bytes += n_ * (long)sizeof(float);                                         \
    } while (0)
    ALLOC(m->x0, nc);
    if (drop) ALLOC(m->emask, nc);
    /* a block's output gets a buffer of its own when it is a segment's last (the next
     * segment's input, or ln_f's); the slot holds the outputs of the others, if any */
    for (int l = 0; l < L; l++)
        if ((l + 1) % m->seg == 0 || l == L - 1) ALLOC(m->blocks[l].kept, nc);
    for (int i = 0; i < m->nslots; i++) {
        GptSaved *q = &m->slots[i];
        float **out = m->post ? &q->n2 : &q->s2;
        bool out_in_slot = false;
        for (int l = i; l < L; l += m->seg) out_in_slot |= !m->blocks[l].kept;
#define SAVED_ALLOC(f, count) \
        if ((count) > 0 && (&q->f != out || out_in_slot)) ALLOC(q->f, count);
        GPT_SAVED(SAVED_ALLOC)
#undef SAVED_ALLOC
    }
    for (int l = 0; l < L; l++) {
        GptBlock *k = &m->blocks[l];
        const GptSaved *q = &m->slots[l % m->seg];
#define SAVED_VIEW(f, count) k->f = q->f;
        GPT_SAVED(SAVED_VIEW)
#undef SAVED_VIEW
        if (k->kept) *(m->post ? &k->n2 : &k->s2) = k->kept;
    }
    ALLOC(m->xf, nc);
    ALLOC(m->f_mean, N);
    ALLOC(m->f_rstd, N);
    ALLOC(m->logits, N * V);
    ALLOC(m->probs, N * V);
    base->activation_bytes = bytes; /* what the backward pass needs kept */
    ALLOC(m->dlogits, N * V);
    ALLOC(m->g1, nc);
    ALLOC(m->g2, nc);
    ALLOC(m->s, nc);
    ALLOC(m->s2, nc);
    ALLOC(m->d1, nc);
    ALLOC(m->dqkv, 3 * nc);
    ALLOC(m->dfc, 4 * nc);
    ALLOC(m->dfca, 4 * nc);
    ALLOC(m->datt, (long)B * m->H * T * T);
#undef ALLOC
    m->inp = buf_alloc((size_t)N * sizeof(int));
    m->tgt = buf_alloc((size_t)N * sizeof(int));
    m->ce_part = buf_alloc((size_t)chunks((int)N) * sizeof(double));
    m->dnorm = buf_doubles((size_t)L + 2);
    if (!m->inp || !m->tgt || !m->ce_part || !m->dnorm) return gpt_free(base), ST_NOMEM;
    for (int i = 0; i < L + 2; i++) m->dnorm[i] = NAN;
    *out = base;
    return ST_OK;
}
