/* Folders on disk (see fs.h). */
#include "core/fs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

Status make_dirs(const char *path)
{
    char buf[4096];
    if (strlen(path) >= sizeof buf) return err_set(ST_IO, "%s: path too long", path);
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return err_set(ST_IO, "%s: cannot create folder: %s", buf, strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return err_set(ST_IO, "%s: cannot create folder: %s", buf, strerror(errno));
    return ST_OK;
}

Status cache_dir(char *out, size_t cap)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && *xdg) n = snprintf(out, cap, "%s/descent", xdg);
    else if (home && *home) n = snprintf(out, cap, "%s/.cache/descent", home);
    else return err_set(ST_IO, "neither XDG_CACHE_HOME nor HOME is set, so there is no cache folder");
    if (n < 0 || (size_t)n >= cap) return err_set(ST_IO, "the cache folder's path is too long");
    return make_dirs(out);
}
