/* Causal multi-head self-attention core; matches nanoGPT's CausalSelfAttention
 * (manual path: att = q·kᵀ/√D, masked_fill(-inf), softmax, att·v) without attention
 * dropout.
 *
 * Queries are processed in blocks of BLK rows: block [r0,r1) only needs keys [0,r1),
 * so the products skip most of the masked upper triangle. The block layout depends on
 * T alone, never on the thread count.
 *
 * The softmax rows are vectorised: exponentials by vexp() (within 2 ulp of expf), and
 * the double sums run in LANES interleaved partial sums combined in lane order, a
 * fixed order for a given row length. */
#include "nn/attention.h"

#include <math.h>
#include <string.h>

#include "core/blas.h"
#include "core/pool.h"
#include "nn/vexp.h"

enum { BLK = 32, LANES = 8 };

/* Σ x[s] (n) in double: lane l sums s ≡ l (mod LANES), then the lanes in order. */
static double sum_lanes(const float *restrict x, int n)
{
    double acc[LANES] = {0};
    int n8 = n / LANES * LANES;
    for (int s = 0; s < n8; s += LANES)
        for (int l = 0; l < LANES; l++) acc[l] += x[s + l];
    double sum = 0;
    for (int s = n8; s < n; s++) acc[s - n8] += x[s];
    for (int l = 0; l < LANES; l++) sum += acc[l];
    return sum;
}

/* Σ a[s]·b[s] (n) in double, in the lane order of sum_lanes. */
static double dot_lanes(const float *restrict a, const float *restrict b, int n)
{
    double acc[LANES] = {0};
    int n8 = n / LANES * LANES;
    for (int s = 0; s < n8; s += LANES)
        for (int l = 0; l < LANES; l++) acc[l] += (double)a[s + l] * b[s + l];
    double sum = 0;
    for (int s = n8; s < n; s++) acc[s - n8] += (double)a[s] * b[s];
    for (int l = 0; l < LANES; l++) sum += acc[l];
    return sum;
}

static float max_lanes(const float *restrict x, int n)
{
    float m[LANES];
    for (int l = 0; l < LANES; l++) m[l] = x[0];
    int n8 = n / LANES * LANES;
    for (int s = 0; s < n8; s += LANES)
        for (int l = 0; l < LANES; l++) m[l] = x[s + l] > m[l] ? x[s + l] : m[l];
    for (int s = n8; s < n; s++) m[0] = x[s] > m[0] ? x[s] : m[0];
    float mx = m[0];
    for (int l = 1; l < LANES; l++) mx = m[l] > mx ? m[l] : mx;
    return mx;
}

/* row (n) ← softmax(row); the max and the sum are order-independent in value and
 * fixed-order in bits. */
static void softmax_row(float *restrict row, int n)
{
    float mx = max_lanes(row, n);
    for (int s = 0; s < n; s++) row[s] = vexp(row[s] - mx);
    float inv = (float)(1.0 / sum_lanes(row, n));
    for (int s = 0; s < n; s++) row[s] *= inv;
}

typedef struct {
    float *out, *att, *dqkv, *scratch;
    const float *qkv, *dout, *att_in;
    int B, T, C, H;
    bool overwrite; /* backward: zero the task's part of dqkv first */
} AttJob;

static void att_fwd_task(void *ctx, int task)
{
    const AttJob *j = ctx;
    int T = j->T, C = j->C, D = C / j->H, b = task / j->H, h = task % j->H;
    const float *q = j->qkv + (long)b * T * 3 * C + (long)h * D;
    const float *k = q + C, *v = q + 2 * C;
    float *att = j->att + (long)task * T * T;
    float *out = j->out + (long)b * T * C + (long)h * D;
    float scale = 1.0f / sqrtf((float)D);

    for (int r0 = 0; r0 < T; r0 += BLK) {
        int r1 = r0 + BLK < T ? r0 + BLK : T;
        mm(false, true, r1 - r0, r1, D, scale, q + (long)r0 * 3 * C, 3 * C, k, 3 * C, 0.0f,
           att + (long)r0 * T, T);
    }
    for (int i = 0; i < T; i++) {
        float *row = att + (long)i * T;
        softmax_row(row, i + 1);
        memset(row + i + 1, 0, (size_t)(T - i - 1) * sizeof(float));
    }
    for (int r0 = 0; r0 < T; r0 += BLK) {
        int r1 = r0 + BLK < T ? r0 + BLK : T;
        mm(false, false, r1 - r0, D, r1, 1.0f, att + (long)r0 * T, T, v, 3 * C, 0.0f,
           out + (long)r0 * C, C);
    }
}

void attention_forward(float *out, float *att, const float *qkv, int B, int T, int C, int H)
{
    AttJob j = {.out = out, .att = att, .qkv = qkv, .B = B, .T = T, .C = C, .H = H};
    pool_run(B * H, att_fwd_task, &j);
}

