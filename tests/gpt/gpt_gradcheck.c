/* Gradient checks for the GPT's own layers and the whole model.
 *
 * Layers (attention with its causal mask, embeddings): the float backward against
 * central finite differences of sum(out · r) computed on a naive double forward
 * written here (step 1e-5, so the differences are exact to ~1e-10); tolerance
 * atol 1e-5 + rtol 1e-3 per element (float backward). The float forward is checked
 * against the double one too.
 *
 * Whole model (float, tiny: V 7, C 8, H 2, T 5, L 2, B 2, every parameter randomised):
 * the gradient against the four-point central difference
 * (−f(+2h) + 8f(+h) − 8f(−h) + f(−2h))/12h of the float mean loss, step h = 1e-2
 * (models/gradcheck.c, shared with descent gradcheck), tensor by tensor: each tensor's relative error ‖g − g_fd‖ / max(‖g‖, ‖g_fd‖) must be
 * ≤ 5e-4, for every combination of residual on/off × norm none/layer/rms × pre/post
 * with GELU, and RMSNorm + tied embeddings; ReLU (kinks) with h = 1e-3 and 5e-3.
 * Deliberately broken backwards must fail these checks: the gradient of a small tensor
 * (a norm bias, 8 values) off by 1 %, which one aggregate norm over all tensors does
 * not notice, and attention checked against a reference without the causal mask. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/rng.h"
#include "harness.h"
#include "models/gpt.h"
#include "models/gradcheck.h"
#include "nn/attention.h"
#include "nn/embedding.h"

/* ---- attention ---- */

/* out (B,T,C) ← qkv (B,T,3C), in double, straight from the definition. */
static void attention_naive(double *out, const double *qkv, int B, int T, int C, int H, int causal)
{
    int D = C / H;
    double *row = malloc(sizeof(double) * (size_t)T);
    for (int b = 0; b < B; b++)
        for (int h = 0; h < H; h++)
            for (int i = 0; i < T; i++) {
                const double *q = qkv + ((long)b * T + i) * 3 * C + h * D;
                int n = causal ? i + 1 : T;
                double mx = -INFINITY, sum = 0;
                for (int j = 0; j < n; j++) {
                    const double *k = qkv + ((long)b * T + j) * 3 * C + C + h * D;
                    double s = 0;
                    for (int d = 0; d < D; d++) s += q[d] * k[d];
                    row[j] = s / sqrt((double)D);
                    if (row[j] > mx) mx = row[j];
                }
                for (int j = 0; j < n; j++) sum += row[j] = exp(row[j] - mx);
                double *o = out + ((long)b * T + i) * C + h * D;
                for (int d = 0; d < D; d++) {
                    double acc = 0;
                    for (int j = 0; j < n; j++)
                        acc += row[j] / sum * qkv[((long)b * T + j) * 3 * C + 2 * C + h * D + d];
                    o[d] = acc;
                }
            }
    free(row);
}

static double dot_r(const double *out, const double *r, long n)
{
    double s = 0;
    for (long i = 0; i < n; i++) s += out[i] * r[i];
    return s;
}

/* Checks attention at one shape; causal_ref 0 checks against the unmasked definition
 * (which must fail). Returns the check's result. */
