/* The sweep runner: process pool, failure records, runs.tsv (see sweep.h). */
#include "runner/sweep.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/blas.h"
#include "core/fs.h"
#include "core/timer.h"
#include "train/outdir.h"
#include "train/train.h"

/* ---- paths and run states */

static void exp_dir(const ExpFile *x, const char *results, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", results, x->name);
}

static void runs_dir(const ExpFile *x, const char *results, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s/runs", results, x->name);
}

void sweep_run_dir(const ExpFile *x, const char *results, int i, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s/runs/%s", results, x->name, x->runs[i].id);
}

/* The first two lines of dir/summary.tsv (malloc'd, without newlines); false if absent. */
static bool read_summary(const char *dir, char **head, char **row)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/summary.tsv", dir);
    FILE *f = fopen(path, "r");
    *head = *row = NULL;
    if (!f) return false;
    size_t cap = 0;
    ssize_t n = getline(head, &cap, f);
    cap = 0;
    ssize_t m = n > 0 ? getline(row, &cap, f) : -1;
    fclose(f);
    if (n <= 0 || m <= 0) {
        free(*head), free(*row);
        *head = *row = NULL;
        return false;
    }
    (*head)[strcspn(*head, "\n")] = '\0';
    (*row)[strcspn(*row, "\n")] = '\0';
    return true;
}

/* Field k of a tab-separated line, copied into out ("" past the end). */
static void tsv_field(const char *line, int k, char *out, size_t cap)
{
    for (; k > 0 && line; k--) {
        line = strchr(line, '\t');
        if (line) line++;
    }
    if (!line) {
        out[0] = '\0';
        return;
    }
    size_t n = strcspn(line, "\t");
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), line);
}

static int tsv_index(const char *line, const char *name)
{
    size_t n = strlen(name);
    for (int k = 0; line; k++) {
        if (!strncmp(line, name, n) && (line[n] == '\t' || line[n] == '\0')) return k;
        line = strchr(line, '\t');
        if (line) line++;
    }
    return -1;
}

typedef enum { RUN_MISSING, RUN_DONE, RUN_DIVERGED, RUN_FAILED } RunState;

/* A folder without a readable summary.tsv counts as failed: --rerun-failed redoes it. */
static RunState run_state(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) return RUN_MISSING;
    char *head, *row, status[32];
    if (!read_summary(dir, &head, &row)) return RUN_FAILED;
    tsv_field(row, tsv_index(head, "status"), status, sizeof status);
    free(head), free(row);
    if (!strcmp(status, "diverged")) return RUN_DIVERGED;
    if (!strcmp(status, "failed") || !status[0]) return RUN_FAILED;
    return RUN_DONE;
}

const char *sweep_run_status(const ExpFile *x, const char *results, int i, char *reason, size_t cap)
{
    char dir[4096];
    sweep_run_dir(x, results, i, dir, sizeof dir);
    static char status[32];
    reason[0] = '\0';
    RunState rs = run_state(dir);
    if (rs == RUN_MISSING) return "missing";
    char *head, *row;
    if (!read_summary(dir, &head, &row)) {
        snprintf(reason, cap, "no summary.tsv");
        return "failed";
    }
    tsv_field(row, tsv_index(head, "status"), status, sizeof status);
    int k = tsv_index(head, "reason");
    if (k >= 0) tsv_field(row, k, reason, cap);
    free(head), free(row);
    return rs == RUN_FAILED ? "failed" : status;
}

bool sweep_pending(const ExpFile *x, const SweepOptions *o, int i)
{
    if (o->only && !o->only[i]) return false;
    if (o->force) return true;
    char dir[4096];
    sweep_run_dir(x, o->results, i, dir, sizeof dir);
    RunState st = run_state(dir);
    return st == RUN_MISSING || (o->rerun_failed && st == RUN_FAILED);
}

/* ---- commands */

