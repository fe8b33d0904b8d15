/* Gradient checks of whole models (see gradcheck.h). */
#include "models/gradcheck.h"

#include <math.h>

double gradcheck_loss(Model *m, const Batch *b)
{
    long correct = 0;
    return m->ops->eval(m, b, &correct) / ((double)b->rows * m->items_per_row);
}

void gradcheck_fd(double *grad, Model *m, const Batch *b, float h)
{
    const float steps[4] = {2 * h, h, -h, -2 * h};
    float *w = m->params.w;
    for (long j = 0; j < m->params.numel; j++) {
        float keep = w[j];
        double f[4];
        for (int k = 0; k < 4; k++) {
            w[j] = keep + steps[k];
            f[k] = gradcheck_loss(m, b);
        }
        w[j] = keep;
        grad[j] = (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12.0 * h);
    }
}

double gradcheck_rel_error(const float *g, const double *r, long n)
{
    double num = 0, ng = 0, nr = 0;
    for (long i = 0; i < n; i++) {
        num += (g[i] - r[i]) * (g[i] - r[i]);
        ng += (double)g[i] * g[i];
        nr += r[i] * r[i];
    }
    double den = fmax(sqrt(ng), sqrt(nr));
    return den > 0 ? sqrt(num) / den : sqrt(num);
}

double gradcheck_compare(const Params *p, const float *g, const double *r, double *tensor_err)
{
    for (int i = 0; i < p->n; i++)
        tensor_err[i] = gradcheck_rel_error(g + p->spec[i].offset, r + p->spec[i].offset, p->spec[i].numel);
    return gradcheck_rel_error(g, r, p->numel);
}

void gradcheck_backward(Model *m, const Batch *b)
{
    params_zero_grad(&m->params);
    m->ops->forward(m, b);
    m->ops->backward(m, b, 1.0f);
}

Status gradcheck_reference(double *r, const Params *p, const StFile *ref)
{
    for (int i = 0; i < p->n; i++) {
        const ParamSpec *sp = &p->spec[i];
        const StTensor *t = st_find(ref, sp->name);
        if (!t || t->numel != sp->numel)
            return err_set(ST_FAILED, "%s: %s in the reference", sp->name, t ? "another size" : "missing");
        for (long j = 0; j < sp->numel; j++) r[sp->offset + j] = t->data[j];
    }
    return ST_OK;
}
