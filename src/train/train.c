/* The training loop (see train.h). */
#include "train/train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timer.h"
#include "core/vec.h"
#include "data/data.h"
#include "models/checkpoint.h"
#include "models/model.h"
#include "optim/optim.h"
#include "optim/schedule.h"
#include "train/gradnoise.h"
#include "train/mixed.h"
#include "train/run.h"

typedef struct {
    double loss, acc;
} Eval;

/* Mean loss and accuracy over a whole evaluation split. */
static Eval evaluate(Model *m, Data *d, Split split, int rows)
{
    double sum = 0;
    long correct = 0, items = 0;
    Batch b;
    for (int i = 0;; i++) {
        int n = d->ops->eval_batch(d, split, i, rows, &b);
        if (n <= 0) break;
        sum += m->ops->eval(m, &b, &correct);
        items += (long)n * m->items_per_row;
    }
    return (Eval){items ? sum / items : NAN, items ? (double)correct / items : NAN};
}

static void scale_grads(Params *p, float c)
{
    for (long j = 0; j < p->numel; j++) p->g[j] *= c;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    FILE *curve, *layers, *stats;
    bool markov, text, noise, noise_full;
} Files;

static void curve_header(const Files *f)
{
    if (!f->curve) return;
    fprintf(f->curve, "step\tepoch\tlr\ttrain_loss\tval_loss\tval_acc\tgrad_norm\tupdate_ratio"
                      "\tlost_updates\tgrad_zero\tloss_scale\tskipped_steps");
    if (f->text) fprintf(f->curve, "\tval_bpc");
    if (f->markov) fprintf(f->curve, "\tentropy_rate\tgap");
    if (f->noise) fprintf(f->curve, "\tgrad_sq_norm\tgrad_noise_trace\tnoise_scale");
    if (f->noise_full) fprintf(f->curve, "\tfull_sq_norm\tmean_sq_error");
    fprintf(f->curve, "\twall_s\n");
    if (f->layers) fprintf(f->layers, "step\ttensor\tgrad_norm\tweight_norm\n");
    if (f->stats) fprintf(f->stats, "step\tindex\tlayer\tact_mean\tact_var\tgrad_norm\tact_grad_norm\n");
}

/* Rows of layer_stats.tsv for the model as it stands (docs/FORMATS.md): on the probe
 * batch, the first validation batch (the same at every evaluation, so no stream is
 * drawn from), a forward with dropout off and a backward into the gradient buffer (the
 * last step's gradient is spent: the next step zeroes it first); per layer the mean and
 * variance of its output over every element, in double in a fixed order, the norm
 * of its tensors' gradient, before any clipping, and the norm of the gradient with
 * respect to its output, which the probe's backward measured. */
static void layer_stats_rows(FILE *f, long step, Model *m, Data *d, int rows, LayerView *v, int cap)
{
    Batch b;
    if (!f || d->ops->eval_batch(d, SPLIT_VAL, 0, rows, &b) <= 0) return;
    Params *p = &m->params;
    params_zero_grad(p);
    m->ops->probe(m, &b);
    m->ops->backward(m, &b, 1.0f);
    int n = m->ops->layers(m, v, cap);
    for (int i = 0; i < n && i < cap; i++) {
        double sum = 0, ss = 0, gg = 0;
        for (long j = 0; j < v[i].numel; j++) sum += v[i].out[j];
        double mean = sum / (double)v[i].numel;
        for (long j = 0; j < v[i].numel; j++) ss += (v[i].out[j] - mean) * (v[i].out[j] - mean);
        for (int t = v[i].p0; t < v[i].p1; t++) {
            double g = vec_norm(p->g + p->spec[t].offset, p->spec[t].numel);
            gg += g * g;
        }
        fprintf(f, "%ld\t%d\t%s\t%.9g\t%.9g\t%.9g\t%.9g\n", step, i, v[i].name, mean,
                ss / (double)v[i].numel, sqrt(gg), v[i].dout_norm);
    }
}

/* One row of curve.tsv (see docs/FORMATS.md). */
typedef struct {
    long step;
    double epoch, lr, train_loss, val_loss, val_acc, grad_norm, update_ratio;
    double lost_updates, grad_zero, loss_scale;
    long skipped_steps;
    double wall_s;
    NoiseEstimate noise; /* NaN where there was no measurement */
} CurveRow;

