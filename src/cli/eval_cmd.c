/* descent eval: test loss and accuracy of a saved checkpoint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/blas.h"
#include "data/data.h"
#include "models/checkpoint.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: descent eval --checkpoint FILE [--data NAME] [--fashion_dir DIR] [--threads N]\n"
               "\n"
               "Prints the test loss (nats) and accuracy of a model saved with `descent train\n"
               "--save`. The data settings default to the ones the model was trained with.\n");
}

int cmd_eval(int argc, char **argv)
{
    const char *ckpt = NULL, *threads = NULL;
    const CmdOption opts[] = {
        {"checkpoint", true, "model file", &ckpt},
        {"threads", true, "worker threads", &threads},
    };
    static SettingPairs pairs;
    bool help;
    Status st = args_parse(argc, argv, opts, 2, &pairs, &help);
    if (help) return usage(stdout), 0;
    if (st != ST_OK) return report_error("eval", st);
    if (!ckpt) return err_set(ST_USAGE, "--checkpoint FILE is required"), report_error("eval", ST_USAGE);
    for (int i = 0; i < pairs.n; i++)
        if (strcmp(pairs.item[i].key, "data") && strcmp(pairs.item[i].key, "fashion_dir"))
            return err_set(ST_USAGE, "%s: eval takes only data settings (data, fashion_dir)",
                           pairs.item[i].where),
                   report_error("eval", ST_USAGE);
    int nthreads;
    if ((st = args_threads(threads, &nthreads)) != ST_OK) return report_error("eval", st);
    blas_init(nthreads);
    static Settings s;
    DataShape shape;
    Model *m = NULL;
    if ((st = checkpoint_load(ckpt, &m, &s, &shape)) != ST_OK) return report_error("eval", st);
    for (int i = 0; i < pairs.n && st == ST_OK; i++) st = settings_set(&s, pairs.item[i].key, pairs.item[i].value);
    if (st == ST_OK) st = settings_validate(&s);
    Data *d = NULL;
    if (st == ST_OK) st = data_open(&d, &s);
    if (st == ST_OK && (d->shape.inputs != shape.inputs || d->shape.classes != shape.classes))
        st = err_set(ST_USAGE, "data: %s has %d inputs and %d classes, the model expects %d and %d",
                     s.data, d->shape.inputs, d->shape.classes, shape.inputs, shape.classes);
    if (st != ST_OK) {
        model_free(m);
        data_free(d);
        return report_error("eval", st);
    }
    double sum = 0;
    long correct = 0, items = 0;
    Batch b;
    for (int i = 0;; i++) {
        int n = d->ops->eval_batch(d, SPLIT_TEST, i, s.batch, &b);
        if (n <= 0) break;
        sum += m->ops->eval(m, &b, &correct);
        items += (long)n * m->items_per_row;
    }
    printf("test_loss\ttest_acc\titems\n%.6f\t%.4f\t%ld\n", sum / items, (double)correct / items, items);
    model_free(m);
    data_free(d);
    return 0;
}
