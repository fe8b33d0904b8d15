/* `descent train` for model toy (see toy.h): gradient descent on a landscape with the
 * configured optimizer and schedule. The point lives in a float parameter table, as a
 * model's weights do, so the optimizers are the same code; loss and gradient are
 * evaluated in double at that point. With `starts` the table holds every start's point
 * (starts × dim, one row each): the elementwise optimizers move each independently, in
 * one step. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "core/params.h"
#include "core/rng.h"
#include "core/timer.h"
#include "optim/optim.h"
#include "optim/schedule.h"
#include "toys/landscape.h"
#include "train/outdir.h"
#include "train/run.h"
#include "train/toy.h"

static double norm_d(const double *x, int n)
{
    double ss = 0;
    for (int i = 0; i < n; i++) ss += x[i] * x[i];
    return sqrt(ss);
}

/* The state of the n points (n = starts, or 1): w and the exact gradient g (n, dim). */
typedef struct {
    const Landscape *land;
    LandscapeArgs args;
    int n, dim;
    double *w, *g;
} Points;

/* Loss at every point and the gradient there; returns the mean loss and the mean
 * gradient norm in *gn. */
static double evaluate(Points *p, double *gn)
{
    double loss = 0, norm = 0;
    for (int k = 0; k < p->n; k++) {
        double *w = p->w + k * p->dim, *g = p->g + k * p->dim;
        loss += p->land->loss(w, &p->args);
        p->land->grad(g, w, &p->args);
        norm += norm_d(g, p->dim);
    }
    *gn = norm / p->n;
    return loss / p->n;
}

/* Fraction of the points lying at a global minimum. */
static double at_global(const Points *p)
{
    int k = 0;
    for (int i = 0; i < p->n; i++)
        k += landscape_is_global(p->land, &p->args, landscape_at_minimum(p->land, p->w + i * p->dim));
    return (double)k / p->n;
}

/* One curve.tsv and layers.tsv row: the point(s) after `step` steps, the mean loss and
 * the mean gradient norm there (the gradient the next step uses); lr is that of the
 * last step taken. One start: the point; several: the fraction at a global minimum. */
static void toy_row(const RunFiles *f, long step, double lr, double loss, double gn, const Points *p)
{
    if (!f->curve) return;
    fprintf(f->curve, "%ld\t%.9g\t%.9g\t%.9g", step, lr, loss, gn);
    if (p->n > 1) fprintf(f->curve, "\t%.9g", at_global(p));
    else
        for (int i = 0; i < p->dim; i++) fprintf(f->curve, "\t%.9g", p->w[i]);
    fputc('\n', f->curve);
    fprintf(f->layers, "%ld\tw\t%.9g\t%.9g\n", step, norm_d(p->g, p->n * p->dim), norm_d(p->w, p->n * p->dim));
}

/* Whether w lies within `tolerance` of the landscape's minimum. */
static bool within(const Landscape *land, const double *w, double tol)
{
    double d[TOY_MAX_DIM];
    for (int i = 0; i < land->dim; i++) d[i] = w[i] - land->minimum[i];
    return norm_d(d, land->dim) <= tol;
}

static bool all_finite(const double *x, int n)
{
    for (int i = 0; i < n; i++)
        if (!isfinite(x[i])) return false;
    return true;
}

/* What became of the starts (docs/FORMATS.md: starts.tsv and the summary's fractions). */
typedef struct {
    double global, stay, stuck;
} Ends;

