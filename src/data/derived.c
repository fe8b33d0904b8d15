/* Derived files in the cache folder (see derived.h). */
#include "data/derived.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/fs.h"

enum { VERSION = 1, RACY_S = 3 };

static bool header_of(DerivedHeader *h, const char *const *sources, int n, size_t len)
{
    memset(h, 0, sizeof *h);
    if (n < 1 || n > DERIVED_MAX_SOURCES) return false;
    memcpy(h->magic, "descent derived\n", 16);
    h->version = VERSION;
    h->len = len;
    h->nsources = (uint64_t)n;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(sources[i], &st) != 0) return false;
        h->src[i].size = (uint64_t)st.st_size;
        h->src[i].ino = (uint64_t)st.st_ino;
        h->src[i].dev = (uint64_t)st.st_dev;
        h->src[i].mtime_s = (int64_t)st.st_mtim.tv_sec;
        h->src[i].mtime_ns = (int64_t)st.st_mtim.tv_nsec;
    }
    return true;
}

static bool path_of(char *out, size_t cap, const char *name)
{
    char dir[4000];
    if (cache_dir(dir, sizeof dir) != ST_OK) return false;
    int n = snprintf(out, cap, "%s/%s", dir, name);
    return n > 0 && (size_t)n < cap;
}

bool derived_map(Derived *d, const char *name, const char *const *sources, int nsources, size_t len)
{
    memset(d, 0, sizeof *d);
    DerivedHeader got, *want = &d->want;
    char path[4200];
    d->len = len;
    if (!(d->have_want = header_of(want, sources, nsources, len)) || !path_of(path, sizeof path, name)) return false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && (uint64_t)st.st_size == sizeof got + len &&
              pread(fd, &got, sizeof got, 0) == (ssize_t)sizeof got && memcmp(&got, want, sizeof got) == 0;
    void *map = ok ? mmap(NULL, sizeof got + len, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
    close(fd);
    if (map == MAP_FAILED) return false;
    d->map = map;
    d->map_len = sizeof got + len;
    d->data = (const unsigned char *)map + sizeof got;
    return true;
}

void derived_unmap(Derived *d)
{
    if (d->map) munmap(d->map, d->map_len);
    memset(d, 0, sizeof *d);
}

void derived_store(const Derived *d, const char *name, const char *const *sources, int nsources,
                   const void *data)
{
    char path[4200], tmp[4300], host[64] = "host";
    if (!d->have_want || d->data) return;
    /* a source modified in the last seconds could be modified again within the same
     * tick of the file system's clock and keep its identity (git's "racy clean"): such
     * sources are not vouched for */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    for (uint64_t i = 0; i < d->want.nsources; i++)
        if (d->want.src[i].mtime_s > (int64_t)now.tv_sec - RACY_S) return;
    if (!path_of(path, sizeof path, name)) return;
    gethostname(host, sizeof host - 1);
    snprintf(tmp, sizeof tmp, "%s.tmp-%s-%ld", path, host, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) return;
    bool ok = fwrite(&d->want, sizeof d->want, 1, f) == 1 && fwrite(data, 1, d->len, f) == d->len;
    ok &= fclose(f) == 0;
    /* a source that changed since derived_map looked: the header would vouch for bytes
     * read from another file */
    DerivedHeader again;
    ok = ok && header_of(&again, sources, nsources, d->len) && memcmp(&again, &d->want, sizeof again) == 0;
    if (!ok || rename(tmp, path) != 0) remove(tmp);
}
