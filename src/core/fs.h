/* Folders on disk: the one place that creates them, for every part of the program
 * (training output, sweeps, the report). */
#ifndef DESCENT_CORE_FS_H
#define DESCENT_CORE_FS_H

#include <stddef.h>

#include "core/status.h"

/* mkdir -p: creates path and its missing parents; an existing folder is fine. */
Status make_dirs(const char *path);

/* The folder for what descent derives once and reuses (the kjv text, decoded
 * Fashion-MNIST, the sgemm peak): $XDG_CACHE_HOME/descent, else $HOME/.cache/descent,
 * created if missing. ST_IO when neither variable is set or it cannot be created. */
Status cache_dir(char *out, size_t cap);

#endif
