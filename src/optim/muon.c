/* Muon: momentum orthogonalised by Newton–Schulz (K. Jordan et al. 2024,
 * kellerjordan.github.io/posts/muon; semantics of github.com/KellerJordan/Muon, in fp32
 * where the original runs the iteration in bf16). On the hidden 2-D weights (ParamSpec
 * `hidden`), with β = momentum and Nesterov momentum:
 *   m ← β·m + (1−β)·g;  u = (1−β)·g + β·m
 *   X = u, transposed if rows > cols;  X ← X / (‖X‖ + 1e-7)      (‖·‖ Frobenius, in double)
 *   ns_steps times:  A = X·Xᵀ;  X ← a·X + (b·A + c·A·A)·X,  (a, b, c) = (3.4445, −4.7750, 2.0315)
 *   transposed back;  w ← w·(1 − lr·wd) − lr·√max(1, rows/cols)·X
 * Every other tensor (embeddings, the LM head, the MLP's first and last layer, all
 * vectors) takes the AdamW step at lr·adam_lr_ratio, as Muon's authors pair it. Checked
 * against scripts/gen_matrix_optim_reference.py. */
#include "optim/optim.h"

#include <math.h>
#include <string.h>

#include "core/blas.h"
#include "core/check.h"

extern const OptType opt_adamw; /* adamw.c: the vectors' update */

static const float NS_A = 3.4445f, NS_B = -4.7750f, NS_C = 2.0315f;

typedef struct {
    float *m, *v; /* (numel): momentum (both kinds), AdamW's second moment (AdamW tensors) */
    bool muon;
} Tensor;

typedef struct {
    Tensor *tensors;
    int n;
    float *x, *x2;      /* (k, K) the iterate and the next one; k = min(rows, cols) */
    float *a, *aa;      /* (k, k) A and b·A + c·A·A */
} Muon;

static Status muon_init(Optimizer *o, const Params *p, const OptHyper *h)
{
    CHECK(h->ns_steps >= 0);
    Muon *mu = opt_alloc(o, sizeof *mu, false);
    if (!mu) return ST_NOMEM;
    o->impl = mu;
    mu->n = p->n;
    if (!(mu->tensors = opt_alloc(o, (size_t)p->n * sizeof *mu->tensors, false))) return ST_NOMEM;
    long max_numel = 0, max_k = 0;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        Tensor *t = &mu->tensors[i];
        t->muon = s->hidden && s->ndim == 2;
        size_t bytes = (size_t)s->numel * sizeof(float);
        if (!(t->m = opt_alloc(o, bytes, true))) return ST_NOMEM;
        if (!t->muon && !(t->v = opt_alloc(o, bytes, true))) return ST_NOMEM;
        if (!t->muon) continue;
        long k = s->shape[0] < s->shape[1] ? s->shape[0] : s->shape[1];
        if (s->numel > max_numel) max_numel = s->numel;
        if (k > max_k) max_k = k;
    }
    if (max_numel == 0) return ST_OK;
    if (!(mu->x = opt_alloc(o, (size_t)max_numel * sizeof(float), false)) ||
        !(mu->x2 = opt_alloc(o, (size_t)max_numel * sizeof(float), false)) ||
        !(mu->a = opt_alloc(o, (size_t)(max_k * max_k) * sizeof(float), false)) ||
        !(mu->aa = opt_alloc(o, (size_t)(max_k * max_k) * sizeof(float), false)))
        return ST_NOMEM;
    return ST_OK;
}

/* X (k, K) ← the quintic Newton–Schulz iteration applied `steps` times; returns the
 * buffer holding the result (mu->x or mu->x2). */
