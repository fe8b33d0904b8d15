/* descent train: one run from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/blas.h"
#include "train/toy.h"
#include "train/train.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: descent train [--SETTING VALUE ...] [--out DIR] [--save] [--threads N] [--quiet]\n"
            "\n"
            "Trains one model and prints its result. With --out DIR, writes DIR/curve.tsv,\n"
            "DIR/layers.tsv, DIR/layer_stats.tsv, DIR/summary.tsv and DIR/provenance.tsv (and DIR/model.safetensors\n"
            "with --save), all at once when the run ends. Same settings and seed give the\n"
            "same bits whatever --threads is.\n"
            "\n"
            "options:\n"
            "  --out DIR      write the result files into DIR (an existing DIR is replaced only\n"
            "                 when it holds a previous run and nothing else)\n"
            "  --save         also write the trained model as DIR/model.safetensors\n"
            "  --threads N    worker threads (default: OPENBLAS_NUM_THREADS, else all cores)\n"
            "  --quiet        no per-evaluation lines\n"
            "\n"
            "settings (every one is also an experiment-file key and a summary.tsv column):\n");
    settings_print_help(f);
}

Status train_parse_args(int argc, char **argv, TrainArgs *a, SettingPairs *pairs, Settings *s,
                        bool *help)
{
    *a = (TrainArgs){0};
    const CmdOption opts[] = {
        {"out", true, "result folder", &a->out},
        {"save", false, "write model.safetensors", &a->save},
        {"threads", true, "worker threads", &a->threads},
        {"quiet", false, "no per-evaluation lines", &a->quiet},
    };
    Status st = args_parse(argc, argv, opts, 4, pairs, help);
    if (st != ST_OK || *help) return st;
    if (a->save && !a->out) return err_set(ST_USAGE, "--save needs --out DIR");
    if ((st = settings_from_pairs(s, pairs)) != ST_OK) return st;
    return args_threads(a->threads, &a->nthreads);
}

int cmd_train(int argc, char **argv)
{
    static SettingPairs pairs;
    static Settings s;
    TrainArgs a;
    bool help;
    Status st = train_parse_args(argc, argv, &a, &pairs, &s, &help);
    if (help) return usage(stdout), 0;
    if (st != ST_OK) return report_error("train", st);
    blas_init(a.nthreads);

    const char *out = a.out;
    TrainOptions o = {out, a.save != NULL, isatty(2) != 0, a.quiet != NULL};
    TrainResult r;
    /* a toy landscape or a model: two kinds of run that share their result files */
    st = s.model == MODEL_TOY ? toy_run(&s, &o, &r) : train_run(&s, &o, &r);
    if (st != ST_OK) return report_error("train", st);
    /* the runner's tests: a run killed after its folder is in place keeps its results */
    if (out && getenv("DESCENT_TEST_HANG_AFTER_COMMIT")) pause();
    printf("status %s  steps %ld  final train loss %.4f  val loss %.4f  best val %.4f\n", r.status,
           r.steps_done, r.final_train_loss, r.final_val_loss, r.best_val_loss);
    if (!strcmp(r.status, "diverged")) printf("diverged at step %ld\n", r.diverged_step);
    else printf("test loss %.4f  test accuracy %.4f\n", r.test_loss, r.test_acc);
    printf("%.1f s wall, %.3f ms/step (median), %.0f items/s%s%s\n", r.wall_s, 1e3 * r.step_s,
           r.items_per_s, out ? ", results in " : "", out ? out : "");
    return 0;
}
