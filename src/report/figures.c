/* Figure scripts and their rendering (see figures.h); the learning-rate figures. */
#include "report/figures.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report/labels.h"
#include "report/lrsweep.h"
#include "report/stats.h"

/* Colour-blind-safe colours on white (Okabe & Ito). */
static const char *const colours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                      "#e69f00", "#56b4e9", "#000000", "#999999"};
enum { NCOLOURS = sizeof colours / sizeof colours[0] };

const char *fig_colour(int i)
{
    return colours[i % NCOLOURS];
}

void gp_quote(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', f);
        fputc(*s, f);
    }
    fputc('\'', f);
}

FILE *fig_open(FigureSet *fs, const char *name, const char *title, const char *caption)
{
    if (fs->n == FIG_MAX) return err_set(ST_FAILED, "report: more than %d figures", FIG_MAX), NULL;
    char path[2048];
    snprintf(path, sizeof path, "%s/%s.gp", fs->dir, name);
    FILE *f = fopen(path, "w");
    if (!f) return err_set(ST_IO, "%s: cannot write (%s)", path, strerror(errno)), NULL;
    Figure *g = &fs->fig[fs->n++];
    snprintf(g->name, sizeof g->name, "%s", name);
    snprintf(g->caption, sizeof g->caption, "%s", caption);
    if (g->caption[0] >= 'a' && g->caption[0] <= 'z') g->caption[0] = (char)(g->caption[0] - 'a' + 'A');
    fprintf(f, "# %s.gp: ", name);
    fprintf(f, "%s\n", title);
    fprintf(f, "# Written by `descent report` from results/; regenerate it rather than edit it.\n"
               "# Run from report/figures: gnuplot %s.gp\n", name);
    fprintf(f, "set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'\n");
    fprintf(f, "set output '%s.svg'\n", name);
    fprintf(f, "set encoding utf8\n"
               "set border 3 lc rgb '#404040'\n"
               "set tics nomirror textcolor rgb '#202020'\n"
               "set grid lc rgb '#e0e0e0' lw 1 dt 1\n"
               "set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1\n");
    fprintf(f, "set title ");
    gp_quote(f, title);
    fprintf(f, " noenhanced\n");
    return f;
}

Status fig_close(FILE *f, const char *name)
{
    if (fclose(f) != 0) return err_set(ST_IO, "%s.gp: write failed", name);
    return ST_OK;
}

Status figures_render(const FigureSet *fs)
{
    pid_t pid[FIG_MAX];
    for (int i = 0; i < fs->n; i++) {
        fflush(NULL);
        pid[i] = fork();
        if (pid[i] < 0) return err_set(ST_IO, "gnuplot: fork failed (%s)", strerror(errno));
        if (pid[i] == 0) {
            char script[200];
            snprintf(script, sizeof script, "%s.gp", fs->fig[i].name);
            if (chdir(fs->dir) != 0) _exit(126);
            execlp("gnuplot", "gnuplot", script, (char *)NULL);
            _exit(127);
        }
    }
    Status st = ST_OK;
    for (int i = 0; i < fs->n; i++) {
        int ws;
        if (waitpid(pid[i], &ws, 0) < 0) ws = -1;
        if (st != ST_OK) continue;
        if (WIFEXITED(ws) && WEXITSTATUS(ws) == 127)
            st = err_set(ST_IO, "gnuplot: not found (scripts/setup installs gnuplot-nox)");
        else if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            st = err_set(ST_FAILED, "%s/%s.gp: gnuplot failed", fs->dir, fs->fig[i].name);
    }
    return st;
}

/* The elements of one plot command, joined with ", \\" lines. */
typedef struct {
    int n;
    char s[16384];
} PlotList;

static void pl_add(PlotList *p, const char *fmt, const char *colour, int i, const char *title)
{
    size_t len = strlen(p->s);
    len += (size_t)snprintf(p->s + len, sizeof p->s - len, "%s  ", p->n++ ? ", \\\n" : "plot \\\n");
    len += (size_t)snprintf(p->s + len, sizeof p->s - len, fmt, i, colour);
    if (!title) {
        snprintf(p->s + len, sizeof p->s - len, " notitle");
        return;
    }
    len += (size_t)snprintf(p->s + len, sizeof p->s - len, " title '");
    for (; *title && len + 3 < sizeof p->s; title++) {
        if (*title == '\'') p->s[len++] = '\'';
        p->s[len++] = *title;
    }
    snprintf(p->s + len, sizeof p->s - len, "'");
}

