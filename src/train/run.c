/* What every kind of run shares (see run.h). */
#include "train/run.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "core/blas.h"
#include "core/pool.h"
#include "train/train.h"
#include "version.h"

void train_write_settings_header(FILE *f)
{
    for (int i = 0; i < n_setting_specs; i++) fprintf(f, "%s\t", setting_specs[i].name);
}

void train_write_settings_row(FILE *f, const Settings *s)
{
    char v[STR_LEN + 64];
    for (int i = 0; i < n_setting_specs; i++) {
        settings_format(s, &setting_specs[i], v, sizeof v);
        fprintf(f, "%s\t", v);
    }
}

void train_write_provenance(FILE *f, const Settings *s)
{
    char id[13], host[256] = "unknown";
    if (settings_run_id(s, id) != ST_OK) snprintf(id, sizeof id, "unknown"); /* its corpus went away */
    gethostname(host, sizeof host - 1);
    fprintf(f, "run_id\tversion\tcompiler\tblas_core\tthreads\thost\n");
    fprintf(f, "%s\t%s\tgcc %s\t%s\t%d\t%s\n", id, DESCENT_VERSION, __VERSION__, blas_core_name(),
            pool_threads(), host);
}

Status run_files_begin(RunFiles *f, const char *dir)
{
    memset(f, 0, sizeof *f);
    if (!dir) return ST_OK;
    Status st = outdir_begin(&f->out, dir);
    if (st != ST_OK) return st;
    f->begun = true;
    f->curve = outdir_open(&f->out, "curve.tsv");
    f->layers = outdir_open(&f->out, "layers.tsv");
    f->summary = outdir_open(&f->out, "summary.tsv");
    f->prov = outdir_open(&f->out, "provenance.tsv");
    return f->curve && f->layers && f->summary && f->prov ? ST_OK : ST_IO;
}

void run_files_summary(RunFiles *f, const Settings *s, const char *columns, const char *fmt, ...)
{
    if (!f->summary) return;
    train_write_settings_header(f->summary);
    fputs(columns, f->summary);
    train_write_settings_row(f->summary, s);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f->summary, fmt, ap);
    va_end(ap);
}

Status run_files_close(RunFiles *f, const Settings *s)
{
    Status st = ST_OK;
    if (f->prov) train_write_provenance(f->prov, s);
    FILE **fs[] = {&f->curve, &f->layers, &f->summary, &f->prov};
    for (int i = 0; i < 4; i++) {
        if (*fs[i] && fclose(*fs[i]) != 0) st = err_set(ST_IO, "%s: write failed", f->out.tmp);
        *fs[i] = NULL;
    }
    return st;
}

Status run_files_commit(RunFiles *f)
{
    if (!f->begun) return ST_OK;
    Status st = outdir_commit(&f->out);
    if (st == ST_OK) f->begun = false;
    return st;
}

void run_files_abort(RunFiles *f)
{
    FILE **fs[] = {&f->curve, &f->layers, &f->summary, &f->prov};
    for (int i = 0; i < 4; i++) {
        if (*fs[i]) fclose(*fs[i]);
        *fs[i] = NULL;
    }
    if (f->begun) outdir_abort(&f->out);
    f->begun = false;
}

Schedule run_schedule(const Settings *s, long total)
{
    return (Schedule){schedule_type_at(s->schedule), total, s->warmup, s->lr_floor,
                      s->step_every, s->step_gamma, s->decay_frac};
}

OptHyper run_hyper(const Settings *s)
{
    return (OptHyper){
        .lr = s->lr,
        .momentum = s->momentum,
        .beta1 = s->beta1,
        .beta2 = s->beta2,
        .eps = s->eps,
        .weight_decay = s->weight_decay,
        .shampoo_beta = s->shampoo_beta,
        .shampoo_eps = s->shampoo_eps,
        .precondition_every = s->precondition_every,
        .block_size = s->block_size,
        .graft = (Graft)s->graft,
        .ns_steps = s->ns_steps,
        .adam_lr_ratio = s->adam_lr_ratio,
    };
}
