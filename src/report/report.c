/* The report generator (see report.h): REPORT.md and its figures. */
#include "report/report.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue/claims.h"
#include "core/fs.h"
#include "report/experiment.h"
#include "report/claims_md.h"
#include "report/figures.h"
#include "report/stats.h"
#include "report/verdicts.h"

enum { MAX_EXPERIMENTS = 256 };

typedef struct {
    Experiment x;
    Judgement j;
    const VerdictRule *rule;
    int fig_first, fig_count; /* its figures in the FigureSet */
    char error[512];          /* a rule or figure that failed on these results */
} Entry;

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

/* Markdown table cells may not hold '|' or newlines. */
static void md_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|') fputs("\\|", f);
        else if (*s == '\n') fputc(' ', f);
        else fputc(*s, f);
    }
}

static const char *verdict_word(const Entry *e)
{
    if (!e->x.have_results) return "not yet tested";
    if (!e->rule) return "no verdict rule";
    if (e->error[0]) return "error";
    return verdict_names[e->j.verdict];
}

/* ---- the claims table */

static void write_claims(FILE *f, Entry **es, int n)
{
    fprintf(f, "## Claims\n\n| claim | statement | verdict | key number | section |\n|---|---|---|---|---|\n");
    for (int c = 0; c < n_claims; c++) {
        fprintf(f, "| %s | ", claims[c].id);
        md_cell(f, claims[c].text);
        int found = 0;
        char verdicts[2048] = "", keys[4096] = "", links[2048] = "";
        for (int i = 0; i < n; i++) {
            const Experiment *x = &es[i]->x;
            bool tests = false;
            for (int k = 0; k < x->nclaims; k++) tests |= strcmp(x->claims[k], claims[c].id) == 0;
            if (!tests) continue;
            const char *sep = found++ ? "; " : "";
            const char *word = verdict_word(es[i]);
            bool judged = es[i]->x.have_results && es[i]->rule && !es[i]->error[0];
            const char *key = judged ? es[i]->j.key : "–";
            for (int k = 0; judged && k < es[i]->j.nclaims; k++)
                if (!strcmp(es[i]->j.claim[k].id, claims[c].id))
                    word = verdict_names[es[i]->j.claim[k].verdict], key = es[i]->j.claim[k].key;
            size_t l = strlen(verdicts);
            snprintf(verdicts + l, sizeof verdicts - l, "%s**%s**", sep, word);
            l = strlen(keys);
            snprintf(keys + l, sizeof keys - l, "%s%s", sep, key);
            l = strlen(links);
            snprintf(links + l, sizeof links - l, "%s[%s](#%s)", sep, x->name, x->name);
        }
        if (!found) fprintf(f, " | not yet tested | – | no experiment yet |\n");
        else {
            fprintf(f, " | %s | ", verdicts);
            md_cell(f, keys);
            fprintf(f, " | %s |\n", links);
        }
    }
    fprintf(f, "\n");
}

/* ---- one experiment */

static void write_setup(FILE *f, const Experiment *x)
{
    fprintf(f, "**Setup.** ");
    if (x->have_results) fprintf(f, "%d runs. ", x->runs.nrows);
    fprintf(f, "Fixed:");
    for (int i = 0; i < x->nsettings; i++)
        fprintf(f, "%s `%s = %s`", i ? "," : "", x->settings[i].key, x->settings[i].value);
    if (!x->nsettings) fprintf(f, " the defaults");
    fprintf(f, " (everything else at its default; `descent train --help`).");
    if (x->naxes) fprintf(f, " Varied:");
    for (int i = 0; i < x->naxes; i++) {
        int distinct = 0;
        if (x->have_results) {
            int col = table_col(&x->runs, x->axes[i].key);
            for (int r = 0; r < x->runs.nrows && col >= 0; r++) {
                bool seen = false;
                for (int s = 0; s < r && !seen; s++)
                    seen = strcmp(table_str(&x->runs, s, col), table_str(&x->runs, r, col)) == 0;
                distinct += !seen;
            }
        }
        fprintf(f, "%s `%s = %s`", i ? "," : "", x->axes[i].key, x->axes[i].value);
        if (distinct) fprintf(f, " (%d value%s)", distinct, distinct > 1 ? "s" : "");
    }
    fprintf(f, "%s\n\n", x->naxes ? "." : "");
}

