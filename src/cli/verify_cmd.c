/* descent verify: rerun committed runs and compare their bits (src/runner/verify.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "runner/expfile.h"
#include "runner/stale.h"
#include "runner/sweep.h"
#include "runner/verify.h"
#include "train/outdir.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: descent verify EXPERIMENT [-n N] [--seed S] [--quickest [--budget SEC]]\n"
            "                              [--results DIR] [-j N]\n"
            "\n"
            "Reruns N committed runs of EXPERIMENT (experiments/NAME.ini, or just NAME), chosen at\n"
            "random with seed S, exactly as descent sweep ran them, into a scratch folder that is\n"
            "removed afterwards (results/ is only read), and compares their summary.tsv, curve.tsv,\n"
            "layers.tsv and layer_stats.tsv (gradcheck.tsv for a gradient check: the files the committed run\n"
            "holds) with the committed files: every column but the timings (names ending\n"
            "in _s: wall_s, step_s, items_per_s) and fashion_dir, value for value as written. It\n"
            "prints what it compared (run, file, rows, columns, verdict) and exits 1 naming the\n"
            "first differing value (run, file, column, step, committed, now); when the committed\n"
            "run's BLAS core (provenance.tsv) is not the one the rerun used, it says so: the\n"
            "likely reason.\n"
            "\n"
            "options:\n"
            "  -n N           runs to rerun (default 3; 0: every committed run)\n"
            "  --seed S       chooses which (default 1)\n"
            "  --quickest     the N runs with the smallest recorded wall_s instead of random ones\n"
            "  --budget SEC   with --quickest: no more runs than fit in SEC seconds of recorded\n"
            "                 wall_s (at least one)\n"
            "  --results DIR  the committed results root (default: results)\n"
            "  -j N           reruns at a time (default: the number of cores)\n"
            "\n"
            "Exit status: 0 identical, 1 a value differs or a rerun failed, 2 usage (also stale\n"
            "or no committed runs), 3 I/O.\n");
}

static bool count_arg(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}

/* The experiment file: the path as given, else experiments/NAME.ini. */
static void experiment_path(const char *arg, char *out, size_t cap)
{
    struct stat sb;
    snprintf(out, cap, "%s", arg);
    if (stat(arg, &sb) == 0 || strchr(arg, '/') || strstr(arg, ".ini")) return;
    snprintf(out, cap, "experiments/%s.ini", arg);
}

/* Removes the scratch root: NAME/runs/<run folders>, NAME/runs.tsv, NAME, the root. */
static void remove_scratch(const ExpFile *x, const char *root)
{
    char dir[4096], path[4400];
    for (int i = 0; i < x->nruns; i++) {
        sweep_run_dir(x, root, i, dir, sizeof dir);
        remove_flat_dir(dir);
    }
    snprintf(path, sizeof path, "%s/%s/runs", root, x->name);
    rmdir(path);
    snprintf(path, sizeof path, "%s/%s/runs.tsv", root, x->name);
    unlink(path);
    snprintf(path, sizeof path, "%s/%s", root, x->name);
    rmdir(path);
    if (rmdir(root) != 0) fprintf(stderr, "descent verify: could not remove %s: %s\n", root, strerror(errno));
}

typedef struct {
    int runs, files, values;
    bool differs;
    char first[2048];
    char core_then[128], core_now[128]; /* BLAS cores of the first run compared */
    bool cores_mixed;                   /* the committed runs used more than one */
} Outcome;