static Status write_starts(const OutDir *od, const Points *p, const double *w0, Ends *e)
{
    FILE *f = od ? outdir_open(od, "starts.tsv") : NULL;
    if (od && !f) return ST_IO;
    if (f) fprintf(f, p->dim == 1 ? "start\tw0\tfinal_w\tfinal_loss\tbasin\tminimum\tglobal\n"
                                  : "start\tw0\tw0_2\tfinal_w1\tfinal_w2\tfinal_loss\tbasin\tminimum\tglobal\n");
    int global = 0, stay = 0, stuck = 0;
    for (int k = 0; k < p->n; k++) {
        const double *s = w0 + k * p->dim, *w = p->w + k * p->dim;
        int basin = landscape_basin(p->land, &p->args, s), at = landscape_at_minimum(p->land, w);
        int gl = landscape_is_global(p->land, &p->args, at);
        global += gl, stay += at == basin, stuck += at < 0;
        if (!f) continue;
        fprintf(f, "%d", k + 1);
        for (int i = 0; i < p->dim; i++) fprintf(f, "\t%.9g", s[i]);
        for (int i = 0; i < p->dim; i++) fprintf(f, "\t%.9g", w[i]);
        fprintf(f, "\t%.9g\t%d\t%d\t%d\n", p->land->loss(w, &p->args), basin, at, gl);
    }
    e->global = (double)global / p->n, e->stay = (double)stay / p->n, e->stuck = (double)stuck / p->n;
    if (f && fclose(f) != 0) return err_set(ST_IO, "starts.tsv: cannot write");
    return ST_OK;
}