char **sweep_train_argv(const ExpFile *x, const char *results, int i, const char *binary)
{
    static SettingPairs p;
    expfile_run_pairs(x, i, &p);
    char **argv = calloc((size_t)(2 * p.n + 18), sizeof *argv);
    if (!argv) return NULL;
    int n = 0;
    char dir[4096], opt[80];
    sweep_run_dir(x, results, i, dir, sizeof dir);
    argv[n++] = strdup(binary);
    argv[n++] = strdup(x->bench ? "bench" : x->gradcheck ? "gradcheck" : "train");
    for (int k = 0; k < p.n; k++) {
        snprintf(opt, sizeof opt, "--%s", p.item[k].key);
        argv[n++] = strdup(opt);
        argv[n++] = strdup(p.item[k].value);
    }
    if (x->bench) { /* a benchmark: every thread count of [bench], its timing options */
        char threads[EXP_MAX_THREADS * 8] = "", num[4][16];
        for (int k = 0; k < x->nbench_threads; k++) {
            size_t len = strlen(threads);
            snprintf(threads + len, sizeof threads - len, "%s%d", k ? "," : "", x->bench_threads[k]);
        }
        snprintf(num[0], sizeof num[0], "%d", x->bench_steps);
        snprintf(num[1], sizeof num[1], "%d", x->bench_warmup);
        snprintf(num[2], sizeof num[2], "%d", x->bench_repeats);
        snprintf(num[3], sizeof num[3], "%d", x->bench_peak_size);
        const char *tail[] = {"--out", dir, "--threads", threads, "--steps", num[0], "--warmup", num[1],
                              "--repeats", num[2], "--peak-size", num[3]};
        for (int k = 0; k < 12; k++) argv[n++] = strdup(tail[k]);
        if (x->bench_baseline[0]) argv[n++] = strdup("--baseline"), argv[n++] = strdup(x->bench_baseline);
    } else {
        const char *tail[] = {"--out", dir, "--threads", "1", "--quiet", "--save"};
        int ntail = x->save && !x->gradcheck ? 6 : 5;
        for (int k = 0; k < ntail; k++) argv[n++] = strdup(tail[k]);
    }
    for (int k = 0; k < n; k++)
        if (!argv[k]) return sweep_argv_free(argv), NULL;
    return argv;
}

void sweep_argv_free(char **argv)
{
    for (int k = 0; argv && argv[k]; k++) free(argv[k]);
    free(argv);
}

static void put_quoted(FILE *f, const char *s)
{
    if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+.,/:=@%") == strlen(s)) {
        fputs(s, f);
        return;
    }
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputs("'\\''", f);
        else fputc(*s, f);
    }
    fputc('\'', f);
}

Status sweep_list(const ExpFile *x, const SweepOptions *o, const char *binary, FILE *out)
{
    for (int i = 0; i < x->nruns; i++) {
        if (!sweep_pending(x, o, i)) continue;
        char **argv = sweep_train_argv(x, o->results, i, binary);
        if (!argv) return ST_NOMEM;
        for (int k = 0; argv[k]; k++) {
            if (k) fputc(' ', out);
            put_quoted(out, argv[k]);
        }
        fputc('\n', out);
        sweep_argv_free(argv);
    }
    return fflush(out) == 0 ? ST_OK : err_set(ST_IO, "cannot write the list: %s", strerror(errno));
}

/* ---- runs.tsv */

static int id_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Columns of a header line, appended to cols unless present. */
static Status add_columns(char ***cols, int *ncols, const char *head)
{
    char name[256];
    for (int k = 0;; k++) {
        const char *p = head;
        for (int j = 0; j < k && p; j++) {
            p = strchr(p, '\t');
            if (p) p++;
        }
        if (!p) return ST_OK;
        tsv_field(head, k, name, sizeof name);
        bool have = false;
        for (int c = 0; c < *ncols && !have; c++) have = !strcmp((*cols)[c], name);
        if (have) continue;
        char **grown = realloc(*cols, sizeof(char *) * (size_t)(*ncols + 1));
        if (!grown) return ST_NOMEM;
        *cols = grown;
        if (!((*cols)[*ncols] = strdup(name))) return ST_NOMEM;
        (*ncols)++;
    }
}

