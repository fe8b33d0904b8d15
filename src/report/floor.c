/* The noise floor of comparisons between settings (see floor.h). */
#include "report/floor.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/stability.h"
#include "report/stats.h"

/* The median over x's settings (its cells by every axis but seed, exp_cells) of
 * sd / |mean| of `metric` over each setting's seeds that ended ok with a finite value. */
static Status measure(NoiseFloor *f, const Experiment *x, const char *metric)
{
    if (table_col(&x->runs, metric) < 0 || table_col(&x->runs, "status") < 0)
        return err_set(ST_FAILED, "noise floor: %s: runs.tsv has no %s or status column", x->name, metric);
    static const char *const not_seed[] = {"seed", NULL};
    Cells c;
    Status st = exp_cells(&c, x, not_seed);
    if (st != ST_OK) return st;
    int n = x->runs.nrows;
    double *spread = malloc(sizeof *spread * (size_t)(n + 1)), *v = malloc(sizeof *v * (size_t)(n + 1));
    f->nsettings = f->nseeds = 0;
    if (!spread || !v) st = ST_NOMEM;
    for (int i = 0; st == ST_OK && i < c.ncells; i++) {
        int m = 0;
        for (int q = 0; q < c.cell[i].nrows; q++) {
            int r = c.cell[i].rows[q];
            double val = table_getnum(&x->runs, r, metric);
            if (!strcmp(table_get(&x->runs, r, "status"), "ok") && isfinite(val)) v[m++] = val;
        }
        Stats s = stats_of(v, m);
        if (m < 2 || !(fabs(s.mean) > 0)) continue;
        spread[f->nsettings++] = s.sd / fabs(s.mean);
        if (m > f->nseeds) f->nseeds = m;
    }
    if (st == ST_OK) {
        f->rel = f->nsettings ? stats_median(spread, f->nsettings) : 0;
        if (!f->nsettings) snprintf(f->why, sizeof f->why, "no setting of %s has two seeds that ended ok", x->name);
    }
    cells_free(&c);
    free(spread), free(v);
    return st;
}

/* The folder of a path ("experiments" of "experiments/a.ini"; "." without one). */
static void dir_of(char *out, size_t cap, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(out, cap, ".");
    else snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

/* Measures the floor on experiment NAME (the file beside x's, its results beside x's). */
static Status measure_named(NoiseFloor *f, const Experiment *x, const char *name, const char *metric)
{
    char dir[1024], results[1024], path[2200];
    dir_of(dir, sizeof dir, x->path);
    dir_of(results, sizeof results, x->dir);
    snprintf(path, sizeof path, "%s/%s.ini", dir, name);
    Experiment *y = calloc(1, sizeof *y);
    if (!y) return ST_NOMEM;
    Status st = experiment_load(y, path, results);
    if (st == ST_OK && !y->have_results) st = err_set(ST_FAILED, "noise floor: %s has no results", name);
    if (st == ST_OK) st = measure(f, y, metric);
    snprintf(f->source, sizeof f->source, "%s", name);
    experiment_free(y);
    free(y);
    return st;
}

/* The experiment of rule `seeds` beside x that trains x's model into name; false if none. */
static bool seeds_experiment(const Experiment *x, char *name, size_t cap)
{
    const char *model = exp_setting(x, "model");
    char dir[1024], results[1024];
    dir_of(dir, sizeof dir, x->path);
    dir_of(results, sizeof results, x->dir);
    DIR *d = model ? opendir(dir) : NULL;
    if (!d) return false;
    Experiment *y = calloc(1, sizeof *y);
    bool found = false;
    char best[256] = "";
    for (struct dirent *e; y && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 5 || len > 200 || strcmp(e->d_name + len - 4, ".ini")) continue;
        char path[1300];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (experiment_load(y, path, results) != ST_OK) continue;
        const char *m = exp_setting(y, "model");
        /* the first by name, so the choice does not hang on the directory's order */
        if (!strcmp(y->rule, "seeds") && m && !strcmp(m, model) && (!found || strcmp(y->name, best) < 0))
            found = true, snprintf(best, sizeof best, "%s", y->name);
        experiment_free(y);
        memset(y, 0, sizeof *y);
    }
    closedir(d);
    free(y);
    if (found) snprintf(name, cap, "%s", best);
    return found;
}

Status floor_measure(NoiseFloor *f, const Experiment *x, const char *metric)
{
    memset(f, 0, sizeof *f);
    snprintf(f->metric, sizeof f->metric, "%s", metric);
    const char *want = exp_param(x, "floor", "");
    if (!strcmp(want, "none")) {
        snprintf(f->why, sizeof f->why, "`floor = none`");
        return ST_OK;
    }
    if (!strcmp(want, "own")) return measure(f, x, metric);
    if (want[0]) return measure_named(f, x, want, metric);
    double seeds[STAB_MAX_SEEDS];
    if (stab_seeds(x, seeds, STAB_MAX_SEEDS) >= 2) return measure(f, x, metric);
    char name[256];
    if (seeds_experiment(x, name, sizeof name)) return measure_named(f, x, name, metric);
    snprintf(f->why, sizeof f->why, "one seed, and no experiment of rule `seeds` trains this model");
    return ST_OK;
}

bool floor_inside(const NoiseFloor *f, double d, double b)
{
    return f->rel > 0 && fabs(d) <= f->rel * fabs(b);
}

char *floor_text(char *buf, size_t cap, const NoiseFloor *f, const char *used_by)
{
    if (!(f->rel > 0)) {
        snprintf(buf, cap, "**Noise floor (C21):** none (%s); %s are judged by their thresholds alone.\n\n", f->why, used_by);
        return buf;
    }
    char src[300];
    if (f->source[0]) snprintf(src, sizeof src, "[%s](%s.md)'s seeds", f->source, f->source);
    else snprintf(src, sizeof src, "this experiment's own seeds");
    snprintf(buf, cap, "**Noise floor (C21):** %.2f %% of the baseline, from %s: the %s of `%s` over seeds relative to "
                    "its mean (%d setting%s, up to %d seeds). Applied to %s: a difference within it is inside the "
                    "seed spread, unclear whatever the threshold says.\n\n",
                 100 * f->rel, src, f->nsettings > 1 ? "median over settings of the standard deviation" : "standard deviation",
             f->metric, f->nsettings, f->nsettings == 1 ? "" : "s", f->nseeds, used_by);
    return buf;
}
