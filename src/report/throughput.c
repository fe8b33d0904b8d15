/* Throughput tables and figures (see throughput.h). */
#include "report/throughput.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/labels.h"
#include "report/stats.h"

static int row_cmp(const void *a, const void *b)
{
    const BenchRow *r = a, *s = b;
    int d = strcmp(r->machine, s->machine);
    if (d) return d;
    if (isnan(r->gflop) != isnan(s->gflop)) return isnan(r->gflop) ? 1 : -1; /* unknown work last */
    if (r->gflop != s->gflop && !isnan(r->gflop)) return r->gflop < s->gflop ? -1 : 1;
    if (r->run != s->run) return r->run < s->run ? -1 : 1;
    return r->threads - s->threads;
}

void bench_collect(BenchSet *b, const Experiment *x)
{
    b->n = b->nmachines = 0;
    for (int r = 0; r < x->runs.nrows; r++) {
        Table t;
        if (exp_run_file(x, r, "bench.tsv", &t) != ST_OK) continue;
        bool *used = calloc((size_t)(t.nrows ? t.nrows : 1), sizeof *used);
        for (int i = 0; used && i < t.nrows && b->n < BENCH_MAX_ROWS; i++) {
            if (used[i]) continue;
            BenchRow *w = &b->row[b->n++];
            memset(w, 0, sizeof *w);
            w->run = r;
            w->threads = (int)table_getnum(&t, i, "threads");
            snprintf(w->machine, sizeof w->machine, "%s, %s", table_get(&t, i, "host"), table_get(&t, i, "cpu"));
            snprintf(w->core, sizeof w->core, "%s", table_get(&t, i, "blas_core"));
            double v[5][BENCH_MAX_ROUNDS], ratio[BENCH_MAX_ROUNDS], vs[BENCH_MAX_ROUNDS], frac[BENCH_MAX_ROUNDS];
            w->gflop = table_getnum(&x->runs, r, "gflop_per_step");
            w->items = table_getnum(&x->runs, r, "items_per_step");
            bool paired = table_col(&t, "baseline_ms") >= 0;
            snprintf(w->baseline, sizeof w->baseline, "%s", paired ? table_get(&t, i, "baseline") : "");
            for (int k = i; k < t.nrows && w->rounds < BENCH_MAX_ROUNDS; k++) {
                if ((int)table_getnum(&t, k, "threads") != w->threads) continue;
                used[k] = true;
                int q = w->rounds++;
                v[0][q] = table_getnum(&t, k, "ms_per_step"), v[1][q] = table_getnum(&t, k, "fwd_ms");
                v[2][q] = table_getnum(&t, k, "bwd_ms"), v[3][q] = table_getnum(&t, k, "peak_gflops");
                v[4][q] = table_getnum(&t, k, "opt_ms");
                ratio[q] = v[2][q] / v[1][q];
                frac[q] = w->gflop / (v[0][q] / 1e3) / v[3][q]; /* the round's own peak */
                vs[q] = paired ? v[0][q] / table_getnum(&t, k, "baseline_ms") : NAN;
            }
            Stats s = stats_of(v[0], w->rounds);
            w->ms_lo = s.min, w->ms_hi = s.max;
            w->ms = stats_median(v[0], w->rounds), w->fwd = stats_median(v[1], w->rounds);
            w->bwd = stats_median(v[2], w->rounds);
            w->opt = stats_median(v[4], w->rounds);
            Stats rs = stats_of(ratio, w->rounds);
            w->ratio = stats_median(ratio, w->rounds), w->ratio_lo = rs.min, w->ratio_hi = rs.max;
            Stats vsr = stats_of(vs, w->rounds);
            w->vs_base = stats_median(vs, w->rounds), w->vs_base_lo = vsr.min, w->vs_base_hi = vsr.max;
            w->fraction = stats_median(frac, w->rounds);
            int m = 0;
            while (m < b->nmachines && strcmp(b->machine[m], w->machine)) m++;
            if (m == b->nmachines && m < BENCH_MAX_MACHINES) memcpy(b->machine[b->nmachines++], w->machine, sizeof w->machine);
        }
        free(used);
        table_free(&t);
    }
    qsort(b->row, (size_t)b->n, sizeof b->row[0], row_cmp);
    qsort(b->machine, (size_t)b->nmachines, sizeof b->machine[0], (int (*)(const void *, const void *))strcmp);
}