static int check_attention(int B, int T, int C, int H, int causal_ref, gsl_rng *g)
{
    long nq = (long)B * T * 3 * C, no = (long)B * T * C;
    double *qkv = malloc(sizeof(double) * nq), *r = malloc(sizeof(double) * no);
    double *out = malloc(sizeof(double) * no), *fd = malloc(sizeof(double) * nq);
    double *outd = malloc(sizeof(double) * no);
    float *qkvf = calloc(nq, sizeof(float)), *outf = calloc(no, sizeof(float));
    float *rf = calloc(no, sizeof(float)), *dqkv = calloc(nq, sizeof(float));
    float *att = calloc((size_t)B * H * T * T, sizeof(float));
    float *scratch = calloc((size_t)B * H * T * T, sizeof(float));
    for (long i = 0; i < nq; i++) qkvf[i] = (float)gsl_ran_gaussian(g, 1.0), qkv[i] = qkvf[i];
    for (long i = 0; i < no; i++) rf[i] = (float)gsl_ran_gaussian(g, 1.0), r[i] = rf[i];

    attention_forward(outf, att, qkvf, B, T, C, H);
    attention_naive(outd, qkv, B, T, C, H, 1);
    char what[128];
    if (causal_ref) {
        snprintf(what, sizeof what, "attention forward B%d T%d C%d H%d", B, T, C, H);
        th_close(what, outf, outd, no, 1e-5, 1e-4);
    }
    if (causal_ref) { /* the overwriting form: onto NaN, the bits of adding onto zeros */
        float *zeros = calloc(nq, sizeof(float)), *to = malloc(sizeof(float) * nq);
        attention_backward(zeros, scratch, rf, att, qkvf, B, T, C, H);
        for (long i = 0; i < nq; i++) to[i] = NAN;
        attention_backward_to(to, scratch, rf, att, qkvf, B, T, C, H);
        CHECK_TRUE(memcmp(to, zeros, sizeof(float) * nq) == 0,
                   "attention_backward_to B%d T%d C%d H%d: overwrites dqkv, the bits of attention_backward onto zeros",
                   B, T, C, H);
        free(zeros), free(to);
    }
    for (long i = 0; i < nq; i++) dqkv[i] = 0.5f; /* backward must add */
    attention_backward(dqkv, scratch, rf, att, qkvf, B, T, C, H);
    for (long i = 0; i < nq; i++) dqkv[i] -= 0.5f;
    const double h = 1e-5;
    for (long i = 0; i < nq; i++) {
        double keep = qkv[i];
        qkv[i] = keep + h;
        attention_naive(out, qkv, B, T, C, H, causal_ref);
        double up = dot_r(out, r, no);
        qkv[i] = keep - h;
        attention_naive(out, qkv, B, T, C, H, causal_ref);
        double down = dot_r(out, r, no);
        qkv[i] = keep;
        fd[i] = (up - down) / (2 * h);
    }
    snprintf(what, sizeof what, "attention backward B%d T%d C%d H%d%s", B, T, C, H,
             causal_ref ? "" : " vs unmasked reference (must fail)");
    int ok;
    if (causal_ref) {
        ok = th_close(what, dqkv, fd, nq, 1e-5, 1e-3);
    } else { /* the same comparison, counted as a pass when it finds the mismatch */
        long bad = 0;
        for (long i = 0; i < nq; i++)
            if (!(fabs(dqkv[i] - fd[i]) <= 1e-5 + 1e-3 * fabs(fd[i]))) bad++;
        ok = CHECK_TRUE(bad > 0, "%s: %ld mismatches found", what, bad);
    }
    free(qkv), free(r), free(out), free(fd), free(outd), free(qkvf), free(outf), free(rf);
    free(dqkv), free(att), free(scratch);
    return ok;
}

/* ---- embeddings ---- */

