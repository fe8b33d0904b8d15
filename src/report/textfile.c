/* The report's text files (see textfile.h). */
#include "report/textfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

Status text_read(const char *path, char **text, size_t *len)
{
    *text = NULL, *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(ST_IO, "%s: cannot read (%s)", path, strerror(errno));
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (n + 1 == cap) {
            char *more = realloc(buf, cap *= 2);
            if (!more) free(buf);
            buf = more;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf) return ST_NOMEM;
    if (bad) return free(buf), err_set(ST_IO, "%s: read failed", path);
    buf[n] = '\0';
    *text = buf, *len = n;
    return ST_OK;
}

Status text_replace(const char *path, const char *text, size_t len)
{
    char *old;
    size_t oldlen;
    if (text_read(path, &old, &oldlen) == ST_OK) {
        bool same = oldlen == len && memcmp(old, text, len) == 0;
        free(old);
        if (same) return ST_OK;
    }
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) return err_set(ST_IO, "%s: cannot write (%s)", tmp, strerror(errno));
    bool ok = fwrite(text, 1, len, f) == len;
    if (fclose(f) != 0) ok = false;
    if (!ok) return unlink(tmp), err_set(ST_IO, "%s: write failed", tmp);
    if (rename(tmp, path) != 0) {
        Status st = err_set(ST_IO, "%s: cannot rename into place (%s)", path, strerror(errno));
        unlink(tmp);
        return st;
    }
    return ST_OK;
}
