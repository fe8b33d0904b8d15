/* descent sweep: an experiment file's runs, cached, N at a time (src/runner). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "runner/expfile.h"
#include "runner/migrate.h"
#include "runner/stale.h"
#include "runner/sweep.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: descent sweep FILE [-j N] [--results DIR] [--force] [--rerun-failed]\n"
            "                          [--timeout SEC] [--list] [--collect] [--migrate-ids]\n"
            "\n"
            "Runs every pending run of the experiment file FILE (experiments/NAME.ini) as a\n"
            "`descent train` child with one thread, N at a time, into DIR/NAME/runs/<run id>/,\n"
            "then rebuilds DIR/NAME/runs.tsv. A run whose folder exists is skipped; a run that\n"
            "crashes, exits non-zero or times out is recorded with status failed. Ctrl-C stops\n"
            "launching and waits for the running runs; a second Ctrl-C kills them.\n"
            "\n"
            "A run id is a hash of the settings that differ from the model's defaults. A run\n"
            "folder is reused only if the settings its summary.tsv records equal what FILE gives\n"
            "now (a key it lacks counts as the default): otherwise it is stale, and the sweep\n"
            "runs nothing, names the stale runs and the keys that differ, and exits 2.\n"
            "\n"
            "options:\n"
            "  -j N, --jobs N   runs at a time (default: the number of cores)\n"
            "  --results DIR    results root (default: results)\n"
            "  --force          rerun every run, even those with results (and stale ones)\n"
            "  --rerun-failed   rerun the runs whose status is failed\n"
            "  --timeout SEC    kill a run after SEC seconds (it is recorded as failed)\n"
            "  --list           print the descent train command of every pending run, run nothing\n"
            "  --collect        only rebuild runs.tsv from the run folders that exist\n"
            "  --migrate-ids    rename the run folders to the ids their recorded settings give\n"
            "                   (after the run id function changed; no training), rebuild runs.tsv\n"
            "\n"
            "The file format is in docs/EXPERIMENTS.md.\n");
}

static bool positive_int(const char *s, int *out)
{
    long v;
    if (!parse_count(s, 1, 4096, &v)) return false;
    *out = (int)v;
    return true;
}

/* How --list names the program: `descent` when that is on PATH and is this binary,
 * else the path it was invoked as. */
static const char *program_name(const char *argv0)
{
    struct stat self, other;
    const char *path = getenv("PATH");
    if (!path || stat("/proc/self/exe", &self) != 0) return argv0;
    char buf[4096];
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, ":");
        snprintf(buf, sizeof buf, "%.*s/descent", (int)n, p);
        if (n && stat(buf, &other) == 0 && other.st_ino == self.st_ino && other.st_dev == self.st_dev)
            return "descent";
        p += n + (p[n] == ':');
    }
    return argv0;
}

/* --migrate-ids: rename, rebuild runs.tsv, then name what is still stale. */
static int migrate_cmd(const ExpFile *x, const char *results)
{
    MigrateTally t;
    Status st = migrate_ids(x, results, &t, NULL);
    if (st != ST_OK) return report_error("sweep", st);
    int rows, stray;
    if ((st = sweep_collect(x, results, &rows, &stray)) != ST_OK) return report_error("sweep", st);
    printf("%s: %d run folders: %d renamed to their new ids, %d already under them", x->name, t.folders,
           t.renamed, t.current);
    if (t.outside) printf(", %d not in the matrix", t.outside);
    printf("; %d of %d runs in %s/%s/runs.tsv\n", rows, x->nruns, results, x->name);
    fflush(stdout);
    SweepOptions o = {.results = results, .jobs = 1};
    return sweep_stale(x, &o, stderr) > 0 ? 2 : 0;
}

