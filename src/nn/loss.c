/* Losses: softmax cross-entropy (as torch.nn.functional.cross_entropy, mean over
 * rows) and MSE (as torch.nn.functional.mse_loss, mean over elements). The softmax
 * subtracts the row maximum, and −log p[target] is computed as log Σexp − (z_t − max)
 * so that it stays finite when p[target] underflows. Sums accumulate in double, in
 * row and element order. N rows, V classes (vocabulary), C channels. */
#include "nn/loss.h"

#include <math.h>

#include "core/check.h"

double crossentropy_forward(float *restrict probs, const float *restrict logits,
                            const int *restrict targets, int N, int V)
{
    /* probs (N,V), logits (N,V), targets (N) */
    int v8 = V & ~7;
    double loss = 0.0;
    for (int n = 0; n < N; n++) {
        const float *restrict z = logits + (long)n * V;
        float *restrict p = probs + (long)n * V;
        int t = targets[n];
        CHECK(t >= 0 && t < V);
        float mx = z[0];
        for (int i = 1; i < V; i++) mx = z[i] > mx ? z[i] : mx;
        double s = 0.0;
        for (int i = 0; i < V; i++) {
            p[i] = expf(z[i] - mx);
            s += p[i];
        }
        float inv = (float)(1.0 / s);
        for (int i = 0; i < v8; i++) p[i] *= inv;
        for (int i = v8; i < V; i++) p[i] *= inv;
        loss += log(s) - ((double)z[t] - mx);
    }
    return loss;
}

void crossentropy_backward(float *restrict dlogits, const float *restrict probs,
                           const int *restrict targets, int N, int V, float dloss)
{
    /* dlogits (N,V) += dloss · (probs (N,V) − onehot(targets (N))) / N */
    crossentropy_backward_rows(dlogits, probs, targets, N, V, dloss / (float)N);
}

void crossentropy_backward_rows(float *restrict dlogits, const float *restrict probs,
                                const int *restrict targets, int N, int V, float s)
{
    /* dlogits (N,V) += s · (probs (N,V) − onehot(targets (N))) */
    int v8 = V & ~7;
    for (int n = 0; n < N; n++) {
        const float *restrict p = probs + (long)n * V;
        float *restrict d = dlogits + (long)n * V;
        int t = targets[n];
        float dt = d[t] + s * (p[t] - 1.0f);
        for (int i = 0; i < v8; i++) d[i] += s * p[i];
        for (int i = v8; i < V; i++) d[i] += s * p[i];
        d[t] = dt; /* the target's term written as s·(p − 1), as the formula reads */
    }
}

long argmax_correct(const float *logits, const int *targets, int N, int V)
{
    /* logits (N,V), targets (N) */
    long correct = 0;
    for (int n = 0; n < N; n++) {
        const float *z = logits + (long)n * V;
        int best = 0;
        for (int i = 1; i < V; i++)
            if (z[i] > z[best]) best = i;
        correct += best == targets[n];
    }
    return correct;
}

double mse_forward(const float *restrict pred, const float *restrict target, int N, int C)
{
    /* pred (N,C), target (N,C) */
    long n = (long)N * C;
    double s = 0.0;
    for (long i = 0; i < n; i++) {
        double d = (double)pred[i] - target[i];
        s += d * d;
    }
    return n > 0 ? s / n : 0.0;
}

void mse_backward(float *restrict dpred, const float *restrict pred, const float *restrict target,
                  int N, int C, float dloss)
{
    /* dpred (N,C) += dloss · 2 (pred (N,C) − target (N,C)) / (N·C) */
    long n = (long)N * C, n8 = n & ~7L;
    float s = 2.0f * dloss / (float)n;
    for (long i = 0; i < n8; i++) dpred[i] += s * (pred[i] - target[i]);
    for (long i = n8; i < n; i++) dpred[i] += s * (pred[i] - target[i]);
}
