/* Gradient checks of whole models: the analytic gradient (backward) against central
 * finite differences of the model's mean loss, and against a reference gradient such
 * as PyTorch's. Shared by the gradcheck and reference test suites and `descent
 * gradcheck` (claim C07), so that the tests and the reported table measure the same
 * thing the same way.
 *
 * Finite differences use the four-point stencil
 *   g_fd = (−L(w + 2h) + 8 L(w + h) − 8 L(w − h) + L(w − 2h)) / 12h
 * (the Richardson extrapolation of two central differences; error O(h⁴)) on the loss
 * evaluated without dropout, summed in double; the model computes in float, so h is
 * large (1e-2 on smooth activations, 1e-3 across ReLU's kinks).
 *
 * The relative error of a gradient g against a reference r is ‖g − r‖ / max(‖g‖, ‖r‖)
 * (0 when both vanish): per tensor and over the whole vector. */
#ifndef DESCENT_MODELS_GRADCHECK_H
#define DESCENT_MODELS_GRADCHECK_H

#include "core/safetensors.h"
#include "core/status.h"
#include "models/model.h"

/* The mean loss of batch b without dropout: eval's sum over its rows × items_per_row. */
double gradcheck_loss(Model *m, const Batch *b);

/* grad (numel) = the four-point finite difference of gradcheck_loss in every parameter,
 * step h; the weights are restored bit for bit. */
void gradcheck_fd(double *grad, Model *m, const Batch *b, float h);

/* ‖g − r‖ / max(‖g‖, ‖r‖) over n elements. */
double gradcheck_rel_error(const float *g, const double *r, long n);

/* Per tensor i of p: tensor_err[i] (p->n) = the relative error of g against r over that
 * tensor's elements; returns the relative error over the whole vector. */
double gradcheck_compare(const Params *p, const float *g, const double *r, double *tensor_err);

/* The gradient of the model's mean loss on b (dropout off, as gradcheck_loss) into
 * p->g, overwritten. */
void gradcheck_backward(Model *m, const Batch *b);

/* The reference gradient of every parameter, from tensors named as the parameter table
 * (a safetensors file such as scripts/gen_gpt_reference.py writes), into r (numel).
 * ST_FAILED naming the tensor that is missing or of another size. */
Status gradcheck_reference(double *r, const Params *p, const StFile *ref);

#endif
