/* Character corpora (kjv, text:PATH) and the token-window plumbing shared with the
 * markov source.
 *
 * Vocabulary: the sorted set of the corpus's bytes. Train is the first 90 % of the
 * tokens, val the last 10 %: fixed windows stepping by T that cover
 * min(val_tokens, available) targets, the same for every seed; test is the same as
 * val. Training batches are windows of T+1 at uniform random starts drawn from the
 * run's "data" stream.
 *
 * kjv is the King James Bible as Debian's bible-kjv prints it (`bible
 * "Gen1:1-Rev22:21"`), run once and cached in $XDG_CACHE_HOME/descent/kjv.txt (or
 * ~/.cache/descent/kjv.txt), written through a temporary file and a rename. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/fs.h"
#include "core/rng.h"
#include "data/text.h"

Status tokens_init(TokenData *td, const DataOps *ops, int T, int max_rows)
{
    td->base.ops = ops;
    td->base.entropy_rate = NAN;
    td->T = T;
    td->max_rows = max_rows;
    td->batch = malloc(sizeof(int) * (size_t)max_rows * (size_t)(T + 1));
    if (!td->batch) return err_set(ST_NOMEM, "out of memory");
    return ST_OK;
}

long tokens_val_windows(long val_tokens, long available, int T)
{
    long want = (val_tokens + T - 1) / T, fit = (available - 1) / T;
    return want < fit ? want : fit;
}

int tokens_eval_batch(Data *d, Split split, int i, int rows, Batch *out)
{
    (void)split; /* test is the same windows as val */
    TokenData *td = (TokenData *)d;
    if (rows > td->max_rows) rows = td->max_rows;
    long first = (long)i * rows;
    if (first >= td->n_val_win) return 0;
    int n = td->n_val_win - first < rows ? (int)(td->n_val_win - first) : rows;
    int T = td->T;
    for (int r = 0; r < n; r++)
        memcpy(td->batch + (long)r * (T + 1), td->val + (first + r) * T, sizeof(int) * (size_t)(T + 1));
    *out = (Batch){.rows = n, .tokens = td->batch};
    return n;
}

void tokens_free(Data *d)
{
    if (!d) return;
    TokenData *td = (TokenData *)d;
    if (td->free_extra) td->free_extra(td);
    free(td->batch);
    free(td->train);
    free(td->val);
    gsl_rng_free(d->stream);
    free(td);
}

/* Windows drawn with r: training batches use the run's "data" stream. */
static void text_sample_batch(Data *d, gsl_rng *rng, int rows, Batch *out)
{
    TokenData *td = (TokenData *)d;
    if (rows > td->max_rows) rows = td->max_rows;
    int T = td->T;
    unsigned long starts = (unsigned long)(td->n_train - T); /* windows of T+1 that fit */
    for (int r = 0; r < rows; r++) {
        long s = (long)gsl_rng_uniform_int(rng, starts);
        memcpy(td->batch + (long)r * (T + 1), td->train + s, sizeof(int) * (size_t)(T + 1));
    }
    *out = (Batch){.rows = rows, .tokens = td->batch};
}

static void text_train_batch(Data *d, int rows, Batch *out) { text_sample_batch(d, d->stream, rows, out); }

static const DataOps text_ops = {"text", text_train_batch, text_sample_batch, tokens_eval_batch, tokens_free};

/* Reads the whole file into *buf (malloc'd), its length into *n. */
static Status read_file(const char *path, const char *what, unsigned char **buf, long *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(ST_IO, "%s: cannot read %s: %s", what, path, strerror(errno));
    size_t cap = 1 << 20, len = 0;
    unsigned char *b = malloc(cap);
    for (;;) {
        if (!b) {
            fclose(f);
            return err_set(ST_NOMEM, "out of memory reading %s", path);
        }
        len += fread(b + len, 1, cap - len, f);
        if (len < cap) break;
        unsigned char *nb = realloc(b, cap *= 2);
        if (!nb) free(b);
        b = nb;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(b);
        return err_set(ST_IO, "%s: error reading %s", what, path);
    }
    *buf = b;
    *n = (long)len;
    return ST_OK;
}