/* Compares run i's three files; prints a table row per file; records the first difference. */
static Status compare_run(const ExpFile *x, int i, const char *results, const char *scratch, Outcome *o)
{
    char committed[4096], rerun[4096], reason[512], label[1024];
    sweep_run_dir(x, results, i, committed, sizeof committed);
    sweep_run_dir(x, scratch, i, rerun, sizeof rerun);
    expfile_run_label(x, i, label, sizeof label);
    o->runs++;
    const char *status = sweep_run_status(x, scratch, i, reason, sizeof reason);
    if (!strcmp(status, "failed") || !strcmp(status, "missing")) {
        printf("%-12s  %-11s  %6s  %7s  rerun %s%s%s\n", x->runs[i].id, "-", "-", "-", status, reason[0] ? ": " : "",
               reason);
        if (!o->differs)
            snprintf(o->first, sizeof o->first, "run %s (%s) did not rerun: %s%s%s", x->runs[i].id, label, status,
                     reason[0] ? ": " : "", reason);
        o->differs = true;
        return ST_OK;
    }
    char core_then[128], core_now[128];
    verify_blas_core(committed, core_then, sizeof core_then);
    verify_blas_core(rerun, core_now, sizeof core_now);
    if (o->runs == 1) {
        snprintf(o->core_then, sizeof o->core_then, "%s", core_then);
        snprintf(o->core_now, sizeof o->core_now, "%s", core_now);
    }
    o->cores_mixed |= strcmp(o->core_then, core_then) != 0;
    for (int k = 0; k < VERIFY_FILES; k++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", committed, verify_files[k]);
        if (access(path, F_OK) != 0) continue; /* a file this kind of run does not write */
        FileCompare c;
        Status st = verify_compare(x, i, committed, rerun, verify_files[k], &c);
        if (st != ST_OK) return st;
        o->files++;
        o->values += c.rows * c.columns;
        printf("%-12s  %-11s  %6d  %7d  %s\n", x->runs[i].id, verify_files[k], c.rows, c.columns,
               c.same ? "identical" : "DIFFERS");
        if (c.same || o->differs) continue;
        o->differs = true;
        int len = snprintf(o->first, sizeof o->first, "run %s (%s), %s, column %s, step %s: committed %s, now %s",
                           x->runs[i].id, label, verify_files[k], c.column, c.step, c.committed, c.now);
        if (len > 0 && (size_t)len < sizeof o->first && strcmp(core_then, core_now))
            snprintf(o->first + len, sizeof o->first - (size_t)len,
                     "; the committed run used OpenBLAS core %s, this rerun %s: the likely reason",
                     core_then[0] ? core_then : "(unrecorded)", core_now[0] ? core_now : "(unrecorded)");
    }
    return ST_OK;
}

