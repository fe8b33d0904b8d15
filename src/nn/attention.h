/* Causal multi-head self-attention core, as GPT-2 / nanoGPT's CausalSelfAttention
 * between its fused qkv projection and its output projection:
 * for each head, softmax(q·kᵀ/√D + causal mask)·v.
 *
 * B batch, T time, C channels, H heads, D = C/H head size. The fused qkv (B,T,3C) holds
 * q in channels [0,C), k in [C,2C), v in [2C,3C); head h uses channels [hD,(h+1)D) of
 * each, and writes channels [hD,(h+1)D) of the output. The probabilities are saved for
 * backward; masked entries (key after query) are stored as 0.
 *
 * Work is split over (b,h) pairs on the thread pool; each task writes only its own
 * outputs and runs the same products whatever the thread count, so the bits do not
 * depend on it. Nothing is allocated: backward's scratch comes from the caller. */
#ifndef DESCENT_NN_ATTENTION_H
#define DESCENT_NN_ATTENTION_H

#include "nn/flops.h"

/* out (B,T,C), att (B,H,T,T) ← qkv (B,T,3C). */
void attention_forward(float *out, float *att, const float *qkv, int B, int T, int C, int H);

/* Adds dqkv (B,T,3C) from dout (B,T,C); att (B,H,T,T) and qkv (B,T,3C) as in forward;
 * scratch (B,H,T,T) is overwritten. */
void attention_backward(float *dqkv, float *scratch, const float *dout, const float *att,
                        const float *qkv, int B, int T, int C, int H);

/* attention_backward onto zeros: each task zeroes its head's part of dqkv (B,T,3C)
 * before adding to it, the same bits as zeroing all of dqkv first, without a serial
 * pass over it. */
void attention_backward_to(float *dqkv, float *scratch, const float *dout, const float *att,
                           const float *qkv, int B, int T, int C, int H);

/* Adds the FLOPs of forward and backward over B sequences: the products exactly as
 * the query and key blocks run them (more than the causal triangle), the softmax. */
void attention_flops(StepFlops *f, double B, int T, int C, int H);

#endif
