/* Writing the report's text files: a page is built in memory (open_memstream) and
 * replaces the file only when complete, through a temporary name and a rename, and
 * only when its bytes differ, so an unchanged page keeps its time stamp and a build
 * that depends on it (docs/CLAIMS.md compiles into the binary) does not rerun. */
#ifndef DESCENT_REPORT_TEXTFILE_H
#define DESCENT_REPORT_TEXTFILE_H

#include <stddef.h>

#include "core/status.h"

/* Replaces path with text[0, len) unless it already holds exactly that. */
Status text_replace(const char *path, const char *text, size_t len);
/* Reads a whole file into a NUL-terminated malloc'd buffer (*len without the NUL). */
Status text_read(const char *path, char **text, size_t *len);

#endif
