/* Token plus learned position embedding, as GPT-2's wte(idx) + wpe(arange(T)):
 * out[b,t,:] = wte[tok[b,t],:] + wpe[t,:].
 * B batch, T time, C channels, V vocabulary. */
#ifndef DESCENT_NN_EMBEDDING_H
#define DESCENT_NN_EMBEDDING_H

/* out (B,T,C) ← tok (B,T) in [0,V), wte (V,C), wpe (T_max,C) with T <= T_max. */
void embedding_forward(float *out, const int *tok, const float *wte, const float *wpe, int B,
                       int T, int C);
/* Adds dwte (V,C) += Σ dout over the positions holding each token and
 * dwpe (T_max,C) += Σ_b dout[b]; dout (B,T,C), tok (B,T). Rows in (b,t) order, so the
 * sums are the same every time. */
void embedding_backward(float *dwte, float *dwpe, const float *dout, const int *tok, int B, int T,
                        int C);

#endif
