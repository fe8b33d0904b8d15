/* Losses. Softmax cross-entropy is numerically stable (max subtracted) and averages
 * over rows, as torch.nn.functional.cross_entropy; MSE averages over all elements, as
 * torch.nn.functional.mse_loss. Sums accumulate in double, in row order. */
#ifndef DESCENT_NN_LOSS_H
#define DESCENT_NN_LOSS_H

/* probs (N,V) = softmax(logits (N,V)); returns the SUM over rows of −log probs[target];
 * targets (N). Divide by N for the mean. */
double crossentropy_forward(float *probs, const float *logits, const int *targets, int N, int V);
/* dlogits (N,V) += dloss · (probs − onehot(targets)) / N: the gradient of dloss × the mean loss. */
void crossentropy_backward(float *dlogits, const float *probs, const int *targets, int N, int V,
                           float dloss);
/* The same for rows of a larger batch: dlogits (n,V) += s · (probs − onehot(targets)) with
 * the factor s = dloss / N of the whole batch given, so row chunks get the same bits. */
void crossentropy_backward_rows(float *dlogits, const float *probs, const int *targets, int n,
                                int V, float s);
/* Number of rows whose largest logit is at the target (first index wins ties). */
long argmax_correct(const float *logits, const int *targets, int N, int V);

/* Mean over N·C elements of (pred − target)²; pred, target (N,C). */
double mse_forward(const float *pred, const float *target, int N, int C);
/* dpred (N,C) += dloss · 2 (pred − target) / (N·C). */
void mse_backward(float *dpred, const float *pred, const float *target, int N, int C, float dloss);

#endif
