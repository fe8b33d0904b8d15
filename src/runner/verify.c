/* descent verify: choosing runs and comparing their files (see verify.h). */
#include "runner/verify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/table.h"
#include "runner/sweep.h"

const char *const verify_files[VERIFY_FILES] = {"summary.tsv", "curve.tsv", "layers.tsv", "layer_stats.tsv",
                                                 "gradcheck.tsv", "starts.tsv"};

bool verify_is_timing(const char *name)
{
    size_t n = strlen(name);
    return n >= 2 && !strcmp(name + n - 2, "_s");
}

typedef struct {
    int run;
    double key; /* random or recorded wall_s */
} Pick;

static int pick_cmp(const void *a, const void *b)
{
    const Pick *p = a, *q = b;
    if (p->key != q->key) return p->key < q->key ? -1 : 1;
    return p->run - q->run;
}

int verify_choose(const ExpFile *x, const char *results, int n, unsigned long seed, bool quickest,
                  double budget_s, bool *chosen)
{
    Pick *p = malloc(sizeof *p * (size_t)(x->nruns ? x->nruns : 1));
    if (!p) return 0;
    int have = 0;
    char reason[512], dir[4096], path[4200];
    for (int i = 0; i < x->nruns; i++) {
        chosen[i] = false;
        const char *st = sweep_run_status(x, results, i, reason, sizeof reason);
        if (!strcmp(st, "missing") || !strcmp(st, "failed")) continue;
        double key = (double)(hash_mix(hash_str(x->runs[i].id, seed)) >> 11);
        if (quickest) {
            sweep_run_dir(x, results, i, dir, sizeof dir);
            snprintf(path, sizeof path, "%s/summary.tsv", dir);
            Table t = {0};
            key = table_read(&t, path) == ST_OK ? table_getnum(&t, 0, "wall_s") : NAN;
            table_free(&t);
            if (isnan(key)) key = INFINITY;
        }
        p[have++] = (Pick){i, key};
    }
    qsort(p, (size_t)have, sizeof *p, pick_cmp);
    int take = n > 0 && n < have ? n : have;
    double spent = 0;
    for (int k = 0; k < take; k++) {
        spent += quickest ? p[k].key : 0;
        if (budget_s > 0 && k > 0 && spent > budget_s) {
            take = k;
            break;
        }
        chosen[p[k].run] = true;
    }
    free(p);
    return take;
}

/* The default of setting `name` for run's model, or NULL when it is not a setting. */
static const char *setting_default(const ExpFile *x, int run, const char *name, char *buf, size_t cap)
{
    const SettingSpec *sp = setting_find(name);
    if (!sp) return NULL;
    Settings s, d;
    expfile_run_settings(x, run, &s);
    settings_defaults(&d, s.model);
    settings_format(&d, sp, buf, cap);
    return buf;
}

static bool compared(const char *name)
{
    return !verify_is_timing(name) && !setting_is_location(name);
}

/* A cell of a column (c < 0: the column is missing, which reads as def). */
static const char *cell(const Table *t, int r, int c, const char *def)
{
    return c >= 0 ? table_str(t, r, c) : def;
}

Status verify_compare(const ExpFile *x, int run, const char *committed_dir, const char *rerun_dir,
                      const char *name, FileCompare *c)
{
    memset(c, 0, sizeof *c);
    c->same = true;
    char path[2][4400];
    snprintf(path[0], sizeof path[0], "%s/%s", committed_dir, name);
    snprintf(path[1], sizeof path[1], "%s/%s", rerun_dir, name);
    Table t[2] = {{0}, {0}};
    Status st = table_read(&t[0], path[0]);
    if (st != ST_OK) return st;
    if (table_read(&t[1], path[1]) != ST_OK) { /* the rerun did not write what the committed run has */
        c->same = false;
        snprintf(c->column, sizeof c->column, "(file)");
        snprintf(c->step, sizeof c->step, "(none)");
        snprintf(c->committed, sizeof c->committed, "(present)");
        snprintf(c->now, sizeof c->now, "(missing or unreadable)");
        table_free(&t[0]);
        return ST_OK;
    }
    c->rows = t[0].nrows;
    int step_col[2] = {table_col(&t[0], "step"), table_col(&t[1], "step")};
    /* the columns of either side, the committed file's first */
    for (int side = 0; side < 2 && c->same; side++)
        for (int k = 0; k < t[side].ncols && c->same; k++) {
            const char *col = t[side].head[k];
            if (!compared(col) || (side == 1 && table_col(&t[0], col) >= 0)) continue;
            int ci[2] = {table_col(&t[0], col), table_col(&t[1], col)};
            char def[STR_LEN + 64];
            const char *d = setting_default(x, run, col, def, sizeof def);
            /* an output column the code added after the committed run: nothing to hold
             * it against (a column the rerun lost is a difference) */
            if (ci[0] < 0 && !d) continue;
            c->columns++;
            if ((ci[0] < 0 || ci[1] < 0) && !d) {
                c->same = false;
                snprintf(c->column, sizeof c->column, "%s", col);
                snprintf(c->step, sizeof c->step, "(header)");
                snprintf(c->committed, sizeof c->committed, "%s", ci[0] < 0 ? "(no such column)" : "(column)");
                snprintf(c->now, sizeof c->now, "%s", ci[1] < 0 ? "(no such column)" : "(column)");
                break;
            }
            int rows = t[0].nrows > t[1].nrows ? t[0].nrows : t[1].nrows;
            for (int r = 0; r < rows; r++) {
                const char *v0 = r < t[0].nrows ? cell(&t[0], r, ci[0], d) : "(no row)";
                const char *v1 = r < t[1].nrows ? cell(&t[1], r, ci[1], d) : "(no row)";
                if (!strcmp(v0, v1)) continue;
                c->same = false;
                snprintf(c->column, sizeof c->column, "%s", col);
                int side_r = r < t[0].nrows ? 0 : 1;
                if (step_col[side_r] >= 0) snprintf(c->step, sizeof c->step, "%s", table_str(&t[side_r], r, step_col[side_r]));
                else snprintf(c->step, sizeof c->step, "row %d", r + 1);
                snprintf(c->committed, sizeof c->committed, "%s", v0);
                snprintf(c->now, sizeof c->now, "%s", v1);
                break;
            }
        }
    table_free(&t[0]);
    table_free(&t[1]);
    return ST_OK;
}

void verify_blas_core(const char *dir, char *out, size_t cap)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/provenance.tsv", dir);
    Table t = {0};
    out[0] = '\0';
    if (table_read(&t, path) == ST_OK && t.nrows > 0) snprintf(out, cap, "%s", table_get(&t, 0, "blas_core"));
    table_free(&t);
}
