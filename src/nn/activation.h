/* Elementwise activations. GELU is the tanh approximation of GPT-2
 * (torch.nn.functional.gelu(x, approximate="tanh")). Backward recomputes f'(x) from
 * the saved input x and ADDS dy·f'(x) into dx. ReLU'(0) is 0, as in PyTorch. */
#ifndef DESCENT_NN_ACTIVATION_H
#define DESCENT_NN_ACTIVATION_H

typedef enum { ACT_RELU, ACT_GELU, ACT_TANH, ACT_SIGMOID } Act;

/* ACT_* for "relu", "gelu", "tanh", "sigmoid"; -1 for anything else. */
int act_by_name(const char *name);

/* y (n) = f(x (n)); y may equal x. */
void act_forward(float *y, const float *x, long n, Act a);
/* dx (n) += dy (n) · f'(x (n)). */
void act_backward(float *dx, const float *dy, const float *x, long n, Act a);

#endif