static void pl_write(FILE *f, const PlotList *p)
{
    if (p->n) fprintf(f, "%s\n", p->s);
    else fprintf(f, "set label 'no runs to draw' at graph 0.5, 0.5 center\nunset logscale\nplot [0:1] [0:1] 2 notitle\n");
}

static const char *metric_label(const char *metric)
{
    if (!strcmp(metric, "final_val_loss")) return "final validation loss (nats)";
    if (!strcmp(metric, "best_val_loss")) return "best validation loss (nats)";
    if (!strcmp(metric, "val_acc")) return "final validation accuracy";
    if (!strcmp(metric, "test_loss")) return "test loss (nats)";
    return metric;
}

Status figures_lr(FigureSet *fs, const Experiment *x, const LrSweep *w, const char *suffix, const char *part)
{
    char name[160], title[512], caption[768];
    snprintf(name, sizeof name, "%s_%s", x->name, suffix);
    snprintf(title, sizeof title, "%s%s: %s against learning rate", x->name, part, metric_label(w->metric));
    snprintf(caption, sizeof caption,
             "%s against the peak learning rate (log axis), one line per series: mean over seeds, "
             "shaded from the lowest to the highest seed; × at the top marks learning rates where "
             "a seed diverged.", metric_label(w->metric));
    FILE *f = fig_open(fs, name, title, caption);
    if (!f) return ST_IO;
    double ymin = INFINITY, ymax = -INFINITY;
    for (int i = 0; i < w->n; i++)
        for (int k = 0; k < w->s[i].ncell; k++) {
            const Stats *m = &w->s[i].cell[k].metric;
            if (m->n && m->min < ymin) ymin = m->min;
            if (m->n && m->max > ymax) ymax = m->max;
        }
    if (!isfinite(ymin)) ymin = 0, ymax = 1;
    double xlo = INFINITY, xhi = 0;
    for (int i = 0; i < w->n; i++)
        for (int k = 0; k < w->s[i].ncell; k++)
            if (w->s[i].cell[k].lr > 0) xlo = fmin(xlo, w->s[i].cell[k].lr), xhi = fmax(xhi, w->s[i].cell[k].lr);
    if (xhi > 0) fprintf(f, "set xrange [%.6g:%.6g]\n", xlo / 1.5, xhi * 1.5);
    double pad = (ymax - ymin) > 0 ? (ymax - ymin) : fabs(ymax) + 1;
    double ymark = ymax + 0.08 * pad;
    fprintf(f, "set logscale x 10\nset format x '10^{%%L}'\n"
               "set xlabel 'peak learning rate'\nset ylabel '%s'\n"
               "set yrange [%.6g:%.6g]\n", metric_label(w->metric), ymin - 0.04 * pad, ymax + 0.14 * pad);
    for (int i = 0; i < w->n; i++) {
        fprintf(f, "$s%d << EOD\n# lr mean min max\n", i);
        for (int k = 0; k < w->s[i].ncell; k++) {
            const LrCell *c = &w->s[i].cell[k];
            if (c->metric.n)
                fprintf(f, "%.6g %.6g %.6g %.6g\n", c->lr, c->metric.mean, c->metric.min, c->metric.max);
        }
        fprintf(f, "EOD\n$d%d << EOD\n# lr (a seed diverged)\n", i);
        for (int k = 0; k < w->s[i].ncell; k++)
            if (w->s[i].cell[k].ndiv) fprintf(f, "%.6g %.6g\n", w->s[i].cell[k].lr, ymark);
        fprintf(f, "EOD\n");
    }
    PlotList pl = {0};
    for (int i = 0; i < w->n; i++) {
        const char *c = colours[i % NCOLOURS];
        bool any_div = false, any_val = false;
        for (int k = 0; k < w->s[i].ncell; k++)
            any_div |= w->s[i].cell[k].ndiv > 0, any_val |= w->s[i].cell[k].metric.n > 0;
        char t[300];
        snprintf(t, sizeof t, "%s diverged", w->s[i].label);
        if (any_val) {
            pl_add(&pl, "$s%d using 1:3:4 with filledcurves fc rgb '%s' fs transparent solid 0.15 noborder",
                   c, i, NULL);
            pl_add(&pl, "$s%d using 1:2 with linespoints lc rgb '%s' lw 2 pt 7 ps 0.7", c, i, w->s[i].label);
        }
        if (any_div) pl_add(&pl, "$d%d using 1:2 with points lc rgb '%s' pt 2 ps 1.4 lw 2", c, i, t);
    }
    pl_write(f, &pl);
    return fig_close(f, name);
}

