/* The classification data source (internal to src/data): a Data over in-memory
 * Splits, shuffled per epoch from the run's "data" stream. */
#ifndef DESCENT_DATA_CLASSIFY_H
#define DESCENT_DATA_CLASSIFY_H

#include <stdint.h>

#include "data/data.h"
#include "data/dataset.h"

/* Takes ownership of *sp (zeroed on return, success or not). Training batches hold up
 * to max_batch rows; the permutation comes from rng_stream(seed, "data"). */
Status classify_open(Data **out, Splits *sp, int max_batch, uint64_t seed, const char *name);

#endif
