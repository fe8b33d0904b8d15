/* Reading the optimizer reference files (tests/reference/optim*.txt): plain text, one
 * record per line, fields separated by spaces, '#' lines comments. Header-only, shared
 * by the optimizer reference tests. */
#ifndef DESCENT_TESTS_OPTIM_REF_LINES_H
#define DESCENT_TESTS_OPTIM_REF_LINES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { REF_LINE_LEN = 16384 };

/* Calls parse on each line of path; 0 when every line parsed, otherwise prints
 * FILE:LINE (or that the file is missing and which script writes it) and returns -1. */
static inline int ref_read_lines(const char *path, const char *script, int (*parse)(char *line))
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open (run %s)\n", path, script);
        return -1;
    }
    static char line[REF_LINE_LEN];
    int lineno = 0, bad = 0;
    while (!bad && fgets(line, sizeof line, f)) {
        lineno++;
        if (parse(line) != 0) {
            fprintf(stderr, "%s:%d: malformed line\n", path, lineno);
            bad = 1;
        }
    }
    fclose(f);
    return bad ? -1 : 0;
}

/* Reads exactly n numbers from the remaining tokens of a strtok_r line. */
static inline int ref_read_values(double *out, int n, char **save)
{
    for (int i = 0; i < n; i++) {
        char *tok = strtok_r(NULL, " \n", save), *end;
        if (!tok) return -1;
        out[i] = strtod(tok, &end);
        if (*end) return -1;
    }
    return strtok_r(NULL, " \n", save) ? -1 : 0;
}

#endif
