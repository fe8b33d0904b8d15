/* One experiment's page, report/NAME.md (see pages.h): its claims, setup, figures,
 * numbers over seeds, verdict with the rule and thresholds, memory and provenance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/claims.h"
#include "report/labels.h"
#include "report/pages.h"
#include "report/stats.h"
#include "report/throughput.h"

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

/* The heading cells of a table grouped by c's keys. */
static void key_headings(FILE *f, const Cells *c)
{
    char h[128];
    fprintf(f, "|");
    for (int k = 0; k < c->nkeys; k++) fprintf(f, " %s |", label_key(h, sizeof h, c->keys[k]));
    if (!c->nkeys) fprintf(f, " runs |");
}

static void key_cells(FILE *f, const Experiment *x, const Cells *c, const Cell *cell)
{
    char v[512];
    fprintf(f, "|");
    for (int k = 0; k < c->nkeys; k++) {
        fputc(' ', f);
        md_cell(f, label_value(v, sizeof v, x, cell->rows[0], c->keys[k]));
        fprintf(f, " |");
    }
    if (!c->nkeys) fprintf(f, " all |");
}

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
    char h[128];
    fprintf(f, "**Numbers.** One row per setting%s: n runs, how many diverged, and each metric as "
               "mean ± standard deviation (min–max) over the runs that did not diverge%s.\n\n",
            seeds ? " (every axis but seed)" : "", seeds ? " (95 % t-interval of the mean in the last column)" : "");
    key_headings(f, &cells);
    fprintf(f, " n | diverged |");
    for (int m = 0; m < nm; m++) fprintf(f, " %s |", label_key(h, sizeof h, cols[m]));
    if (seeds && nm) fprintf(f, " 95 %% CI of the %s |", label_key(h, sizeof h, cols[0]));
    fprintf(f, "\n|");
    for (int k = 0; k < (cells.nkeys ? cells.nkeys : 1) + 2 + nm + (seeds && nm); k++) fprintf(f, "---|");
    fprintf(f, "\n");
    for (int c = 0; c < cells.ncells; c++) {
        const Cell *cell = &cells.cell[c];
        int ndiv = 0;
        for (int i = 0; i < cell->nrows; i++)
            ndiv += strcmp(table_get(&x->runs, cell->rows[i], "status"), "diverged") == 0;
        key_cells(f, x, &cells, cell);
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

/* The bytes a real implementation keeps, per setting (seed and learning rate change none). */
static void write_memory(FILE *f, const Experiment *x)
{
    static const char *const cols[] = {"params", "weight_bytes", "grad_bytes", "state_bytes", "activation_bytes"};
    enum { NCOLS = sizeof cols / sizeof cols[0] };
    int have = 0;
    for (int i = 0; i < NCOLS; i++) have += table_col(&x->runs, cols[i]) >= 0;
    if (!have) return;
    static const char *const not_size[] = {"seed", "lr", NULL};
    Cells cells;
    if (exp_cells(&cells, x, not_size) != ST_OK) return;
    char h[128];
    fprintf(f, "**Memory.** The bytes a real implementation keeps for each setting (docs/FORMATS.md); "
               "the seed and the learning rate change none of them.\n\n");
    key_headings(f, &cells);
    for (int i = 0; i < NCOLS; i++)
        if (table_col(&x->runs, cols[i]) >= 0) fprintf(f, " %s |", label_key(h, sizeof h, cols[i]));
    fprintf(f, "\n|");
    for (int k = 0; k < (cells.nkeys ? cells.nkeys : 1) + have; k++) fprintf(f, "---|");
    fprintf(f, "\n");
    for (int c = 0; c < cells.ncells; c++) {
        key_cells(f, x, &cells, &cells.cell[c]);
        for (int i = 0; i < NCOLS; i++)
            if (table_col(&x->runs, cols[i]) >= 0) fprintf(f, " %s |", table_get(&x->runs, cells.cell[c].rows[0], cols[i]));
        fprintf(f, "\n");
    }
    fprintf(f, "\n");
    cells_free(&cells);
}

enum { PROV_MAX = 64 };

static void write_provenance(FILE *f, const Experiment *x)
{
    static const char *const fields[] = {"version", "compiler", "blas_core", "threads", "host"};
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
    fprintf(f, "**Provenance.** Where the results came from, as each run's `provenance.tsv` records it: "
               "the code revision (`git describe`), compiler, the CPU core OpenBLAS tuned for, threads "
               "and host, with the number of runs for each combination.\n\n"
               "| runs | version | compiler | BLAS core | threads | host |\n|---|---|---|---|---|---|\n");
    for (int j = 0; j < ns; j++) fprintf(f, "| %d |%s\n", count[j], seen[j]);
    if (missing) fprintf(f, "| %d | no provenance.tsv | | | | |\n", missing);
    fprintf(f, "\n");
}

static void write_verdict(FILE *f, const Entry *e)
{
    const Experiment *x = &e->x;
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
            fprintf(f, "%s %s %s%s", k ? "," : "", e->j.claim[k].id, verdict_names[e->j.claim[k].verdict],
                    stability_fragile(&e->stab, e->j.claim[k].id) ? " (fragile)" : "");
        fprintf(f, "**, by rule `%s`", e->rule->name);
    } else
        fprintf(f, "**Verdict: %s%s**, by rule `%s`", verdict_names[e->j.verdict],
                stability_fragile(&e->stab, "") ? " (fragile)" : "", e->rule->name);
    if (x->nparams) fprintf(f, " with");
    int shown = 0;
    for (int i = 0; i < x->nparams; i++) {
        if (strncmp(x->params[i].key, "expect_", 7) == 0) continue; /* shown in the rule's own table */
        fprintf(f, "%s `%s = %s`", shown++ ? "," : "", x->params[i].key, x->params[i].value);
    }
    if (x->nparams && !shown) fprintf(f, " the claimed values below");
    int n = (int)strlen(e->j.text); /* one blank line after it, however the rule ended it */
    while (n > 0 && e->j.text[n - 1] == '\n') n--;
    fprintf(f, ". The rule %s.\n\n%.*s\n\n", e->rule->what, n, e->j.text);
    stability_write(f, &e->stab, &e->j);
}

