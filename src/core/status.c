/* Status codes and the thread's last error message. */
#include "core/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_error[1024];

Status err_set(Status st, const char *fmt, ...)
{
    char raw[sizeof last_error];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    /* one line whatever the arguments hold: control characters become escapes */
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)raw; *c; c++) {
        char esc[5] = {(char)*c, 0};
        if (*c == '\n') esc[0] = '\\', esc[1] = 'n';
        else if (*c == '\t') esc[0] = '\\', esc[1] = 't';
        else if (*c == '\r') esc[0] = '\\', esc[1] = 'r';
        else if (*c < 0x20 || *c == 0x7f) snprintf(esc, sizeof esc, "\\x%02x", *c);
        size_t k = strlen(esc);
        if (n + k >= sizeof last_error) break;
        memcpy(last_error + n, esc, k);
        n += k;
    }
    last_error[n] = '\0';
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
