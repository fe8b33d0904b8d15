/* Derived files: bytes a run computes from source files (Fashion-MNIST's pixels, inflated
 * from their gzip files) kept in the cache folder (core/fs.h cache_dir) so that later
 * runs, the children of a sweep among them, map them instead of computing them again.
 *
 * A derived file is never trusted blindly: its header records the identity of every
 * source (size, modification time to the nanosecond, inode and device, as stat gives
 * them) and the payload's length, and a run maps it only when all of these equal what
 * it finds now and the file holds exactly that many bytes. Anything else (a source
 * replaced, touched or moved, a file cut short, another version's header) is a miss:
 * the run derives the bytes itself and writes them again. Sources modified in the last
 * 3 seconds are not cached (the file system's clock ticks coarsely: a source written
 * again within one tick could keep its identity). Files are written to a
 * temporary name and renamed, so a reader never sees half of one. Caching is best
 * effort: a cache folder that cannot be written costs the time, never the run. */
#ifndef DESCENT_DATA_DERIVED_H
#define DESCENT_DATA_DERIVED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { DERIVED_MAX_SOURCES = 8 };

/* A derived file's header: every field fixed-width, compared byte for byte. */
typedef struct {
    char magic[16]; /* "descent derived\n" */
    uint64_t version, len, nsources;
    struct {
        uint64_t size, ino, dev;
        int64_t mtime_s, mtime_ns;
    } src[DERIVED_MAX_SOURCES];
} DerivedHeader;

typedef struct {
    const unsigned char *data; /* on a hit: the payload, read-only */
    size_t len;
    void *map; /* the whole mapping */
    size_t map_len;
    DerivedHeader want; /* the sources' identity when derived_map looked */
    bool have_want;
} Derived;

/* Maps the derived file `name` (a file name in the cache folder) when it was made from
 * exactly these sources (at most DERIVED_MAX_SOURCES) and holds len bytes: true and
 * d->data set. On a miss, false, and d remembers the sources' identity for
 * derived_store. */
bool derived_map(Derived *d, const char *name, const char *const *sources, int nsources, size_t len);
void derived_unmap(Derived *d); /* accepts a zeroed Derived */
/* After a miss: writes data (the len bytes derived since) as the file `name`, unless a
 * source changed since derived_map looked. Best effort. */
void derived_store(const Derived *d, const char *name, const char *const *sources, int nsources,
                   const void *data);

#endif
