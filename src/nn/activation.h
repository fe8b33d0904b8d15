/* Elementwise activations. GELU is the tanh approximation of GPT-2
 * (torch.nn.functional.gelu(x, approximate="tanh")). Backward recomputes f'(x) from
 * the saved input x and ADDS dy·f'(x) into dx. ReLU'(0) is 0, as in PyTorch. */
#ifndef DESCENT_NN_ACTIVATION_H
#define DESCENT_NN_ACTIVATION_H

typedef enum { ACT_RELU, ACT_GELU, ACT_TANH, ACT_SIGMOID } Act;

/* The `act` setting's choices: "relu", "gelu", "tanh", "sigmoid" for ACT_*, NULL past
 * the last (a ChoiceName, core/choices.h). */
const char *act_name(int a);
/* ACT_* for its name; -1 for anything else. */
int act_by_name(const char *name);

/* y (n) = f(x (n)); y may equal x. */
void act_forward(float *y, const float *x, long n, Act a);
/* y (n) = gelu(x (n)), bit for bit as act_forward, and dydx (n) = gelu'(x), bit for bit
 * as act_backward uses it: a training step saves dydx so that its backward is one
 * multiply instead of a second exponential and division per element. */
void gelu_forward_grad(float *y, float *dydx, const float *x, long n);
/* dx (n) += dy (n) · f'(x (n)). */
void act_backward(float *dx, const float *dy, const float *x, long n, Act a);

#endif