/* One line of a curve figure: a label, the runs (rows of runs.tsv) it averages, and
 * the x units of one optimizer step (1: the x axis counts steps). */
typedef struct {
    char label[300];
    int n;
    const int *rows;
    double x_per_step;
} CurveLine;

/* Mean, min and max over each line's runs of a curve.tsv column against steps times
 * each line's x_per_step (xlabel NULL: 'optimizer step'; logx, logy: log axes). */
static Status fig_curves(FigureSet *fs, const Experiment *x, const CurveLine *line, int nline,
                         const char *col, const char *suffix, const char *xlabel, const char *ylabel, bool logx,
                         bool logy, int from_step, const char *title, const char *caption)
{
    char name[160];
    snprintf(name, sizeof name, "%s_%s", x->name, suffix);
    FILE *f = fig_open(fs, name, title, caption);
    if (!f) return ST_IO;
    fprintf(f, "set xlabel '%s'\nset ylabel '%s'\n", xlabel ? xlabel : "optimizer step", ylabel);
    if (logx) fprintf(f, "set logscale x 10\n");
    if (logy) fprintf(f, "set logscale y 10\nset format y '10^{%%L}'\n");
    bool *drawn = calloc((size_t)(nline > 0 ? nline : 1), sizeof *drawn);
    if (!drawn) return fclose(f), ST_NOMEM;
    for (int i = 0; i < nline; i++) {
        enum { MAXT = 64 };
        Table t[MAXT];
        int nt = 0;
        for (int k = 0; k < line[i].n && nt < MAXT; k++)
            if (exp_run_file(x, line[i].rows[k], "curve.tsv", &t[nt]) == ST_OK) nt++;
        if (nt == 0) continue;
        fprintf(f, "$c%d << EOD\n# %s mean min max\n", i, xlabel ? "x" : "step");
        for (int r = 0; r < t[0].nrows; r++) {
            double v[MAXT];
            for (int k = 0; k < nt; k++) v[k] = r < t[k].nrows ? table_getnum(&t[k], r, col) : NAN;
            Stats m = stats_of(v, nt);
            double step = table_getnum(&t[0], r, "step");
            if (m.n && (!logy || m.min > 0) && step >= from_step) {
                fprintf(f, "%.9g %.6g %.6g %.6g\n", step * line[i].x_per_step, m.mean, m.min, m.max);
                drawn[i] = true;
            }
        }
        fprintf(f, "EOD\n");
        for (int k = 0; k < nt; k++) table_free(&t[k]);
    }
    PlotList pl = {0};
    for (int i = 0; i < nline; i++) {
        if (!drawn[i]) continue;
        const char *c = colours[i % NCOLOURS];
        pl_add(&pl, "$c%d using 1:3:4 with filledcurves fc rgb '%s' fs transparent solid 0.15 noborder",
               c, i, NULL);
        pl_add(&pl, "$c%d using 1:2 with lines lc rgb '%s' lw 2", c, i, line[i].label);
    }
    free(drawn);
    pl_write(f, &pl);
    return fig_close(f, name);
}

/* The lines of each series at its best lr; ms_per_step (per series, NULL: none) turns
 * steps into seconds, and a series without a finite time is left out. */
static int best_lines(CurveLine *line, const LrSweep *w, const double *ms_per_step)
{
    int n = 0;
    for (int i = 0; i < w->n; i++) {
        const LrSeries *s = &w->s[i];
        if (s->best < 0 || (ms_per_step && !(ms_per_step[i] > 0))) continue;
        char lr[32];
        snprintf(line[n].label, sizeof line[n].label, "%s (lr %s)", s->label, stats_fmt(lr, s->cell[s->best].lr));
        line[n].n = s->cell[s->best].n;
        line[n].rows = s->cell[s->best].rows;
        line[n].x_per_step = ms_per_step ? ms_per_step[i] / 1000 : 1;
        n++;
    }
    return n;
}

Status figures_best_curves(FigureSet *fs, const Experiment *x, const LrSweep *w, const char *col,
                           const char *suffix, const char *ylabel, bool logy, const char *part)
{
    char title[512], caption[768];
    char words[128];
    snprintf(title, sizeof title, "%s%s: %s at each series' best learning rate", x->name, part, ylabel);
    snprintf(caption, sizeof caption,
             "%s against optimizer steps at each series' best learning rate (lowest mean %s "
             "without divergence): mean over seeds, shaded from the lowest to the highest seed.",
             ylabel, label_key(words, sizeof words, w->metric));
    CurveLine line[LR_MAX_SERIES];
    int n = best_lines(line, w, NULL);
    return fig_curves(fs, x, line, n, col, suffix, NULL, ylabel, false, logy, 0, title, caption);
}

