/* descent grad: the loss and the gradient of every parameter of a checkpoint for one
 * given batch, as safetensors (tensor "loss" of shape (1), then one tensor per
 * parameter under its name). No dropout. The batch file is text, one sequence per
 * line: T+1 whitespace-separated token ids (inputs the first T, targets the last T).
 * For holding descent against another implementation (scripts/gen_gpt_reference.py). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/blas.h"
#include "core/safetensors.h"
#include "models/checkpoint.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: descent grad --checkpoint FILE --batch FILE --out FILE [--threads N]\n"
               "\n"
               "Writes the mean loss of the batch and the gradient of every parameter (no\n"
               "dropout) as safetensors: \"loss\" (1) and one tensor per parameter name. The\n"
               "batch file holds one sequence per line, context+1 token ids.\n");
}

/* Reads the batch file: rows of exactly `width` ids in [0, V); *tok is malloc'd. */
static Status read_batch(const char *path, int width, int V, int **tok, int *rows)
{
    FILE *f = fopen(path, "r");
    if (!f) return err_set(ST_IO, "%s: cannot read: %s", path, strerror(errno));
    int cap = 0, n = 0, *t = NULL, line = 0;
    char buf[1 << 16];
    Status st = ST_OK;
    while (st == ST_OK && fgets(buf, sizeof buf, f)) {
        line++;
        char *p = buf, *end;
        while (*p == ' ' || *p == '\t') p++;
        if (*p == '\n' || *p == 0) continue;
        if (n + 1 > cap) {
            cap = cap ? 2 * cap : 16;
            int *nt = realloc(t, sizeof(int) * (size_t)cap * (size_t)width);
            if (!nt) {
                st = err_set(ST_NOMEM, "out of memory");
                break;
            }
            t = nt;
        }
        int k = 0;
        for (;; k++) {
            long v = strtol(p, &end, 10);
            if (end == p) break;
            if (k >= width || v < 0 || v >= V) {
                st = err_set(ST_USAGE, "%s:%d: %s", path, line,
                             k >= width ? "more ids than context + 1" : "token id out of range");
                break;
            }
            t[(long)n * width + k] = (int)v;
            p = end;
        }
        if (st == ST_OK && k != width)
            st = err_set(ST_USAGE, "%s:%d: %d ids, the model needs context + 1 = %d", path, line, k, width);
        n++;
    }
    fclose(f);
    if (st == ST_OK && n == 0) st = err_set(ST_USAGE, "%s: no sequences", path);
    if (st != ST_OK) return free(t), st;
    *tok = t;
    *rows = n;
    return ST_OK;
}

int cmd_grad(int argc, char **argv)
{
    const char *ckpt = NULL, *batch = NULL, *out = NULL, *threads = NULL;
    const CmdOption opts[] = {
        {"checkpoint", true, "model file", &ckpt},
        {"batch", true, "token file", &batch},
        {"out", true, "safetensors file to write", &out},
        {"threads", true, "worker threads", &threads},
    };
    static SettingPairs pairs;
    bool help;
    Status st = args_parse(argc, argv, opts, 4, &pairs, &help);
    if (help) return usage(stdout), 0;
    if (st != ST_OK) return report_error("grad", st);
    if (!ckpt || !batch || !out)
        return err_set(ST_USAGE, "--checkpoint, --batch and --out are required"), report_error("grad", ST_USAGE);
    if (pairs.n) return err_set(ST_USAGE, "--%s: grad takes no settings", pairs.item[0].key), report_error("grad", ST_USAGE);
    int nthreads;
    if ((st = args_threads(threads, &nthreads)) != ST_OK) return report_error("grad", st);
    blas_init(nthreads);

    static Settings s;
    DataShape shape;
    Model *loaded = NULL, *m = NULL;
    int *tok = NULL, rows = 0;
    StTensor *tensors = NULL;
    if ((st = checkpoint_load(ckpt, &loaded, &s, &shape)) != ST_OK) goto done;
    if (s.model != MODEL_GPT) {
        st = err_set(ST_USAGE, "%s: grad needs a gpt checkpoint, not %s", ckpt,
                     model_kind_name(s.model));
        goto done;
    }
    if ((st = read_batch(batch, s.context + 1, shape.classes, &tok, &rows)) != ST_OK) goto done;
    /* a model sized for this batch, without dropout, holding the checkpoint's weights */
    s.batch = rows;
    s.dropout = 0;
    if ((st = model_create(&m, &s, &shape)) != ST_OK) goto done;
    memcpy(m->params.w, loaded->params.w, sizeof(float) * (size_t)m->params.numel);
    Batch b = {.rows = rows, .tokens = tok};
    params_zero_grad(&m->params);
    float loss = (float)m->ops->forward(m, &b);
    m->ops->backward(m, &b, 1.0f);

    const Params *p = &m->params;
    tensors = calloc((size_t)p->n + 1, sizeof *tensors);
    if (!tensors) {
        st = err_set(ST_NOMEM, "out of memory");
        goto done;
    }
    tensors[0] = (StTensor){.name = "loss", .ndim = 1, .shape = {1}, .numel = 1, .data = &loss};
    for (int i = 0; i < p->n; i++) {
        StTensor *t = &tensors[i + 1];
        snprintf(t->name, sizeof t->name, "%s", p->spec[i].name);
        t->ndim = p->spec[i].ndim;
        for (int d = 0; d < t->ndim; d++) t->shape[d] = p->spec[i].shape[d];
        t->numel = p->spec[i].numel;
        t->data = p->g + p->spec[i].offset;
    }
    st = st_write(out, tensors, p->n + 1, NULL, 0);
done:
    free(tensors);
    free(tok);
    model_free(loaded);
    model_free(m);
    return st == ST_OK ? 0 : report_error("grad", st);
}
