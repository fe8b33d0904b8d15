/* The GPT against PyTorch: loss and the gradient of every parameter for three
 * configurations (pre-LayerNorm + residual + GELU; post-norm without residual;
 * RMSNorm + ReLU + tied embeddings), and the losses of 10 AdamW steps, against the
 * files scripts/gen_gpt_reference.py wrote under tests/reference/gpt (PyTorch in
 * float64 on checkpoints and batches descent wrote).
 *
 * Per tensor the error is ‖g − g_torch‖ / max(‖g‖, ‖g_torch‖) (models/gradcheck.c, as
 * descent gradcheck reports it; against the tensor's scale, so tiny entries do not blow
 * it up); tolerance 1e-5, where float32 rounding through the model gives ~1e-7. Loss: relative 1e-6. AdamW losses: relative
 * 1e-5 each. Every tensor's error is printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blas.h"
#include "core/safetensors.h"
#include "harness.h"
#include "models/checkpoint.h"
#include "models/gradcheck.h"
#include "optim/optim.h"

enum { MAX_ROWS = 64 };

static char root[4096];

/* The model in `name`.model.safetensors, sized for the batch in `name`.batch.txt,
 * without dropout; tokens into tok (rows, T+1). */
static Model *load(const char *name, int *tok, int *rows)
{
    char path[4600];
    static Settings s;
    DataShape shape;
    Model *loaded, *m;
    snprintf(path, sizeof path, "%s/tests/reference/gpt/%s.model.safetensors", root, name);
    if (checkpoint_load(path, &loaded, &s, &shape) != ST_OK) {
        printf("%s\n", err_msg());
        return NULL;
    }
    snprintf(path, sizeof path, "%s/tests/reference/gpt/%s.batch.txt", root, name);
    FILE *f = fopen(path, "r");
    int n = 0;
    while (f && n < MAX_ROWS * (s.context + 1) && fscanf(f, "%d", &tok[n]) == 1) n++;
    if (f) fclose(f);
    *rows = n / (s.context + 1);
    s.batch = *rows;
    s.dropout = 0;
    if (n == 0 || n % (s.context + 1) || model_create(&m, &s, &shape) != ST_OK) {
        printf("%s: unreadable batch or model (%s)\n", path, err_msg());
        model_free(loaded);
        return NULL;
    }
    memcpy(m->params.w, loaded->params.w, sizeof(float) * (size_t)m->params.numel);
    model_free(loaded);
    return m;
}

static void check_config(const char *name)
{
    static int tok[MAX_ROWS * 1024];
    int rows;
    Model *m = load(name, tok, &rows);
    if (!CHECK_TRUE(m != NULL, "%s: load checkpoint and batch", name)) return;
    char path[4600];
    snprintf(path, sizeof path, "%s/tests/reference/gpt/%s.torch.safetensors", root, name);
    StFile ref = {0};
    if (!CHECK_TRUE(st_read(&ref, path) == ST_OK, "%s: read %s", name, path)) {
        model_free(m);
        return;
    }
    Batch b = {.rows = rows, .tokens = tok};
    Params *p = &m->params;
    params_zero_grad(p);
    double loss = m->ops->forward(m, &b);
    m->ops->backward(m, &b, 1.0f);
    const StTensor *rl = st_find(&ref, "loss");
    double want = rl ? rl->data[0] : NAN;
    CHECK_TRUE(fabs(loss - want) <= 1e-6 * fabs(want), "%s: loss %.7f, torch %.7f", name, loss, want);
    int n_ref = 0;
    for (int i = 0; i < ref.n; i++) n_ref += strcmp(ref.tensors[i].name, "loss") != 0;
    CHECK_TRUE(n_ref == p->n, "%s: %d tensors, torch has %d", name, p->n, n_ref);
    double *r = malloc(sizeof(double) * (size_t)p->numel), *err = malloc(sizeof(double) * (size_t)p->n);
    if (CHECK_TRUE(gradcheck_reference(r, p, &ref) == ST_OK, "%s: every tensor in the torch file (%s)", name,
                   err_msg())) {
        gradcheck_compare(p, p->g, r, err);
        for (int i = 0; i < p->n; i++)
            CHECK_TRUE(err[i] <= 1e-5, "%s: %-18s rel error %.2e (tol 1e-5)", name, p->spec[i].name, err[i]);
    }
    free(r), free(err);
    st_free(&ref);
    model_free(m);
}

static void check_adamw(void)
{
    static int tok[MAX_ROWS * 1024];
    int rows;
    Model *m = load("pre_layer_gelu", tok, &rows);
    if (!CHECK_TRUE(m != NULL, "adamw: load checkpoint and batch")) return;
    char path[4600];
    snprintf(path, sizeof path, "%s/tests/reference/gpt/adamw_losses.txt", root);
    FILE *f = fopen(path, "r");
    double want[10];
    int n = 0;
    char line[512];
    while (f && n < 10 && fgets(line, sizeof line, f))
        if (line[0] != '#' && sscanf(line, "%lf", &want[n]) == 1) n++;
    if (f) fclose(f);
    if (!CHECK_TRUE(n == 10, "adamw: read 10 losses from %s", path)) {
        model_free(m);
        return;
    }
    Optimizer opt = {0};
    OptHyper h = {.lr = 1e-3, .beta1 = 0.9, .beta2 = 0.95, .eps = 1e-8, .weight_decay = 0.1};
    optimizer_init(&opt, opt_type_by_name("adamw"), &m->params, &h);
    Batch b = {.rows = rows, .tokens = tok};
    double worst = 0;
    int bad = 0;
    for (int s = 0; s < 10; s++) {
        params_zero_grad(&m->params);
        double loss = m->ops->forward(m, &b);
        m->ops->backward(m, &b, 1.0f);
        optimizer_step(&opt, &m->params, &h);
        double err = fabs(loss - want[s]) / fabs(want[s]);
        if (err > worst) worst = err;
        if (!(err <= 1e-5)) {
            bad++;
            printf("    step %d: loss %.9f torch %.9f\n", s, loss, want[s]);
        }
    }
    CHECK_TRUE(bad == 0, "adamw: 10 step losses, max rel error %.2e (tol 1e-5)", worst);
    optimizer_free(&opt);
    model_free(m);
}

int main(void)
{
    const char *r = getenv("DESCENT_SOURCE_ROOT");
    snprintf(root, sizeof root, "%s", r ? r : ".");
    blas_init(0);
    check_config("pre_layer_gelu");
    check_config("post_noresid");
    check_config("rms_relu_tied");
    check_adamw();
    return th_done();
}
