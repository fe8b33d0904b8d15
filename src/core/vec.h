/* Reductions over float vectors for measurements (norms in the training loop's
 * statistics and the models' per-layer gradient norms): accumulated in double, in
 * index order, so the same vector gives the same bits on every machine. */
#ifndef DESCENT_CORE_VEC_H
#define DESCENT_CORE_VEC_H

/* The L2 norm of x (n). */
double vec_norm(const float *x, long n);

#endif