static int count_stray(const ExpFile *x, const char *results)
{
    char dir[4096];
    runs_dir(x, results, dir, sizeof dir);
    DIR *d = opendir(dir);
    if (!d) return 0;
    const char **ids = malloc(sizeof(char *) * (size_t)x->nruns);
    if (!ids) return closedir(d), 0;
    for (int i = 0; i < x->nruns; i++) ids[i] = x->runs[i].id;
    qsort(ids, (size_t)x->nruns, sizeof *ids, id_cmp);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        const char *name = e->d_name;
        if (name[0] == '.' || strstr(name, ".tmp-")) continue;
        if (!bsearch(&name, ids, (size_t)x->nruns, sizeof *ids, id_cmp)) n++;
    }
    closedir(d);
    free(ids);
    return n;
}

Status sweep_collect(const ExpFile *x, const char *results, int *rows, int *stray)
{
    char dir[4096], path[4400], tmp[4500];
    char **head = calloc((size_t)x->nruns, sizeof *head), **row = calloc((size_t)x->nruns, sizeof *row);
    char **cols = NULL;
    int ncols = 0;
    int *map = NULL;
    FILE *f = NULL;
    Status st = ST_OK;
    *rows = 0;
    *stray = count_stray(x, results);
    if (!head || !row) {
        st = ST_NOMEM;
        goto done;
    }
    for (int i = 0; i < x->nruns; i++) {
        sweep_run_dir(x, results, i, dir, sizeof dir);
        if (read_summary(dir, &head[i], &row[i])) (*rows)++;
    }
    /* the columns of results first, those only failure records have (reason) last */
    for (int pass = 0; pass < 2 && st == ST_OK; pass++)
        for (int i = 0; i < x->nruns && st == ST_OK; i++) {
            if (!head[i]) continue;
            char status[32];
            tsv_field(row[i], tsv_index(head[i], "status"), status, sizeof status);
            if ((strcmp(status, "failed") == 0) == pass) st = add_columns(&cols, &ncols, head[i]);
        }
    if (st != ST_OK) goto done;
    if (!(map = malloc(sizeof(int) * (size_t)(ncols ? ncols : 1)))) {
        st = ST_NOMEM;
        goto done;
    }
    exp_dir(x, results, dir, sizeof dir);
    if ((st = make_dirs(dir)) != ST_OK) goto done;
    snprintf(path, sizeof path, "%s/runs.tsv", dir);
    outdir_tmp_name(path, (long)getpid(), tmp, sizeof tmp);
    if (!(f = fopen(tmp, "w"))) {
        st = err_set(ST_IO, "%s: cannot write: %s", tmp, strerror(errno));
        goto done;
    }
    /* run_id, a column per linked axis (its value as the file writes it, so the report
     * can group by it), then the summary columns */
    fprintf(f, "run_id");
    for (int k = 0; k < x->naxes; k++)
        if (x->axis[k].nparts > 1) fprintf(f, "\t%s", x->axis[k].key);
    for (int c = 0; c < ncols; c++) fprintf(f, "\t%s", cols[c]);
    fputc('\n', f);
    const char *mapped = NULL; /* the header map was built for (most runs share one) */
    char cell[STR_LEN + 64];
    for (int i = 0; i < x->nruns; i++) {
        if (!head[i]) continue;
        if (!mapped || strcmp(mapped, head[i])) {
            for (int c = 0; c < ncols; c++) map[c] = tsv_index(head[i], cols[c]);
            mapped = head[i];
        }
        fprintf(f, "%s", x->runs[i].id);
        for (int k = 0; k < x->naxes; k++)
            if (x->axis[k].nparts > 1) fprintf(f, "\t%s", x->axis[k].values[x->runs[i].pick[k]]);
        for (int c = 0; c < ncols; c++) {
            if (map[c] >= 0) tsv_field(row[i], map[c], cell, sizeof cell);
            else cell[0] = '\0';
            fprintf(f, "\t%s", cell);
        }
        fputc('\n', f);
    }
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) st = err_set(ST_IO, "%s: write failed", tmp);
    f = NULL;
    if (st == ST_OK && rename(tmp, path) != 0)
        st = err_set(ST_IO, "%s: cannot rename into place: %s", path, strerror(errno));
    if (st != ST_OK) unlink(tmp);
