/* safetensors reader and writer for F32 tensors, following the format as
 * huggingface/safetensors defines it: u64 little-endian header size N, N bytes of
 * UTF-8 JSON (padded with spaces to a multiple of 8), then the tensor bytes, each
 * tensor's [begin, end) offsets relative to the end of the header. The reader parses
 * exactly this JSON shape with a small strict parser: a top-level object whose values
 * are tensor objects {"dtype", "shape", "data_offsets"} or "__metadata__", an object
 * of strings. */
#include "core/safetensors.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"

enum { HEADER_MAX = 100 * 1000 * 1000 }; /* the limit safetensors itself applies */

static int host_little_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1;
}

/* ---- writer ------------------------------------------------------------------ */

typedef struct {
    char *s;
    size_t len, cap;
    int oom;
} Sb;

static void sb_put(Sb *b, const char *p, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap) cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_str(Sb *b, const char *p) { sb_put(b, p, strlen(p)); }

static void sb_fmt(Sb *b, const char *fmt, long v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, fmt, v);
    sb_put(b, tmp, (size_t)n);
}

/* A JSON string literal: quotes, backslashes and control bytes escaped; other bytes
 * (UTF-8 included) as they are. */
static void sb_json_str(Sb *b, const char *p)
{
    sb_put(b, "\"", 1);
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            sb_put(b, esc, 2);
        } else if (c == '\n') sb_put(b, "\\n", 2);
        else if (c == '\t') sb_put(b, "\\t", 2);
        else if (c == '\r') sb_put(b, "\\r", 2);
        else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            sb_put(b, esc, 6);
        } else sb_put(b, p, 1);
    }
    sb_put(b, "\"", 1);
}

static Status write_file(const char *path, const char *tmp, const Sb *h, const StTensor *t, int n)
{
    FILE *f = fopen(tmp, "wb");
    if (!f) return err_set(ST_IO, "%s: cannot create: %s", tmp, strerror(errno));
    unsigned char len8[8];
    uint64_t hl = h->len;
    for (int i = 0; i < 8; i++) len8[i] = (unsigned char)(hl >> (8 * i));
    int ok = fwrite(len8, 1, 8, f) == 8 && fwrite(h->s, 1, h->len, f) == h->len;
    for (int i = 0; ok && i < n; i++)
        if (t[i].numel > 0)
            ok = fwrite(t[i].data, sizeof(float), (size_t)t[i].numel, f) == (size_t)t[i].numel;
    int err = errno;
    if (fclose(f) != 0 && ok) {
        ok = 0;
        err = errno;
    }
    if (!ok) {
        remove(tmp);
        return err_set(ST_IO, "%s: write failed: %s", tmp, strerror(err));
    }
    if (rename(tmp, path) != 0) {
        err = errno;
        remove(tmp);
        return err_set(ST_IO, "%s: cannot rename into place: %s", path, strerror(err));
    }
    return ST_OK;
}