static const NoiseEstimate no_noise = {NAN, NAN, NAN, NAN, NAN};

static void curve_row(const Files *f, const CurveRow *c, double entropy_rate)
{
    if (!f->curve) return;
    fprintf(f->curve, "%ld\t%.6g\t%.6g\t%.9g\t%.9g\t%.9g\t%.9g\t%.6g\t%.6g\t%.6g\t%.9g\t%ld", c->step,
            c->epoch, c->lr, c->train_loss, c->val_loss, c->val_acc, c->grad_norm, c->update_ratio,
            c->lost_updates, c->grad_zero, c->loss_scale, c->skipped_steps);
    if (f->text) fprintf(f->curve, "\t%.9g", c->val_loss / log(2.0));
    if (f->markov) fprintf(f->curve, "\t%.9g\t%.9g", entropy_rate, c->val_loss - entropy_rate);
    if (f->noise)
        fprintf(f->curve, "\t%.9g\t%.9g\t%.9g", c->noise.sq_norm, c->noise.trace, c->noise.scale);
    if (f->noise_full) fprintf(f->curve, "\t%.9g\t%.9g", c->noise.full_sq_norm, c->noise.mean_sq_error);
    fprintf(f->curve, "\t%.3f\n", c->wall_s);
}

/* Fraction of the n elements of x that are exactly zero. */
static double zero_fraction(const float *x, long n)
{
    long z = 0;
    for (long j = 0; j < n; j++) z += x[j] == 0.0f;
    return n ? (double)z / n : NAN;
}

void train_step_timing(double *step_times, long n, long items_per_step, double *step_s,
                       double *items_per_s)
{
    qsort(step_times, (size_t)n, sizeof *step_times, cmp_double);
    *step_s = step_times[n / 2];
    double per_step = *step_s;
    if (!(per_step > 0)) { /* faster than the clock can tell: the mean, in a fixed order */
        double sum = 0;
        for (long i = 0; i < n; i++) sum += step_times[i];
        per_step = sum / (double)n;
    }
    *items_per_s = per_step > 0 ? (double)items_per_step / per_step : NAN;
}

void step_flops(const Model *m, const Optimizer *opt, const OptHyper *h, long rows_per_step,
                StepFlops *f, double *opt_mm, double *opt_ew)
{
    *f = (StepFlops){0};
    flops_add_scaled(f, &m->flops, (double)rows_per_step);
    optimizer_flops(opt->type, &m->params, h, opt_mm, opt_ew);
}