void page_experiment(FILE *f, const Entry *e, const FigureSet *fs)
{
    const Experiment *x = &e->x;
    fprintf(f, "# %s: %s\n\n[The report](REPORT.md) · experiment file [`experiments/%s.ini`](../experiments/%s.ini)"
               " · verdict: **%s**\n\n",
            x->name, x->title, x->name, x->name, entry_verdict_word(e));
    fprintf(f, "**Tests**\n\n");
    for (int k = 0; k < x->nclaims; k++) {
        const Claim *c = claim_find(x->claims[k]);
        fprintf(f, "- ");
        md_claim_link(f, x->claims[k]);
        if (c) fprintf(f, " %s: %s", c->title, c->text);
        fprintf(f, "\n");
    }
    fprintf(f, "\n");
    if (x->description[0]) fprintf(f, "%s\n\n", x->description);
    write_setup(f, x);
    if (!x->have_results) {
        fprintf(f, "**No results yet.** Produce them with\n\n```sh\nbuild/descent sweep experiments/%s.ini -j 2\n"
                   "ninja -C build report\n```\n",
                x->name);
        return;
    }
    for (int i = e->fig_first; i < e->fig_first + e->fig_count; i++)
        fprintf(f, "![%s](figures/%s.svg)\n\n*%s*\n\n", fs->fig[i].name, fs->fig[i].name, fs->fig[i].caption);
    if (x->bench) {
        fprintf(f, "**Throughput.**\n\n");
        throughput_tables(f, x, NULL);
    } else write_numbers(f, x);
    write_verdict(f, e);
    if (!x->bench) write_memory(f, x);
    write_provenance(f, x);
}
