/* FNV-1a (Fowler, Noll, Vo) with the splitmix64 finaliser (Steele, Lea, Flood 2014). */
#include "core/hash.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

uint64_t hash_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static uint64_t fnv_start(uint64_t seed) { return 0xcbf29ce484222325ULL ^ hash_mix(seed); }

static uint64_t fnv_add(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t hash_bytes(const void *data, size_t n, uint64_t seed)
{
    return hash_mix(fnv_add(fnv_start(seed), data, n));
}

Status hash_file(const char *path, uint64_t seed, uint64_t *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(ST_IO, "%s: cannot read: %s", path, strerror(errno));
    unsigned char buf[1 << 16];
    uint64_t h = fnv_start(seed);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) h = fnv_add(h, buf, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) return err_set(ST_IO, "%s: read failed", path);
    *out = hash_mix(h);
    return ST_OK;
}

uint64_t hash_str(const char *s, uint64_t seed) { return hash_bytes(s, strlen(s), seed); }

void hash_hex(uint64_t h, int digits, char *out)
{
    static const char hex[] = "0123456789abcdef";
    if (digits > 16) digits = 16;
    for (int i = 0; i < digits; i++) out[i] = hex[(h >> (60 - 4 * i)) & 0xf];
    out[digits] = '\0';
}
