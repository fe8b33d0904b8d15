/* Shared by the fuzz harnesses: the input as a file (the parsers read paths), and the
 * contract every parser keeps on bad input: a status that maps to exit 2 or 3 and one
 * non-empty line saying what is wrong. A broken contract aborts, which libFuzzer and
 * the replay runner report as a failure with the input that caused it. */
#ifndef DESCENT_TESTS_FUZZ_H
#define DESCENT_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A folder of this process's own under $TMPDIR (or /tmp), made once and removed at
 * exit; aborts if it cannot be made. */
const char *fuzz_dir(void);
/* Writes size bytes to fuzz_dir()/name and returns the path (valid until the next call). */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);
/* Aborts unless st is ST_OK, or ST_USAGE / ST_IO with a one-line message. */
void fuzz_check_error(Status st, const char *parser);

#endif
