/* Token + position embedding (GPT-2's wte + wpe); matches torch.nn.Embedding summed
 * with a learned position table. */
#include "nn/embedding.h"

void embedding_forward(float *out, const int *tok, const float *wte, const float *wpe, int B,
                       int T, int C)
{
    for (int b = 0; b < B; b++)
        for (int t = 0; t < T; t++) {
            float *o = out + ((long)b * T + t) * C;
            const float *e = wte + (long)tok[(long)b * T + t] * C;
            const float *p = wpe + (long)t * C;
            for (int c = 0; c < C; c++) o[c] = e[c] + p[c];
        }
}

void embedding_backward(float *dwte, float *dwpe, const float *dout, const int *tok, int B, int T,
                        int C)
{
    for (int b = 0; b < B; b++)
        for (int t = 0; t < T; t++) {
            const float *d = dout + ((long)b * T + t) * C;
            float *de = dwte + (long)tok[(long)b * T + t] * C;
            float *dp = dwpe + (long)t * C;
            for (int c = 0; c < C; c++) {
                de[c] += d[c];
                dp[c] += d[c];
            }
        }
}