int cmd_verify(int argc, char **argv)
{
    const char *arg = NULL, *results = "results";
    long n = 3, seed = 1, jobs = 0;
    double budget = 0;
    bool quickest = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) return usage(stdout), 0;
        if (!strcmp(a, "--quickest")) {
            quickest = true;
        } else if (!strcmp(a, "--budget")) {
            char *end;
            budget = v ? strtod(v, &end) : 0;
            if (!v || end == v || *end || !(budget > 0))
                return err_set(ST_USAGE, "--budget: '%s' is not a positive number of seconds", v ? v : ""),
                       report_error("verify", ST_USAGE);
            i++;
        } else if (!strcmp(a, "-n") || !strcmp(a, "--seed") || !strcmp(a, "--results") || !strcmp(a, "-j")) {
            if (!v) return err_set(ST_USAGE, "%s needs a value", a), report_error("verify", ST_USAGE);
            i++;
            bool ok = true;
            if (!strcmp(a, "-n")) ok = count_arg(v, 0, 100000, &n);
            else if (!strcmp(a, "--seed")) ok = count_arg(v, 0, 2000000000L, &seed);
            else if (!strcmp(a, "-j")) ok = count_arg(v, 1, 4096, &jobs);
            else results = v;
            if (!ok)
                return err_set(ST_USAGE, "%s: '%s' is not a %s integer", a, v, !strcmp(a, "-j") ? "positive" : "non-negative"),
                       report_error("verify", ST_USAGE);
        } else if (a[0] == '-') {
            return err_set(ST_USAGE, "unknown option '%s' (see descent verify --help)", a), report_error("verify", ST_USAGE);
        } else if (arg) {
            return err_set(ST_USAGE, "one experiment at a time ('%s' and '%s')", arg, a), report_error("verify", ST_USAGE);
        } else {
            arg = a;
        }
    }
    if (!arg) return err_set(ST_USAGE, "no experiment (usage: descent verify EXPERIMENT [-n N] [--seed S])"),
                     report_error("verify", ST_USAGE);
    if (!jobs) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = c > 0 ? c : 1;
    }
    char path[1024];
    experiment_path(arg, path, sizeof path);
    static ExpFile x;
    Status st = expfile_load(&x, path);
    if (st != ST_OK) {
        fprintf(stderr, "%s\n", err_msg()); /* "FILE:LINE: what" */
        return status_exit_code(st);
    }
    int rc = 0;
    bool *chosen = calloc((size_t)x.nruns, sizeof *chosen);
    char scratch[4096] = "";
    if (!chosen) {
        rc = report_error("verify", ST_NOMEM);
        goto done;
    }
    if (x.bench) {
        err_set(ST_USAGE, "%s is a benchmark ([bench]): its results are timings, which no rerun repeats", path);
        rc = report_error("verify", ST_USAGE);
        goto done;
    }
    if (budget > 0 && !quickest) {
        err_set(ST_USAGE, "--budget goes with --quickest (random runs have no budget)");
        rc = report_error("verify", ST_USAGE);
        goto done;
    }
    int nchosen = verify_choose(&x, results, (int)n, (unsigned long)seed, quickest, budget, chosen);
    if (!nchosen) {
        err_set(ST_USAGE, "%s/%s: no committed runs of %s to verify (descent sweep %s makes them)", results, x.name,
                path, path);
        rc = report_error("verify", ST_USAGE);
        goto done;
    }
    char diff[2048];
    for (int i = 0; i < x.nruns; i++)
        if (chosen[i] && stale_run_diff(&x, results, i, diff, sizeof diff) > 0) {
            err_set(ST_USAGE, "run %s of %s is stale (%s): it is not what %s gives now", x.runs[i].id, x.name, diff, path);
            rc = report_error("verify", ST_USAGE);
            goto done;
        }
    const char *tmp = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/descent-verify-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(scratch)) {
        err_set(ST_IO, "cannot make a scratch folder %s: %s", scratch, strerror(errno));
        scratch[0] = '\0';
        rc = report_error("verify", ST_IO);
        goto done;
    }
    printf("%s: rerunning %d of its committed runs (%s) in %s\n", x.name, nchosen,
           quickest ? "the quickest" : n ? "chosen at random" : "all", scratch);
    fflush(stdout);
    SweepOptions o = {.results = scratch, .jobs = (int)jobs, .progress = isatty(2) != 0, .only = chosen};
    SweepTally t;
    if ((st = sweep_run(&x, &o, &t)) != ST_OK) {
        rc = report_error("verify", st);
        goto done;
    }
    if (t.interrupted) {
        rc = 130;
        goto done;
    }
    printf("%-12s  %-11s  %6s  %7s  %s\n", "run", "file", "rows", "columns", "verdict");
    Outcome out = {0};
    for (int i = 0; i < x.nruns && st == ST_OK; i++)
        if (chosen[i]) st = compare_run(&x, i, results, scratch, &out);
    if (st != ST_OK) {
        rc = report_error("verify", st);
        goto done;
    }
    if (out.differs) {
        fprintf(stderr, "descent verify: %s\n", out.first);
        rc = 1;
    } else {
        printf("%s: %d runs, %d files, %d values: identical to the committed results (timings aside); "
               "OpenBLAS core %s now, %s%s when committed\n", x.name, out.runs, out.files, out.values,
               out.core_now[0] ? out.core_now : "(unrecorded)", out.core_then[0] ? out.core_then : "(unrecorded)",
               out.cores_mixed ? " and others" : "");
    }
done:
    if (scratch[0]) remove_scratch(&x, scratch);
    free(chosen);
    expfile_free(&x);
    return rc;
}