Status toy_run(const Settings *s, const TrainOptions *o, TrainResult *r)
{
    memset(r, 0, sizeof *r);
    Params p = {0};
    Optimizer opt = {0};
    RunFiles files = {0};
    gsl_rng *init = NULL, *noise = NULL;
    double *w0 = NULL;
    Points pt = {landscape_at(s->landscape), {s->kappa, s->rotation}, s->starts ? s->starts : 1, 0, NULL, NULL};
    Status st;

    const Landscape *land = pt.land;
    if (o->save) return err_set(ST_USAGE, "save: model toy has no checkpoint to save");
    if (s->tolerance > 0 && !land->minimum)
        return err_set(ST_USAGE, "tolerance: landscape %s has no minimum to measure the distance to", land->name);
    if (s->starts && !land->nminima)
        return err_set(ST_USAGE, "starts: landscape %s lists no minima to tell the starts' ends apart", land->name);
    if (s->starts && s->tolerance > 0) return err_set(ST_USAGE, "tolerance: not with starts (each start runs every step)");
    int dim = pt.dim = land->dim, n = pt.n;
    if (s->starts) params_add(&p, "w", 2, (int[]){n, dim}, true);
    else params_add(&p, "w", 1, (int[]){dim}, true);
    pt.w = malloc(sizeof(double) * (size_t)(n * dim));
    pt.g = malloc(sizeof(double) * (size_t)(n * dim));
    w0 = malloc(sizeof(double) * (size_t)(n * dim));
    init = s->starts ? rng_stream((uint64_t)s->seed, "init") : NULL;
    noise = s->toy_noise > 0 ? rng_stream((uint64_t)s->seed, "noise") : NULL;
    if (!pt.w || !pt.g || !w0 || (s->starts && !init) || (s->toy_noise > 0 && !noise)) {
        st = ST_NOMEM;
        goto fail;
    }
    if ((st = params_alloc(&p)) != ST_OK) goto fail;
    OptHyper hyper = run_hyper(s);
    if ((st = optimizer_init(&opt, opt_type_at(s->optimizer), &p, &hyper)) != ST_OK) goto fail;

    if ((st = run_files_begin(&files, o->out_dir)) != ST_OK) goto fail;
    if (o->out_dir) {
        fprintf(files.curve, "step\tlr\tloss\tgrad_norm");
        if (s->starts) fprintf(files.curve, "\tat_global\n");
        else if (dim == 1) fprintf(files.curve, "\tw\n");
        else fprintf(files.curve, "\tw1\tw2\n");
        fprintf(files.layers, "step\ttensor\tgrad_norm\tweight_norm\n");
    }

    long total = s->steps;
    Schedule sched = run_schedule(s, total);
    long every = s->eval_every ? s->eval_every : total <= 1000 ? 1 : total / 1000;
    for (int k = 0; k < n; k++) {
        w0[k * dim] = init ? s->w0 + s->start_spread * (2 * gsl_rng_uniform(init) - 1) : s->w0;
        if (dim > 1) w0[k * dim + 1] = s->w0_2;
    }
    for (int i = 0; i < n * dim; i++) p.w[i] = (float)w0[i];
    for (int i = 0; i < n * dim; i++) w0[i] = pt.w[i] = p.w[i]; /* the points as the optimizer holds them */
    double gn, loss = evaluate(&pt, &gn), loss0 = loss, min_loss = loss;
    long tolerance_step = s->tolerance > 0 && within(land, pt.w, s->tolerance) ? 0 : -1;
    toy_row(&files, 0, s->lr * schedule_factor(&sched, 0), loss, gn, &pt);

    snprintf(r->status, sizeof r->status, "ok");
    r->diverged_step = -1;
    double t0 = now_s();
    long step = 0;
    while (step < total && tolerance_step < 0) {
        double factor = schedule_factor(&sched, step), sigma = s->toy_noise * factor;
        for (int k = 0; k < n; k++) {
            double *g = pt.g + k * dim;
            float *pg = p.g + k * dim;
            for (int i = 0; i < dim; i++) pg[i] = (float)(noise ? g[i] + gsl_ran_gaussian_ziggurat(noise, sigma) : g[i]);
            double norm = 0; /* clipping acts on each start's own gradient */
            for (int i = 0; i < dim; i++) norm += (double)pg[i] * pg[i];
            norm = noise ? sqrt(norm) : norm_d(g, dim);
            if (s->clip > 0 && norm > s->clip)
                for (int i = 0; i < dim; i++) pg[i] *= (float)(s->clip / norm);
        }
        hyper.lr = s->lr * factor;
        optimizer_step(&opt, &p, &hyper);
        step++;
        for (int i = 0; i < n * dim; i++) pt.w[i] = p.w[i];
        loss = evaluate(&pt, &gn);
        if (s->tolerance > 0 && within(land, pt.w, s->tolerance)) tolerance_step = step;
        if (loss < min_loss) min_loss = loss;
        bool diverged = !isfinite(loss) || !all_finite(pt.w, n * dim) ||
                        (loss0 > 0 && loss > s->diverge_factor * loss0);
        if (step % every == 0 || step == total || diverged || tolerance_step >= 0)
            toy_row(&files, step, hyper.lr, loss, gn, &pt);
        if (diverged) {
            snprintf(r->status, sizeof r->status, "diverged");
            r->diverged_step = step;
            break;
        }
    }
    r->steps_done = step;
    r->final_train_loss = r->final_val_loss = loss;
    r->best_val_loss = min_loss;
    r->val_acc = r->test_loss = r->test_acc = NAN;
    r->wall_s = now_s() - t0;
    r->step_s = step ? r->wall_s / step : NAN;
    r->items_per_s = NAN;

    if (o->out_dir) {
        /* the point's columns (tolerance_step; the starts' fractions), between min_loss and wall_s */
        char cols[192], vals[160];
        int len = 0;
        if (s->starts) {
            Ends e;
            if ((st = write_starts(&files.out, &pt, w0, &e)) != ST_OK) goto fail;
            snprintf(cols, sizeof cols, "global_fraction\tstay_fraction\tstuck_fraction");
            snprintf(vals, sizeof vals, "%.9g\t%.9g\t%.9g", e.global, e.stay, e.stuck);
        } else {
            snprintf(cols, sizeof cols, "%s%s", dim == 1 ? "final_w" : "final_w1\tfinal_w2",
                     s->tolerance > 0 ? "\ttolerance_step" : "");
            for (int i = 0; i < dim; i++)
                len += snprintf(vals + len, sizeof vals - (size_t)len, i ? "\t%.9g" : "%.9g", pt.w[i]);
            if (s->tolerance > 0) snprintf(vals + len, sizeof vals - (size_t)len, "\t%ld", tolerance_step);
        }
        char head[320];
        snprintf(head, sizeof head, "status\tdiverged_step\tsteps_done\tfinal_loss\tmin_loss\t%s\twall_s\n", cols);
        run_files_summary(&files, s, head, "%s\t%ld\t%ld\t%.9g\t%.9g\t%s\t%.6f\n", r->status, r->diverged_step, step, loss, min_loss,
                          vals, r->wall_s);
        if ((st = run_files_close(&files, s)) != ST_OK) goto fail;
        if ((st = run_files_commit(&files)) != ST_OK) goto fail;
    }
    st = ST_OK;
fail:
    run_files_abort(&files);
    optimizer_free(&opt);
    params_free(&p);
    gsl_rng_free(init);
    gsl_rng_free(noise);
    free(pt.w);
    free(pt.g);
    free(w0);
    return st;
}
