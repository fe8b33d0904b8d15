/* A tab-separated table read whole into memory: one header line, then rows of
 * strings (the result files of docs/FORMATS.md). Cells are looked up by column name;
 * a missing column or a non-number reads as NaN, so report code can ask for what a
 * kind of run may not have. */
#ifndef DESCENT_CORE_TABLE_H
#define DESCENT_CORE_TABLE_H

#include "core/status.h"

typedef struct {
    int ncols, nrows;
    char **head;  /* (ncols) */
    char ***cell; /* (nrows, ncols) */
    char *text;   /* the file; head and cell point into it */
} Table;

/* Reads path; rows with fewer cells than the header get empty cells. Lines starting
 * with '#' are skipped. */
Status table_read(Table *t, const char *path);
void table_free(Table *t); /* accepts a zeroed Table */
/* Index of the named column, or -1. */
int table_col(const Table *t, const char *name);
/* The cell, or "" when the column is missing (col < 0). */
const char *table_str(const Table *t, int row, int col);
/* The cell as a number: NaN when missing or not a number ("nan" reads as NaN). */
double table_num(const Table *t, int row, int col);
/* Same by column name. */
const char *table_get(const Table *t, int row, const char *name);
double table_getnum(const Table *t, int row, const char *name);

#endif