/* The settings that tell a run's line apart: number format, optimizer, kernels, threads. */
static void line_label(char *out, size_t cap, const Experiment *x, const BenchRow *w)
{
    char prec[256];
    label_value(prec, sizeof prec, x, w->run, "precision/rounding/loss_scale");
    snprintf(out, cap, "%s, %s, %s kernels, %d thread%s", prec, table_get(&x->runs, w->run, "optimizer"), w->core,
             w->threads, w->threads == 1 ? "" : "s");
}

void throughput_tables(FILE *f, const Experiment *x, const char *page)
{
    BenchSet *b = malloc(sizeof *b);
    if (!b) return;
    bench_collect(b, x);
    if (!b->n) fprintf(f, "No run of [%s](%s.md) has a bench.tsv yet.\n\n", x->name, x->name);
    for (int m = 0; m < b->nmachines; m++) {
        const char *baseline = NULL; /* a baseline timed beside the runs: one more column */
        for (int i = 0; i < b->n && !baseline; i++)
            if (!strcmp(b->row[i].machine, b->machine[m]) && b->row[i].baseline[0]) baseline = b->row[i].baseline;
        fprintf(f, "**%s**", b->machine[m]);
        if (page) fprintf(f, " ([%s](%s.md))", page, page);
        fprintf(f, ": each run timed alone (`descent sweep` runs a benchmark one run at a time), the median over its rounds; the fraction of the sgemm peak is the median over rounds of each round's rate over the peak bench.tsv gives for that round (peak_gflops).");
        if (baseline)
            fprintf(f, " Each run's steps alternated with those of its baseline (`%s`) in the same process; "
                       "time over baseline is the median over rounds of the run's ms/step over the baseline's.",
                    baseline);
        fprintf(f, "\n\n| model | shape | number format | optimizer | kernels | threads | ms/step (range) | optimizer ms | "
                   "items/s | GFLOP/s | of sgemm peak | backward/forward |%s\n|---|---|---|---|---|---|---|---|---|---|---|---|%s\n",
                baseline ? " time over baseline (range) |" : "", baseline ? "---|" : "");
        for (int i = 0; i < b->n; i++) {
            const BenchRow *w = &b->row[i];
            if (strcmp(w->machine, b->machine[m])) continue;
            char prec[256], a[32], lo[32], hi[32], om[32], g[32], pk[32], ratio[32];
            label_value(prec, sizeof prec, x, w->run, "precision/rounding/loss_scale");
            double gflops = w->gflop / (w->ms / 1e3);
            fprintf(f, "| %s | %s | %s | %s | %s | %d | %s (%s–%s) | %s | %.0f | %s | %s %% | %s |",
                    table_get(&x->runs, w->run, "model"), table_get(&x->runs, w->run, "shape"), prec,
                    table_get(&x->runs, w->run, "optimizer"), w->core, w->threads, stats_fmt(a, w->ms),
                    stats_fmt(lo, w->ms_lo), stats_fmt(hi, w->ms_hi), stats_fmt(om, w->opt), w->items / (w->ms / 1e3), stats_fmt(g, gflops),
                    stats_fmt(pk, 100 * w->fraction), stats_fmt(ratio, w->ratio));
            if (baseline)
                fprintf(f, " %s (%s–%s) |", stats_fmt(a, w->vs_base), stats_fmt(lo, w->vs_base_lo), stats_fmt(hi, w->vs_base_hi));
            fprintf(f, "\n");
        }
        fprintf(f, "\n");
    }
    free(b);
}

static const struct {
    const char *ylabel;
    bool logy;
} panels[4] = {{"ms per step", true}, {"GFLOP/s", true}, {"fraction of sgemm peak", false},
               {"backward / forward time", false}};

static double panel_value(const BenchRow *w, int p)
{
    double gflops = w->gflop / (w->ms / 1e3);
    return p == 0 ? w->ms : p == 1 ? gflops : p == 2 ? w->fraction : w->ratio;
}