/* The metrics of the numbers table: those of this list the runs have. */
static const char *const metric_cols[] = {"final_val_loss", "best_val_loss", "val_acc", "final_loss",
                                          "final_w", "final_w1", "final_w2", NULL};

static void write_numbers(FILE *f, const Experiment *x)
{
    static const char *const not_seed[] = {"seed", NULL};
    Cells cells;
    if (exp_cells(&cells, x, not_seed) != ST_OK) return;
    const char *cols[8];
    int nm = 0;
    for (int i = 0; metric_cols[i]; i++)
        if (table_col(&x->runs, metric_cols[i]) >= 0) cols[nm++] = metric_cols[i];
    bool seeds = exp_has_axis(x, "seed");
    fprintf(f, "**Numbers.** One row per setting%s: n runs, how many diverged, and each metric as "
               "mean ± standard deviation (min–max) over the runs that did not diverge%s.\n\n",
            seeds ? " (every axis but seed)" : "", seeds ? " (95 % t-interval of the mean in the last column)" : "");
    fprintf(f, "|");
    for (int k = 0; k < cells.nkeys; k++) fprintf(f, " %s |", cells.keys[k]);
    fprintf(f, " n | diverged |");
    for (int m = 0; m < nm; m++) fprintf(f, " %s |", cols[m]);
    if (seeds && nm) fprintf(f, " %s 95 %% CI |", cols[0]);
    fprintf(f, "\n|");
    for (int k = 0; k < cells.nkeys + 2 + nm + (seeds && nm); k++) fprintf(f, "---|");
    fprintf(f, "\n");
    for (int c = 0; c < cells.ncells; c++) {
        const Cell *cell = &cells.cell[c];
        int ndiv = 0;
        for (int i = 0; i < cell->nrows; i++)
            ndiv += strcmp(table_get(&x->runs, cell->rows[i], "status"), "diverged") == 0;
        fprintf(f, "|");
        for (int k = 0; k < cells.nkeys; k++) fprintf(f, " %s |", table_get(&x->runs, cell->rows[0], cells.keys[k]));
        fprintf(f, " %d | %d |", cell->nrows, ndiv);
        Stats first = {0};
        for (int m = 0; m < nm; m++) {
            double *v = malloc(sizeof(double) * (size_t)cell->nrows);
            if (!v) break;
            for (int i = 0; i < cell->nrows; i++) {
                int r = cell->rows[i];
                bool div = strcmp(table_get(&x->runs, r, "status"), "diverged") == 0;
                v[i] = div ? NAN : table_getnum(&x->runs, r, cols[m]);
            }
            Stats s = stats_of(v, cell->nrows);
            free(v);
            if (m == 0) first = s;
            char a[32], b[32], lo[32], hi[32];
            if (s.n == 0) fprintf(f, " – |");
            else if (s.n == 1) fprintf(f, " %s |", stats_fmt(a, s.mean));
            else fprintf(f, " %s ± %s (%s–%s) |", stats_fmt(a, s.mean), stats_fmt(b, s.sd),
                         stats_fmt(lo, s.min), stats_fmt(hi, s.max));
        }
        if (seeds && nm) {
            char lo[32], hi[32];
            if (first.n >= 2) fprintf(f, " %s–%s |", stats_fmt(lo, first.ci_lo), stats_fmt(hi, first.ci_hi));
            else fprintf(f, " – |");
        }
        fprintf(f, "\n");
    }
    fprintf(f, "\n");
    cells_free(&cells);
}

