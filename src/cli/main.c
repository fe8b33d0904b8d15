/* descent: the command-line entry point; dispatches to the subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "version.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    {"train", cmd_train, "train one model from settings; write its result files"},
    {"sweep", cmd_sweep, "run an experiment file's runs, cached and N at a time; rebuild runs.tsv"},
    {"eval", cmd_eval, "test loss and accuracy of a saved checkpoint"},
    {"bench", cmd_bench, "time training steps of any shape against the machine's sgemm peak"},
    {"grad", cmd_grad, "loss and every parameter's gradient of a gpt checkpoint on one batch"},
    {"sample", cmd_sample, "continue a prompt with a saved gpt"},
    {"report", cmd_report, "report/REPORT.md and figures from experiments/ and results/ (never trains)"},
};
enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

static void usage(FILE *f)
{
    fprintf(f, "usage: descent COMMAND [options]   (descent COMMAND --help for its options)\n\n");
    for (int i = 0; i < N_COMMANDS; i++) fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\ndescent %s\n", DESCENT_VERSION);
}

int main(int argc, char **argv)
{
    if (argc < 2) return usage(stderr), 2;
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
        return usage(stdout), 0;
    if (!strcmp(argv[1], "--version")) return printf("descent %s\n", DESCENT_VERSION), 0;
    for (int i = 0; i < N_COMMANDS; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "descent: unknown command '%s' (see descent --help)\n", argv[1]);
    return 2;
}
