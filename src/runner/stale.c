/* Stale runs: recorded settings against the experiment's expansion (see stale.h). */
#include "runner/stale.h"

#include <string.h>
#include <sys/stat.h>

typedef struct {
    const Table *t;
    int row;
} RowCtx;

static const char *row_get(void *ctx, const char *key)
{
    const RowCtx *c = ctx;
    int col = table_col(c->t, key);
    const char *v = col < 0 ? "" : table_str(c->t, c->row, col);
    return v[0] ? v : NULL;
}

int stale_row_diff(const Settings *s, const Table *t, int row, char *diff, size_t cap)
{
    RowCtx c = {t, row};
    return settings_diff_recorded(s, row_get, &c, diff, cap);
}

int stale_run_diff(const ExpFile *x, const char *results, int i, char *diff, size_t cap)
{
    char path[4400];
    sweep_run_dir(x, results, i, path, sizeof path - 20);
    strcat(path, "/summary.tsv");
    Table t = {0};
    if (table_read(&t, path) != ST_OK || t.nrows < 1) {
        table_free(&t);
        return -1;
    }
    Settings s;
    expfile_run_settings(x, i, &s);
    int n = stale_row_diff(&s, &t, 0, diff, cap);
    table_free(&t);
    return n;
}

int sweep_stale(const ExpFile *x, const SweepOptions *o, FILE *err)
{
    if (o->force) return 0;
    int n = 0;
    char diff[2048], label[1024], dir[4096];
    for (int i = 0; i < x->nruns; i++) {
        struct stat sb;
        sweep_run_dir(x, o->results, i, dir, sizeof dir);
        if (stat(dir, &sb) != 0 || sweep_pending(x, o, i)) continue;
        if (stale_run_diff(x, o->results, i, diff, sizeof diff) <= 0) continue;
        if (++n == 1)
            fprintf(err, "descent sweep: stale runs of %s: their summary.tsv records other settings than %s "
                         "gives now (--force reruns them):\n", x->name, x->path);
        if (n > 20) continue;
        expfile_run_label(x, i, label, sizeof label);
        fprintf(err, "  %s (%s): %s\n", x->runs[i].id, label, diff);
    }
    if (n > 20) fprintf(err, "  ... and %d more\n", n - 20);
    return n;
}
