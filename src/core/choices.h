/* The names of an enum's values or of a registry's entries, as the settings table
 * reads them: a ChoiceName returns the name of choice i for i = 0, 1, … and NULL past
 * the last. Each registry (optimizers, schedules, landscapes, activations, …) exports
 * one, so its choices are listed in one place only. */
#ifndef DESCENT_CORE_CHOICES_H
#define DESCENT_CORE_CHOICES_H

typedef const char *(*ChoiceName)(int i);

/* names[i] of a static array, NULL when i is out of range. */
#define CHOICE_AT(names, i) \
    ((i) >= 0 && (i) < (int)(sizeof(names) / sizeof((names)[0])) ? (names)[i] : NULL)

#endif
