/* FNV-1a (Fowler, Noll, Vo) with the splitmix64 finaliser (Steele, Lea, Flood 2014). */
#include "core/hash.h"

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

uint64_t hash_bytes(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL ^ hash_mix(seed);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return hash_mix(h);
}

uint64_t hash_str(const char *s, uint64_t seed) { return hash_bytes(s, strlen(s), seed); }

void hash_hex(uint64_t h, int digits, char *out)
{
    static const char hex[] = "0123456789abcdef";
    if (digits > 16) digits = 16;
    for (int i = 0; i < digits; i++) out[i] = hex[(h >> (60 - 4 * i)) & 0xf];
    out[digits] = '\0';
}
