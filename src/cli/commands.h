/* The subcommands of `descent`. Each takes the arguments after its name and returns
 * the process exit code (0 ok, 1 a check failed, 2 usage, 3 I/O). */
#ifndef DESCENT_CLI_COMMANDS_H
#define DESCENT_CLI_COMMANDS_H

int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_grad(int argc, char **argv);
int cmd_gradcheck(int argc, char **argv);
int cmd_sample(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#include <stdbool.h>

#include "settings/settings.h"

/* descent train's own options (NULL when absent; "on" for a flag), and --threads read. */
typedef struct {
    const char *out, *save, *threads, *quiet;
    int nthreads;
} TrainArgs;

/* Everything cmd_train reads from its arguments before it trains: options, settings
 * (validated into *s), --help. The command line's fuzz harness calls it too. */
Status train_parse_args(int argc, char **argv, TrainArgs *a, SettingPairs *pairs, Settings *s,
                        bool *help);

#endif