static void write_experiment(FILE *f, const Entry *e, const FigureSet *fs)
{
    const Experiment *x = &e->x;
    fprintf(f, "### %s\n\n**%s.** Tests", x->name, x->title);
    for (int k = 0; k < x->nclaims; k++) {
        const Claim *c = claim_find(x->claims[k]);
        fprintf(f, "%s %s", k ? ";" : "", x->claims[k]);
        if (c) fprintf(f, " (%s)", c->title);
    }
    if (!x->nclaims) fprintf(f, " no claim");
    fprintf(f, ". Experiment file: [`experiments/%s.ini`](../experiments/%s.ini).\n\n", x->name, x->name);
    if (x->description[0]) fprintf(f, "%s\n\n", x->description);
    write_setup(f, x);
    if (!x->have_results) {
        fprintf(f, "**No results yet.** Produce them with\n\n```sh\nbuild/descent sweep experiments/%s.ini -j 2\n"
                   "ninja -C build report\n```\n\n",
                x->name);
        return;
    }
    for (int i = e->fig_first; i < e->fig_first + e->fig_count; i++)
        fprintf(f, "![%s](figures/%s.svg)\n\n*%s*\n\n", fs->fig[i].name, fs->fig[i].name, fs->fig[i].caption);
    write_numbers(f, x);
    if (!e->rule) {
        if (x->rule[0]) fprintf(f, "**Verdict:** none: no verdict rule is named `%s` (src/report/verdicts.c).\n\n", x->rule);
        else fprintf(f, "**Verdict:** none: the experiment names no verdict rule.\n\n");
        return;
    }
    if (e->error[0]) {
        fprintf(f, "**Verdict: error.** Rule `%s` could not judge these results: %s\n\n", e->rule->name, e->error);
        return;
    }
    if (e->j.nclaims) {
        fprintf(f, "**Verdict:");
        for (int k = 0; k < e->j.nclaims; k++)
            fprintf(f, "%s %s %s", k ? "," : "", e->j.claim[k].id, verdict_names[e->j.claim[k].verdict]);
        fprintf(f, "**, by rule `%s`", e->rule->name);
    } else
        fprintf(f, "**Verdict: %s**, by rule `%s`", verdict_names[e->j.verdict], e->rule->name);
    if (x->nparams) fprintf(f, " with");
    int shown = 0;
    for (int i = 0; i < x->nparams; i++) {
        if (strncmp(x->params[i].key, "expect_", 7) == 0) continue; /* shown in the rule's own table */
        fprintf(f, "%s `%s = %s`", shown++ ? "," : "", x->params[i].key, x->params[i].value);
    }
    if (x->nparams && !shown) fprintf(f, " the claimed values below");
    fprintf(f, ". The rule %s.\n\n%s\n", e->rule->what, e->j.text);
}