int cmd_sweep(int argc, char **argv)
{
    const char *file = NULL;
    SweepOptions o = {.results = "results"};
    bool list = false, collect = false, migrate = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) return usage(stdout), 0;
        if (!strcmp(a, "--force")) o.force = true;
        else if (!strcmp(a, "--rerun-failed")) o.rerun_failed = true;
        else if (!strcmp(a, "--list")) list = true;
        else if (!strcmp(a, "--collect")) collect = true;
        else if (!strcmp(a, "--migrate-ids")) migrate = true;
        else if (!strncmp(a, "-j", 2) && a[2]) {
            if (!positive_int(a + 2, &o.jobs))
                return err_set(ST_USAGE, "-j: '%s' is not a positive integer", a + 2), report_error("sweep", ST_USAGE);
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strcmp(a, "--results") || !strcmp(a, "--timeout")) {
            if (!v) return err_set(ST_USAGE, "%s needs a value", a), report_error("sweep", ST_USAGE);
            i++;
            if (!strcmp(a, "--results")) o.results = v;
            else if (!strcmp(a, "--timeout")) {
                char *end;
                o.timeout_s = strtod(v, &end);
                if (end == v || *end || !(o.timeout_s > 0))
                    return err_set(ST_USAGE, "--timeout: '%s' is not a positive number of seconds", v),
                           report_error("sweep", ST_USAGE);
            } else if (!positive_int(v, &o.jobs))
                return err_set(ST_USAGE, "%s: '%s' is not a positive integer", a, v), report_error("sweep", ST_USAGE);
        } else if (a[0] == '-') {
            return err_set(ST_USAGE, "unknown option '%s' (see descent sweep --help)", a),
                   report_error("sweep", ST_USAGE);
        } else if (file) {
            return err_set(ST_USAGE, "one experiment file at a time ('%s' and '%s')", file, a),
                   report_error("sweep", ST_USAGE);
        } else {
            file = a;
        }
    }
    if (!file) return err_set(ST_USAGE, "no experiment file (usage: descent sweep FILE [-j N])"),
                      report_error("sweep", ST_USAGE);
    if (list + collect + migrate > 1)
        return err_set(ST_USAGE, "--list, --collect and --migrate-ids do not go together"),
               report_error("sweep", ST_USAGE);
    if (migrate && (o.force || o.rerun_failed))
        return err_set(ST_USAGE, "--migrate-ids runs nothing: it takes no --force or --rerun-failed"),
               report_error("sweep", ST_USAGE);
    if (!o.jobs) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o.jobs = n > 0 ? (int)n : 1;
    }

    static ExpFile x;
    Status st = expfile_load(&x, file);
    if (st != ST_OK) {
        fprintf(stderr, "%s\n", err_msg()); /* already "FILE:LINE: what" */
        return status_exit_code(st);
    }
    if (x.bench && o.jobs != 1 && !list && !collect) {
        fprintf(stderr, "descent sweep: %s is a benchmark ([bench]): its runs are timed one at a time\n", x.name);
        o.jobs = 1;
    }
    int rc = 0;
    if (migrate) {
        rc = migrate_cmd(&x, o.results);
    } else if (sweep_stale(&x, &o, stderr) > 0) {
        rc = 2; /* named: nothing is run, listed or collected from stale folders */
    } else if (list) {
        extern char *program_invocation_name; /* glibc: argv[0] of main */
        st = sweep_list(&x, &o, program_name(program_invocation_name), stdout);
        if (st != ST_OK) rc = report_error("sweep", st);
    } else if (collect) {
        int rows, stray;
        st = sweep_collect(&x, o.results, &rows, &stray);
        if (st != ST_OK) rc = report_error("sweep", st);
        else {
            printf("%s: %d of %d runs in %s/%s/runs.tsv", x.name, rows, x.nruns, o.results, x.name);
            if (stray) printf(" (%d folder%s not in the matrix left out)", stray, stray == 1 ? "" : "s");
            printf("\n");
        }
    } else {
        o.progress = isatty(2) != 0;
        SweepTally t;
        st = sweep_run(&x, &o, &t);
        int m = (int)(t.wall_s / 60);
        char now_failed[64] = "";
        if (t.failed_now) snprintf(now_failed, sizeof now_failed, ", %d of them failed", t.failed_now);
        printf("%s: %d runs: %d ok, %d diverged, %d failed, %d missing (%d ran now%s, %d cached) "
               "in %dm%02ds with -j %d; %s/%s/runs.tsv\n",
               x.name, t.total, t.done - t.diverged, t.diverged, t.failed, t.missing, t.ran, now_failed, t.cached, m,
               (int)(t.wall_s - 60 * m + 0.5), o.jobs, o.results, x.name);
        fflush(stdout);
        if (st != ST_OK) rc = report_error("sweep", st);
        else if (t.interrupted) rc = 130;
        else if (t.failed) {
            fprintf(stderr, "descent sweep: %d run%s failed (--rerun-failed reruns them):\n", t.failed,
                    t.failed == 1 ? "" : "s");
            char reason[512], label[1024], dir[4096];
            for (int i = 0, named = 0; i < x.nruns; i++) {
                if (strcmp(sweep_run_status(&x, o.results, i, reason, sizeof reason), "failed")) continue;
                if (++named > 20) {
                    fprintf(stderr, "  ... and %d more (status failed in runs.tsv)\n", t.failed - 20);
                    break;
                }
                expfile_run_label(&x, i, label, sizeof label);
                sweep_run_dir(&x, o.results, i, dir, sizeof dir);
                fprintf(stderr, "  %s (%s): %s; %s/stderr.txt\n", x.runs[i].id, label, reason, dir);
            }
            rc = 1;
        } else if (t.failed_now) {
            fprintf(stderr, "descent sweep: %d run%s failed now and kept %s earlier result%s (the lines above say why)\n",
                    t.failed_now, t.failed_now == 1 ? "" : "s", t.failed_now == 1 ? "its" : "their",
                    t.failed_now == 1 ? "" : "s");
            rc = 1;
        }
    }
    expfile_free(&x);
    return rc;
}
