/* Atomic output folders. */
#include "train/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
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

/* The files a run writes (curve, layers, layer_stats, summary, provenance, model with --save; a
 * gradient check's gradcheck.tsv, a benchmark's bench.tsv) and a sweep's failure record
 * (summary, provenance, stderr). */
static const char *const run_files[] = {"summary.tsv",   "provenance.tsv", "curve.tsv",       "layers.tsv",
                                        "model.safetensors", "stderr.txt", "gradcheck.tsv", "starts.tsv",
                                        "layer_stats.tsv", "bench.tsv"};
enum { N_RUN_FILES = sizeof run_files / sizeof run_files[0] };

/* Whether dir/provenance.tsv starts as descent writes it. */
static bool descent_provenance(const char *dir)
{
    char path[4096 + 32], line[64] = "";
    snprintf(path, sizeof path, "%s/provenance.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) return false;
    bool ok = fgets(line, sizeof line, f) && !strncmp(line, "run_id\tversion\t", 15);
    fclose(f);
    return ok;
}

Status outdir_check(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return errno == ENOENT ? ST_OK : err_set(ST_IO, "%s: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode)) return err_set(ST_USAGE, "%s: exists and is not a folder; nothing written", dir);
    DIR *d = opendir(dir);
    if (!d) return err_set(ST_IO, "%s: %s", dir, strerror(errno));
    char path[4096 + 256], foreign[256] = "";
    int entries = 0;
    bool summary = false;
    for (struct dirent *e; (e = readdir(d)) && !foreign[0];) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        entries++;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        bool known = false;
        for (int k = 0; k < N_RUN_FILES && !known; k++) known = !strcmp(e->d_name, run_files[k]);
        if (!known || lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
            snprintf(foreign, sizeof foreign, "%s", e->d_name);
        summary |= !strcmp(e->d_name, "summary.tsv");
    }
    closedir(d);
    if (foreign[0])
        return err_set(ST_USAGE, "%s: exists and holds %s, which is not a descent result file; "
                       "nothing written (choose another --out)", dir, foreign);
    if (entries > 0 && (!summary || !descent_provenance(dir)))
        return err_set(ST_USAGE, "%s: exists and is not a descent run folder (no summary.tsv and "
                       "provenance.tsv of descent); nothing written (choose another --out)", dir);
    return ST_OK;
}

static void host_name(char *out, size_t cap)
{
    if (gethostname(out, cap - 1) != 0 || !out[0]) snprintf(out, cap, "unknown");
    out[cap - 1] = '\0';
}

void outdir_tmp_name(const char *path, long pid, char *out, size_t cap)
{
    char host[256];
    host_name(host, sizeof host);
    snprintf(out, cap, "%s.tmp-%s-%ld", path, host, pid);
}

bool outdir_tmp_ours(const char *name, long *pid)
{
    const char *t = strstr(name, ".tmp-"), *dash = strrchr(name, '-');
    if (!t || dash <= t + 5) return false; /* no host part (or not temporary at all) */
    char host[256], *end;
    host_name(host, sizeof host);
    *pid = strtol(dash + 1, &end, 10);
    return *pid > 0 && !*end && (size_t)(dash - (t + 5)) == strlen(host) &&
           !strncmp(t + 5, host, strlen(host));
}

Status outdir_begin(OutDir *o, const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    if (n + 300 >= sizeof o->final) return err_set(ST_IO, "%s: path too long", dir);
    snprintf(o->final, sizeof o->final, "%.*s", (int)n, dir);
    Status st = outdir_check(o->final);
    if (st != ST_OK) return st;
    outdir_tmp_name(o->final, (long)getpid(), o->tmp, sizeof o->tmp);
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
        Status s = outdir_check(o->final); /* someone may have put a file there meanwhile */
        if (s == ST_OK) s = remove_flat_dir(o->final);
        if (s != ST_OK) return s;
    }
    if (rename(o->tmp, o->final) != 0)
        return err_set(ST_IO, "%s: cannot rename into place: %s", o->final, strerror(errno));
    return ST_OK;
}

void outdir_abort(OutDir *o) { remove_flat_dir(o->tmp); }
