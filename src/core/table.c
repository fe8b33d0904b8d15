/* TSV tables (see table.h). */
#include "core/table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

static char *read_all(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) free(buf);
            buf = nb, cap *= 2;
        }
    }
    fclose(f);
    if (buf) buf[n] = '\0';
    *len = (long)n;
    return buf;
}

/* Splits s at tabs in place; returns the number of fields stored in out (at most max). */
static int split_tabs(char *s, char **out, int max)
{
    int n = 0;
    for (char *p = s;;) {
        char *tab = strchr(p, '\t');
        if (n < max) out[n] = p;
        n++;
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    return n < max ? n : max;
}

Status table_read(Table *t, const char *path)
{
    memset(t, 0, sizeof *t);
    long len;
    t->text = read_all(path, &len);
    if (!t->text) return err_set(ST_IO, "%s: cannot read", path);
    int lines = 0;
    for (long i = 0; i < len; i++) lines += t->text[i] == '\n';
    char **line = calloc((size_t)lines + 2, sizeof *line);
    if (!line) return table_free(t), ST_NOMEM;
    int nl = 0;
    for (char *save, *l = strtok_r(t->text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        size_t k = strlen(l);
        if (k && l[k - 1] == '\r') l[k - 1] = '\0';
        if (l[0] != '#') line[nl++] = l;
    }
    if (nl == 0) {
        free(line);
        table_free(t);
        return err_set(ST_IO, "%s: empty table (no header line)", path);
    }
    int ncols = 1;
    for (const char *p = line[0]; *p; p++) ncols += *p == '\t';
    t->ncols = ncols;
    t->head = calloc((size_t)ncols, sizeof *t->head);
    t->cell = calloc((size_t)nl, sizeof *t->cell);
    if (!t->head || !t->cell) return free(line), table_free(t), ST_NOMEM;
    split_tabs(line[0], t->head, ncols);
    for (int r = 1; r < nl; r++) {
        char **row = calloc((size_t)ncols, sizeof *row);
        if (!row) return free(line), table_free(t), ST_NOMEM;
        int got = split_tabs(line[r], row, ncols);
        for (int c = got; c < ncols; c++) row[c] = "";
        t->cell[t->nrows++] = row;
    }
    free(line);
    return ST_OK;
}

void table_free(Table *t)
{
    for (int r = 0; r < t->nrows; r++) free(t->cell[r]);
    free(t->cell);
    free(t->head);
    free(t->text);
    memset(t, 0, sizeof *t);
}

int table_col(const Table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (strcmp(t->head[c], name) == 0) return c;
    return -1;
}

const char *table_str(const Table *t, int row, int col)
{
    if (col < 0 || col >= t->ncols || row < 0 || row >= t->nrows) return "";
    return t->cell[row][col];
}

double table_num(const Table *t, int row, int col)
{
    const char *s = table_str(t, row, col);
    char *end;
    double v = strtod(s, &end);
    return end == s || *end ? NAN : v;
}

const char *table_get(const Table *t, int row, const char *name)
{
    return table_str(t, row, table_col(t, name));
}

double table_getnum(const Table *t, int row, const char *name)
{
    return table_num(t, row, table_col(t, name));
}
