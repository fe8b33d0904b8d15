/* The landscape registry (see landscape.h). */
#include <string.h>

#include "core/choices.h"
#include "toys/landscape.h"

/* The registry: one line per landscape. The index of an entry is the value of the
 * `landscape` setting. */
#define LANDSCAPES(X)      \
    X(landscape_parabola)    \
    X(landscape_chain)       \
    X(landscape_bowl)        \
    X(landscape_mse_simplex) \
    X(landscape_ce_simplex)  \
    X(landscape_mse_error)   \
    X(landscape_ce_error)    \
    X(landscape_bumps)       \
    X(landscape_saddle)

#define LANDSCAPE_DECLARE(t) extern const Landscape t;
#define LANDSCAPE_ENTRY(t) &t,
LANDSCAPES(LANDSCAPE_DECLARE)
static const Landscape *const registry[] = {LANDSCAPES(LANDSCAPE_ENTRY)};

const Landscape *landscape_at(int i)
{
    return CHOICE_AT(registry, i);
}

const char *landscape_name(int i)
{
    const Landscape *l = landscape_at(i);
    return l ? l->name : NULL;
}

const Landscape *landscape_by_name(const char *name)
{
    for (int i = 0; landscape_at(i); i++)
        if (strcmp(registry[i]->name, name) == 0) return registry[i];
    return NULL;
}
