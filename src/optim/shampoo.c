/* Shampoo (Gupta, Koren & Singer 2018, "Shampoo: Preconditioned Stochastic Tensor
 * Optimization", Algorithm 1) with layer-wise grafting (Anil et al. 2020, "Scalable
 * Second Order Optimization for Deep Learning", §3) and blocking as Distributed Shampoo
 * does (Shi et al. 2023). Every tensor of two or more dimensions is a matrix
 * (shape[0], rest); vectors (biases, norm gains) take the AdamW step. Per matrix, t from 1:
 *   w ← w·(1 − lr·wd)                                   decoupled decay, decayed tensors
 *   m ← β1·m + (1−β1)·g;  m̂ = m / (1 − β1^t)             the filtered gradient
 *   graft adam:    v ← β2·v + (1−β2)·g²;  d = m̂ / (√v / √(1 − β2^t) + eps)
 *   graft adagrad: v ← v + g²;            d = m̂ / (√v + eps)
 *   per block b (at most block_size × block_size; row blocks × column blocks):
 *     L ← β·L + g_b·g_bᵀ;  R ← β·R + g_bᵀ·g_b             β = shampoo_beta
 *     every precondition_every steps (at t = 1, 1 + k, …), by gsl_eigen_symmv in double:
 *       L⁻¼ = Q·diag((max(λ, 0) + shampoo_eps)^−¼)·Qᵀ, R⁻¼ likewise
 *     p = L⁻¼·m̂_b·R⁻¼;  w_b ← w_b − lr·p·‖d_b‖ / ‖p‖     (norms in double; 0 if ‖p‖ = 0)
 * The grafting gives each block the step length of Adam (or AdaGrad) and Shampoo's
 * direction. Statistics are double (see inverse_fourth_root), roots and moments float;
 * products are fp32 or double whatever the precision policy (mm_fp32, mm_f64). Checked against scripts/gen_matrix_optim_reference.py. */
#include "optim/optim.h"

#include <gsl/gsl_eigen.h>
#include <math.h>
#include <string.h>

#include "core/blas.h"
#include "core/check.h"

extern const OptType opt_adamw; /* adamw.c: the vectors' update */

typedef struct {
    int r0, c0, br, bc; /* the block's rows r0..r0+br, columns c0..c0+bc */
    double *L, *R;      /* (br, br), (bc, bc) statistics, in double (see inverse_fourth_root) */
    float *Li, *Ri;     /* (br, br), (bc, bc) their inverse fourth roots */
} Block;

typedef struct {
    int rows, cols; /* cols 0: a vector, updated by AdamW */
    float *m, *v;   /* (numel) first moment; graft (or Adam) second moment */
    Block *blocks;
    int nblocks;
} Tensor;

typedef struct {
    Tensor *tensors; /* one per parameter tensor */
    int n, maxdim;
    float *mh;                        /* (max matrix numel) m̂ of the tensor at hand */
    float *tmp, *pre;                 /* (maxdim, maxdim) L⁻¼·m̂_b, then ·R⁻¼ */
    double *gb;                       /* (maxdim, maxdim) the gradient block in double */
    double *a, *evec, *eval;          /* (maxdim, maxdim), (maxdim, maxdim), (maxdim) */
    float *q, *qd;                    /* (maxdim, maxdim) Q and Q·diag(λ^−¼) in float */
    gsl_eigen_symmv_workspace *eigen; /* for maxdim; smaller blocks use a prefix */
} Shampoo;

static int blocks_along(int len, int bs) { return (len + bs - 1) / bs; }

