/* An output folder written atomically: files go into "<dir>.tmp-<host>-<pid>" and the
 * folder is renamed to <dir> only when complete. A crash leaves at most a stray
 * "*.tmp-*" folder, never a half-written <dir>; the host in its name tells a sweep on a
 * shared filesystem whose writer it was.
 *
 * An existing <dir> is replaced only when it is empty or holds a previous descent run
 * and nothing else (outdir_check); any other folder is an error and is left as it is. */
#ifndef DESCENT_TRAIN_OUTDIR_H
#define DESCENT_TRAIN_OUTDIR_H

#include <stdbool.h>
#include <stdio.h>

#include "core/status.h"

typedef struct {
    char final[4096], tmp[4096];
} OutDir;

/* Checks that dir may be replaced (outdir_check), then creates the temporary folder
 * (and missing parents of dir). */
Status outdir_begin(OutDir *o, const char *dir);
/* Opens a file for writing inside the temporary folder; NULL with the error set. */
FILE *outdir_open(const OutDir *o, const char *name);
/* Path of a file inside the temporary folder. */
void outdir_path(const OutDir *o, const char *name, char *out, size_t cap);
/* Renames the temporary folder into place (checking dir again: it may have changed). */
Status outdir_commit(OutDir *o);
/* Removes the temporary folder and its files. */
void outdir_abort(OutDir *o);

/* ST_OK when dir does not exist, is an empty folder, or holds a descent run folder and
 * nothing else: a provenance.tsv of descent, a summary.tsv, and no file but the ones a
 * run or a sweep's failure record writes (curve.tsv, layers.tsv, layer_stats.tsv,
 * summary.tsv, provenance.tsv, model.safetensors, stderr.txt). Otherwise ST_USAGE naming dir and
 * what is in the way. */
Status outdir_check(const char *dir);

/* The temporary name of path written by process pid on this host:
 * "<path>.tmp-<host>-<pid>". */
void outdir_tmp_name(const char *path, long pid, char *out, size_t cap);
/* Whether name (a file name, no folder) is a temporary name this host's process *pid
 * wrote; false for another host's and for names that are not temporary. */
bool outdir_tmp_ours(const char *name, long *pid);

/* Removes a folder of plain files (no recursion into subfolders). */
Status remove_flat_dir(const char *path);

#endif