Status st_write(const char *path, const StTensor *tensors, int n, const StMeta *meta, int n_meta)
{
    CHECK(host_little_endian()); /* the tensor bytes are written as they are in memory */
    CHECK(n >= 0 && n_meta >= 0);
    Sb b = {0};
    sb_str(&b, "{");
    int first = 1;
    if (n_meta > 0) {
        sb_str(&b, "\"__metadata__\":{");
        for (int i = 0; i < n_meta; i++) {
            if (i) sb_str(&b, ",");
            sb_json_str(&b, meta[i].key);
            sb_str(&b, ":");
            sb_json_str(&b, meta[i].value);
        }
        sb_str(&b, "}");
        first = 0;
    }
    long offset = 0;
    for (int i = 0; i < n; i++) {
        const StTensor *t = &tensors[i];
        long numel = 1;
        CHECK(t->ndim >= 0 && t->ndim <= ST_MAX_DIMS);
        for (int d = 0; d < t->ndim; d++) numel *= t->shape[d];
        CHECK(numel == t->numel && (numel == 0 || t->data));
        if (!first) sb_str(&b, ",");
        first = 0;
        sb_json_str(&b, t->name);
        sb_str(&b, ":{\"dtype\":\"F32\",\"shape\":[");
        for (int d = 0; d < t->ndim; d++) sb_fmt(&b, d ? ",%ld" : "%ld", t->shape[d]);
        sb_fmt(&b, "],\"data_offsets\":[%ld,", offset);
        offset += numel * (long)sizeof(float);
        sb_fmt(&b, "%ld]}", offset);
    }
    sb_str(&b, "}");
    while (!b.oom && b.len % 8 != 0) sb_str(&b, " ");
    if (b.oom) {
        free(b.s);
        return err_set(ST_NOMEM, "%s: out of memory building the safetensors header", path);
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 5);
    if (!tmp) {
        free(b.s);
        return err_set(ST_NOMEM, "%s: out of memory", path);
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    Status st = write_file(path, tmp, &b, tensors, n);
    free(tmp);
    free(b.s);
    return st;
}

/* ---- reader ------------------------------------------------------------------ */

typedef struct {
    unsigned char *bytes; /* the whole file; then its data bytes, which tensors point into */
    char *strings;        /* unescaped metadata keys and values */
    long *offsets;        /* (n) each tensor's begin offset while parsing */
} Storage;

typedef struct {
    const char *path;
    const char *p, *end; /* header text being parsed */
    char *arena;         /* next free byte of Storage.strings */
    char *arena_end;
    Status st;
} Parser;

static Status perr(Parser *ps, const char *what)
{
    if (ps->st == ST_OK)
        ps->st = err_set(ST_IO, "%s: corrupt safetensors header: %s", ps->path, what);
    return ps->st;
}

static void skip_ws(Parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int expect(Parser *ps, char c)
{
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == c) {
        ps->p++;
        return 1;
    }
    return 0;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

/* Parses a JSON string into the arena (NUL-terminated); returns it, or NULL on error.
 * The unescaped text plus its NUL never exceeds the quoted source, so an arena the
 * size of the header always suffices. */
static char *parse_string(Parser *ps)
{
    if (!expect(ps, '"')) {
        perr(ps, "expected a string");
        return NULL;
    }
    char *out = ps->arena, *w = out;
    while (ps->p < ps->end && *ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p++;
        if (c < 0x20) {
            perr(ps, "control character in a string");
            return NULL;
        }
        if (c != '\\') {
            *w++ = (char)c;
            continue;
        }
        if (ps->p >= ps->end) break;
        char e = *ps->p++;
        switch (e) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (ps->end - ps->p < 4 || !hex4(ps->p, &cp)) {
                perr(ps, "bad \\u escape");
                return NULL;
            }
            ps->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* a surrogate pair: 12 source bytes, 4 out */
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' ||
                    !hex4(ps->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                    perr(ps, "unpaired surrogate in a \\u escape");
                    return NULL;
                }
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                perr(ps, "unpaired surrogate in a \\u escape");
                return NULL;
            }
            if (cp == 0) {
                perr(ps, "NUL in a string");
                return NULL;
            }
            if (cp < 0x80) *w++ = (char)cp;
            else if (cp < 0x800) {
                *w++ = (char)(0xC0 | cp >> 6);
                *w++ = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                *w++ = (char)(0xE0 | cp >> 12);
                *w++ = (char)(0x80 | (cp >> 6 & 0x3F));
                *w++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *w++ = (char)(0xF0 | cp >> 18);
                *w++ = (char)(0x80 | (cp >> 12 & 0x3F));
                *w++ = (char)(0x80 | (cp >> 6 & 0x3F));
                *w++ = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: perr(ps, "bad escape in a string"); return NULL;
        }
    }
    if (ps->p >= ps->end) {
        perr(ps, "unterminated string");
        return NULL;
    }
    ps->p++; /* closing quote */
    *w++ = '\0';
    CHECK(w <= ps->arena_end);
    ps->arena = w;
    return out;
}

/* A non-negative integer without sign, fraction or exponent, below 2^62. */
static int parse_uint(Parser *ps, long *out)
{
    skip_ws(ps);
    const char *s = ps->p;
    long v = 0;
    while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
        if (v > (LONG_MAX / 4 - 9) / 10) return perr(ps, "integer too large"), 0;
        v = v * 10 + (*ps->p++ - '0');
    }
    if (ps->p == s) return perr(ps, "expected a non-negative integer"), 0;
    if (ps->p - s > 1 && *s == '0') return perr(ps, "integer with a leading zero"), 0;
    if (ps->p < ps->end && (*ps->p == '.' || *ps->p == 'e' || *ps->p == 'E'))
        return perr(ps, "expected an integer"), 0;
    *out = v;
    return 1;
}

/* [a, b, ...] of at most cap integers; returns the count or -1. */
static int parse_uint_array(Parser *ps, long *out, int cap, const char *what)
{
    if (!expect(ps, '[')) return perr(ps, what), -1;
    int n = 0;
    if (expect(ps, ']')) return 0;
    do {
        if (n == cap) return perr(ps, what), -1;
        if (!parse_uint(ps, &out[n++])) return -1;
    } while (expect(ps, ','));
    if (!expect(ps, ']')) return perr(ps, what), -1;
    return n;
}

