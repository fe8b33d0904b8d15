/* Experiments and their results as the report reads them (see experiment.h). */
#include "report/experiment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runner/expfile.h"
#include "runner/stale.h"

static void add_kv(KeyValue *kv, int *n, const char *key, const char *value)
{
    if (*n == EXP_MAX_KV) return;
    snprintf(kv[*n].key, sizeof kv[*n].key, "%s", key);
    snprintf(kv[*n].value, sizeof kv[*n].value, "%s", value);
    (*n)++;
}

/* The runner's strict reader (src/runner/expfile.h) parses the file, so the report and
 * `descent sweep` can never read one differently. */
static Status from_expfile(Experiment *x, const ExpFile *e)
{
    snprintf(x->name, sizeof x->name, "%.*s", (int)sizeof x->name - 1, e->name);
    snprintf(x->title, sizeof x->title, "%.*s", (int)sizeof x->title - 1, e->title[0] ? e->title : e->name);
    snprintf(x->description, sizeof x->description, "%s", e->description);
    char buf[sizeof e->claims];
    snprintf(buf, sizeof buf, "%s", e->claims);
    for (char *save, *tok = strtok_r(buf, " ,\t", &save); tok && x->nclaims < EXP_MAX_CLAIMS;
         tok = strtok_r(NULL, " ,\t", &save))
        snprintf(x->claims[x->nclaims++], sizeof x->claims[0], "%s", tok);
    for (int i = 0; i < e->base.n; i++) add_kv(x->settings, &x->nsettings, e->base.item[i].key, e->base.item[i].value);
    for (int i = 0; i < e->naxes; i++) {
        char values[EXP_VALUE] = "";
        size_t len = 0;
        for (int k = 0; k < e->axis[i].n && len < sizeof values; k++)
            len += (size_t)snprintf(values + len, sizeof values - len, "%s%s", k ? " " : "", e->axis[i].values[k]);
        add_kv(x->axes, &x->naxes, e->axis[i].key, values);
    }
    snprintf(x->rule, sizeof x->rule, "%s", e->rule);
    x->bench = e->bench;
    for (int i = 0; i < e->nverdict; i++) add_kv(x->params, &x->nparams, e->verdict[i].key, e->verdict[i].value);
    return ST_OK;
}

/* Every row of runs.tsv is a run of the experiment's matrix whose recorded settings
 * are what the file expands to now: the report judges nothing stale. */
static Status check_runs(const Experiment *x, const ExpFile *e, const char *runs)
{
    int nstale = 0, first = -1, first_run = -1;
    char diff[2048] = "", d[2048];
    for (int r = 0; r < x->runs.nrows; r++) {
        const char *id = table_get(&x->runs, r, "run_id");
        int i = 0;
        while (i < e->nruns && strcmp(e->runs[i].id, id)) i++;
        if (i == e->nruns)
            return err_set(ST_USAGE, "%s: run %s is not a run of %s (its settings changed: "
                           "descent sweep %s reruns what is missing and rebuilds runs.tsv)",
                           runs, id[0] ? id : "(no run_id)", x->path, x->path);
        Settings s;
        expfile_run_settings(e, i, &s);
        if (stale_row_diff(&s, &x->runs, r, d, sizeof d) > 0 && nstale++ == 0) {
            first = r, first_run = i;
            snprintf(diff, sizeof diff, "%s", d);
        }
    }
    if (!nstale) return ST_OK;
    char label[1024];
    expfile_run_label(e, first_run, label, sizeof label);
    return err_set(ST_USAGE, "%s: %d stale run%s (recorded settings differ from %s), the first %s (%s): %s "
                   "(descent sweep %s --force reruns them)", runs, nstale, nstale == 1 ? "" : "s", x->path,
                   table_get(&x->runs, first, "run_id"), label, diff, x->path);
}

Status experiment_load(Experiment *x, const char *path, const char *results_root)
{
    memset(x, 0, sizeof *x);
    snprintf(x->path, sizeof x->path, "%s", path);
    ExpFile *e = calloc(1, sizeof *e);
    if (!e) return ST_NOMEM;
    Status st = expfile_load(e, path);
    if (st != ST_OK) return free(e), st;
    from_expfile(x, e);
    snprintf(x->dir, sizeof x->dir, "%s/%s", results_root, x->name);
    char runs[2048];
    snprintf(runs, sizeof runs, "%s/runs.tsv", x->dir);
    struct stat sb;
    if (stat(runs, &sb) == 0) {
        if ((st = table_read(&x->runs, runs)) == ST_OK) st = check_runs(x, e, runs);
        x->have_results = x->runs.nrows > 0;
    }
    expfile_free(e);
    free(e);
    return st;
}