done:
    if (f) fclose(f);
    for (int i = 0; head && row && i < x->nruns; i++) free(head[i]), free(row[i]);
    for (int c = 0; c < ncols; c++) free(cols[c]);
    free(cols), free(map), free(head), free(row);
    return st;
}

/* ---- the process pool */

static volatile sig_atomic_t n_sigint, got_sigterm;
static void on_sigint(int sig) { (void)sig; n_sigint++; }
static void on_sigterm(int sig) { (void)sig; got_sigterm = 1; }
static void on_sigchld(int sig) { (void)sig; }

typedef struct {
    pid_t pid; /* 0: free */
    int run;
    double start;
    FILE *err; /* the child's stderr (an unlinked temporary file) */
    bool timed_out, killed;
    bool existed; /* the run folder before the child started (--force), and its identity: */
    dev_t dev;    /* a folder the child renamed into place is another inode */
    ino_t ino;
} Slot;

/* Whether the child of sl renamed a complete run folder into place: the folder is new,
 * or another one than at launch, and holds a result. */
static bool committed(const Slot *sl, const char *dir, RunState rs)
{
    struct stat st;
    if ((rs != RUN_DONE && rs != RUN_DIVERGED) || stat(dir, &st) != 0) return false;
    return !sl->existed || st.st_dev != sl->dev || st.st_ino != sl->ino;
}

/* Whether process pid is running (a zombie is not: its folder is abandoned). */
static bool process_alive(long pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return kill((pid_t)pid, 0) == 0 && access("/proc/self/stat", F_OK) != 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')'); /* "pid (comm) S ..." */
    return !paren || (paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X');
}

/* Temporary folders of killed writers ("ID.tmp-HOST-PID" of this host whose process is
 * gone) and stray runs.tsv.tmp-HOST-PID files. A live PID may be another writer on this
 * machine, and another host's PID means nothing here (a shared filesystem): both kept. */
static void remove_stray_tmp(const ExpFile *x, const char *results)
{
    char dirs[2][4096], path[4096 + 300];
    exp_dir(x, results, dirs[0], sizeof dirs[0]);
    runs_dir(x, results, dirs[1], sizeof dirs[1]);
    for (int k = 0; k < 2; k++) {
        DIR *d = opendir(dirs[k]);
        if (!d) continue;
        for (struct dirent *e; (e = readdir(d));) {
            long pid;
            if (!outdir_tmp_ours(e->d_name, &pid)) continue;
            if (pid != (long)getpid() && process_alive(pid)) continue;
            snprintf(path, sizeof path, "%.4000s/%.255s", dirs[k], e->d_name);
            if (k == 0) unlink(path);
            else remove_flat_dir(path);
        }
        closedir(d);
    }
}

/* The last lines of the child's stderr (at most 4 KB). */
static void stderr_tail(FILE *err, char *out, size_t cap)
{
    out[0] = '\0';
    if (!err || fflush(err) != 0 || fseek(err, 0, SEEK_END) != 0) return;
    long size = ftell(err);
    long from = size > (long)cap - 1 ? size - (long)cap + 1 : 0;
    if (fseek(err, from, SEEK_SET) != 0) return;
    size_t n = fread(out, 1, cap - 1, err);
    out[n] = '\0';
    if (from > 0) { /* start at a whole line */
        char *nl = strchr(out, '\n');
        if (nl) memmove(out, nl + 1, strlen(nl + 1) + 1);
    }
}

