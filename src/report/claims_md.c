/* The Tested-by lines of docs/CLAIMS.md (see claims_md.h). */
#include "report/claims_md.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/textfile.h"

static const char tested_by[] = "**Tested by:** ";

static void write_tested_by(FILE *f, const char *id, const Experiment *const *xs, int n)
{
    fputs(tested_by, f);
    int found = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < xs[i]->nclaims; k++)
            if (!strcmp(xs[i]->claims[k], id))
                fprintf(f, "%s[%s](../report/%s.md)", found++ ? ", " : "", xs[i]->name, xs[i]->name);
    if (!found) fputs("no experiment yet", f);
    fputc('\n', f);
}

Status claims_md_update(const char *path, const Experiment *const *xs, int n)
{
    char *text;
    size_t len;
    Status st = text_read(path, &text, &len);
    if (st != ST_OK) return st;
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    if (!f) return free(text), ST_NOMEM;
    char id[16] = ""; /* the claim being copied, "" outside claims */
    bool written = false;
    for (char *line = text, *next; *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : line + strlen(line);
        size_t l = (size_t)(next - line);
        bool heading = !strncmp(line, "## ", 3) || !strncmp(line, "### ", 4);
        if (heading && id[0] && !written) { /* a claim without the line gets one at its end */
            write_tested_by(f, id, xs, n);
            fputc('\n', f);
        }
        if (heading) {
            id[0] = '\0', written = false;
            if (!strncmp(line, "### C", 5)) snprintf(id, sizeof id, "%.*s", (int)strcspn(line + 4, " \n"), line + 4);
        }
        if (id[0] && !strncmp(line, tested_by, sizeof tested_by - 1)) {
            write_tested_by(f, id, xs, n);
            written = true;
            continue;
        }
        fwrite(line, 1, l, f);
        if (!nl) fputc('\n', f);
    }
    if (id[0] && !written) fputc('\n', f), write_tested_by(f, id, xs, n);
    free(text);
    if (fclose(f) != 0) return free(out), ST_NOMEM;
    st = text_replace(path, out, outlen);
    free(out);
    return st;
}