void experiment_free(Experiment *x)
{
    table_free(&x->runs);
}

static const char *kv_find(const KeyValue *kv, int n, const char *key)
{
    for (int i = 0; i < n; i++)
        if (strcmp(kv[i].key, key) == 0) return kv[i].value;
    return NULL;
}

const char *exp_param(const Experiment *x, const char *key, const char *def)
{
    const char *v = kv_find(x->params, x->nparams, key);
    return v ? v : def;
}

double exp_param_num(const Experiment *x, const char *key, double def)
{
    const char *v = kv_find(x->params, x->nparams, key);
    if (!v) return def;
    char *end;
    double d = strtod(v, &end);
    return end == v ? def : d;
}

const char *exp_setting(const Experiment *x, const char *key)
{
    return kv_find(x->settings, x->nsettings, key);
}

bool exp_has_axis(const Experiment *x, const char *key)
{
    return kv_find(x->axes, x->naxes, key) != NULL;
}

int exp_distinct(const Experiment *x, const char *col, double *v, int max)
{
    int n = 0;
    for (int r = 0; r < x->runs.nrows; r++) {
        double a = table_getnum(&x->runs, r, col);
        if (!isfinite(a)) continue;
        int k = 0;
        while (k < n && v[k] < a) k++;
        if (k < n && v[k] == a) continue;
        if (n == max) break;
        memmove(v + k + 1, v + k, sizeof *v * (size_t)(n - k));
        v[k] = a, n++;
    }
    return n;
}

/* The index of `part` among the '/'-joined parts of a linked axis key, or -1. */
static int part_index(const char *axis_key, const char *part)
{
    size_t n = strlen(part);
    int k = 0;
    for (const char *p = axis_key;; k++) {
        size_t len = strcspn(p, "/");
        if (len == n && strncmp(p, part, n) == 0) return k;
        if (!p[len]) return -1;
        p += len + 1;
    }
}

bool exp_varies(const Experiment *x, const char *key)
{
    for (int i = 0; i < x->naxes; i++)
        if (part_index(x->axes[i].key, key) >= 0) return true;
    return false;
}

int exp_find_run(const Experiment *x, const char *key, double v)
{
    int col = table_col(&x->runs, key);
    for (int r = 0; col >= 0 && r < x->runs.nrows; r++)
        if (fabs(table_num(&x->runs, r, col) - v) <= 1e-9 * fabs(v)) return r;
    return -1;
}

Status exp_run_file(const Experiment *x, int row, const char *file, Table *t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/runs/%s/%s", x->dir, table_get(&x->runs, row, "run_id"), file);
    return table_read(t, path);
}

static bool as_number(const char *s, double *v)
{
    char *end;
    *v = strtod(s, &end);
    return end != s && *end == '\0';
}

/* Position of word w in the space-separated list, or a large number. */
static int word_pos(const char *list, const char *w)
{
    size_t n = strlen(w);
    int pos = 0;
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != ',') e++;
        if (e == p) break;
        if ((size_t)(e - p) == n && strncmp(p, w, n) == 0) return pos;
        pos++;
        p = e;
    }
    return 1 << 20;
}

/* Position in the space-separated values of a linked axis of the first value whose
 * part k is w, or a large number. */
static int part_pos(const char *list, int k, const char *w)
{
    char buf[EXP_VALUE];
    snprintf(buf, sizeof buf, "%s", list);
    int pos = 0;
    for (char *save, *tok = strtok_r(buf, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save), pos++) {
        const char *p = tok;
        for (int i = 0; i < k && p; i++) p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL;
        if (p && strncmp(p, w, strcspn(p, "/")) == 0 && strlen(w) == strcspn(p, "/")) return pos;
    }
    return 1 << 20;
}