static Status write_failure(const ExpFile *x, const char *dir, int run, const char *reason,
                            const char *tail)
{
    static Settings s;
    expfile_run_settings(x, run, &s);
    OutDir od;
    Status st = outdir_begin(&od, dir);
    if (st != ST_OK) return st;
    FILE *sum = outdir_open(&od, "summary.tsv"), *prov = outdir_open(&od, "provenance.tsv"),
         *err = outdir_open(&od, "stderr.txt");
    if (sum) {
        train_write_settings_header(sum);
        fprintf(sum, "status\treason\n");
        train_write_settings_row(sum, &s);
        fprintf(sum, "failed\t%s\n", reason);
    }
    if (prov) train_write_provenance(prov, &s);
    if (err) fputs(tail, err);
    FILE *fs[] = {sum, prov, err};
    st = sum && prov && err ? ST_OK : ST_IO;
    for (int k = 0; k < 3; k++)
        if (fs[k] && fclose(fs[k]) != 0) st = err_set(ST_IO, "%s: write failed", od.tmp);
    if (st == ST_OK) st = outdir_commit(&od);
    if (st != ST_OK) outdir_abort(&od);
    return st;
}

static Status launch(Slot *sl, const ExpFile *x, const SweepOptions *o, int run, int devnull)
{
    char **argv = sweep_train_argv(x, o->results, run, "descent");
    FILE *err = tmpfile();
    if (!argv || !err) {
        sweep_argv_free(argv);
        if (err) fclose(err);
        return err_set(ST_IO, "cannot start a run: %s", strerror(errno));
    }
    char dir[4096];
    struct stat before = {0};
    sweep_run_dir(x, o->results, run, dir, sizeof dir);
    bool existed = stat(dir, &before) == 0;
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        sweep_argv_free(argv);
        fclose(err);
        return err_set(ST_IO, "cannot start a run: fork: %s", strerror(errno));
    }
    if (pid == 0) {
        /* Ctrl-C is the runner's to handle; the child dies with the runner */
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_DFL);
        signal(SIGCHLD, SIG_DFL);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);
        dup2(devnull, 1);
        dup2(fileno(err), 2);
        execv("/proc/self/exe", argv);
        fprintf(stderr, "cannot run /proc/self/exe: %s\n", strerror(errno));
        _exit(127);
    }
    sweep_argv_free(argv);
    *sl = (Slot){pid, run, now_s(), err, false, false, existed, before.st_dev, before.st_ino};
    return ST_OK;
}

static void fmt_duration(double s, char *out, size_t cap)
{
    long t = (long)(s + 0.5);
    if (t >= 3600) snprintf(out, cap, "%ldh%02ldm", t / 3600, t / 60 % 60);
    else if (t >= 60) snprintf(out, cap, "%ldm%02lds", t / 60, t % 60);
    else snprintf(out, cap, "%lds", t);
}

typedef struct {
    int done, running, failed, diverged, finished, pending;
    int failed_now; /* runs of this sweep that failed */
    double t0;
} Progress;

static void status_line(const ExpFile *x, const Progress *p)
{
    char eta[32] = "";
    if (p->finished > 0) {
        double el = now_s() - p->t0;
        fmt_duration(el / p->finished * (p->pending - p->finished), eta + 6, sizeof eta - 6);
        memcpy(eta, ", ETA ", 6);
    }
    fprintf(stderr, "\r\033[K%s: %d/%d done, %d running, %d failed, %d diverged%s", x->name, p->done,
            x->nruns, p->running, p->failed, p->diverged, eta);
    fflush(stderr);
}