static void att_bwd_task(void *ctx, int task)
{
    const AttJob *j = ctx;
    int T = j->T, C = j->C, D = C / j->H, b = task / j->H, h = task % j->H;
    long base = (long)b * T * 3 * C + (long)h * D;
    const float *q = j->qkv + base, *k = q + C, *v = q + 2 * C;
    float *dq = j->dqkv + base, *dk = dq + C, *dv = dq + 2 * C;
    const float *att = j->att_in + (long)task * T * T;
    float *ds = j->scratch + (long)task * T * T;
    const float *dout = j->dout + (long)b * T * C + (long)h * D;
    float scale = 1.0f / sqrtf((float)D);

    if (j->overwrite) /* this head's columns of q, k and v in this sequence's rows */
        for (int t = 0; t < T; t++)
            for (int part = 0; part < 3; part++)
                memset(dq + (long)t * 3 * C + (long)part * C, 0, (size_t)D * sizeof(float));
    /* datt = dout·vᵀ on the causal blocks, then dv += attᵀ·dout by key block */
    for (int r0 = 0; r0 < T; r0 += BLK) {
        int r1 = r0 + BLK < T ? r0 + BLK : T;
        mm(false, true, r1 - r0, r1, D, 1.0f, dout + (long)r0 * C, C, v, 3 * C, 0.0f,
           ds + (long)r0 * T, T);
    }
    for (int c0 = 0; c0 < T; c0 += BLK) {
        int c1 = c0 + BLK < T ? c0 + BLK : T;
        mm(true, false, c1 - c0, D, T - c0, 1.0f, att + (long)c0 * T + c0, T,
           dout + (long)c0 * C, C, 1.0f, dv + (long)c0 * 3 * C, 3 * C);
    }
    /* softmax backward: ds = att ⊙ (datt − Σ att·datt) · scale; zeros above the diagonal */
    for (int i = 0; i < T; i++) {
        const float *a = att + (long)i * T;
        float *row = ds + (long)i * T;
        float fdot = (float)dot_lanes(a, row, i + 1);
        for (int s = 0; s <= i; s++) row[s] = a[s] * (row[s] - fdot) * scale;
        int r1 = (i / BLK + 1) * BLK < T ? (i / BLK + 1) * BLK : T;
        for (int s = i + 1; s < r1; s++) row[s] = 0.0f;
    }
    /* dq += ds·k by query block; dk += dsᵀ·q by key block */
    for (int r0 = 0; r0 < T; r0 += BLK) {
        int r1 = r0 + BLK < T ? r0 + BLK : T;
        mm(false, false, r1 - r0, D, r1, 1.0f, ds + (long)r0 * T, T, k, 3 * C, 1.0f,
           dq + (long)r0 * 3 * C, 3 * C);
    }
    for (int c0 = 0; c0 < T; c0 += BLK) {
        int c1 = c0 + BLK < T ? c0 + BLK : T;
        mm(true, false, c1 - c0, D, T - c0, 1.0f, ds + (long)c0 * T + c0, T,
           q + (long)c0 * 3 * C, 3 * C, 1.0f, dk + (long)c0 * 3 * C, 3 * C);
    }
}

void attention_flops(StepFlops *f, double B, int T, int C, int H)
{
    /* per sequence and head: the products of the query blocks [r0, r1), each against
     * keys [0, r1), and of the key blocks [c0, c1) against queries [c0, T) (backward);
     * the softmax over the i + 1 keys of query i: forward 5 per score (max, subtract,
     * exp, sum, scale), backward 5 (the row's dot product 2, then a·(d − dot)·scale 3) */
    int D = C / H;
    double q_blocks = 0, k_blocks = 0, kept = (double)T * (T + 1) / 2;
    for (int r0 = 0; r0 < T; r0 += BLK) {
        int r1 = r0 + BLK < T ? r0 + BLK : T;
        q_blocks += (double)(r1 - r0) * r1;
        k_blocks += (double)(r1 - r0) * (T - r0);
    }
    double seqs = B * H;
    f->fwd_mm += seqs * 2 * (2.0 * q_blocks * D);
    f->bwd_mm += seqs * 2 * (2.0 * q_blocks * D + 2.0 * k_blocks * D);
    f->fwd_ew += seqs * 5 * kept;
    f->bwd_ew += seqs * 5 * kept;
}

static void att_bwd(bool overwrite, float *dqkv, float *scratch, const float *dout,
                    const float *att, const float *qkv, int B, int T, int C, int H)
{
    AttJob j = {.dqkv = dqkv, .scratch = scratch, .dout = dout, .att_in = att, .qkv = qkv,
                .B = B, .T = T, .C = C, .H = H, .overwrite = overwrite};
    pool_run(B * H, att_bwd_task, &j);
}

void attention_backward(float *dqkv, float *scratch, const float *dout, const float *att,
                        const float *qkv, int B, int T, int C, int H)
{
    att_bwd(false, dqkv, scratch, dout, att, qkv, B, T, C, H);
}

void attention_backward_to(float *dqkv, float *scratch, const float *dout, const float *att,
                           const float *qkv, int B, int T, int C, int H)
{
    att_bwd(true, dqkv, scratch, dout, att, qkv, B, T, C, H);
}
