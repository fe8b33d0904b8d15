/* An experiment file (experiments/NAME.ini, docs/EXPERIMENTS.md), read strictly with
 * inih and expanded into runs.
 *
 *   [experiment]  title, claims (ids of docs/CLAIMS.md), description, save (on: every
 *                 run also writes model.safetensors, for rules that compare weights)
 *   [settings]    base settings: the keys and values of `descent train`
 *   [sweep]       axes: a key and a space-separated list of values, or the helpers
 *                 logspace(a, b, n) and linspace(a, b, n). A linked axis names several
 *                 settings joined by '/' and gives each value as as many parts joined
 *                 by '/' (precision/rounding = bf16-pure/nearest bf16-pure/stochastic):
 *                 its settings vary together, not as a product. On a plain axis '/' is
 *                 part of the value (data = text:a/x.txt text:b/y.txt is two runs)
 *   [verdict]     rule = NAME and free-form parameters, kept as text for the report
 *   [bench]       makes the runs benchmarks (`descent bench`, timed one at a time):
 *                 threads = 1 2 (each run is timed at each count), steps, warmup
 *                 (timed and untimed steps per timing), repeats (timings per count)
 *                 and peak_size (n of the n×n×n sgemm whose rate is the peak)
 *   [gradcheck]   (no keys) makes each run `descent gradcheck` (claim C07): gradcheck.tsv
 *
 * The runs are the cartesian product of the axes in file order, the last axis varying
 * fastest (nested loops). Every run is validated here, before anything runs. A run's
 * id is settings_run_id of its effective settings (defaults included).
 *
 * Every error is one line "FILE:LINE: what" with ST_USAGE, also when the file cannot
 * be read ("FILE: cannot read: ..."): the argument is wrong, not the disk. */
#ifndef DESCENT_RUNNER_EXPFILE_H
#define DESCENT_RUNNER_EXPFILE_H

#include "core/status.h"
#include "settings/settings.h"

enum { EXP_MAX_THREADS = 8, EXP_MAX_AXES = 32, EXP_MAX_PARTS = 8, EXP_MAX_VERDICT = 64, EXP_MAX_RUNS = 100000, EXP_TEXT = 4096 };

typedef struct {
    char key[64];   /* as written: "lr", or "precision/rounding" for a linked axis */
    int line;
    int nparts;     /* settings on the axis: 1, or more for a linked axis */
    char part[EXP_MAX_PARTS][64]; /* their keys */
    int n;
    char **values; /* (n) value texts as written, parts joined by '/' */
} ExpAxis;

typedef struct {
    char key[64];
    char value[EXP_TEXT];
    int line;
} ExpParam;

typedef struct {
    char id[13];
    int pick[EXP_MAX_AXES]; /* value index on each axis */
} ExpRun;

typedef struct {
    char path[1024];
    char name[256]; /* file stem: results go to RESULTS/name */
    char title[EXP_TEXT], claims[EXP_TEXT], description[EXP_TEXT];
    SettingPairs base; /* [settings], where = "FILE:LINE" */
    int naxes;
    ExpAxis axis[EXP_MAX_AXES];
    char rule[64];
    int nverdict;
    ExpParam verdict[EXP_MAX_VERDICT]; /* [verdict] parameters other than rule */
    bool bench; /* a [bench] section: the runs are benchmarks */
    bool gradcheck; /* a [gradcheck] section: the runs are descent gradcheck */
    bool save;      /* [experiment] save = on: train runs get --save */
    int bench_threads[EXP_MAX_THREADS], nbench_threads; /* [bench] threads, default 1 */
    int bench_steps, bench_warmup, bench_repeats, bench_peak_size; /* defaults 30, 10, 5, 2048 */
    char bench_baseline[128]; /* [bench] baseline: KEY=VALUE timed beside each run, or "" */
    int nruns;
    ExpRun *runs; /* (nruns) in matrix order */
} ExpFile;

/* Reads, checks and expands path. On error x holds nothing to free. */
Status expfile_load(ExpFile *x, const char *path);
void expfile_free(ExpFile *x);

/* The pairs of run i: the base settings, then its value on each axis. */
void expfile_run_pairs(const ExpFile *x, int i, SettingPairs *p);
/* The effective settings of run i (validated by expfile_load). */
void expfile_run_settings(const ExpFile *x, int i, Settings *s);
/* Part `part` of value `value` of axis a, as descent train takes it. */
void expfile_axis_part(const ExpAxis *a, int value, int part, char *out, size_t cap);
/* "lr=0.1, seed=2": run i's axis values ("" without axes). */
void expfile_run_label(const ExpFile *x, int i, char *out, size_t cap);

#endif