/* {"dtype": "F32", "shape": [...], "data_offsets": [b, e]}, each key exactly once. */
static int parse_tensor(Parser *ps, StTensor *t, long off[2])
{
    int seen_dtype = 0, seen_shape = 0, seen_off = 0;
    if (!expect(ps, '{')) return perr(ps, "expected a tensor object"), 0;
    if (!expect(ps, '}')) {
        do {
            char *saved = ps->arena;
            char *key = parse_string(ps);
            if (!key || !expect(ps, ':')) return perr(ps, "expected key: value"), 0;
            if (strcmp(key, "dtype") == 0 && !seen_dtype) {
                seen_dtype = 1;
                char *dt = parse_string(ps);
                if (!dt) return 0;
                if (strcmp(dt, "F32") != 0) {
                    ps->st = err_set(ST_IO, "%s: tensor '%s' has dtype %s; only F32 is supported",
                                     ps->path, t->name, dt);
                    return 0;
                }
            } else if (strcmp(key, "shape") == 0 && !seen_shape) {
                seen_shape = 1;
                t->ndim = parse_uint_array(ps, t->shape, ST_MAX_DIMS, "bad or too long shape");
                if (t->ndim < 0) return 0;
            } else if (strcmp(key, "data_offsets") == 0 && !seen_off) {
                seen_off = 1;
                if (parse_uint_array(ps, off, 2, "data_offsets must be [begin, end]") != 2)
                    return perr(ps, "data_offsets must be [begin, end]"), 0;
            } else {
                return perr(ps, "unknown or repeated key in a tensor entry"), 0;
            }
            ps->arena = saved; /* keys and dtype need not be kept */
        } while (expect(ps, ','));
        if (!expect(ps, '}')) return perr(ps, "expected '}' after a tensor entry"), 0;
    }
    if (!seen_dtype || !seen_shape || !seen_off)
        return perr(ps, "tensor entry lacks dtype, shape or data_offsets"), 0;
    return 1;
}

static int parse_metadata(Parser *ps, StMeta **meta, int *n_meta)
{
    if (!expect(ps, '{')) return perr(ps, "__metadata__ must be an object of strings"), 0;
    if (expect(ps, '}')) return 1;
    do {
        const char *k = parse_string(ps);
        if (!k || !expect(ps, ':')) return perr(ps, "expected key: value in __metadata__"), 0;
        const char *v = parse_string(ps);
        if (!v) return 0;
        StMeta *m = realloc(*meta, (size_t)(*n_meta + 1) * sizeof **meta);
        if (!m) {
            ps->st = err_set(ST_NOMEM, "%s: out of memory reading the header", ps->path);
            return 0;
        }
        *meta = m;
        m[(*n_meta)++] = (StMeta){.key = k, .value = v};
    } while (expect(ps, ','));
    if (!expect(ps, '}')) return perr(ps, "expected '}' after __metadata__"), 0;
    return 1;
}

static Status read_whole(const char *path, unsigned char **bytes, size_t *size)
{
    *bytes = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(ST_IO, "%s: cannot open: %s", path, strerror(errno));
    long len = -1;
    if (fseek(f, 0, SEEK_END) == 0) len = ftell(f);
    if (len < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return err_set(ST_IO, "%s: cannot determine the file size", path);
    }
    unsigned char *b = malloc(len ? (size_t)len : 1);
    if (!b) {
        fclose(f);
        return err_set(ST_NOMEM, "%s: out of memory reading %ld bytes", path, len);
    }
    size_t got = fread(b, 1, (size_t)len, f);
    int bad = ferror(f);
    fclose(f);
    if (bad || got != (size_t)len) {
        free(b);
        return err_set(ST_IO, "%s: read failed", path);
    }
    *bytes = b;
    *size = (size_t)len;
    return ST_OK;
}

