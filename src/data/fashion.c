/* Fashion-MNIST (Xiao, Rasul & Vollgraf 2017) from its four IDX .gz files, read with
 * zlib. The IDX format (LeCun's MNIST format): a big-endian magic (0x00000803 for
 * uint8 images of rank 3, 0x00000801 for uint8 labels of rank 1), the big-endian
 * dimensions, then the bytes. Pixels are scaled to [0,1] and standardised by the mean
 * and standard deviation (population, in double) of the 55,000-image training split,
 * as torchvision's Normalize((mean,), (std,)) would with those statistics; val is the
 * last 5,000 training images, test the 10,000 t10k images.
 *
 * Inflating the four files takes most of a second, so the inflated bytes (pixels and
 * labels, headers checked) are kept as a derived file in the cache folder
 * (data/derived.h: fashion-HASH.bytes, HASH of the folder's device and inode and the
 * item counts), validated against the four files' size, modification time, inode and
 * device before a later run maps it. The labels are checked again on every load, and
 * everything after (statistics, standardisation) is computed from the bytes as before,
 * so a mapped run has the same bits as a decoded one. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/hash.h"
#include "data/dataset.h"
#include "data/derived.h"

enum {
    SIDE = 28,
    DIM = SIDE * SIDE,
    CLASSES = 10,
    N_TRAIN_FILE = 60000,
    N_TEST_FILE = 10000,
    N_VAL = 5000,
    MAGIC_IMAGES = 0x00000803,
    MAGIC_LABELS = 0x00000801,
    PATH_CAP = 4096 + 64,
};

typedef struct {
    char path[PATH_CAP];
    gzFile f;
    int n; /* items the header declares */
} Idx;

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* zlib's message without the "path: " prefix gzerror() puts on it. */
static const char *gz_msg(const Idx *x, const char *msg)
{
    size_t n = strlen(x->path);
    if (strncmp(msg, x->path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ') return msg + n + 2;
    return msg;
}

/* Reads up to `want` bytes; *got says how many arrived. ST_IO if zlib reports damage
 * (a truncated stream is left to the caller, which knows what it expected). */
static Status read_all(Idx *x, unsigned char *dst, size_t want, size_t *got)
{
    *got = 0;
    while (*got < want) {
        size_t chunk = want - *got < (1u << 30) ? want - *got : (1u << 30);
        int r = gzread(x->f, dst + *got, (unsigned)chunk);
        if (r < 0) {
            int errnum;
            const char *msg = gzerror(x->f, &errnum);
            return err_set(ST_IO, "%s: corrupt gzip data: %s", x->path,
                           errnum == Z_ERRNO ? strerror(errno) : gz_msg(x, msg));
        }
        if (r == 0) break;
        *got += (size_t)r;
    }
    int errnum;
    const char *msg = gzerror(x->f, &errnum);
    if (errnum != Z_OK && errnum != Z_BUF_ERROR) /* Z_BUF_ERROR: stream ended early */
        return err_set(ST_IO, "%s: corrupt gzip data: %s", x->path, gz_msg(x, msg));
    return ST_OK;
}

/* Opens one IDX file and checks its header: magic, rank dims, item count. */
static Status idx_open(Idx *x, const char *dir, const char *name, int images, int want_n)
{
    snprintf(x->path, sizeof x->path, "%s/%s", dir, name);
    errno = 0;
    x->f = gzopen(x->path, "rb");
    if (!x->f)
        return err_set(ST_IO, "%s: cannot open: %s", x->path,
                       errno ? strerror(errno) : "out of memory");
    gzbuffer(x->f, 1u << 20);
    unsigned char h[16];
    size_t hlen = images ? 16 : 8, got;
    Status st = read_all(x, h, hlen, &got);
    if (st != ST_OK) return st;
    if (got < hlen)
        return err_set(ST_IO, "%s: truncated: expected a %zu-byte IDX header, got %zu bytes",
                       x->path, hlen, got);
    uint32_t magic = be32(h), want_magic = images ? MAGIC_IMAGES : MAGIC_LABELS;
    if (magic != want_magic)
        return err_set(ST_IO, "%s: bad magic 0x%08x (expected 0x%08x, IDX %s)", x->path,
                       (unsigned)magic, (unsigned)want_magic,
                       images ? "uint8 images" : "uint8 labels");
    uint32_t n = be32(h + 4);
    if (images && (be32(h + 8) != SIDE || be32(h + 12) != SIDE))
        return err_set(ST_IO, "%s: images are %ux%u, expected %dx%d", x->path,
                       (unsigned)be32(h + 8), (unsigned)be32(h + 12), SIDE, SIDE);
    if (want_n > 0 && n != (uint32_t)want_n)
        return err_set(ST_IO, "%s: header declares %u %s, expected %d", x->path, (unsigned)n,
                       images ? "images" : "labels", want_n);
    x->n = (int)n;
    return ST_OK;
}

/* Reads exactly `want` body bytes and checks nothing follows them. */
static Status idx_body(Idx *x, unsigned char *dst, size_t want, const char *what)
{
    size_t got;
    Status st = read_all(x, dst, want, &got);
    if (st != ST_OK) return st;
    if (got < want)
        return err_set(ST_IO, "%s: truncated: expected %zu %s bytes, got %zu", x->path, want,
                       what, got);
    unsigned char extra;
    st = read_all(x, &extra, 1, &got);
    if (st != ST_OK) return st;
    if (got)
        return err_set(ST_IO, "%s: unexpected data after the %zu %s bytes", x->path, want, what);
    return ST_OK;
}

static Status check_labels(const Idx *x, const unsigned char *y, int n)
{
    for (int i = 0; i < n; i++)
        if (y[i] >= CLASSES)
            return err_set(ST_IO, "%s: label %d of item %d is out of range (%d classes)", x->path,
                           y[i], i, CLASSES);
    return ST_OK;
}

/* Inflates the four files into dst: train pixels, test pixels, train labels, test
 * labels (the payload of the derived file), checking every header first so that a bad
 * file fails fast before 47 MB are inflated. */
static Status decode(Idx files[4], unsigned char *dst, const char *dir, int n_train_file, int n_test_file)
{
    Idx *tri = &files[0], *trl = &files[1], *tei = &files[2], *tel = &files[3];
    Status st;
    if ((st = idx_open(tri, dir, "train-images-idx3-ubyte.gz", 1, n_train_file)) != ST_OK) return st;
    if ((st = idx_open(trl, dir, "train-labels-idx1-ubyte.gz", 0, 0)) != ST_OK) return st;
    if (trl->n != tri->n)
        return err_set(ST_IO, "%s: %d labels but %s holds %d images", trl->path, trl->n, tri->path, tri->n);
    if ((st = idx_open(tei, dir, "t10k-images-idx3-ubyte.gz", 1, n_test_file)) != ST_OK) return st;
    if ((st = idx_open(tel, dir, "t10k-labels-idx1-ubyte.gz", 0, 0)) != ST_OK) return st;
    if (tel->n != tei->n)
        return err_set(ST_IO, "%s: %d labels but %s holds %d images", tel->path, tel->n, tei->path, tei->n);
    size_t trp = (size_t)n_train_file * DIM, tep = (size_t)n_test_file * DIM;
    if ((st = idx_body(tri, dst, trp, "pixel")) != ST_OK) return st;
    if ((st = idx_body(trl, dst + trp + tep, n_train_file, "label")) != ST_OK) return st;
    if ((st = idx_body(tei, dst + trp, tep, "pixel")) != ST_OK) return st;
    return idx_body(tel, dst + trp + tep + n_train_file, n_test_file, "label");
}

/* Copies items [from, from+n) into d, mapping each byte through the table. */
static void fill(Dataset *d, const unsigned char *px, const unsigned char *lab, int from,
                 const float *table)
{
    const unsigned char *p = px + (size_t)from * DIM;
    size_t total = (size_t)d->n * DIM;
    for (size_t i = 0; i < total; i++) d->x[i] = table[p[i]];
    for (int i = 0; i < d->n; i++) d->y[i] = lab[from + i];
}

Status fashion_load_counts(Splits *out, const char *dir, int n_train_file, int n_test_file,
                           int n_val)
{
    *out = (Splits){0};
    Idx files[4] = {0};
    Idx *trl = &files[1], *tel = &files[3];
    unsigned char *buf = NULL;
    Derived cached = {0};
    Status st;
    static const char *const names[4] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
    const char *sources[4];
    for (int i = 0; i < 4; i++) {
        snprintf(files[i].path, sizeof files[i].path, "%s/%s", dir, names[i]);
        sources[i] = files[i].path;
    }

    /* The inflated bytes: train pixels, test pixels, train labels, test labels, from the
     * derived file when it is valid, else decoded (and stored for the next run). */
    size_t trp = (size_t)n_train_file * DIM, tep = (size_t)n_test_file * DIM;
    size_t len = trp + tep + n_train_file + n_test_file;
    char key[128], hex[17];
    struct stat dst;
    bool cacheable = stat(dir, &dst) == 0; /* the folder by device and inode, however it is spelt */
    snprintf(key, sizeof key, "%llu %llu %d %d", (unsigned long long)dst.st_dev, (unsigned long long)dst.st_ino,
             n_train_file, n_test_file);
    hash_hex(hash_str(key, 0), 16, hex);
    snprintf(key, sizeof key, "fashion-%s.bytes", hex);
    const unsigned char *bytes;
    if (cacheable && derived_map(&cached, key, sources, 4, len)) {
        bytes = cached.data;
    } else {
        if (!(buf = malloc(len))) {
            st = err_set(ST_NOMEM, "out of memory loading Fashion-MNIST from %s", dir);
            goto done;
        }
        if ((st = decode(files, buf, dir, n_train_file, n_test_file)) != ST_OK) goto done;
        if (cacheable) derived_store(&cached, key, sources, 4, buf);
        bytes = buf;
    }
    const unsigned char *trx = bytes, *tex = bytes + trp, *try_ = tex + tep, *tey = try_ + n_train_file;
    if ((st = check_labels(trl, try_, n_train_file)) != ST_OK) goto done;
    if ((st = check_labels(tel, tey, n_test_file)) != ST_OK) goto done;

    /* Mean and std of the training split over byte values: a histogram makes the sum
     * exact and its order fixed. */
    int n_train = n_train_file - n_val;
    size_t n_px = (size_t)n_train * DIM;
    long hist[256] = {0};
    for (size_t i = 0; i < n_px; i++) hist[trx[i]]++;
    double sum = 0, sq = 0;
    for (int v = 0; v < 256; v++) sum += (double)hist[v] * (v / 255.0);
    double mean = sum / (double)n_px;
    for (int v = 0; v < 256; v++) {
        double dv = v / 255.0 - mean;
        sq += (double)hist[v] * dv * dv;
    }
    double sd = sqrt(sq / (double)n_px);
    if (!(sd > 0)) sd = 1;
    float table[256];
    for (int v = 0; v < 256; v++) table[v] = (float)((v / 255.0 - mean) / sd);

    if ((st = dataset_alloc(&out->train, n_train, DIM, CLASSES)) != ST_OK ||
        (st = dataset_alloc(&out->val, n_val, DIM, CLASSES)) != ST_OK ||
        (st = dataset_alloc(&out->test, n_test_file, DIM, CLASSES)) != ST_OK)
        goto done;
    fill(&out->train, trx, try_, 0, table);
    fill(&out->val, trx, try_, n_train, table);
    fill(&out->test, tex, tey, 0, table);

done:
    for (int i = 0; i < 4; i++)
        if (files[i].f) gzclose(files[i].f);
    free(buf);
    derived_unmap(&cached);
    if (st != ST_OK) splits_free(out);
    return st;
}

Status fashion_load(Splits *out, const char *dir)
{
    return fashion_load_counts(out, dir, N_TRAIN_FILE, N_TEST_FILE, N_VAL);
}