/* mkdir -p for the folder part of path. */
/* Fills path with the kjv cache file, running `bible` once if it is not there yet. */
static Status kjv_path(char *path, size_t cap)
{
    char dir[4000];
    if (cache_dir(dir, sizeof dir) != ST_OK) {
        char why[512];
        snprintf(why, sizeof why, "%s", err_msg());
        return err_set(ST_IO, "kjv: %s", why);
    }
    snprintf(path, cap, "%s/kjv.txt", dir);
    if (access(path, R_OK) == 0) return ST_OK;

    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *out = fopen(tmp, "wb");
    if (!out) return err_set(ST_IO, "kjv: cannot write the cache %s: %s", tmp, strerror(errno));
    FILE *p = popen("bible \"Gen1:1-Rev22:21\" 2>/dev/null", "r");
    if (!p) {
        fclose(out), remove(tmp);
        return err_set(ST_IO, "kjv: cannot run `bible`: %s", strerror(errno));
    }
    char chunk[1 << 16];
    size_t n, total = 0;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) {
        fwrite(chunk, 1, n, out);
        total += n;
    }
    int status = pclose(p);
    int werr = ferror(out) | (fclose(out) != 0);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) == 127 || total < 1000000) {
        remove(tmp);
        if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 127)
            return err_set(ST_IO, "kjv: the `bible` program is missing (install Debian's bible-kjv)");
        return err_set(ST_IO, "kjv: `bible \"Gen1:1-Rev22:21\"` failed (status %d, %zu bytes)",
                       status, total);
    }
    if (werr || rename(tmp, path) != 0) {
        remove(tmp);
        return err_set(ST_IO, "kjv: cannot write the cache %s", path);
    }
    return ST_OK;
}

Status text_open(Data **out, const Settings *s)
{
    *out = NULL;
    char path[4096];
    const char *what = s->data;
    Status st;
    if (strcmp(s->data, "kjv") == 0) {
        if ((st = kjv_path(path, sizeof path)) != ST_OK) return st;
    } else {
        snprintf(path, sizeof path, "%s", s->data + 5);
        what = "text";
    }
    unsigned char *bytes = NULL;
    long n = 0;
    if ((st = read_file(path, what, &bytes, &n)) != ST_OK) return st;
    int T = s->context;
    long n_train = n * 9 / 10, n_val = n - n_train;
    if (s->train_subset > n_train) {
        free(bytes);
        return err_set(ST_USAGE, "train_subset: %d is more than the %ld training characters of %s",
                       s->train_subset, n_train, what);
    }
    if (s->train_subset > 0 && s->train_subset < T + 2) {
        free(bytes);
        return err_set(ST_USAGE, "train_subset: %d characters are too few for windows of context %d",
                       s->train_subset, T);
    }
    if (n_train < T + 2 || n_val < T + 1) {
        free(bytes);
        return err_set(ST_USAGE, "%s: %s has %ld bytes, too few for windows of context %d", what,
                       path, n, T);
    }
    TokenData *td = calloc(1, sizeof *td);
    if (!td) return free(bytes), err_set(ST_NOMEM, "out of memory");
    if ((st = tokens_init(td, &text_ops, T, s->batch)) != ST_OK) return free(bytes), free(td), st;
    Data *d = &td->base;

    int id[256], V = 0;
    bool seen[256] = {false};
    for (long i = 0; i < n; i++) seen[bytes[i]] = true;
    for (int c = 0; c < 256; c++) {
        id[c] = seen[c] ? V : -1;
        if (seen[c]) d->shape.charset[V++] = (unsigned char)c;
    }
    d->shape.classes = V;
    const long val_at = n_train; /* val starts here whatever part of train is used */
    if (s->train_subset > 0) n_train = s->train_subset; /* the first N */
    td->n_train = n_train;
    td->n_val_win = tokens_val_windows(s->val_tokens, n_val, T);
    td->train = malloc(sizeof(int) * (size_t)n_train);
    td->val = malloc(sizeof(int) * (size_t)n_val);
    d->stream = rng_stream((uint64_t)(int64_t)s->seed, "data");
    if (!td->train || !td->val || !d->stream) {
        free(bytes), tokens_free(d);
        return err_set(ST_NOMEM, "out of memory");
    }
    for (long i = 0; i < n_train; i++) td->train[i] = id[bytes[i]];
    for (long i = 0; i < n_val; i++) td->val[i] = id[bytes[val_at + i]];
    free(bytes);
    d->train_items = n_train;
    d->train_rows = n_train / T;
    *out = d;
    return ST_OK;
}
