/* Command-line parsing shared by the subcommands. */
#include "cli/args.h"

#include <stdio.h>
#include <string.h>

Status args_parse(int argc, char **argv, const CmdOption *opts, int nopts, SettingPairs *pairs,
                  bool *help)
{
    *help = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            *help = true;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0)
            return err_set(ST_USAGE, "unexpected argument '%s' (options start with --)", arg);
        char key[128];
        const char *value = NULL;
        const char *eq = strchr(arg, '=');
        size_t klen = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (klen >= sizeof key) return err_set(ST_USAGE, "option '%s' is too long", arg);
        memcpy(key, arg + 2, klen);
        key[klen] = '\0';
        if (eq) value = eq + 1;
        const CmdOption *opt = NULL;
        for (int j = 0; j < nopts; j++)
            if (!strcmp(opts[j].name, key)) opt = &opts[j];
        bool is_flag = opt && !opt->takes_value;
        if (!value && !is_flag) {
            if (i + 1 >= argc) return err_set(ST_USAGE, "--%s needs a value", key);
            value = argv[++i];
        }
        if (opt) {
            if (is_flag && eq) return err_set(ST_USAGE, "--%s takes no value", key);
            if (opt->value) *opt->value = is_flag ? "on" : value;
            continue;
        }
        if (!setting_find(key)) {
            const char *near = setting_suggest(key);
            for (int j = 0; !near && j < nopts; j++)
                if (strstr(opts[j].name, key) || strstr(key, opts[j].name)) near = opts[j].name;
            if (near) return err_set(ST_USAGE, "unknown option '--%s' (did you mean '--%s'?)", key, near);
            return err_set(ST_USAGE, "unknown option '--%s' (see --help)", key);
        }
        Status st = pairs_add(pairs, key, value, ""); /* errors name the key themselves */
        if (st != ST_OK) return st;
    }
    return ST_OK;
}

Status args_int(const char *opt, const char *v, long lo, long hi, int *out)
{
    long x;
    if (!parse_count(v, lo, hi, &x))
        return err_set(ST_USAGE, "--%s: '%s' is not an integer in [%ld, %ld]", opt, v, lo, hi);
    *out = (int)x;
    return ST_OK;
}

Status args_threads(const char *v, int *out)
{
    *out = 0;
    return v ? args_int("threads", v, 1, 4096, out) : ST_OK;
}

int report_error(const char *cmd, Status st)
{
    fprintf(stderr, "descent %s: %s\n", cmd, err_msg());
    return status_exit_code(st);
}
