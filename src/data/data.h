/* A data source: what the training loop asks of any dataset. Opened from the
 * settings; training batches come from the run's "data" stream; evaluation batches
 * are fixed and never depend on the training seed. */
#ifndef DESCENT_DATA_DATA_H
#define DESCENT_DATA_DATA_H

#include <gsl/gsl_rng.h>

#include "core/status.h"
#include "data/batch.h"
#include "settings/settings.h"

typedef enum { SPLIT_TRAIN, SPLIT_VAL, SPLIT_TEST } Split;

typedef struct Data Data;

typedef struct {
    const char *name;
    /* The next training batch of `rows` rows (at most the batch size given at open). */
    void (*train_batch)(Data *d, int rows, Batch *out);
    /* A batch of `rows` training rows (at most the batch size given at open) drawn
     * independently and uniformly, with replacement, from r alone: the source's own
     * order and stream stay as they were (measurements beside training, train/gradnoise). */
    void (*sample_batch)(Data *d, gsl_rng *r, int rows, Batch *out);
    /* Evaluation batch i of a split, up to `rows` rows; returns its rows, 0 past the end. */
    int (*eval_batch)(Data *d, Split split, int i, int rows, Batch *out);
    void (*free)(Data *d);
} DataOps;

struct Data {
    const DataOps *ops;
    DataShape shape;      /* inputs and classes (or vocabulary) of the examples */
    long train_items;     /* examples (or tokens) in the training split */
    long train_rows;      /* rows a full epoch takes (examples, or windows of T) */
    double entropy_rate;  /* nats per token the best model could reach; NAN if unknown */
    long epoch;           /* epochs started so far */
    gsl_rng *stream;      /* the run's "data" stream */
};

/* Opens the dataset the settings name, for batches of up to s->batch rows. */
Status data_open(Data **out, const Settings *s);
void data_free(Data *d); /* accepts NULL */

#endif
