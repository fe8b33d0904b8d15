/* Status codes and the thread's last error message. */
#include "core/status.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_error[1024];

Status err_set(Status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return st;
}

const char *err_msg(void) { return last_error[0] ? last_error : "unknown error"; }

void err_clear(void) { last_error[0] = '\0'; }

int status_exit_code(Status st)
{
    switch (st) {
    case ST_OK: return 0;
    case ST_USAGE: return 2;
    case ST_IO:
    case ST_NOMEM: return 3;
    default: return 1;
    }
}
