/* Atomic output folders. */
#include "train/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fs.h"

Status remove_flat_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return errno == ENOENT ? ST_OK : err_set(ST_IO, "%s: %s", path, strerror(errno));
    char file[4096 + 256];
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        unlink(file);
    }
    closedir(d);
    if (rmdir(path) != 0) return err_set(ST_IO, "%s: cannot remove: %s", path, strerror(errno));
    return ST_OK;
}

Status outdir_begin(OutDir *o, const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    if (n + 32 >= sizeof o->final) return err_set(ST_IO, "%s: path too long", dir);
    snprintf(o->final, sizeof o->final, "%.*s", (int)n, dir);
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp-%ld", o->final, (long)getpid());
    remove_flat_dir(o->tmp);
    return make_dirs(o->tmp);
}

void outdir_path(const OutDir *o, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", o->tmp, name);
}

FILE *outdir_open(const OutDir *o, const char *name)
{
    char path[4096 + 256];
    outdir_path(o, name, path, sizeof path);
    FILE *f = fopen(path, "w");
    if (!f) err_set(ST_IO, "%s: cannot write: %s", path, strerror(errno));
    return f;
}

Status outdir_commit(OutDir *o)
{
    struct stat st;
    if (stat(o->final, &st) == 0) {
        Status s = remove_flat_dir(o->final);
        if (s != ST_OK) return s;
    }
    if (rename(o->tmp, o->final) != 0)
        return err_set(ST_IO, "%s: cannot rename into place: %s", o->final, strerror(errno));
    return ST_OK;
}

void outdir_abort(OutDir *o) { remove_flat_dir(o->tmp); }