static Status shampoo_init(Optimizer *o, const Params *p, const OptHyper *h)
{
    CHECK(h->block_size > 0 && h->precondition_every > 0);
    Shampoo *sh = opt_alloc(o, sizeof *sh, false);
    if (!sh) return ST_NOMEM;
    o->impl = sh;
    sh->n = p->n;
    sh->tensors = opt_alloc(o, (size_t)p->n * sizeof *sh->tensors, false);
    if (!sh->tensors) return ST_NOMEM;
    const int bs = h->block_size;
    long max_numel = 0;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        Tensor *t = &sh->tensors[i];
        if (!(t->m = opt_alloc(o, (size_t)s->numel * sizeof(float), true)) ||
            !(t->v = opt_alloc(o, (size_t)s->numel * sizeof(float), true)))
            return ST_NOMEM;
        if (s->ndim < 2 || s->numel == 0) continue;
        t->rows = s->shape[0];
        t->cols = (int)(s->numel / s->shape[0]);
        if (s->numel > max_numel) max_numel = s->numel;
        int nr = blocks_along(t->rows, bs), nc = blocks_along(t->cols, bs);
        t->nblocks = nr * nc;
        if (!(t->blocks = opt_alloc(o, (size_t)t->nblocks * sizeof *t->blocks, false)))
            return ST_NOMEM;
        for (int b = 0; b < t->nblocks; b++) {
            Block *k = &t->blocks[b];
            k->r0 = (b / nc) * bs;
            k->c0 = (b % nc) * bs;
            k->br = t->rows - k->r0 < bs ? t->rows - k->r0 : bs;
            k->bc = t->cols - k->c0 < bs ? t->cols - k->c0 : bs;
            size_t l = (size_t)k->br * k->br, r = (size_t)k->bc * k->bc;
            if (!(k->L = opt_alloc(o, l * sizeof(double), true)) ||
                !(k->R = opt_alloc(o, r * sizeof(double), true)) ||
                !(k->Li = opt_alloc(o, l * sizeof(float), true)) ||
                !(k->Ri = opt_alloc(o, r * sizeof(float), true)))
                return ST_NOMEM;
            if (k->br > sh->maxdim) sh->maxdim = k->br;
            if (k->bc > sh->maxdim) sh->maxdim = k->bc;
        }
    }
    if (sh->maxdim == 0) return ST_OK;
    size_t d2 = (size_t)sh->maxdim * sh->maxdim;
    if (!(sh->mh = opt_alloc(o, (size_t)max_numel * sizeof(float), false)) ||
        !(sh->tmp = opt_alloc(o, d2 * sizeof(float), false)) ||
        !(sh->pre = opt_alloc(o, d2 * sizeof(float), false)) ||
        !(sh->q = opt_alloc(o, d2 * sizeof(float), false)) ||
        !(sh->qd = opt_alloc(o, d2 * sizeof(float), false)) ||
        !(sh->gb = opt_alloc(o, d2 * sizeof(double), false)) ||
        !(sh->a = opt_alloc(o, d2 * sizeof(double), false)) ||
        !(sh->evec = opt_alloc(o, d2 * sizeof(double), false)) ||
        !(sh->eval = opt_alloc(o, (size_t)sh->maxdim * sizeof(double), false)))
        return ST_NOMEM;
    if (!(sh->eigen = gsl_eigen_symmv_alloc((size_t)sh->maxdim)))
        return err_set(ST_NOMEM, "shampoo: cannot allocate an eigen workspace of %d", sh->maxdim);
    return ST_OK;
}

static void shampoo_release(Optimizer *o)
{
    Shampoo *sh = o->impl;
    if (sh && sh->eigen) gsl_eigen_symmv_free(sh->eigen);
}

/* out (n, n) ← (S + eps·I)^−¼ for the symmetric S (n, n), its eigenvalues clamped at 0.
 * S is in double because a statistic is often rank-deficient (a block's rank grows by
 * one per step at most) and float rounding would put eigenvalues of ~1e-7·‖S‖ where
 * there are none: next to a small eps, they would set the largest factors. */
static void inverse_fourth_root(Shampoo *sh, float *out, const double *S, int n, double eps)
{
    for (long i = 0; i < (long)n * n; i++) sh->a[i] = S[i];
    gsl_matrix_view a = gsl_matrix_view_array(sh->a, (size_t)n, (size_t)n);
    gsl_matrix_view evec = gsl_matrix_view_array(sh->evec, (size_t)n, (size_t)n);
    gsl_vector_view eval = gsl_vector_view_array(sh->eval, (size_t)n);
    gsl_eigen_symmv_workspace ws = *sh->eigen; /* its arrays hold maxdim ≥ n */
    ws.size = (size_t)n;
    CHECK(gsl_eigen_symmv(&a.matrix, &eval.vector, &evec.matrix, &ws) == 0);
    for (int k = 0; k < n; k++) {
        double lam = sh->eval[k] > 0 ? sh->eval[k] : 0;
        double f = pow(lam + eps, -0.25);
        for (int i = 0; i < n; i++) {
            double q = sh->evec[(long)i * n + k];
            sh->q[(long)i * n + k] = (float)q;
            sh->qd[(long)i * n + k] = (float)(q * f);
        }
    }
    mm_fp32(false, true, n, n, n, 1.0f, sh->qd, n, sh->q, n, 0.0f, out, n);
}