static void check_embedding(gsl_rng *g)
{
    enum { B = 3, T = 5, C = 4, V = 6 };
    int tok[B * T];
    float wte[V * C], wpe[T * C], out[B * T * C], r[B * T * C], dwte[V * C], dwpe[T * C];
    double want[B * T * C], fd_te[V * C], fd_pe[T * C];
    for (int i = 0; i < B * T; i++) tok[i] = (int)gsl_rng_uniform_int(g, V);
    tok[0] = tok[7] = 2; /* a repeated token: its gradient sums */
    for (int i = 0; i < V * C; i++) wte[i] = (float)gsl_ran_gaussian(g, 1), dwte[i] = 0.25f;
    for (int i = 0; i < T * C; i++) wpe[i] = (float)gsl_ran_gaussian(g, 1), dwpe[i] = 0.25f;
    for (int i = 0; i < B * T * C; i++) r[i] = (float)gsl_ran_gaussian(g, 1);
    embedding_forward(out, tok, wte, wpe, B, T, C);
    for (int b = 0; b < B; b++)
        for (int t = 0; t < T; t++)
            for (int c = 0; c < C; c++)
                want[(b * T + t) * C + c] = (double)wte[tok[b * T + t] * C + c] + wpe[t * C + c];
    th_close("embedding forward", out, want, B * T * C, 0, 1e-6);
    embedding_backward(dwte, dwpe, r, tok, B, T, C);
    for (int i = 0; i < V * C; i++) dwte[i] -= 0.25f;
    for (int i = 0; i < T * C; i++) dwpe[i] -= 0.25f;
    /* the loss sum(out · r) is linear: its central difference is the exact derivative */
    for (int i = 0; i < V * C; i++) {
        double s = 0;
        for (int p = 0; p < B * T; p++)
            if (tok[p] == i / C) s += r[p * C + i % C];
        fd_te[i] = s;
    }
    for (int i = 0; i < T * C; i++) {
        double s = 0;
        for (int b = 0; b < B; b++) s += r[(b * T + i / C) * C + i % C];
        fd_pe[i] = s;
    }
    th_close("embedding backward dwte", dwte, fd_te, V * C, 1e-6, 1e-6);
    th_close("embedding backward dwpe", dwpe, fd_pe, T * C, 1e-6, 1e-6);
}

/* ---- the whole model ---- */

enum { MB = 2, MT = 5, MV = 7 };

/* The analytic gradient against central differences, tensor by tensor: each tensor's
 * relative error ‖g − g_fd‖ / max(‖g‖, ‖g_fd‖, 1e-3·√numel) (the floor keeps a tensor
 * whose gradient is ~0 from dividing noise by noise), the worst of them, and the one
 * aggregate error over all tensors that an earlier version of this check used. */
typedef struct {
    double worst, aggregate;
    char worst_name[64];
} GradError;

/* With corrupt set, the gradient of the tensor named corrupt is scaled by 1.01 first. */
static GradError model_grad_error(const char *residual, const char *norm, const char *pos,
                                  const char *act, bool tied, const char *corrupt, float h,
                                  gsl_rng *g)
{
    GradError out = {INFINITY, INFINITY, "gpt_create"};
    Settings s;
    settings_defaults(&s, MODEL_GPT);
    s.layers = 2, s.width = 8, s.heads = 2, s.context = MT, s.batch = MB, s.dropout = 0;
    s.residual = !strcmp(residual, "on");
    s.tie_embeddings = tied;
    if (settings_set(&s, "norm", norm) || settings_set(&s, "norm_position", pos) ||
        settings_set(&s, "act", act)) {
        fprintf(stderr, "%s\n", err_msg());
        exit(99);
    }
    DataShape shape = {.classes = MV};
    Model *m;
    if (gpt_create(&m, &s, &shape) != ST_OK) {
        printf("gpt_create: %s\n", err_msg());
        return out;
    }
    Params *p = &m->params;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *sp = &p->spec[i];
        bool gain = sp->ndim == 1 && strstr(sp->name, "ln") && sp->name[strlen(sp->name) - 1] == 'w';
        for (long j = 0; j < sp->numel; j++)
            p->w[sp->offset + j] = (float)((gain ? 1.0 : 0.0) + gsl_ran_gaussian(g, gain ? 0.2 : 0.4));
    }
    int tokens[MB * (MT + 1)];
    for (int i = 0; i < MB * (MT + 1); i++) tokens[i] = (int)gsl_rng_uniform_int(g, MV);
    Batch b = {.rows = MB, .tokens = tokens};

    gradcheck_backward(m, &b);
    if (corrupt) {
        int k = params_find(p, corrupt);
        if (k < 0) {
            printf("no tensor %s to corrupt\n", corrupt);
            m->ops->free(m);
            return out;
        }
        const ParamSpec *sp = &p->spec[k];
        for (long j = 0; j < sp->numel; j++) p->g[sp->offset + j] *= 1.01f;
    }
    double *fd = malloc(sizeof(double) * (size_t)p->numel);
    gradcheck_fd(fd, m, &b, h);
    out.worst = 0;
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *sp = &p->spec[i];
        double tnum = 0, tna = 0, tnf = 0;
        for (long j = sp->offset; j < sp->offset + sp->numel; j++) {
            double ga = p->g[j];
            tnum += (ga - fd[j]) * (ga - fd[j]);
            tna += ga * ga;
            tnf += fd[j] * fd[j];
        }
        double e = sqrt(tnum) / fmax(fmax(sqrt(tna), sqrt(tnf)), 1e-3 * sqrt((double)sp->numel));
        if (!(e <= out.worst)) { /* NaN sticks */
            out.worst = e;
            snprintf(out.worst_name, sizeof out.worst_name, "%s", sp->name);
        }
    }
    out.aggregate = gradcheck_rel_error(p->g, fd, p->numel);
    free(fd);
    m->ops->free(m);
    return out;
}

