/* The character-level GPT: GPT-2-style decoder with switchable residual connections,
 * normalisation (none, LayerNorm, RMSNorm; before or after each sub-block) and
 * activation, mean cross-entropy over all B·T next-token predictions (nats).
 *
 *   x = drop(wte[tok] + wpe[t])
 *   pre:  x ← [x +] drop(attn(norm1(x)));  x ← [x +] drop(mlp(norm2(x)))
 *   post: x ← norm1([x +] drop(attn(x)));  x ← norm2([x +] drop(mlp(x)))
 *   logits = norm_f(x) · lm_headᵀ        (lm_head is wte when tie_embeddings is on)
 *
 * attn is a fused qkv projection, causal multi-head attention (nn/attention.h) and an
 * output projection; mlp is C → 4C → act → C. Dropout acts on the embedding and on the
 * two residual branches, as GPT-2's embd/resid dropout (no dropout on attention
 * probabilities). norm none makes every norm, norm_f included, the identity.
 *
 * Parameters, in table order (linear weights (out,in) as PyTorch stores them):
 *   wte (V,C), wpe (T,C), then per block l: h.{l}.ln1.w/.b (C), h.{l}.attn.qkv.w (3C,C)
 *   and .b (3C), h.{l}.attn.proj.w (C,C) and .b, h.{l}.ln2.w/.b, h.{l}.mlp.fc.w (4C,C)
 *   and .b (4C), h.{l}.mlp.proj.w (C,4C) and .b (C); ln_f.w/.b; lm_head.w (V,C) unless
 *   tied. RMSNorm has no .b; norm none has no norm tensors. Every 2-D tensor decays
 *   (nanoGPT's rule), 1-D ones do not.
 *
 * Initialisation from the stream "init": gpt2 draws every 2-D tensor from N(0, 0.02²)
 * and the two residual output projections (attn.proj.w, mlp.proj.w) from
 * N(0, (0.02/√(2L))²); he and xavier set the std of the linear weights from their fan
 * (embeddings stay N(0, 0.02²)); normal uses init_std for every 2-D tensor. Biases 0,
 * norm gains 1. */
#ifndef DESCENT_MODELS_GPT_H
#define DESCENT_MODELS_GPT_H

#include "models/model.h"

/* Vocabulary V = shape->classes (or s->vocab when the shape gives none); T = s->context;
 * the arena holds s->batch sequences. */
Status gpt_create(Model **out, const Settings *s, const DataShape *shape);

/* Forward only (no dropout) of B sequences of T <= context tokens tok (B,T); returns
 * the logits (B·T, V), valid until the model's next call. For sampling. */
const float *gpt_logits(Model *m, const int *tok, int B, int T);

/* The model's vocabulary size V and context T. */
int gpt_vocab(const Model *m);
int gpt_context(const Model *m);

#endif