Status train_run(const Settings *s, const TrainOptions *o, TrainResult *r)
{
    memset(r, 0, sizeof *r);
    Data *d = NULL;
    Model *m = NULL;
    Optimizer opt = {0};
    RunFiles rf = {0};
    Files files = {0};
    float *w_before = NULL;
    double *step_times = NULL;
    LayerView *views = NULL;
    Mixed mx = {0};
    GradNoise gnoise = {0};
    Status st;
    double t_start = now_s(); /* the run's wall time counts setup: a dataset can take seconds */

    /* Everything that can fail on bad input happens before any file is created. */
    if ((st = data_open(&d, s)) != ST_OK) goto fail;
    if ((st = model_create(&m, s, &d->shape)) != ST_OK) goto fail;
    OptHyper hyper = run_hyper(s);
    if ((st = optimizer_init(&opt, opt_type_at(s->optimizer), &m->params, &hyper)) != ST_OK)
        goto fail;
    if ((st = mixed_init(&mx, s, &m->params, m->max_operand)) != ST_OK) goto fail;
    if (s->noise_every > 0 && (st = gradnoise_init(&gnoise, s, m)) != ST_OK) goto fail;
    long rows_per_step = (long)s->batch * s->accum;
    long total = s->steps;
    if (total == 0) total = (long)s->epochs * (d->train_rows / rows_per_step);
    if (s->flop_budget > 0) { /* an IsoFLOP run: as many steps as the budget pays for */
        StepFlops sf;
        double om, oe;
        step_flops(m, &opt, &hyper, rows_per_step, &sf, &om, &oe);
        double per_step = sf.fwd_mm + sf.fwd_ew + sf.bwd_mm + sf.bwd_ew + om + oe;
        total = (long)floor(s->flop_budget / per_step);
        if (total < 1) {
            st = err_set(ST_USAGE, "flop_budget: %g FLOPs do not pay for one step (%.6g FLOPs)",
                         s->flop_budget, per_step);
            goto fail;
        }
    }
    if (total <= 0 && s->steps == 0 && s->epochs > 0) {
        st = err_set(ST_USAGE, "batch: %ld rows per step is more than the %ld training rows",
                     rows_per_step, d->train_rows);
        goto fail;
    }
    Schedule sched = run_schedule(s, total);
    long eval_every = s->eval_every ? s->eval_every : (total >= 20 ? total / 20 : 1);
    w_before = buf_floats((size_t)m->params.numel);
    step_times = buf_doubles((size_t)(total > 0 ? total : 1));
    int nviews = m->ops->layers(m, NULL, 0);
    views = calloc((size_t)nviews, sizeof *views);
    if (!w_before || !step_times || !views) {
        st = ST_NOMEM;
        goto fail;
    }

    if ((st = run_files_begin(&rf, o->out_dir)) != ST_OK) goto fail;
    files.curve = rf.curve;
    files.layers = rf.layers;
    if (o->out_dir && !(files.stats = outdir_open(&rf.out, "layer_stats.tsv"))) {
        st = ST_IO;
        goto fail;
    }
    files.markov = isfinite(d->entropy_rate);
    files.text = s->model == MODEL_GPT;
    files.noise = s->noise_every > 0;
    files.noise_full = s->noise_full;
    curve_header(&files);

    Params *p = &m->params;
    double t0 = now_s(), initial_loss = NAN, train_sum = 0, gnorm_sum = 0, last_train = NAN;
    long since_eval = 0, gn_count = 0, bad_evals = 0, step = 0, evals = 0;
    /* the running means of a training-loss row (train_every), apart from the evaluation's */
    double row_train_sum = 0, row_gnorm_sum = 0;
    long row_steps = 0, row_gn = 0;
    double best_val = INFINITY, update_ratio = NAN, lost_updates = NAN, grad_zero = NAN;
    Eval ev = {NAN, NAN};
    snprintf(r->status, sizeof r->status, "ok");
    r->diverged_step = -1;
    long items_per_step = rows_per_step * m->items_per_row;

    for (;;) {
        bool diverged = false;
        /* ---- evaluation at step 0, every eval_every steps and at the end */
        bool last = step == total;
        if (step % eval_every == 0 || last) {
            mixed_eval_point(&mx, &opt, p, &hyper, true); /* schedulefree: at its average */
            ev = evaluate(m, d, SPLIT_VAL, s->batch);
            mixed_eval_point(&mx, &opt, p, &hyper, false);
            if (step == 0) initial_loss = ev.loss;
            double tl = since_eval ? train_sum / since_eval : NAN;
            double gn = gn_count ? gnorm_sum / gn_count : NAN;
            double lr_now = s->lr * schedule_factor(&sched, step > 0 ? step - 1 : 0);
            if (files.layers) {
                for (int i = 0; step > 0 && i < p->n; i++)
                    fprintf(files.layers, "%ld\t%s\t%.9g\t%.9g\n", step, p->spec[i].name,
                            vec_norm(p->g + p->spec[i].offset, p->spec[i].numel),
                            vec_norm(p->w + p->spec[i].offset, p->spec[i].numel));
            }
            layer_stats_rows(files.stats, step, m, d, s->batch, views, nviews);
            /* after layers.tsv and layer_stats.tsv have used the gradient buffer: the
             * measurement overwrites it */
            NoiseEstimate noise = no_noise;
            if (gnoise.k && isfinite(ev.loss) && (evals % s->noise_every == 0 || last))
                noise = gradnoise_measure(&gnoise, m, d);
            evals++;
            CurveRow row = {step, (double)step * rows_per_step / d->train_rows, lr_now, tl, ev.loss,
                            ev.acc, gn, update_ratio, lost_updates, grad_zero, mx.scale, mx.skipped,
                            now_s() - t0, noise};
            curve_row(&files, &row, d->entropy_rate);
            if (!o->quiet)
                fprintf(stderr, "%sstep %ld/%ld  train %.4f  val %.4f  acc %.4f  lr %.3g\n",
                        o->progress ? "\r\033[K" : "", step, total, tl, ev.loss, ev.acc, lr_now);
            if (isfinite(ev.loss) && ev.loss < best_val) {
                best_val = ev.loss;
                bad_evals = 0;
            } else if (step > 0) {
                bad_evals++;
            }
            train_sum = gnorm_sum = row_train_sum = row_gnorm_sum = 0;
            since_eval = gn_count = row_steps = row_gn = 0;
            if (!isfinite(ev.loss) && step > 0) diverged = true;
            if (!diverged && s->patience > 0 && bad_evals >= s->patience && !last) {
                snprintf(r->status, sizeof r->status, "stopped");
                break;
            }
            if (!diverged && s->target_loss > 0 && ev.loss <= s->target_loss && !last) {
                snprintf(r->status, sizeof r->status, "target");
                break;
            }
        }
        if (diverged) {
            snprintf(r->status, sizeof r->status, "diverged");
            r->diverged_step = step;
            break;
        }
        if (last) break;

        /* ---- one optimizer step */
        if (s->fault_at_step > 0 && step + 1 == s->fault_at_step) abort(); /* tests of the runner */
        double ts = now_s();
        params_zero_grad(p);
        double loss = 0;
        Batch b;
        for (int a = 0; a < s->accum; a++) {
            d->ops->train_batch(d, s->batch, &b);
            loss += m->ops->forward(m, &b) / s->accum;
            m->ops->backward(m, &b, mixed_dloss(&mx, s->accum));
        }
        step++;
        bool measure = step % eval_every == 0 || step == total;
        if (measure) grad_zero = zero_fraction(p->g, p->numel);
        bool apply = mixed_unscale(&mx, p); /* false: a dynamic loss scale skips this step */
        double gn = vec_norm(p->g, p->numel); /* the tensors lie in table order, back to back */
        if (!isfinite(loss) || (apply && !isfinite(gn)) || loss > s->diverge_factor * initial_loss) {
            snprintf(r->status, sizeof r->status, "diverged");
            r->diverged_step = step;
            last_train = loss;
            CurveRow row = {step, (double)step * rows_per_step / d->train_rows,
                            s->lr * schedule_factor(&sched, step - 1), loss, NAN, NAN, gn, NAN, NAN,
                            grad_zero, mx.scale, mx.skipped, now_s() - t0, no_noise};
            curve_row(&files, &row, d->entropy_rate);
            break;
        }
        if (apply) {
            if (s->clip > 0 && gn > s->clip) scale_grads(p, (float)(s->clip / gn));
            if (measure) memcpy(w_before, p->w, (size_t)p->numel * sizeof(float));
            hyper.lr = s->lr * schedule_factor(&sched, step - 1);
            mixed_step(&mx, &opt, p, &hyper, step);
            if (measure) {
                for (long j = 0; j < p->numel; j++) w_before[j] = p->w[j] - w_before[j];
                update_ratio = vec_norm(w_before, p->numel) / vec_norm(p->w, p->numel);
                lost_updates = zero_fraction(w_before, p->numel);
            }
            gnorm_sum += gn, gn_count++;
            row_gnorm_sum += gn, row_gn++;
        }
        step_times[step - 1] = now_s() - ts;
        train_sum += loss, since_eval++;
        row_train_sum += loss, row_steps++;
        last_train = loss;
        if (s->train_every > 0 && step % s->train_every == 0 && step % eval_every != 0 && step != total) {
            /* a training-loss row: the mean since the previous row, no evaluation */
            CurveRow row = {step, (double)step * rows_per_step / d->train_rows, hyper.lr, row_train_sum / row_steps,
                            NAN, NAN, row_gn ? row_gnorm_sum / row_gn : NAN, NAN, NAN, NAN, mx.scale, mx.skipped,
                            now_s() - t0, no_noise};
            curve_row(&files, &row, d->entropy_rate);
            row_train_sum = row_gnorm_sum = 0;
            row_steps = row_gn = 0;
        }
        if (o->progress && step % 10 == 0) {
            double el = now_s() - t0, eta = el / step * (total - step);
            fprintf(stderr, "\r\033[Kstep %ld/%ld  loss %.4f  %.0f items/s  ETA %.0fs", step, total,
                    loss, items_per_step * step / el, eta);
        }
    }
    if (o->progress) fprintf(stderr, "\r\033[K");

    r->steps_done = step;
    r->final_train_loss = last_train;
    bool diverged = strcmp(r->status, "diverged") == 0;
    /* a diverged run has no final validation numbers: the last evaluation predates it */
    r->final_val_loss = diverged ? NAN : ev.loss;
    r->val_acc = diverged ? NAN : ev.acc;
    r->best_val_loss = isfinite(best_val) ? best_val : NAN;
    /* the trained model is the evaluation point: test loss and checkpoint */
    mixed_eval_point(&mx, &opt, p, &hyper, true);
    Eval test = {NAN, NAN};
    if (!diverged) test = evaluate(m, d, SPLIT_TEST, s->batch);
    r->test_loss = test.loss;
    r->test_acc = test.acc;
    r->wall_s = now_s() - t_start;
    if (step > 0) train_step_timing(step_times, step, items_per_step, &r->step_s, &r->items_per_s);

    if (o->out_dir) {
        long nparams = 0;
        for (int i = 0; i < p->n; i++) nparams += p->spec[i].numel;
        long act_bytes = mixed_activation_bytes(&mx, m->activation_bytes);
        StepFlops sf;
        double opt_mm, opt_ew;
        step_flops(m, &opt, &hyper, rows_per_step, &sf, &opt_mm, &opt_ew);
        double step_total = sf.fwd_mm + sf.fwd_ew + sf.bwd_mm + sf.bwd_ew + opt_mm + opt_ew;
        run_files_summary(&rf, s,
                          "status\tdiverged_step\tsteps_done\tfinal_train_loss\tfinal_val_loss\t"
                          "best_val_loss\tval_acc\ttest_loss\ttest_acc\tentropy_rate\tparams\t"
                          "weight_bytes\tgrad_bytes\tstate_bytes\tactivation_bytes\tskipped_steps\t"
                          "loss_scale_final\tgflop_per_step\tparams_nonembed\tfwd_mm_flop\tfwd_ew_flop\t"
                          "bwd_mm_flop\tbwd_ew_flop\topt_mm_flop\topt_ew_flop\ttrain_flop\titems_seen\t"
                          "wall_s\tstep_s\titems_per_s\n",
                          "%s\t%ld\t%ld\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\t%.9g\t%.6g\t"
                          "%ld\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\t%.9g\t%ld\t%.3f\t%.6g\t%.6g\n",
                          r->status, r->diverged_step, r->steps_done, r->final_train_loss,
                          r->final_val_loss, r->best_val_loss, r->val_acc, r->test_loss, r->test_acc,
                          d->entropy_rate, nparams, mixed_weight_bytes(&mx, nparams),
                          mixed_grad_bytes(&mx, nparams), optimizer_state_bytes(&opt, p), act_bytes,
                          mx.skipped, mx.scale, m->flops_per_item * items_per_step / 1e9,
                          nparams - m->embedding_params, sf.fwd_mm, sf.fwd_ew, sf.bwd_mm, sf.bwd_ew, opt_mm,
                          opt_ew, step_total * (double)r->steps_done, items_per_step * r->steps_done,
                          r->wall_s, r->step_s, r->items_per_s);
        st = fclose(files.stats) == 0 ? ST_OK : err_set(ST_IO, "%s: write failed", rf.out.tmp);
        files.stats = NULL;
        if (st != ST_OK || (st = run_files_close(&rf, s)) != ST_OK) goto fail;
        if (o->save) {
            char path[8192];
            outdir_path(&rf.out, "model.safetensors", path, sizeof path);
            if ((st = checkpoint_save(path, m, s, &d->shape)) != ST_OK) goto fail;
        }
        if ((st = run_files_commit(&rf)) != ST_OK) goto fail;
    }
    st = ST_OK;
fail:
    if (files.stats) fclose(files.stats);
    run_files_abort(&rf);
    mixed_free(&mx);
    gradnoise_free(&gnoise);
    buf_free(w_before);
    buf_free(step_times);
    free(views);
    optimizer_free(&opt);
    model_free(m);
    data_free(d);
    return st;
}
