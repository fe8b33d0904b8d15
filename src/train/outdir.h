/* An output folder written atomically: files go into "<dir>.tmp-<pid>" and the folder
 * is renamed to <dir> only when complete; an existing <dir> is replaced then. A
 * crash leaves at most a stray "*.tmp-*" folder, never a half-written <dir>. */
#ifndef DESCENT_TRAIN_OUTDIR_H
#define DESCENT_TRAIN_OUTDIR_H

#include <stdio.h>

#include "core/status.h"

typedef struct {
    char final[4096], tmp[4096];
} OutDir;

/* Creates the temporary folder (and missing parents of dir). */
Status outdir_begin(OutDir *o, const char *dir);
/* Opens a file for writing inside the temporary folder; NULL with the error set. */
FILE *outdir_open(const OutDir *o, const char *name);
/* Path of a file inside the temporary folder. */
void outdir_path(const OutDir *o, const char *name, char *out, size_t cap);
/* Renames the temporary folder into place. */
Status outdir_commit(OutDir *o);
/* Removes the temporary folder and its files. */
void outdir_abort(OutDir *o);

/* Removes a folder of plain files (no recursion into subfolders). */
Status remove_flat_dir(const char *path);

#endif