int exp_value_cmp(const Experiment *x, const char *key, const char *a, const char *b)
{
    double u, v;
    if (as_number(a, &u) && as_number(b, &v)) return (u > v) - (u < v);
    const char *list = kv_find(x->axes, x->naxes, key);
    int pa = list ? word_pos(list, a) : 0, pb = list ? word_pos(list, b) : 0;
    for (int i = 0; !list && i < x->naxes; i++) { /* one part of a linked axis: in its order */
        int k = part_index(x->axes[i].key, key);
        if (k < 0 || !strchr(x->axes[i].key, '/')) continue;
        pa = part_pos(x->axes[i].value, k, a), pb = part_pos(x->axes[i].value, k, b);
        break;
    }
    if (pa != pb) return pa < pb ? -1 : 1;
    return strcmp(a, b);
}

/* qsort has no context argument: the comparison reads these. */
static const Experiment *sort_x;
static const Cells *sort_c;

static int row_cmp(const Experiment *x, const Cells *c, int r, int s)
{
    for (int k = 0; k < c->nkeys; k++) {
        int d = exp_value_cmp(x, c->keys[k], table_get(&x->runs, r, c->keys[k]),
                              table_get(&x->runs, s, c->keys[k]));
        if (d) return d;
    }
    return 0;
}

static int order_cmp(const void *a, const void *b)
{
    int r = *(const int *)a, s = *(const int *)b;
    int d = row_cmp(sort_x, sort_c, r, s);
    return d ? d : (r > s) - (r < s);
}

static bool excluded(const char *key, const char *const *exclude)
{
    for (int i = 0; exclude && exclude[i]; i++)
        if (strcmp(exclude[i], key) == 0) return true;
    return false;
}

/* The grouping keys of one axis: itself, nothing when excluded, or the parts of a
 * linked axis that are not excluded when some part is. */
static void axis_keys(Cells *c, const char *axis_key, const char *const *exclude)
{
    if (excluded(axis_key, exclude)) return;
    bool split = false;
    for (int i = 0; exclude && exclude[i]; i++) split |= strchr(axis_key, '/') && part_index(axis_key, exclude[i]) >= 0;
    if (!split) {
        snprintf(c->keys[c->nkeys++], EXP_KEY, "%s", axis_key);
        return;
    }
    for (const char *p = axis_key; *p && c->nkeys < EXP_MAX_KV;) {
        size_t n = strcspn(p, "/");
        char part[EXP_KEY];
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        if (!excluded(part, exclude)) snprintf(c->keys[c->nkeys++], EXP_KEY, "%s", part);
        p += n + (p[n] == '/');
    }
}

Status exp_cells(Cells *c, const Experiment *x, const char *const *exclude)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < x->naxes && c->nkeys < EXP_MAX_KV; i++) axis_keys(c, x->axes[i].key, exclude);
    /* without its column every run would read "" and fall into one cell */
    for (int k = 0; k < c->nkeys; k++)
        if (table_col(&x->runs, c->keys[k]) < 0)
            return err_set(ST_FAILED, "%s: runs.tsv has no %s column to group the runs by", x->name, c->keys[k]);
    int n = x->runs.nrows;
    c->order = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    c->cell = calloc((size_t)(n > 0 ? n : 1), sizeof *c->cell);
    if (!c->order || !c->cell) return cells_free(c), ST_NOMEM;
    for (int r = 0; r < n; r++) c->order[r] = r;
    sort_x = x, sort_c = c;
    qsort(c->order, (size_t)n, sizeof(int), order_cmp);
    for (int i = 0; i < n; i++) {
        int r = c->order[i];
        if (i == 0 || row_cmp(x, c, c->order[i - 1], r) != 0) {
            Cell *cell = &c->cell[c->ncells++];
            cell->rows = &c->order[i];
            size_t len = 0;
            for (int k = 0; k < c->nkeys && len < sizeof cell->label; k++) {
                const char *v = table_get(&x->runs, r, c->keys[k]);
                if (c->nkeys == 1) len += (size_t)snprintf(cell->label + len, sizeof cell->label - len, "%s", v);
                else len += (size_t)snprintf(cell->label + len, sizeof cell->label - len, "%s%s=%s",
                                             k ? ", " : "", c->keys[k], v);
            }
        }
        c->cell[c->ncells - 1].nrows++;
    }
    return ST_OK;
}

void cells_free(Cells *c)
{
    free(c->order);
    free(c->cell);
    memset(c, 0, sizeof *c);
}
