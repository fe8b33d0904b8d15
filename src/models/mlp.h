/* The multilayer perceptron: hidden blocks of linear → activation → dropout, with
 * optional normalisation (pre or post) and residual connections around equal-width
 * blocks, then a linear head and softmax cross-entropy. */
#ifndef DESCENT_MODELS_MLP_H
#define DESCENT_MODELS_MLP_H

#include "models/model.h"

/* Hidden block i with input x, width din → dout:
 *   pre:  y = [x +] drop(act(lin(norm(x))))
 *   post: y = norm([x +] drop(act(lin(x))))
 * (the residual "x +" only when residual is on and din == dout; norm only when norm is
 * not none). Pre-norm normalises hidden inputs only: the first block sees the raw
 * features. Pre-norm adds a final norm "norm_f" before the head.
 * Parameters: layers.{i}.w (dout,din), layers.{i}.b (dout), layers.{i}.norm.w/.b (the
 * width it normalises; RMSNorm has no .b); the head is layers.{n_hidden}.w/.b. */
Status mlp_create(Model **out, const Settings *s, const DataShape *shape);

#endif
