/* Folders on disk: the one place that creates them, for every part of the program
 * (training output, sweeps, the report). */
#ifndef DESCENT_CORE_FS_H
#define DESCENT_CORE_FS_H

#include "core/status.h"

/* mkdir -p: creates path and its missing parents; an existing folder is fine. */
Status make_dirs(const char *path);

#endif
