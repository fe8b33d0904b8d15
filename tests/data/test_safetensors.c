/* safetensors: round trip through st_write/st_read, a reference file written by hand
 * in Python (scripts/gen_safetensors_fixture.py), and damaged files that must fail
 * with ST_IO naming the file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/safetensors.h"
#include "harness.h"

static char dir[64];

static void path_in(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

/* Writes an 8-byte length, the header text as given, then `data_len` zero bytes. */
static void write_raw(const char *path, const char *header, long data_len)
{
    FILE *f = fopen(path, "wb");
    uint64_t n = strlen(header);
    unsigned char len8[8];
    for (int i = 0; i < 8; i++) len8[i] = (unsigned char)(n >> (8 * i));
    fwrite(len8, 1, 8, f);
    fwrite(header, 1, n, f);
    for (long i = 0; i < data_len; i++) fputc(0, f);
    fclose(f);
}

static int bits_equal(const float *a, const float *b, long n)
{
    return n == 0 || memcmp(a, b, (size_t)n * sizeof(float)) == 0;
}

/* Expects st_read to fail with ST_IO and a one-line message naming the file and
 * containing `what`. */
static void expect_io(const char *path, const char *what, const char *label)
{
    StFile f;
    Status st = st_read(&f, path);
    const char *msg = err_msg();
    CHECK_TRUE(st == ST_IO && strstr(msg, path) && strstr(msg, what) && !strchr(msg, '\n') &&
                   f.n == 0 && f.storage == NULL,
               "%s: ST_IO naming the file (got %d: %s)", label, st, msg);
    st_free(&f);
}

static void round_trip(void)
{
    float w[12], b[4], s = -3.5f;
    for (int i = 0; i < 12; i++) w[i] = (float)(i * 0.37 - 2) * (i % 3 ? 1 : -1e-30f);
    b[0] = 1e38f;
    b[1] = -0.0f;
    b[2] = 1.17549435e-38f;
    b[3] = 7;
    StTensor t[4] = {
        {.name = "h.0.w", .ndim = 2, .shape = {3, 4}, .numel = 12, .data = w},
        {.name = "a \"quoted\" \\ name\tcaf\xc3\xa9", .ndim = 1, .shape = {4}, .numel = 4, .data = b},
        {.name = "scalar", .ndim = 0, .numel = 1, .data = &s},
        {.name = "empty", .ndim = 2, .shape = {0, 5}, .numel = 0, .data = NULL},
    };
    StMeta meta[3] = {
        {"lr", "0.001"},
        {"note", "line1\nline2 \"q\" \\ \x01 caf\xc3\xa9"},
        {"empty", ""},
    };
    char path[128], tmp[140];
    path_in(path, sizeof path, "rt.safetensors");
    Status st = st_write(path, t, 4, meta, 3);
    CHECK_TRUE(st == ST_OK, "round trip: write (%s)", st ? err_msg() : "ok");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK_TRUE(access(tmp, F_OK) != 0, "round trip: no temporary file left behind");

    /* Layout: header length a multiple of 8, __metadata__ first, data right after. */
    FILE *fp = fopen(path, "rb");
    unsigned char head[64] = {0};
    size_t got = fp ? fread(head, 1, sizeof head, fp) : 0;
    if (fp) fclose(fp);
    uint64_t hl = 0;
    for (int i = 7; i >= 0; i--) hl = hl << 8 | head[i];
    CHECK_TRUE(got == sizeof head && hl % 8 == 0 &&
                   memcmp(head + 8, "{\"__metadata__\":{", 17) == 0,
               "round trip: header length %llu is a multiple of 8 and starts with __metadata__",
               (unsigned long long)hl);
    CHECK_TRUE(file_size(path) == (long)(8 + hl + 17 * 4),
               "round trip: file is header plus exactly 17 floats");

    StFile f;
    st = st_read(&f, path);
    CHECK_TRUE(st == ST_OK, "round trip: read (%s)", st ? err_msg() : "ok");
    if (st != ST_OK) return;
    int ok = f.n == 4 && f.n_meta == 3;
    for (int i = 0; ok && i < 4; i++) {
        const StTensor *r = &f.tensors[i]; /* the order given to st_write */
        ok = strcmp(r->name, t[i].name) == 0 && r->ndim == t[i].ndim && r->numel == t[i].numel &&
             bits_equal(r->data, t[i].data, t[i].numel) &&
             ((uintptr_t)r->data % sizeof(float) == 0 || r->numel == 0);
        for (int d = 0; ok && d < r->ndim; d++) ok = r->shape[d] == t[i].shape[d];
    }
    CHECK_TRUE(ok, "round trip: 4 tensors keep order, names, shapes and bits");
    ok = 1;
    for (int i = 0; i < 3; i++) {
        const char *v = st_meta(&f, meta[i].key);
        ok = ok && v && strcmp(v, meta[i].value) == 0;
    }
    CHECK_TRUE(ok, "round trip: metadata values with escapes survive");
    CHECK_TRUE(st_find(&f, "scalar") == &f.tensors[2] && !st_find(&f, "nope") &&
                   !st_meta(&f, "nope"),
               "round trip: st_find and st_meta");
    st_free(&f);
    st_free(&f); /* a freed StFile is zeroed: freeing twice is harmless */

    /* Truncations of a good file. */
    long size = file_size(path);
    fp = fopen(path, "rb");
    unsigned char *bytes = malloc((size_t)size);
    got = fread(bytes, 1, (size_t)size, fp);
    fclose(fp);
    char cut[128];
    path_in(cut, sizeof cut, "cut.safetensors");
    long cuts[3] = {size - 4, 8 + (long)hl / 2, 5};
    const char *whats[3] = {"outside", "truncated", "truncated"};
    for (int c = 0; c < 3; c++) {
        fp = fopen(cut, "wb");
        fwrite(bytes, 1, (size_t)cuts[c], fp);
        fclose(fp);
        char label[64];
        snprintf(label, sizeof label, "truncated to %ld of %ld bytes", cuts[c], size);
        expect_io(cut, whats[c], label);
    }
    free(bytes);
}