Status figures_best_curves_seconds(FigureSet *fs, const Experiment *x, const LrSweep *w, const double *ms_per_step,
                                   const char *timing, const char *col, const char *suffix, const char *ylabel,
                                   const char *part)
{
    char title[512], caption[1024];
    char words[128];
    snprintf(title, sizeof title, "%s%s: %s against training time", x->name, part, ylabel);
    snprintf(caption, sizeof caption,
             "%s against training time at each series' best learning rate (lowest mean %s without divergence): "
             "optimizer steps times the series' milliseconds per step timed alone by the benchmark %s (one "
             "thread; evaluation not counted; log axis from the first evaluation after step 0), mean over seeds, "
             "shaded from the lowest to the highest seed.",
             ylabel, label_key(words, sizeof words, w->metric), timing);
    CurveLine line[LR_MAX_SERIES];
    int n = best_lines(line, w, ms_per_step);
    return fig_curves(fs, x, line, n, col, suffix, "training time (s)", ylabel, true, false, 1, title, caption);
}

Status figures_cell_curves(FigureSet *fs, const Experiment *x, const char *col, const char *suffix,
                           const char *ylabel, bool logy)
{
    static const char *const not_seed[] = {"seed", NULL};
    Cells c;
    Status st = exp_cells(&c, x, not_seed);
    if (st != ST_OK) return st;
    CurveLine *line = calloc((size_t)(c.ncells > 0 ? c.ncells : 1), sizeof *line);
    if (!line) return cells_free(&c), ST_NOMEM;
    for (int i = 0; i < c.ncells; i++) {
        label_run(line[i].label, sizeof line[i].label, x, c.cell[i].rows[0], &c);
        line[i].n = c.cell[i].nrows;
        line[i].rows = c.cell[i].rows;
        line[i].x_per_step = 1;
    }
    char title[512], caption[768];
    snprintf(title, sizeof title, "%s: %s", x->name, ylabel);
    snprintf(caption, sizeof caption,
             "%s against optimizer steps from the first evaluation after step 0, one line per "
             "setting: mean over seeds, shaded from the lowest to the highest seed%s.", ylabel,
             logy ? " (log axis; zeros not drawn)" : "");
    st = fig_curves(fs, x, line, c.ncells, col, suffix, NULL, ylabel, false, logy, 1, title, caption);
    free(line);
    cells_free(&c);
    return st;
}

Status figures_lr_sweep(FigureSet *fs, const Experiment *x, const char *metric)
{
    static LrSweep w;
    Status st = lrsweep_build(&w, x, metric, exp_param_num(x, "diverge_fraction", 0.5),
                              exp_param_num(x, "margin", 0.05));
    if (st != ST_OK) return st;
    if ((st = figures_lr(fs, x, &w, "lr", "")) != ST_OK) return st;
    if ((st = figures_best_curves(fs, x, &w, "train_loss", "train", "training loss (nats, mean since the previous row)",
                                  false, "")) != ST_OK)
        return st;
    if ((st = figures_best_curves(fs, x, &w, "val_loss", "curves", "validation loss (nats)", false, "")) != ST_OK)
        return st;
    return figures_best_curves(fs, x, &w, "grad_norm", "gradnorm", "global gradient norm (before clipping)", true, "");
}

Status figures_lr_sweep_metric(FigureSet *fs, const Experiment *x)
{
    return figures_lr_sweep(fs, x, exp_param(x, "metric", "final_val_loss"));
}

Status figures_precision(FigureSet *fs, const Experiment *x)
{
    Status st = figures_cell_curves(fs, x, "train_loss", "train", "training loss (nats)", true);
    if (st == ST_OK) st = figures_cell_curves(fs, x, "val_loss", "curves", "validation loss (nats)", true);
    if (st == ST_OK)
        st = figures_baseline_diff(fs, x, "train_loss", "train_diff", "training loss, difference to fp32 (nats)", "precision", "fp32");
    if (st == ST_OK)
        st = figures_baseline_diff(fs, x, "val_loss", "curves_diff", "validation loss, difference to fp32 (nats)", "precision",
                                   "fp32");
    if (st == ST_OK)
        st = figures_cell_curves(fs, x, "lost_updates", "lost", "fraction of weights an update left unchanged", false);
    if (st == ST_OK)
        st = figures_cell_curves(fs, x, "grad_zero", "zero", "fraction of gradient elements exactly zero", true);
    return st;
}
