/* CHECK: an internal invariant that stays on in release builds. A failure is a bug in
 * descent, not a user error: it prints file and line and aborts. */
#ifndef DESCENT_CORE_CHECK_H
#define DESCENT_CORE_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "%s:%d: internal check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                             \
            abort();                                                                    \
        }                                                                               \
    } while (0)

#endif
