/* Reductions over float vectors (see vec.h). */
#include "core/vec.h"

#include <math.h>

double vec_norm(const float *x, long n)
{
    double ss = 0;
    for (long j = 0; j < n; j++) ss += (double)x[j] * x[j];
    return sqrt(ss);
}
