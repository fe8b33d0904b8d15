/* Run id migration (see migrate.h). */
#include "runner/migrate.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/table.h"

typedef struct {
    char name[256]; /* the folder's name now */
    char id[13];    /* the id its settings give */
} Move;

static int move_name_cmp(const void *a, const void *b) { return strcmp(((const Move *)a)->name, ((const Move *)b)->name); }
static int move_id_cmp(const void *a, const void *b)
{
    int c = strcmp(((const Move *)a)->id, ((const Move *)b)->id);
    return c ? c : move_name_cmp(a, b);
}

/* The run id the record in dir/summary.tsv gives; false (nothing set) without one. */
static Status record_id(const char *dir, char id[13], bool *have)
{
    char path[4500];
    snprintf(path, sizeof path, "%s/summary.tsv", dir);
    Table t = {0};
    *have = false;
    struct stat sb;
    if (stat(path, &sb) != 0) return ST_OK;
    Status st = table_read(&t, path);
    if (st == ST_OK && t.nrows < 1) st = err_set(ST_IO, "%s: no row", path);
    static SettingPairs p;
    p.n = 0;
    for (int c = 0; st == ST_OK && c < t.ncols; c++)
        if (setting_find(t.head[c]) && table_str(&t, 0, c)[0])
            st = pairs_add(&p, t.head[c], table_str(&t, 0, c), path);
    Settings s;
    if (st == ST_OK) st = settings_from_pairs(&s, &p);
    if (st == ST_OK) st = settings_run_id(&s, id);
    table_free(&t);
    if (st != ST_OK && strncmp(err_msg(), path, strlen(path))) { /* name the record */
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", err_msg());
        return err_set(st, "%s: %s", path, msg);
    }
    if (st != ST_OK) return st;
    *have = true;
    return ST_OK;
}

/* dir/provenance.tsv with its run_id column set to id (atomically); absent: nothing. */
static Status set_provenance_id(const char *dir, const char *id)
{
    char path[4500], tmp[4600];
    snprintf(path, sizeof path, "%s/provenance.tsv", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    struct stat sb;
    if (stat(path, &sb) != 0) return ST_OK;
    Table t = {0};
    Status st = table_read(&t, path);
    int col = st == ST_OK ? table_col(&t, "run_id") : -1;
    bool same = true;
    for (int r = 0; col >= 0 && r < t.nrows; r++) same &= !strcmp(table_str(&t, r, col), id);
    if (st != ST_OK || col < 0 || same) {
        table_free(&t);
        return st;
    }
    FILE *f = fopen(tmp, "w");
    if (!f) st = err_set(ST_IO, "%s: cannot write: %s", tmp, strerror(errno));
    for (int r = -1; f && r < t.nrows; r++)
        for (int c = 0; c < t.ncols; c++)
            fprintf(f, "%s%s", r < 0 ? t.head[c] : c == col ? id : table_str(&t, r, c), c + 1 < t.ncols ? "\t" : "\n");
    table_free(&t);
    if (f && (ferror(f) | fclose(f))) st = err_set(ST_IO, "%s: write failed", tmp);
    if (st == ST_OK && rename(tmp, path) != 0) st = err_set(ST_IO, "%s: cannot rename: %s", tmp, strerror(errno));
    if (st != ST_OK) unlink(tmp);
    return st;
}

static bool in_matrix(const ExpFile *x, const char *id)
{
    for (int i = 0; i < x->nruns; i++)
        if (!strcmp(x->runs[i].id, id)) return true;
    return false;
}

Status migrate_ids(const ExpFile *x, const char *results, MigrateTally *t, FILE *log)
{
    memset(t, 0, sizeof *t);
    char runs[4096], dir[4400], to[4400];
    snprintf(runs, sizeof runs, "%s/%s/runs", results, x->name);
    DIR *d = opendir(runs);
    if (!d) return errno == ENOENT ? ST_OK : err_set(ST_IO, "%s: cannot read: %s", runs, strerror(errno));
    Move *m = NULL;
    int n = 0, cap = 0;
    Status st = ST_OK;
    for (struct dirent *e; st == ST_OK && (e = readdir(d));) {
        if (e->d_name[0] == '.' || strstr(e->d_name, ".tmp-") || strlen(e->d_name) >= sizeof m->name) continue;
        if (n == cap) {
            Move *grown = realloc(m, sizeof *m * (size_t)(cap = cap ? 2 * cap : 64));
            if (!grown) st = ST_NOMEM;
            else m = grown;
        }
        if (st != ST_OK) break;
        bool have;
        snprintf(dir, sizeof dir, "%s/%s", runs, e->d_name);
        if ((st = record_id(dir, m[n].id, &have)) != ST_OK || !have) continue;
        snprintf(m[n].name, sizeof m->name, "%s", e->d_name);
        n++;
    }
    closedir(d);
    /* plan: one folder per id, no new name already taken */
    if (st == ST_OK) qsort(m, (size_t)n, sizeof *m, move_id_cmp);
    for (int i = 1; st == ST_OK && i < n; i++)
        if (!strcmp(m[i].id, m[i - 1].id))
            st = err_set(ST_USAGE, "%s: folders %s and %s record the same settings (run id %s); nothing renamed",
                         runs, m[i - 1].name, m[i].name, m[i].id);
    for (int i = 0; st == ST_OK && i < n; i++) {
        struct stat sb;
        snprintf(to, sizeof to, "%s/%s", runs, m[i].id);
        if (strcmp(m[i].name, m[i].id) && stat(to, &sb) == 0)
            st = err_set(ST_USAGE, "%s: cannot rename %s to %s: that folder exists; nothing renamed", runs,
                         m[i].name, m[i].id);
    }
    if (st == ST_OK) qsort(m, (size_t)n, sizeof *m, move_name_cmp);
    for (int i = 0; st == ST_OK && i < n; i++) {
        snprintf(dir, sizeof dir, "%s/%s", runs, m[i].name);
        snprintf(to, sizeof to, "%s/%s", runs, m[i].id);
        if ((st = set_provenance_id(dir, m[i].id)) != ST_OK) break;
        t->folders++;
        t->outside += !in_matrix(x, m[i].id);
        if (!strcmp(m[i].name, m[i].id)) {
            t->current++;
            continue;
        }
        if (rename(dir, to) != 0) {
            st = err_set(ST_IO, "%s: cannot rename to %s: %s", dir, m[i].id, strerror(errno));
            break;
        }
        t->renamed++;
        if (log) fprintf(log, "%s/%s -> %s\n", runs, m[i].name, m[i].id);
    }
    free(m);
    return st;
}
