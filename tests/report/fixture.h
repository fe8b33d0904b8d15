/* What the report's unit tests share: a scratch root with experiments/ and results/,
 * experiment files written there and judged by their rule, runs.tsv tables whose run
 * ids are those the experiment's matrix gives. Header-only, like harness.h; the test
 * calls fixture_begin (which makes `root`) before using any of it. */
#ifndef DESCENT_TESTS_REPORT_FIXTURE_H
#define DESCENT_TESTS_REPORT_FIXTURE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fs.h"
#include "harness.h"
#include "report/experiment.h"
#include "report/verdicts.h"
#include "settings/settings.h"

static char root[256];

static inline void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        printf("FAIL: cannot write %s\n", path);
        exit(99);
    }
    fputs(text, f);
    fclose(f);
}

/* Makes the scratch root /tmp/descent-TAG-XXXXXX with experiments/ in it (exit 99 if
 * it cannot); fixture_done removes it and returns the harness's summary. */
static inline void fixture_begin(const char *tag)
{
    snprintf(root, sizeof root, "/tmp/descent-%s-XXXXXX", tag);
    if (!mkdtemp(root)) exit(99);
    char dir[300];
    snprintf(dir, sizeof dir, "%s/experiments", root);
    make_dirs(dir);
}

static inline int fixture_done(void)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0) printf("note: could not remove %s\n", root);
    return th_done();
}

/* Writes experiments/NAME.ini and loads it with results/NAME (exit 99 if it cannot). */
static inline void load_experiment(Experiment *x, const char *name, const char *ini)
{
    char path[512], results[512];
    snprintf(path, sizeof path, "%s/experiments/%s.ini", root, name);
    write_file(path, ini);
    snprintf(results, sizeof results, "%s/results", root);
    if (experiment_load(x, path, results) != ST_OK || !x->have_results) {
        printf("FAIL: %s: cannot load (%s)\n", name, err_msg());
        exit(99);
    }
}

/* Writes experiments/NAME.ini and judges results/NAME by its rule: the rule's status. */
static inline Status judge_status(const char *name, const char *ini, Judgement *j)
{
    char path[512], results[512];
    snprintf(path, sizeof path, "%s/experiments/%s.ini", root, name);
    write_file(path, ini);
    snprintf(results, sizeof results, "%s/results", root);
    static Experiment x;
    memset(j, 0, sizeof *j);
    if (experiment_load(&x, path, results) != ST_OK || !x.have_results) {
        printf("FAIL: %s: cannot load (%s)\n", name, err_msg());
        exit(99);
    }
    const VerdictRule *rule = verdict_rule_by_name(x.rule);
    if (!rule) {
        printf("FAIL: %s: no rule '%s'\n", name, x.rule);
        exit(99);
    }
    Status st = rule->judge(&x, j);
    experiment_free(&x);
    return st;
}

static inline Judgement judge(const char *name, const char *ini)
{
    static Judgement j;
    if (judge_status(name, ini, &j) != ST_OK) {
        printf("FAIL: %s: the rule failed (%s)\n", name, err_msg());
        exit(99);
    }
    return j;
}

/* Starts results/NAME/runs.tsv with the header line; dir gets results/NAME. */
static inline FILE *runs_tsv(const char *name, const char *header, char *dir, size_t cap)
{
    char path[700];
    snprintf(dir, cap, "%s/results/%s", root, name);
    make_dirs(dir);
    snprintf(path, sizeof path, "%s/runs.tsv", dir);
    FILE *f = fopen(path, "w");
    if (!f) exit(99);
    fprintf(f, "%s\n", header);
    return f;
}

/* The run id of the default MLP with these settings (pairs key, value, NULL ended):
 * the report accepts only rows that are runs of the experiment's matrix. */
static inline void run_id(char id[13], ...)
{
    va_list ap;
    va_start(ap, id);
    SettingPairs p = {0};
    for (const char *k; (k = va_arg(ap, const char *));) pairs_add(&p, k, va_arg(ap, const char *), "");
    va_end(ap);
    Settings s;
    if (settings_from_pairs(&s, &p) != ST_OK || settings_run_id(&s, id) != ST_OK) {
        printf("FAIL: a fixture's settings: %s\n", err_msg());
        exit(99);
    }
}

#endif
