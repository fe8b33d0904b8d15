/* descent: the command-line entry point; dispatches to the subcommands. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "core/blas.h"
#include "version.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    {"train", cmd_train, "train one model from settings; write its result files"},
    {"sweep", cmd_sweep, "run an experiment file's runs, cached and N at a time; rebuild runs.tsv"},
    {"verify", cmd_verify, "rerun committed runs of an experiment and compare their bits"},
    {"eval", cmd_eval, "test loss and accuracy of a saved checkpoint"},
    {"bench", cmd_bench, "time training steps of any shape against the machine's sgemm peak"},
    {"grad", cmd_grad, "loss and every parameter's gradient of a gpt checkpoint on one batch"},
    {"gradcheck", cmd_gradcheck, "analytic gradients against finite differences and PyTorch (C07)"},
    {"sample", cmd_sample, "continue a prompt with a saved gpt"},
    {"report", cmd_report, "report/REPORT.md and figures from experiments/ and results/ (never trains)"},
};
enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

/* The kernels the command line asks for (--blas VALUE or --blas=VALUE; pinned unless it
 * says native). A bad value is left to the command's own parser to report. */
static BlasKernels kernels_asked(int argc, char **argv)
{
    BlasKernels k = BLAS_PINNED;
    for (int i = 2; i < argc; i++) {
        if (!strncmp(argv[i], "--blas=", 7)) blas_kernels_parse(argv[i] + 7, &k);
        else if (!strcmp(argv[i], "--blas") && i + 1 < argc) blas_kernels_parse(argv[i + 1], &k);
    }
    return k;
}

/* OpenBLAS has chosen its kernels before main runs (see core/blas.h): when the
 * environment did not ask for the ones this command wants, set it and start again, once
 * (the second start finds it as it wants). What cannot be honoured is said once, on
 * stderr, and provenance.tsv records the kernels that ran (blas_core). */
static void use_kernels(int argc, char **argv)
{
    BlasKernels k = kernels_asked(argc, argv);
    bool can_pin = blas_can_pin();
    if (blas_kernels_env(can_pin ? k : BLAS_NATIVE)) {
        execv("/proc/self/exe", argv);
        fprintf(stderr, "descent: cannot restart with OPENBLAS_CORETYPE set: %s; running OpenBLAS's %s kernels\n",
                strerror(errno), blas_core_name());
        return;
    }
    if (k != BLAS_PINNED) return;
    if (!can_pin)
        fprintf(stderr, "descent: this CPU cannot run the pinned %s kernels (they need x86-64 with AVX2 and FMA): "
                        "running OpenBLAS's %s kernels, whose bits can differ from the pinned ones\n",
                BLAS_PINNED_CORE, blas_core_name());
    else if (strcmp(blas_core_name(), BLAS_PINNED_CORE))
        fprintf(stderr, "descent: OpenBLAS ignores OPENBLAS_CORETYPE (not a DYNAMIC_ARCH build?): running its %s "
                        "kernels, not the pinned %s ones; bits can differ\n", blas_core_name(), BLAS_PINNED_CORE);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: descent COMMAND [options]   (descent COMMAND --help for its options)\n\n");
    for (int i = 0; i < N_COMMANDS; i++) fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\ndescent %s\n", DESCENT_VERSION);
}

int main(int argc, char **argv)
{
    use_kernels(argc, argv);
    if (argc < 2) return usage(stderr), 2;
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
        return usage(stdout), 0;
    if (!strcmp(argv[1], "--version")) return printf("descent %s\n", DESCENT_VERSION), 0;
    for (int i = 0; i < N_COMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "descent: unknown command '%s' (see descent --help)\n", argv[1]);
    return 2;
}