int main(void)
{
    blas_init(2);
    gsl_rng *g = rng_stream(7, "gpt_gradcheck");

    check_attention(2, 5, 8, 2, 1, g);
    check_attention(1, 37, 8, 2, 1, g); /* more than one query block of 32 */
    check_attention(1, 6, 4, 1, 0, g);  /* the broken case must be caught */
    check_embedding(g);

    const double tol = 5e-4;
    const char *residual[] = {"on", "off"}, *norm[] = {"none", "layer", "rms"}, *pos[] = {"pre", "post"};
    for (int a = 0; a < 2; a++)
        for (int n = 0; n < 3; n++)
            for (int q = 0; q < 2; q++) {
                GradError e = model_grad_error(residual[a], norm[n], pos[q], "gelu", false, NULL, 1e-2f, g);
                CHECK_TRUE(e.worst <= tol,
                           "gpt residual %s norm %s %s-norm gelu: worst tensor %s rel error %.2e (tol %.0e)",
                           residual[a], norm[n], pos[q], e.worst_name, e.worst, tol);
            }
    GradError e = model_grad_error("on", "rms", "pre", "gelu", true, NULL, 1e-2f, g);
    CHECK_TRUE(e.worst <= tol, "gpt rms gelu tied: worst tensor %s rel error %.2e (tol %.0e)",
               e.worst_name, e.worst, tol);
    e = model_grad_error("on", "layer", "post", "relu", false, NULL, 1e-3f, g);
    CHECK_TRUE(e.worst <= 10 * tol,
               "gpt relu (step 1e-3 to cross fewer kinks): worst tensor %s rel error %.2e (tol %.0e)",
               e.worst_name, e.worst, 10 * tol);
    /* the control: a 1 % error in the gradient of a norm bias (8 of the model's ~1,400
     * values) hides in one aggregate norm over all tensors, not tensor by tensor. Its
     * own stream, so that the weights it is judged on do not move with the checks above. */
    gsl_rng *gc = rng_stream(7, "gpt_gradcheck_control");
    e = model_grad_error("on", "layer", "pre", "gelu", false, "h.1.ln1.b", 1e-2f, gc);
    gsl_rng_free(gc);
    CHECK_TRUE(e.worst > tol && !strcmp(e.worst_name, "h.1.ln1.b"),
               "gpt with a 1%% error in h.1.ln1.b's gradient is caught there: worst tensor %s rel "
               "error %.2e (must exceed %.0e)",
               e.worst_name, e.worst, tol);
    CHECK_TRUE(e.aggregate <= tol,
               "... where one aggregate norm over all tensors misses it (%.2e <= %.0e)",
               e.aggregate, tol);
    gsl_rng_free(g);
    return th_done();
}
