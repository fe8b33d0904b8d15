/* Status codes and the one-line error message that goes with them.
 *
 * Library code returns a Status (0 ok, negative on error) and never exits. The
 * function that detects an error calls err_set() with one line saying what and where
 * (a file name, a line, a key); the command-line main prints err_msg() and maps the
 * status to an exit code with status_exit_code(). */
#ifndef DESCENT_CORE_STATUS_H
#define DESCENT_CORE_STATUS_H

typedef enum {
    ST_OK = 0,
    ST_USAGE = -1,   /* bad option, key or value: exit 2 */
    ST_IO = -2,      /* missing, unreadable, truncated or corrupt file: exit 3 */
    ST_NOMEM = -3,   /* allocation failed: exit 3 */
    ST_FAILED = -4,  /* a check or a computation failed: exit 1 */
} Status;

/* Records the message for the current thread; returns `st` so that callers can write
 * `return err_set(ST_IO, "%s: truncated", path);`. The message stays one line whatever
 * the arguments hold (a tensor name or a value read from a file): control characters
 * are recorded as \n, \t, \r or \xNN. */
Status err_set(Status st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *err_msg(void);
void err_clear(void);

/* 0 ok, 1 check failed, 2 usage or config error, 3 I/O error. */
int status_exit_code(Status st);

#endif