/* A child ended: classify, record a failure, tidy its temporary folder. */
static void finish(const ExpFile *x, const SweepOptions *o, Slot *sl, int wst, Progress *pg)
{
    char dir[4096], tmp[4500], reason[256] = "", tail[4096], label[1024];
    sweep_run_dir(x, o->results, sl->run, dir, sizeof dir);
    outdir_tmp_name(dir, (long)sl->pid, tmp, sizeof tmp);
    remove_flat_dir(tmp); /* present only if the child died before renaming */
    stderr_tail(sl->err, tail, sizeof tail);
    fclose(sl->err);
    sl->pid = 0;
    pg->running--;
    RunState rs = run_state(dir);
    bool result = committed(sl, dir, rs);
    if (sl->killed && !result) return; /* interrupted: not a result, not a failure */
    pg->finished++;
    if (result) { /* whatever ended the child afterwards (a timeout, Ctrl-C), it is a result */
        pg->done++;
        pg->diverged += rs == RUN_DIVERGED;
        return;
    }
    if (sl->timed_out) snprintf(reason, sizeof reason, "timeout after %g s", o->timeout_s);
    else if (WIFSIGNALED(wst))
        snprintf(reason, sizeof reason, "killed by signal %d (%s)", WTERMSIG(wst), strsignal(WTERMSIG(wst)));
    else if (WIFEXITED(wst) && WEXITSTATUS(wst) != 0)
        snprintf(reason, sizeof reason, "exit status %d", WEXITSTATUS(wst));
    else snprintf(reason, sizeof reason, "exited without writing results");
    /* the last line the child printed says most (e.g. "descent train: data: ...") */
    char last[256] = "";
    size_t n = strlen(tail);
    while (n > 0 && tail[n - 1] == '\n') n--;
    size_t b = n;
    while (b > 0 && tail[b - 1] != '\n') b--;
    snprintf(last, sizeof last, "%.*s", (int)(n - b), tail + b);
    for (char *c = last; *c; c++)
        if (*c == '\t' || *c == '\r') *c = ' ';
    if (last[0]) {
        size_t len = strlen(reason);
        snprintf(reason + len, sizeof reason - len, ": %s", last);
    }
    pg->failed++, pg->failed_now++;
    pg->done++;
    expfile_run_label(x, sl->run, label, sizeof label);
    if (o->progress) fprintf(stderr, "\r\033[K");
    fprintf(stderr, "failed: %s (%s): %s\n", x->runs[sl->run].id, label, reason);
    if (write_failure(x, dir, sl->run, reason, tail) != ST_OK)
        fprintf(stderr, "descent sweep: %s\n", err_msg());
}

static void tally(const ExpFile *x, const SweepOptions *o, SweepTally *t)
{
    char dir[4096];
    t->total = x->nruns;
    t->done = t->diverged = t->failed = t->missing = 0;
    for (int i = 0; i < x->nruns; i++) {
        sweep_run_dir(x, o->results, i, dir, sizeof dir);
        switch (run_state(dir)) {
        case RUN_MISSING: t->missing++; break;
        case RUN_FAILED: t->failed++; break;
        case RUN_DIVERGED: t->diverged++, t->done++; break;
        case RUN_DONE: t->done++; break;
        }
    }
}