static void matrix_step(Shampoo *sh, Tensor *t, float *w, const float *g, const OptHyper *h,
                        double wd, long step)
{
    /* w, g, t->m, t->v, sh->mh (rows, cols) */
    const long n = (long)t->rows * t->cols;
    const int cols = t->cols;
    const float keep = (float)(1.0 - h->lr * wd);
    const float b1 = (float)h->beta1, a1 = (float)(1.0 - h->beta1);
    const float b2 = (float)h->beta2, a2 = (float)(1.0 - h->beta2);
    const float bc1 = (float)(1.0 - pow(h->beta1, (double)step));
    const float bc2_sqrt = (float)sqrt(1.0 - pow(h->beta2, (double)step));
    const float eps = (float)h->eps;
    const bool adam = h->graft == GRAFT_ADAM;
    for (long i = 0; i < n; i++) {
        w[i] = w[i] * keep;
        t->m[i] = t->m[i] * b1 + a1 * g[i];
        sh->mh[i] = t->m[i] / bc1;
        t->v[i] = adam ? t->v[i] * b2 + a2 * g[i] * g[i] : t->v[i] + g[i] * g[i];
    }
    const bool recompute = (step - 1) % h->precondition_every == 0;
    const double beta = h->shampoo_beta;
    for (int b = 0; b < t->nblocks; b++) {
        Block *k = &t->blocks[b];
        const long at = (long)k->r0 * cols + k->c0;
        for (int i = 0; i < k->br; i++)
            for (int j = 0; j < k->bc; j++) sh->gb[(long)i * k->bc + j] = g[at + (long)i * cols + j];
        mm_f64(false, true, k->br, k->br, k->bc, 1.0, sh->gb, k->bc, sh->gb, k->bc, beta, k->L, k->br);
        mm_f64(true, false, k->bc, k->bc, k->br, 1.0, sh->gb, k->bc, sh->gb, k->bc, beta, k->R, k->bc);
        if (recompute) {
            inverse_fourth_root(sh, k->Li, k->L, k->br, h->shampoo_eps);
            inverse_fourth_root(sh, k->Ri, k->R, k->bc, h->shampoo_eps);
        }
        /* tmp, pre (br, bc), row stride bc */
        mm_fp32(false, false, k->br, k->bc, k->br, 1.0f, k->Li, k->br, sh->mh + at, cols, 0.0f,
                sh->tmp, k->bc);
        mm_fp32(false, false, k->br, k->bc, k->bc, 1.0f, sh->tmp, k->bc, k->Ri, k->bc, 0.0f,
                sh->pre, k->bc);
        double dn = 0, pn = 0;
        for (int i = 0; i < k->br; i++)
            for (int j = 0; j < k->bc; j++) {
                long e = at + (long)i * cols + j;
                float denom = adam ? sqrtf(t->v[e]) / bc2_sqrt + eps : sqrtf(t->v[e]) + eps;
                float d = sh->mh[e] / denom;
                float pv = sh->pre[(long)i * k->bc + j];
                dn += (double)d * d;
                pn += (double)pv * pv;
            }
        const float step_len = (float)(pn > 0 ? h->lr * sqrt(dn) / sqrt(pn) : 0.0);
        for (int i = 0; i < k->br; i++)
            for (int j = 0; j < k->bc; j++) {
                long e = at + (long)i * cols + j;
                w[e] = w[e] - step_len * sh->pre[(long)i * k->bc + j];
            }
    }
}

static void shampoo_step(Optimizer *o, Params *p, const OptHyper *h, long step)
{
    Shampoo *sh = o->impl;
    CHECK(sh->n == p->n);
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        Tensor *t = &sh->tensors[i];
        double wd = s->decay ? h->weight_decay : 0.0;
        if (t->cols == 0) {
            float *slots[2] = {t->m, t->v};
            opt_adamw.update(p->w + s->offset, p->g + s->offset, slots, s->numel, h, wd, step);
        } else {
            matrix_step(sh, t, p->w + s->offset, p->g + s->offset, h, wd, step);
        }
    }
}

/* Per matrix block (br, bc): the statistics' products G·Gᵀ (2br²bc) and Gᵀ·G (2bc²br)
 * and the preconditioned Li·M·Ri (2br²bc + 2brbc²); per element 9 (decay, moments,
 * bias correction), 8 (the grafting norms) and 2 (the update). The inverse fourth roots
 * (eigendecompositions every precondition_every steps) are not products through the
 * blas wrapper and are not counted. Vectors take AdamW's count. */
static void shampoo_flops(const Params *p, const OptHyper *h, double *mm, double *ew)
{
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        bool decays = s->decay && h->weight_decay != 0;
        double n = (double)s->numel;
        if (s->ndim < 2 || s->numel == 0) {
            *ew += n * (opt_adamw.ew_flops + (decays ? opt_adamw.decay_flops : 0));
            continue;
        }
        int rows = s->shape[0], cols = (int)(s->numel / s->shape[0]), bs = h->block_size;
        for (int r0 = 0; r0 < rows; r0 += bs)
            for (int c0 = 0; c0 < cols; c0 += bs) {
                double br = rows - r0 < bs ? rows - r0 : bs, bc = cols - c0 < bs ? cols - c0 : bs;
                *mm += 4 * br * br * bc + 4 * br * bc * bc;
            }
        *ew += n * 19;
    }
}

const OptType opt_shampoo = {"shampoo", .init = shampoo_init, .step = shampoo_step,
                             .release = shampoo_release, .flops = shampoo_flops};
