/* `descent train` for model toy (see toy.h): gradient descent on a landscape with the
 * configured optimizer and schedule. The point lives in a float parameter table, as a
 * model's weights do, so the optimizers are the same code; loss and gradient are
 * evaluated in double at that point. */
#include <math.h>
#include <string.h>

#include "core/params.h"
#include "core/timer.h"
#include "optim/optim.h"
#include "optim/schedule.h"
#include "toys/landscape.h"
#include "train/run.h"
#include "train/toy.h"

static double norm_d(const double *x, int n)
{
    double ss = 0;
    for (int i = 0; i < n; i++) ss += x[i] * x[i];
    return sqrt(ss);
}

/* One curve.tsv and layers.tsv row: the point after `step` steps, its loss and the
 * gradient there (the one the next step uses); lr is that of the last step taken. */
static void toy_row(const RunFiles *f, long step, double lr, double loss, const double *g,
                    const double *w, int dim)
{
    if (!f->curve) return;
    fprintf(f->curve, "%ld\t%.9g\t%.9g\t%.9g", step, lr, loss, norm_d(g, dim));
    for (int i = 0; i < dim; i++) fprintf(f->curve, "\t%.9g", w[i]);
    fputc('\n', f->curve);
    fprintf(f->layers, "%ld\tw\t%.9g\t%.9g\n", step, norm_d(g, dim), norm_d(w, dim));
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

Status toy_run(const Settings *s, const TrainOptions *o, TrainResult *r)
{
    memset(r, 0, sizeof *r);
    Params p = {0};
    Optimizer opt = {0};
    RunFiles files = {0};
    Status st;

    const Landscape *land = landscape_at(s->landscape);
    if (o->save) return err_set(ST_USAGE, "save: model toy has no checkpoint to save");
    if (s->tolerance > 0 && !land->minimum)
        return err_set(ST_USAGE, "tolerance: landscape %s has no minimum to measure the distance to", land->name);
    const LandscapeArgs args = {s->kappa, s->rotation};
    int dim = land->dim;
    int shape[1] = {dim};
    params_add(&p, "w", 1, shape, true);
    if ((st = params_alloc(&p)) != ST_OK) goto fail;
    OptHyper hyper = run_hyper(s);
    if ((st = optimizer_init(&opt, opt_type_at(s->optimizer), &p, &hyper)) != ST_OK) goto fail;

    if ((st = run_files_begin(&files, o->out_dir)) != ST_OK) goto fail;
    if (o->out_dir) {
        fprintf(files.curve, "step\tlr\tloss\tgrad_norm");
        if (dim == 1) fprintf(files.curve, "\tw\n");
        else fprintf(files.curve, "\tw1\tw2\n");
        fprintf(files.layers, "step\ttensor\tgrad_norm\tweight_norm\n");
    }

    long total = s->steps;
    Schedule sched = run_schedule(s, total);
    long every = s->eval_every ? s->eval_every : total <= 1000 ? 1 : total / 1000;
    double w[TOY_MAX_DIM] = {s->w0, s->w0_2}, g[TOY_MAX_DIM];
    for (int i = 0; i < dim; i++) p.w[i] = (float)w[i];
    for (int i = 0; i < dim; i++) w[i] = p.w[i]; /* the point as the optimizer holds it */
    double loss = land->loss(w, &args), loss0 = loss, min_loss = loss;
    land->grad(g, w, &args);
    long tolerance_step = s->tolerance > 0 && within(land, w, s->tolerance) ? 0 : -1;
    toy_row(&files, 0, s->lr * schedule_factor(&sched, 0), loss, g, w, dim);

    snprintf(r->status, sizeof r->status, "ok");
    r->diverged_step = -1;
    double t0 = now_s();
    long step = 0;
    while (step < total && tolerance_step < 0) {
        for (int i = 0; i < dim; i++) p.g[i] = (float)g[i];
        double gn = norm_d(g, dim);
        if (s->clip > 0 && gn > s->clip)
            for (int i = 0; i < dim; i++) p.g[i] *= (float)(s->clip / gn);
        hyper.lr = s->lr * schedule_factor(&sched, step);
        optimizer_step(&opt, &p, &hyper);
        step++;
        for (int i = 0; i < dim; i++) w[i] = p.w[i];
        loss = land->loss(w, &args);
        land->grad(g, w, &args);
        if (s->tolerance > 0 && within(land, w, s->tolerance)) tolerance_step = step;
        if (loss < min_loss) min_loss = loss;
        bool diverged = !isfinite(loss) || !all_finite(w, dim) ||
                        (loss0 > 0 && loss > s->diverge_factor * loss0);
        if (step % every == 0 || step == total || diverged || tolerance_step >= 0)
            toy_row(&files, step, hyper.lr, loss, g, w, dim);
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
        /* the point's columns (and tolerance_step), between min_loss and wall_s */
        char cols[160], vals[96];
        snprintf(cols, sizeof cols, "status\tdiverged_step\tsteps_done\tfinal_loss\tmin_loss\t%s%s\twall_s\n",
                 dim == 1 ? "final_w" : "final_w1\tfinal_w2", s->tolerance > 0 ? "\ttolerance_step" : "");
        int len = 0;
        for (int i = 0; i < dim; i++)
            len += snprintf(vals + len, sizeof vals - (size_t)len, i ? "\t%.9g" : "%.9g", w[i]);
        if (s->tolerance > 0) snprintf(vals + len, sizeof vals - (size_t)len, "\t%ld", tolerance_step);
        run_files_summary(&files, s, cols, "%s\t%ld\t%ld\t%.9g\t%.9g\t%s\t%.6f\n", r->status,
                          r->diverged_step, step, loss, min_loss, vals, r->wall_s);
        if ((st = run_files_close(&files, s)) != ST_OK) goto fail;
        if ((st = run_files_commit(&files)) != ST_OK) goto fail;
    }
    st = ST_OK;
fail:
    run_files_abort(&files);
    optimizer_free(&opt);
    params_free(&p);
    return st;
}
