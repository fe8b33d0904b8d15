/* The report generator (see report.h): the front page, one page per experiment, their
 * figures, and the Tested-by lines of docs/CLAIMS.md. */
#include "report/report.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fs.h"
#include "report/claims_md.h"
#include "report/pages.h"
#include "report/textfile.h"
#include "report/throughput.h"

enum { MAX_EXPERIMENTS = 256 };

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* experiments/NAME.ini, sorted by name (strcmp: the same order in every locale). */
static Status list_experiments(const char *root, char ***names, int *n)
{
    char dir[2048];
    snprintf(dir, sizeof dir, "%s/experiments", root);
    *n = 0;
    *names = calloc(MAX_EXPERIMENTS, sizeof **names);
    if (!*names) return ST_NOMEM;
    DIR *d = opendir(dir);
    if (!d) return ST_OK; /* no experiments yet: a report of claims only */
    for (struct dirent *e; (e = readdir(d)) != NULL && *n < MAX_EXPERIMENTS;) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".ini") == 0 && e->d_name[0] != '.')
            (*names)[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(*names, (size_t)*n, sizeof **names, str_cmp);
    return ST_OK;
}

static Status judge(Entry *e, FigureSet *fs)
{
    Experiment *x = &e->x;
    e->rule = x->rule[0] ? verdict_rule_by_name(x->rule) : NULL;
    e->fig_first = fs->n;
    if (!x->have_results) return ST_OK;
    Status st = ST_OK;
    if (e->rule && (st = e->rule->judge(x, &e->j)) != ST_OK)
        snprintf(e->error, sizeof e->error, "%s", err_msg());
    else if (e->rule && (st = stability_judge(&e->stab, x, e->rule, &e->j)) != ST_OK)
        return st;
    if (e->rule && e->rule->figures) st = e->rule->figures(fs, x);
    if (st == ST_OK && x->bench) st = throughput_figures(fs, x);
    e->fig_count = fs->n - e->fig_first;
    return st == ST_IO || st == ST_NOMEM ? st : ST_OK;
}

/* A page in memory, written by text_replace once everything else has succeeded. */
typedef struct {
    char path[2048];
    char *text;
    size_t len;
} Page;

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

/* Removes files in dir ending in one of the suffixes whose stem is not in keep (n stems). */
static void remove_stale(const char *dir, const char *const *suffixes, const char *const *keep, int n)
{
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = 0;
        for (int s = 0; suffixes[s] && !len; s++)
            if (has_suffix(e->d_name, suffixes[s])) len = strlen(e->d_name) - strlen(suffixes[s]);
        if (!len) continue;
        bool kept = false;
        for (int i = 0; i < n && !kept; i++) kept = strlen(keep[i]) == len && strncmp(keep[i], e->d_name, len) == 0;
        if (!kept) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    }
    closedir(d);
}

/* Builds page i (0: the front page, i > 0: experiment i - 1) into p. */
static Status build_page(Page *p, const char *root, Entry *const *es, int n, int i, const FigureSet *fs)
{
    snprintf(p->path, sizeof p->path, "%s/report/%s.md", root, i ? es[i - 1]->x.name : "REPORT");
    FILE *f = open_memstream(&p->text, &p->len);
    if (!f) return ST_NOMEM;
    if (i == 0) page_front(f, es, n);
    else page_experiment(f, es[i - 1], fs);
    return fclose(f) == 0 ? ST_OK : ST_NOMEM;
}

Status report_build(const ReportOptions *o)
{
    char **names = NULL;
    int n = 0;
    Status st = list_experiments(o->root, &names, &n);
    if (st != ST_OK) return st;
    Entry **es = calloc((size_t)(n ? n : 1), sizeof *es);
    FigureSet *fs = calloc(1, sizeof *fs);
    Page *pages = calloc((size_t)n + 1, sizeof *pages);
    const char **stems = calloc((size_t)n + FIG_MAX + 1, sizeof *stems);
    char path[2048];
    if (!es || !fs || !pages || !stems) {
        st = ST_NOMEM;
        goto done;
    }
    snprintf(fs->dir, sizeof fs->dir, "%s/report/figures", o->root);
    if ((st = make_dirs(fs->dir)) != ST_OK) goto done;
    char results[2048];
    snprintf(results, sizeof results, "%s/results", o->root);
    for (int i = 0; i < n; i++) {
        if (!(es[i] = calloc(1, sizeof *es[i]))) {
            st = ST_NOMEM;
            goto done;
        }
        snprintf(path, sizeof path, "%s/experiments/%s", o->root, names[i]);
        if ((st = experiment_load(&es[i]->x, path, results)) != ST_OK) goto done;
        if ((st = judge(es[i], fs)) != ST_OK) goto done;
    }
    for (int i = 0; i <= n; i++)
        if ((st = build_page(&pages[i], o->root, es, n, i, fs)) != ST_OK) goto done;
    if (o->render && (st = figures_render(fs)) != ST_OK) goto done;

    snprintf(path, sizeof path, "%s/docs/CLAIMS.md", o->root);
    if (access(path, F_OK) == 0) { /* a root without the catalogue (a test fixture) has no lines to keep */
        const Experiment **xs = malloc(sizeof *xs * (size_t)(n ? n : 1));
        if (!xs) {
            st = ST_NOMEM;
            goto done;
        }
        for (int i = 0; i < n; i++) xs[i] = &es[i]->x;
        st = claims_md_update(path, xs, n);
        free(xs);
        if (st != ST_OK) goto done;
    }
    for (int i = 0; i <= n; i++)
        if ((st = text_replace(pages[i].path, pages[i].text, pages[i].len)) != ST_OK) goto done;

    /* pages and figures no experiment writes any more */
    int nstems = 0;
    stems[nstems++] = "REPORT";
    for (int i = 0; i < n; i++) stems[nstems++] = es[i]->x.name;
    snprintf(path, sizeof path, "%s/report", o->root);
    remove_stale(path, (const char *const[]){".md", NULL}, stems, nstems);
    nstems = 0;
    for (int i = 0; i < fs->n; i++) stems[nstems++] = fs->fig[i].name;
    remove_stale(fs->dir, (const char *const[]){".gp", ".svg", NULL}, stems, nstems);
done:
    for (int i = 0; pages && i <= n; i++) free(pages[i].text);
    for (int i = 0; es && i < n; i++)
        if (es[i]) experiment_free(&es[i]->x), free(es[i]);
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
    free(es);
    free(fs);
    free(pages);
    free(stems);
    return st;
}
