/* An experiment as the report sees it: its file (experiments/NAME.ini, read by the
 * runner's strict expfile_load: title, claims, description, fixed settings, sweep axes
 * with their values expanded, verdict rule and parameters) and its results
 * (results/NAME/runs.tsv and the run folders beside it).
 *
 * Runs are grouped into cells by the values of chosen axes (e.g. every axis but
 * seed), ordered by those values: numbers numerically, words in the order the axis
 * lists them. */
#ifndef DESCENT_REPORT_EXPERIMENT_H
#define DESCENT_REPORT_EXPERIMENT_H

#include <stdbool.h>

#include "core/status.h"
#include "core/table.h"

enum { EXP_MAX_KV = 128, EXP_MAX_CLAIMS = 16, EXP_KEY = 64, EXP_VALUE = 4096 }; /* a value: an axis of 49 optimizer/lr pairs fits */

typedef struct {
    char key[EXP_KEY];
    char value[EXP_VALUE];
} KeyValue;

typedef struct {
    char name[128];  /* file stem */
    char path[1024]; /* as given, e.g. experiments/parabola.ini */
    char title[256];
    char description[4096];
    char claims[EXP_MAX_CLAIMS][8];
    int nclaims;
    KeyValue settings[EXP_MAX_KV];
    int nsettings;
    KeyValue axes[EXP_MAX_KV]; /* [sweep], in file order */
    int naxes;
    char rule[64];             /* [verdict] rule, "" for none */
    bool bench;                /* a benchmark ([bench]): throughput, not a training matrix */
    KeyValue params[EXP_MAX_KV]; /* [verdict] parameters other than rule */
    int nparams;

    /* results */
    char dir[1024];  /* results/NAME */
    bool have_results;
    Table runs;      /* runs.tsv, one row per run */
} Experiment;

/* Reads the experiment file and, if present, results_root/NAME/runs.tsv. */
Status experiment_load(Experiment *x, const char *path, const char *results_root);
void experiment_free(Experiment *x);

/* A [verdict] parameter: its text or def; as a number or def. */
const char *exp_param(const Experiment *x, const char *key, const char *def);
double exp_param_num(const Experiment *x, const char *key, double def);
/* A [settings] value, or NULL. */
const char *exp_setting(const Experiment *x, const char *key);
bool exp_has_axis(const Experiment *x, const char *key);
/* Whether setting `key` varies: an axis of its own or one part of a linked axis
 * (`lr` of `optimizer/schedule/lr`). */
bool exp_varies(const Experiment *x, const char *key);

/* The sorted distinct finite values of a numeric runs.tsv column, at most max of them
 * into v; returns how many. */
int exp_distinct(const Experiment *x, const char *col, double *v, int max);

/* The first run whose column `key` equals v (relative 1e-9), or -1. */
int exp_find_run(const Experiment *x, const char *key, double v);

/* Reads a run's file (e.g. "curve.tsv") from results/NAME/runs/<run_id>/. */
Status exp_run_file(const Experiment *x, int row, const char *file, Table *t);

/* Runs grouped by the axes not in `exclude` (NULL-terminated), ordered. Excluding one
 * part of a linked axis groups by its other parts, each as its own key (a setting
 * column of runs.tsv): without `lr`, `optimizer/schedule/lr` groups by optimizer and
 * schedule, so each optimizer can have its own learning-rate grid. A grouping key
 * without its runs.tsv column (the runner writes one per setting and one per linked
 * axis) is an error, ST_FAILED. */
typedef struct {
    int nrows;
    int *rows;    /* row indices of runs.tsv */
    char label[256]; /* "optimizer=sgd, lr=0.1" (values only if one axis: "sgd") */
} Cell;

typedef struct {
    int ncells;
    Cell *cell;
    int nkeys;
    char keys[EXP_MAX_KV][EXP_KEY]; /* the grouping axes */
    int *order;   /* (nrows) all rows in cell order */
} Cells;

Status exp_cells(Cells *c, const Experiment *x, const char *const *exclude);
void cells_free(Cells *c);

/* Compares two values of axis `key` as exp_cells orders them. */
int exp_value_cmp(const Experiment *x, const char *key, const char *a, const char *b);

#endif
