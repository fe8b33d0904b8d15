/* Run id migration: when the run id function changes, the run folders of an experiment
 * are renamed to the ids their recorded settings give now, without retraining.
 *
 * Every folder of RESULTS/NAME/runs/ with a summary.tsv is read: its settings (a key
 * the record lacks takes its default), their run id (settings_run_id; a text:PATH
 * corpus must be readable), and the folder is renamed to it with provenance.tsv's
 * run_id rewritten; runs.tsv is left to the caller (sweep_collect). Nothing is renamed
 * when two folders would get one id, or a folder's new name is taken. */
#ifndef DESCENT_RUNNER_MIGRATE_H
#define DESCENT_RUNNER_MIGRATE_H

#include <stdio.h>

#include "core/status.h"
#include "runner/expfile.h"

typedef struct {
    int folders;  /* run folders with a record */
    int renamed;  /* moved to a new id */
    int current;  /* already under their id (provenance corrected if it said otherwise) */
    int outside;  /* of those, ids not in the experiment's matrix */
} MigrateTally;

/* Renames the run folders of x under results (see above); one line per rename on log
 * (NULL: none). */
Status migrate_ids(const ExpFile *x, const char *results, MigrateTally *t, FILE *log);

#endif