static Status parse_file(StFile *f, Storage *sto, const char *path, size_t size)
{
    unsigned char *b = sto->bytes;
    if (size < 8)
        return err_set(ST_IO, "%s: truncated: %zu bytes, too short for a safetensors header", path,
                       size);
    uint64_t hlen = 0;
    for (int i = 7; i >= 0; i--) hlen = hlen << 8 | b[i];
    if (hlen > HEADER_MAX || hlen > size - 8)
        return err_set(ST_IO, "%s: truncated or corrupt: header length %llu but %zu bytes follow",
                       path, (unsigned long long)hlen, size - 8);
    size_t data_len = size - 8 - (size_t)hlen;
    sto->strings = malloc((size_t)hlen + 1);
    if (!sto->strings) return err_set(ST_NOMEM, "%s: out of memory reading the header", path);
    Parser ps = {.path = path, .p = (const char *)b + 8, .end = (const char *)b + 8 + hlen,
                 .arena = sto->strings, .arena_end = sto->strings + hlen + 1, .st = ST_OK};
    const unsigned char *data = b + 8 + hlen;
    int have_meta = 0;
    if (!expect(&ps, '{')) return perr(&ps, "expected '{'");
    if (!expect(&ps, '}')) {
        do {
            char *saved = ps.arena;
            char *name = parse_string(&ps);
            if (!name) return ps.st;
            if (!expect(&ps, ':')) return perr(&ps, "expected ':' after a name");
            if (strcmp(name, "__metadata__") == 0) {
                if (have_meta) return perr(&ps, "__metadata__ appears twice");
                have_meta = 1;
                ps.arena = saved;
                if (!parse_metadata(&ps, &f->meta, &f->n_meta)) return ps.st;
                continue;
            }
            if (strlen(name) >= ST_NAME_LEN)
                return err_set(ST_IO, "%s: tensor name '%.40s...' is longer than %d bytes", path,
                               name, ST_NAME_LEN - 1);
            if (st_find(f, name))
                return err_set(ST_IO, "%s: tensor '%s' appears twice", path, name);
            StTensor *ts = realloc(f->tensors, (size_t)(f->n + 1) * sizeof *ts);
            if (!ts) return err_set(ST_NOMEM, "%s: out of memory reading the header", path);
            f->tensors = ts;
            StTensor *t = &ts[f->n];
            memset(t, 0, sizeof *t);
            snprintf(t->name, sizeof t->name, "%s", name);
            ps.arena = saved;
            long off[2];
            if (!parse_tensor(&ps, t, off)) return ps.st;
            long numel = 1;
            for (int d = 0; d < t->ndim; d++)
                if (t->shape[d] == 0) numel = 0;
            for (int d = 0; d < t->ndim && numel; d++) {
                if (numel > (LONG_MAX / 8) / t->shape[d]) /* overflow guard only */
                    return err_set(ST_IO, "%s: tensor '%s': shape is impossibly large", path,
                                   t->name);
                numel *= t->shape[d];
            }
            if (off[0] > off[1] || (size_t)off[1] > data_len)
                return err_set(ST_IO,
                               "%s: tensor '%s': data_offsets [%ld, %ld] outside the %zu data "
                               "bytes (truncated?)",
                               path, t->name, off[0], off[1], data_len);
            if (off[1] - off[0] != numel * 4)
                return err_set(ST_IO,
                               "%s: tensor '%s': shape holds %ld floats (%ld bytes) but "
                               "data_offsets span %ld bytes",
                               path, t->name, numel, numel * 4, off[1] - off[0]);
            if (off[0] % 4 != 0)
                return err_set(ST_IO, "%s: tensor '%s': data offset %ld is not a multiple of 4",
                               path, t->name, off[0]);
            t->numel = numel;
            t->data = NULL;
            long *o = realloc(sto->offsets, (size_t)(f->n + 1) * sizeof *o);
            if (!o) return err_set(ST_NOMEM, "%s: out of memory reading the header", path);
            sto->offsets = o;
            o[f->n++] = off[0];
        } while (expect(&ps, ','));
        if (!expect(&ps, '}')) return perr(&ps, "expected ',' or '}'");
    }
    skip_ws(&ps);
    if (ps.p != ps.end) return perr(&ps, "trailing bytes after the JSON object");
    /* The header is parsed; move the data to the (aligned) start of the buffer so
     * every float is aligned whatever the header length. */
    memmove(b, data, data_len);
    for (int i = 0; i < f->n; i++)
        f->tensors[i].data = (const float *)(const void *)(b + sto->offsets[i]);
    return ST_OK;
}

Status st_read(StFile *f, const char *path)
{
    CHECK(host_little_endian());
    memset(f, 0, sizeof *f);
    Storage *sto = calloc(1, sizeof *sto);
    if (!sto) return err_set(ST_NOMEM, "%s: out of memory", path);
    f->storage = sto;
    size_t size = 0;
    Status st = read_whole(path, &sto->bytes, &size);
    if (st == ST_OK) st = parse_file(f, sto, path, size);
    if (st != ST_OK) st_free(f);
    return st;
}

const StTensor *st_find(const StFile *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->tensors[i].name, name) == 0) return &f->tensors[i];
    return NULL;
}

const char *st_meta(const StFile *f, const char *key)
{
    for (int i = 0; i < f->n_meta; i++)
        if (strcmp(f->meta[i].key, key) == 0) return f->meta[i].value;
    return NULL;
}

void st_free(StFile *f)
{
    if (!f) return;
    Storage *sto = f->storage;
    if (sto) {
        free(sto->bytes);
        free(sto->strings);
        free(sto->offsets);
        free(sto);
    }
    free(f->tensors);
    free(f->meta);
    memset(f, 0, sizeof *f);
}
