/* Parameter-table helpers for the layers a model registers (see params.h). */
#include "models/params.h"

#include <stdio.h>

int params_add_linear(Params *p, const char *prefix, int din, int dout)
{
    char name[PARAM_NAME_LEN];
    snprintf(name, sizeof name, "%s.w", prefix);
    int w = params_add(p, name, 2, (int[]){dout, din}, true);
    snprintf(name, sizeof name, "%s.b", prefix);
    params_add(p, name, 1, (int[]){dout}, false);
    return w;
}

void params_add_norm(Params *p, const char *prefix, NormKind kind, int C, int *w, int *b)
{
    char name[PARAM_NAME_LEN];
    *w = *b = -1;
    if (kind == NORM_NONE) return;
    snprintf(name, sizeof name, "%s.w", prefix);
    *w = params_add(p, name, 1, (int[]){C}, false);
    if (kind == NORM_LAYER) {
        snprintf(name, sizeof name, "%s.b", prefix);
        *b = params_add(p, name, 1, (int[]){C}, false);
    }
}
