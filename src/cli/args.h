/* Command-line parsing shared by the subcommands: `--key value` or `--key=value` for
 * any setting of the table, plus the command's own options. */
#ifndef DESCENT_CLI_ARGS_H
#define DESCENT_CLI_ARGS_H

#include <stdbool.h>

#include "core/status.h"
#include "settings/settings.h"

/* One option of a command that is not a setting. */
typedef struct {
    const char *name;  /* without the dashes */
    bool takes_value;
    const char *help;
    const char **value; /* receives the value (or "on" for a flag); may be NULL */
} CmdOption;

/* Parses argv into the command's options and settings pairs. Errors are one line
 * naming the argument; ST_USAGE. --help sets *help. */
Status args_parse(int argc, char **argv, const CmdOption *opts, int nopts, SettingPairs *pairs,
                  bool *help);

/* The integer value v of option --opt, in [lo, hi], read by parse_count (digits only).
 * ST_USAGE naming the option and the range otherwise. */
Status args_int(const char *opt, const char *v, long lo, long hi, int *out);
/* --threads: absent is 0 (the default), else args_int in [1, 4096]. */
Status args_threads(const char *v, int *out);

/* Prints "error: <message>" and returns the exit code for st. */
int report_error(const char *cmd, Status st);

#endif