static float *newton_schulz(Muon *mu, int k, int K, int steps)
{
    float *x = mu->x, *next = mu->x2;
    const long n = (long)k * K;
    double ss = 0;
    for (long i = 0; i < n; i++) ss += (double)x[i] * x[i];
    const float norm = (float)(sqrt(ss) + 1e-7);
    for (long i = 0; i < n; i++) x[i] = x[i] / norm;
    for (int s = 0; s < steps; s++) {
        mm_fp32(false, true, k, k, K, 1.0f, x, K, x, K, 0.0f, mu->a, k);
        mm_fp32(false, false, k, k, k, NS_C, mu->a, k, mu->a, k, 0.0f, mu->aa, k);
        for (long i = 0; i < (long)k * k; i++) mu->aa[i] = mu->aa[i] + NS_B * mu->a[i];
        mm_fp32(false, false, k, K, k, 1.0f, mu->aa, k, x, K, 0.0f, next, K);
        for (long i = 0; i < n; i++) next[i] = next[i] + NS_A * x[i];
        float *swap = x;
        x = next;
        next = swap;
    }
    return x;
}

static void muon_matrix(Muon *mu, Tensor *t, float *w, const float *g, int rows, int cols,
                        const OptHyper *h, double wd)
{
    /* w, g, t->m (rows, cols); mu->x (k, K): u, transposed when rows > cols */
    const long n = (long)rows * cols;
    const bool tall = rows > cols;
    const float b = (float)h->momentum, a = (float)(1.0 - h->momentum);
    for (long i = 0; i < n; i++) t->m[i] = t->m[i] * b + a * g[i];
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            long e = (long)i * cols + j;
            mu->x[tall ? (long)j * rows + i : e] = a * g[e] + b * t->m[e];
        }
    const float *x = tall ? newton_schulz(mu, cols, rows, h->ns_steps)
                          : newton_schulz(mu, rows, cols, h->ns_steps);
    const float keep = (float)(1.0 - h->lr * wd);
    const float step = (float)(h->lr * sqrt(tall ? (double)rows / cols : 1.0));
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            long e = (long)i * cols + j;
            w[e] = w[e] * keep;
            w[e] = w[e] - step * x[tall ? (long)j * rows + i : e];
        }
}

static void muon_step(Optimizer *o, Params *p, const OptHyper *h, long step)
{
    Muon *mu = o->impl;
    CHECK(mu->n == p->n);
    OptHyper adam = *h;
    adam.lr = h->lr * h->adam_lr_ratio;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        Tensor *t = &mu->tensors[i];
        double wd = s->decay ? h->weight_decay : 0.0;
        if (t->muon) {
            muon_matrix(mu, t, p->w + s->offset, p->g + s->offset, s->shape[0], s->shape[1], h, wd);
        } else {
            float *slots[2] = {t->m, t->v};
            opt_adamw.update(p->w + s->offset, p->g + s->offset, slots, s->numel, &adam, wd, step);
        }
    }
}

/* Per Muon matrix (k = min(rows, cols), K = max): momentum and its Nesterov form 6 per
 * element, the normalisation 3, per Newton–Schulz step the products X·Xᵀ (2k²K), A·A
 * (2k³) and (bA + cA²)·X (2k²K) and 2 per element of each sum, and the update 3 (+1 with
 * decay); every other tensor AdamW's count. */
static void muon_flops(const Params *p, const OptHyper *h, double *mm, double *ew)
{
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *s = &p->spec[i];
        bool decays = s->decay && h->weight_decay != 0;
        double n = (double)s->numel;
        if (!(s->hidden && s->ndim == 2)) {
            *ew += n * (opt_adamw.ew_flops + (decays ? opt_adamw.decay_flops : 0));
            continue;
        }
        double k = s->shape[0] < s->shape[1] ? s->shape[0] : s->shape[1], K = n / k;
        *mm += h->ns_steps * (4 * k * k * K + 2 * k * k * k);
        *ew += n * (12 + (decays ? 1 : 0)) + h->ns_steps * 2 * (k * k + n);
    }
}

const OptType opt_muon = {"muon", .init = muon_init, .step = muon_step, .flops = muon_flops};
