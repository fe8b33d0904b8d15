/* A stable 64-bit hash: FNV-1a over bytes, finished with the splitmix64 mixer.
 * Identical on every machine and compiler; used for run ids and for deriving the
 * seeds of named random streams. */
#ifndef DESCENT_CORE_HASH_H
#define DESCENT_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

uint64_t hash_bytes(const void *data, size_t n, uint64_t seed);
uint64_t hash_str(const char *s, uint64_t seed);
uint64_t hash_mix(uint64_t x); /* splitmix64 finaliser */
/* hash_bytes of a whole file's content (read in pieces; the same value as hashing it in
 * one piece). ST_IO naming the path if it cannot be read. */
Status hash_file(const char *path, uint64_t seed, uint64_t *out);
/* Writes the first `digits` hex digits (at most 16) of h into out[digits + 1]. */
void hash_hex(uint64_t h, int digits, char *out);

#endif