/* ---- throughput and provenance */

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    if (n == 0) return NAN;
    qsort(v, (size_t)n, sizeof *v, dbl_cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void write_throughput(FILE *f, Entry **es, int n)
{
    fprintf(f, "## Throughput\n\nPer setting (every axis but seed and lr, which do not change the work of a "
               "step): the median over its runs of milliseconds per optimizer step (each run's own median "
               "step) and of items (examples or tokens) per second, and the bytes a real implementation "
               "keeps for weights, optimizer state and activations. Timings are of the machines and "
               "threads in the provenance section.\n\n"
               "| experiment | setting | runs | ms/step | items/s | params | weight bytes | optimizer state bytes | "
               "activation bytes |\n|---|---|---|---|---|---|---|---|---|\n");
    int rows = 0;
    for (int i = 0; i < n; i++) {
        const Experiment *x = &es[i]->x;
        if (!x->have_results || table_col(&x->runs, "step_s") < 0) continue;
        static const char *const not_speed[] = {"seed", "lr", NULL};
        Cells cells;
        if (exp_cells(&cells, x, not_speed) != ST_OK) continue;
        for (int c = 0; c < cells.ncells; c++) {
            const Cell *cell = &cells.cell[c];
            double *ms = malloc(sizeof(double) * (size_t)cell->nrows);
            double *ips = malloc(sizeof(double) * (size_t)cell->nrows);
            if (!ms || !ips) {
                free(ms), free(ips);
                continue;
            }
            int k = 0;
            for (int r = 0; r < cell->nrows; r++) {
                double st = table_getnum(&x->runs, cell->rows[r], "step_s");
                double it = table_getnum(&x->runs, cell->rows[r], "items_per_s");
                if (isfinite(st) && isfinite(it)) ms[k] = 1e3 * st, ips[k] = it, k++;
            }
            char a[32];
            int r0 = cell->rows[0];
            fprintf(f, "| [%s](#%s) | %s | %d | %s | %.0f | %s | %s | %s | %s |\n", x->name, x->name,
                    cell->label[0] ? cell->label : "all", cell->nrows, stats_fmt(a, median(ms, k)),
                    median(ips, k), table_get(&x->runs, r0, "params"),
                    table_get(&x->runs, r0, "weight_bytes"), table_get(&x->runs, r0, "state_bytes"),
                    table_get(&x->runs, r0, "activation_bytes"));
            free(ms), free(ips);
            rows++;
        }
        cells_free(&cells);
    }
    if (!rows) fprintf(f, "| – | no timed runs yet | | | | | | | |\n");
    fprintf(f, "\n");
}

enum { PROV_MAX = 64 };

static void write_provenance(FILE *f, Entry **es, int n)
{
    fprintf(f, "## Provenance\n\nWhere the results came from, as each run's `provenance.tsv` records it: "
               "the code revision (`git describe`), compiler, the CPU core OpenBLAS tuned for, threads "
               "and host, with the number of runs for each combination.\n\n"
               "| experiment | runs | version | compiler | BLAS core | threads | host |\n"
               "|---|---|---|---|---|---|---|\n");
    int rows = 0;
    static const char *const fields[] = {"version", "compiler", "blas_core", "threads", "host"};
    for (int i = 0; i < n; i++) {
        const Experiment *x = &es[i]->x;
        if (!x->have_results) continue;
        char seen[PROV_MAX][512];
        int count[PROV_MAX], ns = 0, missing = 0;
        for (int r = 0; r < x->runs.nrows; r++) {
            Table p;
            if (exp_run_file(x, r, "provenance.tsv", &p) != ST_OK) {
                missing++;
                continue;
            }
            char line[512] = "";
            for (int k = 0; k < 5; k++) {
                size_t l = strlen(line);
                snprintf(line + l, sizeof line - l, " %s |", table_get(&p, 0, fields[k]));
            }
            table_free(&p);
            int j = 0;
            while (j < ns && strcmp(seen[j], line) != 0) j++;
            if (j == ns && ns < PROV_MAX) snprintf(seen[ns], sizeof seen[0], "%s", line), count[ns++] = 0;
            if (j < ns) count[j]++;
        }
        for (int j = 0; j < ns; j++, rows++)
            fprintf(f, "| [%s](#%s) | %d |%s\n", x->name, x->name, count[j], seen[j]);
        if (missing) fprintf(f, "| [%s](#%s) | %d | no provenance.tsv | | | | |\n", x->name, x->name, missing);
    }
    if (!rows) fprintf(f, "| – | 0 | no results yet | | | | |\n");
    fprintf(f, "\n");
}

/* ---- the whole report */

static Status judge(Entry *e, FigureSet *fs)
{
    Experiment *x = &e->x;
    e->rule = x->rule[0] ? verdict_rule_by_name(x->rule) : NULL;
    e->fig_first = fs->n;
    if (!x->have_results) return ST_OK;
    Status st = ST_OK;
    if (e->rule && (st = e->rule->judge(x, &e->j)) != ST_OK)
        snprintf(e->error, sizeof e->error, "%s", err_msg());
    if (e->rule && e->rule->figures) st = e->rule->figures(fs, x);
    e->fig_count = fs->n - e->fig_first;
    return st == ST_IO || st == ST_NOMEM ? st : ST_OK;
}

/* Removes report/figures files that this report did not write. */
static void remove_stale(const FigureSet *fs)
{
    DIR *d = opendir(fs->dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        const char *ext = len > 3 ? e->d_name + len - 3 : "";
        const char *ext4 = len > 4 ? e->d_name + len - 4 : "";
        if (strcmp(ext, ".gp") != 0 && strcmp(ext4, ".svg") != 0) continue;
        char stem[256];
        snprintf(stem, sizeof stem, "%.*s", (int)(len - (ext[0] == '.' ? 3 : 4)), e->d_name);
        bool keep = false;
        for (int i = 0; i < fs->n && !keep; i++) keep = strcmp(fs->fig[i].name, stem) == 0;
        if (!keep) {
            char path[2048];
            snprintf(path, sizeof path, "%s/%s", fs->dir, e->d_name);
            unlink(path);
        }
    }
    closedir(d);
}

Status report_build(const ReportOptions *o)
{
    char **names = NULL;
    int n = 0;
    Status st = list_experiments(o->root, &names, &n);
    if (st != ST_OK) return st;
    Entry **es = calloc((size_t)(n ? n : 1), sizeof *es);
    FigureSet *fs = calloc(1, sizeof *fs);
    FILE *f = NULL;
    char results[2048], path[2048], tmp[2100] = "";
    if (!es || !fs) {
        st = ST_NOMEM;
        goto done;
    }
    snprintf(results, sizeof results, "%s/results", o->root);
    snprintf(fs->dir, sizeof fs->dir, "%s/report/figures", o->root);
    if ((st = make_dirs(fs->dir)) != ST_OK) goto done;
    for (int i = 0; i < n; i++) {
        if (!(es[i] = calloc(1, sizeof *es[i]))) {
            st = ST_NOMEM;
            goto done;
        }
        snprintf(path, sizeof path, "%s/experiments/%s", o->root, names[i]);
        if ((st = experiment_load(&es[i]->x, path, results)) != ST_OK) goto done;
        if ((st = judge(es[i], fs)) != ST_OK) goto done;
    }

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

    snprintf(path, sizeof path, "%s/report/REPORT.md", o->root);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (!(f = fopen(tmp, "w"))) {
        st = err_set(ST_IO, "%s: cannot write (%s)", tmp, strerror(errno));
        goto done;
    }
    fprintf(f, "# descent: the report\n\n"
               "Every claim of the textbook account this suite tests, with the verdict its experiment's "
               "rule computes from the committed results. Written by `descent report` (`ninja -C build "
               "report`) from `experiments/NAME.ini` and `results/`; it never trains. Verdict rules live in "
               "`src/report/verdicts.c`; an experiment names its rule and thresholds in `[verdict]`. A "
               "refuted claim is a finding, reported with its numbers.\n\n");
    write_claims(f, es, n);
    fprintf(f, "## Experiments\n\n");
    if (!n) fprintf(f, "No experiment files yet (experiments/NAME.ini).\n\n");
    for (int i = 0; i < n; i++) write_experiment(f, es[i], fs);
    write_throughput(f, es, n);
    write_provenance(f, es, n);
    if (fclose(f) != 0) {
        f = NULL;
        st = err_set(ST_IO, "%s: write failed", tmp);
        goto done;
    }
    f = NULL;
    if (o->render && (st = figures_render(fs)) != ST_OK) goto done;
    if (rename(tmp, path) != 0) {
        st = err_set(ST_IO, "%s: cannot rename into place (%s)", path, strerror(errno));
        goto done;
    }
    remove_stale(fs);
    st = ST_OK;
done:
    if (f) fclose(f);
    if (st != ST_OK && tmp[0]) unlink(tmp);
    for (int i = 0; es && i < n; i++)
        if (es[i]) experiment_free(&es[i]->x), free(es[i]);
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
    free(es);
    free(fs);
    return st;
}
