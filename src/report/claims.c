/* The claims of CLAIMS.md in one line each (see claims.h). */
#include "report/claims.h"

#include <string.h>

const Claim claims[] = {
    {"C01", "On L(w) = w² from w = 4, w ← w − η·L'(w) gives the textbook's trajectories; "
            "η < 0.5 descends monotonically, 0.5 < η < 1 oscillates but converges, η = 1 bounces, η > 1 diverges"},
    {"C02", "Too small a learning rate crawls, a good one converges, too large diverges; the best sits just "
            "below the smallest diverging one; Adam-family rates are 1e-4 to 1e-3"},
    {"C03", "One learning rate cannot serve two curvatures: plain GD zig-zags on an ill-conditioned bowl, "
            "momentum damps it, Adam adapts per parameter"},
    {"C04", "Smaller batches give noisier (unbiased) gradients; beyond a critical batch size a bigger batch "
            "stops saving steps"},
    {"C05", "Gradient noise lets descent escape shallow local minima and saddle points that full-batch GD "
            "stays in"},
    {"C06", "Doubling the batch lets you double the learning rate (linear scaling), up to a critical batch size"},
    {"C07", "Backprop is the chain rule: analytic gradients match finite differences and PyTorch"},
    {"C08", "A gradient costs about two forward passes and needs the forward activations kept"},
    {"C09", "Activation checkpointing costs about 30 % more compute and saves over 50 % of activation memory"},
    {"C10", "Accumulating k micro-batches of size b equals one batch of k·b, up to summation order"},
    {"C11", "SGD < momentum < Adam/AdamW on transformers; AdamW beats Adam with L2; Lion and Shampoo "
            "are contenders (each at its best learning rate)"},
    {"C12", "Warmup prevents early divergence and widens usable peak learning rates; cosine decay (to 1 % or "
            "10 % of peak) beats a constant rate"},
    {"C13", "Optimizer state: momentum one buffer per parameter, Adam/AdamW two, Lion one"},
    {"C14", "Sigmoid and tanh gradients vanish geometrically with depth; ReLU keeps them flowing"},
    {"C15", "Gradients can explode to NaN; clipping the global norm (at 1.0) prevents it"},
    {"C16", "Residual connections and normalisation let deep stacks train where plain stacks fail"},
    {"C17", "Xavier/He initialisation keeps activation variance stable across depth; N(0, 1) does not"},
    {"C18", "bf16 with fp32 master weights loses nothing measurable and halves the bytes; pure bf16 weights "
            "lose small updates unless rounding is stochastic"},
    {"C19", "fp16 needs loss scaling for small gradients; bf16 does not"},
    {"C20", "On a small training set validation loss turns up; weight decay, dropout and early stopping "
            "prevent it"},
    {"C21", "Different seeds reach different minima with nearly the same loss (the noise floor)"},
    {"C22", "MSE penalises errors quadratically (0.0467 for (0.7, 0.2, 0.1) against (1, 0, 0)); "
            "cross-entropy is the LM's loss"},
    {"C23", "At a fixed compute budget the best ratio of parameters to tokens is about 1 : 20"},
};
const int n_claims = (int)(sizeof claims / sizeof claims[0]);

const Claim *claim_find(const char *id)
{
    for (int i = 0; i < n_claims; i++)
        if (strcmp(claims[i].id, id) == 0) return &claims[i];
    return NULL;
}
