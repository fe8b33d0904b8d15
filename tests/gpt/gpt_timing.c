/* ms/step of the GPT at a given shape (not a test: `descent bench` is the tool; this
 * measures forward and backward separately while the model is young).
 * Usage: gpt_timing V T C L H B [steps] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/timer.h"
#include "models/gpt.h"

int main(int argc, char **argv)
{
    if (argc < 7) {
        fprintf(stderr, "usage: gpt_timing V T C L H B [steps]\n");
        return 2;
    }
    int V = atoi(argv[1]), T = atoi(argv[2]), C = atoi(argv[3]), L = atoi(argv[4]);
    int H = atoi(argv[5]), B = atoi(argv[6]), steps = argc > 7 ? atoi(argv[7]) : 20;
    printf("threads %d\n", blas_init(0));
    Settings s;
    settings_defaults(&s, MODEL_GPT);
    s.layers = L, s.width = C, s.heads = H, s.context = T, s.batch = B;
    DataShape shape = {.classes = V};
    Model *m;
    if (gpt_create(&m, &s, &shape) != ST_OK) return fprintf(stderr, "%s\n", err_msg()), 1;
    int *tok = malloc(sizeof(int) * (size_t)B * (T + 1));
    for (int i = 0; i < B * (T + 1); i++) tok[i] = (i * 7 + 3) % V;
    Batch b = {.rows = B, .tokens = tok};
    double tf = 0, tb = 0, loss = 0;
    for (int i = -3; i < steps; i++) {
        params_zero_grad(&m->params);
        double t0 = now_s();
        loss = m->ops->forward(m, &b);
        double t1 = now_s();
        m->ops->backward(m, &b, 1.0f);
        double t2 = now_s();
        if (i >= 0) tf += t1 - t0, tb += t2 - t1;
    }
    printf("V=%d T=%d C=%d L=%d H=%d B=%d: loss %.4f  forward %.2f ms  backward %.2f ms  "
           "step %.2f ms  bwd/fwd %.2f  %.1f GFLOP/s\n",
           V, T, C, L, H, B, loss, 1e3 * tf / steps, 1e3 * tb / steps, 1e3 * (tf + tb) / steps,
           tb / tf, m->flops_per_item * B * T / ((tf + tb) / steps) * 1e-9);
    m->ops->free(m);
    free(tok);
    return 0;
}