static void reference_file(void)
{
    const char *root = getenv("DESCENT_SOURCE_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/reference/safetensors_fixture.safetensors",
             root ? root : ".");
    StFile f;
    Status st = st_read(&f, path);
    CHECK_TRUE(st == ST_OK, "python fixture: read (%s)", st ? err_msg() : "ok");
    if (st != ST_OK) return;
    /* The formulas of scripts/gen_safetensors_fixture.py. */
    float w[6], inv[6], bias[4] = {-0.0f, 1e-45f, 3.4e38f, -2.75f}, scale = 0.125f;
    for (int i = 0; i < 6; i++) {
        w[i] = (float)(0.5 * i - 1.0);
        inv[i] = (float)(1.0 / (i + 1));
    }
    const char *uname = "caf\xc3\xa9 \xf0\x9f\x98\x80"; /* café 😀, from \u escapes */
    struct { const char *name; int ndim; long shape[3]; const float *v; long n; } want[5] = {
        {"layer.0.weight", 2, {2, 3}, w, 6},
        {"scale", 0, {0}, &scale, 1},
        {uname, 3, {3, 1, 2}, inv, 6},
        {"bias", 1, {4}, bias, 4},
        {"empty", 2, {0, 3}, NULL, 0},
    };
    CHECK_TRUE(f.n == 5 && f.n_meta == 2, "python fixture: 5 tensors, 2 metadata entries");
    for (int i = 0; i < 5; i++) {
        const StTensor *t = st_find(&f, want[i].name);
        int ok = t && t == &f.tensors[i] && t->ndim == want[i].ndim && t->numel == want[i].n &&
                 bits_equal(t->data, want[i].v, want[i].n);
        for (int d = 0; ok && d < t->ndim; d++) ok = t->shape[d] == want[i].shape[d];
        CHECK_TRUE(ok, "python fixture: tensor %d '%s' shape and bits", i, want[i].name);
    }
    const char *note = st_meta(&f, "note");
    CHECK_TRUE(st_meta(&f, "format") && strcmp(st_meta(&f, "format"), "pt") == 0 && note &&
                   strcmp(note, "quote \" backslash \\ newline \n tab \t caf\xc3\xa9 "
                                "\xf0\x9f\x98\x80") == 0,
               "python fixture: metadata unescaped (\\\", \\\\, \\n, \\t, \\u00e9, surrogate pair)");
    st_free(&f);
}

static void damaged(void)
{
    char p[128];
    path_in(p, sizeof p, "bad.safetensors");
    StFile f;
    Status st = st_read(&f, "/nonexistent/x.safetensors");
    CHECK_TRUE(st == ST_IO && strstr(err_msg(), "/nonexistent/x.safetensors"),
               "missing file: ST_IO naming it (%s)", err_msg());

    const char *T = "\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    char h[512];
    snprintf(h, sizeof h, "{%s}", T);
    write_raw(p, h, 8);
    st = st_read(&f, p);
    CHECK_TRUE(st == ST_OK && f.n == 1 && f.tensors[0].numel == 2,
               "unpadded minimal header reads (%s)", st ? err_msg() : "ok");
    st_free(&f);

    struct { const char *header; long data; const char *what, *label; } cases[] = {
        {"{\"t\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "F16", "dtype F16"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "span", "shape vs offsets"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8, "outside", "offsets past the end"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "outside", "reversed offsets"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "corrupt", "negative dim"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", 8, "corrupt", "fractional dim"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "corrupt", "missing data_offsets"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8, "corrupt", "unknown key"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8, "corrupt", "unclosed object"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} x", 8, "corrupt", "trailing garbage"},
        {"{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
         "\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "twice", "duplicate name"},
        {"{\"__metadata__\":{\"a\":1}}", 0, "corrupt", "non-string metadata"},
        {"{\"__metadata__\":{\"a\":\"\\q\"}}", 0, "corrupt", "bad escape"},
        {"{\"__metadata__\":{\"a\":\"\\ud800\"}}", 0, "corrupt", "lone surrogate"},
        {"[1,2]", 0, "corrupt", "not an object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_raw(p, cases[i].header, cases[i].data);
        expect_io(p, cases[i].what, cases[i].label);
    }

    /* A header length far beyond the file. */
    FILE *fp = fopen(p, "wb");
    unsigned char len8[8] = {0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0};
    fwrite(len8, 1, 8, fp);
    fputs("{}", fp);
    fclose(fp);
    expect_io(p, "header length", "header length beyond the file");
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/descent_st_XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 99;
    }
    round_trip();
    reference_file();
    damaged();
    const char *names[] = {"rt.safetensors", "cut.safetensors", "bad.safetensors"};
    for (int i = 0; i < 3; i++) {
        char p[128];
        path_in(p, sizeof p, names[i]);
        remove(p);
    }
    rmdir(dir);
    return th_done();
}