Status sweep_run(const ExpFile *x, const SweepOptions *opts, SweepTally *t)
{
    SweepOptions one = *opts;
    if (x->bench) one.jobs = 1; /* a benchmark is timed alone, never beside another run */
    const SweepOptions *o = &one;
    memset(t, 0, sizeof *t);
    double t0 = now_s();
    char dir[4096];
    runs_dir(x, o->results, dir, sizeof dir);
    Status st = make_dirs(dir);
    if (st != ST_OK) return st;
    remove_stray_tmp(x, o->results);
    blas_init(1); /* the runner computes nothing; provenance of failures says 1 thread, as the child ran */
    setenv("OPENBLAS_NUM_THREADS", "1", 1);

    int *pending = malloc(sizeof(int) * (size_t)x->nruns);
    Slot *slot = calloc((size_t)o->jobs, sizeof *slot);
    int devnull = open("/dev/null", O_WRONLY);
    if (!pending || !slot || devnull < 0) {
        free(pending), free(slot);
        if (devnull >= 0) close(devnull);
        return ST_NOMEM;
    }
    int npending = 0;
    Progress pg = {0};
    pg.t0 = t0;
    for (int i = 0; i < x->nruns; i++) {
        if (sweep_pending(x, o, i)) pending[npending++] = i;
        else {
            t->cached++, pg.done++;
            sweep_run_dir(x, o->results, i, dir, sizeof dir);
            RunState rs = run_state(dir);
            pg.failed += rs == RUN_FAILED;
            pg.diverged += rs == RUN_DIVERGED;
        }
    }
    pg.pending = npending;

    struct sigaction sa = {0}, old_int, old_term, old_chld;
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, &old_int);
    sa.sa_handler = on_sigterm;
    sigaction(SIGTERM, &sa, &old_term);
    sa.sa_handler = on_sigchld;
    sigaction(SIGCHLD, &sa, &old_chld);
    n_sigint = got_sigterm = 0;

    int next = 0;
    bool stopping = false, killing = false;
    double last_draw = 0;
    while (next < npending || pg.running > 0) {
        if (!stopping && (n_sigint > 0 || got_sigterm)) {
            stopping = true;
            if (o->progress) fprintf(stderr, "\r\033[K");
            fprintf(stderr, "descent sweep: interrupted: waiting for %d running run%s (Ctrl-C again kills them)\n",
                    pg.running, pg.running == 1 ? "" : "s");
        }
        if (!killing && (n_sigint > 1 || got_sigterm)) {
            killing = true;
            for (int k = 0; k < o->jobs; k++)
                if (slot[k].pid) kill(slot[k].pid, SIGKILL), slot[k].killed = true;
        }
        for (int k = 0; k < o->jobs && !stopping && next < npending && st == ST_OK; k++)
            if (!slot[k].pid) {
                if ((st = launch(&slot[k], x, o, pending[next], devnull)) == ST_OK) next++, pg.running++;
            }
        if (st != ST_OK && !stopping) { /* cannot start children: wait for the others */
            fprintf(stderr, "descent sweep: %s\n", err_msg());
            stopping = true;
        }
        int wst;
        pid_t pid;
        while ((pid = waitpid(-1, &wst, WNOHANG)) > 0)
            for (int k = 0; k < o->jobs; k++)
                if (slot[k].pid == pid) finish(x, o, &slot[k], wst, &pg);
        double now = now_s();
        for (int k = 0; k < o->jobs; k++)
            if (slot[k].pid && o->timeout_s > 0 && !slot[k].timed_out && now - slot[k].start > o->timeout_s) {
                kill(slot[k].pid, SIGKILL);
                slot[k].timed_out = true;
            }
        if (o->progress && now - last_draw >= 0.5) {
            status_line(x, &pg);
            last_draw = now;
        }
        if (stopping && next < npending) npending = next; /* launch no more */
        if (next < npending || pg.running > 0) {
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL); /* a signal (SIGCHLD, SIGINT) ends it early */
        }
    }
    if (o->progress) fprintf(stderr, "\r\033[K");
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGCHLD, &old_chld, NULL);
    close(devnull);
    free(slot);
    free(pending);

    t->ran = pg.finished;
    t->failed_now = pg.failed_now;
    t->interrupted = n_sigint > 0 || got_sigterm;
    int rows, stray;
    Status cst = sweep_collect(x, o->results, &rows, &stray);
    if (stray)
        fprintf(stderr, "descent sweep: %d run folder%s in %s/%s/runs not in this experiment's matrix (left out of runs.tsv)\n",
                stray, stray == 1 ? "" : "s", o->results, x->name);
    tally(x, o, t);
    t->wall_s = now_s() - t0;
    return st != ST_OK ? st : cst;
}