Status throughput_figures(FigureSet *fs, const Experiment *x)
{
    BenchSet *b = malloc(sizeof *b);
    if (!b) return ST_NOMEM;
    bench_collect(b, x);
    static const char *const models[] = {"mlp", "gpt"};
    Status st = ST_OK;
    for (int m = 0; m < b->nmachines && st == ST_OK; m++)
        for (int k = 0; k < 2 && st == ST_OK; k++) {
            /* the lines: distinct labels among this machine's runs of this model */
            enum { MAX_LINES = 32 };
            char label[MAX_LINES][512];
            int nl = 0;
            for (int i = 0; i < b->n; i++) {
                const BenchRow *w = &b->row[i];
                if (strcmp(w->machine, b->machine[m]) || strcmp(table_get(&x->runs, w->run, "model"), models[k])) continue;
                char l[512];
                line_label(l, sizeof l, x, w);
                int j = 0;
                while (j < nl && strcmp(label[j], l)) j++;
                if (j == nl && nl < MAX_LINES) snprintf(label[nl++], sizeof label[0], "%s", l);
            }
            if (!nl) continue;
            char name[160], title[640], caption[768];
            snprintf(name, sizeof name, "%s_m%d_%s", x->name, m + 1, models[k]);
            snprintf(title, sizeof title, "%s on %s: throughput against size", models[k], b->machine[m]);
            snprintf(caption, sizeof caption,
                     "%s on %s (one machine): milliseconds per step, GFLOP/s, the fraction of the sgemm peak "
                     "measured in the same run, and backward time over forward time, against the work of a step "
                     "(matmul GFLOP, log axis); one line per number format, optimizer, kernels and thread count, "
                     "each point the median over its rounds.", models[k] == models[0] ? "The MLP" : "The GPT",
                     b->machine[m]);
            FILE *f = fig_open(fs, name, title, caption);
            if (!f) {
                st = ST_IO;
                break;
            }
            for (int j = 0; j < nl; j++) {
                fprintf(f, "$l%d << EOD\n# gflop_per_step ms gflops peak_fraction bwd_fwd\n", j);
                for (int i = 0; i < b->n; i++) {
                    const BenchRow *w = &b->row[i];
                    char l[512];
                    line_label(l, sizeof l, x, w);
                    if (strcmp(w->machine, b->machine[m]) || strcmp(table_get(&x->runs, w->run, "model"), models[k]) ||
                        strcmp(l, label[j]))
                        continue;
                    fprintf(f, "%.6g %.6g %.6g %.6g %.6g\n", w->gflop, panel_value(w, 0), panel_value(w, 1),
                            panel_value(w, 2), panel_value(w, 3));
                }
                fprintf(f, "EOD\n");
            }
            /* four panels above, the one legend below them (it needs the room of a panel's width) */
            fprintf(f, "set terminal svg size 1100,%d dynamic enhanced font 'sans,11' background '#ffffff'\n"
                       "set output '%s.svg'\nset key off\n"
                       "set multiplot layout 2,2 margins 0.08,0.98,%.3f,0.93 spacing 0.1,0.12 title ",
                    800 + 20 * nl, name, (80.0 + 20 * nl) / (800 + 20 * nl));
            gp_quote(f, title);
            fprintf(f, " noenhanced\nunset title\nset logscale x 10\nset xlabel 'matmul GFLOP per step'\n");
            static const char *const colours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                                  "#e69f00", "#56b4e9", "#000000", "#999999"};
            for (int p = 0; p < 4; p++) {
                fprintf(f, "%s", panels[p].logy ? "set logscale y 10\n" : "unset logscale y\n");
                fprintf(f, "set ylabel '%s'\n", panels[p].ylabel);
                if (p == 3) /* the legend once, under the last panel's lines */
                    fprintf(f, "set key at screen 0.5, 0.01 center bottom vertical maxrows %d noenhanced font 'sans,10'\n", nl);
                fprintf(f, "plot \\\n");
                for (int j = 0; j < nl; j++) {
                    fprintf(f, "  $l%d using 1:%d with linespoints lc rgb '%s' dt %d lw 2 pt 7 ps 0.6 title ", j, p + 2,
                            colours[j % 8], 1 + j / 8);
                    gp_quote(f, label[j]);
                    fprintf(f, "%s\n", j + 1 < nl ? ", \\" : "");
                }
            }
            fprintf(f, "unset multiplot\n");
            st = fig_close(f, name);
        }
    free(b);
    return st;
}
