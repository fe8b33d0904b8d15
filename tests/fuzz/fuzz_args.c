/* Fuzzes the command line (src/cli/args.c and the settings table): the input is the
 * arguments of `descent train`, separated by NUL bytes (at most 64), parsed and
 * validated by train_parse_args as cmd_train does before it trains. */
#include <string.h>

#include "cli/commands.h"
#include "fuzz.h"

enum { MAX_ARGS = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char buf[1 << 16];
    static SettingPairs pairs;
    static Settings s;
    if (size >= sizeof buf) return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *argv[MAX_ARGS];
    int argc = 0;
    for (size_t at = 0; size && at <= size && argc < MAX_ARGS; at += strlen(buf + at) + 1)
        argv[argc++] = buf + at;
    memset(&pairs, 0, sizeof pairs);
    TrainArgs a;
    bool help;
    Status st = train_parse_args(argc, argv, &a, &pairs, &s, &help);
    fuzz_check_error(st, "args");
    if (st == ST_OK && !help) {
        char id[13];
        settings_run_id(&s, id); /* formats every setting */
    }
    return 0;
}
