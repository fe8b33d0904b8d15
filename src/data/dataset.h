/* An in-memory classification dataset: n examples of dim features and a class label. */
#ifndef DESCENT_DATA_DATASET_H
#define DESCENT_DATA_DATASET_H

#include <stdint.h>

#include "core/status.h"

typedef struct {
    int n, dim, classes;
    float *x; /* (n, dim) */
    int *y;   /* (n) in [0, classes) */
} Dataset;

/* The three splits of a classification problem. val is carved from the training
 * data deterministically; test is used only for the final evaluation. */
typedef struct {
    Dataset train, val, test;
} Splits;

Status dataset_alloc(Dataset *d, int n, int dim, int classes);
void dataset_free(Dataset *d); /* accepts a zeroed Dataset */
void splits_free(Splits *s);

/* Fashion-MNIST from the four IDX .gz files in dir (train-images-idx3-ubyte.gz, ...).
 * Pixels are scaled to [0,1] and standardised by the mean and standard deviation of
 * the training split; val is the last 5,000 training images. A missing, truncated
 * or corrupt file is ST_IO with a message naming it. */
Status fashion_load(Splits *out, const char *dir);
/* The same reader for files that hold other item counts (n_train_file training images,
 * the last n_val of them val, n_test_file test images): small synthetic files for the
 * tests and the fuzzer exercise every check fashion_load makes. 0 < n_val < n_train_file. */
Status fashion_load_counts(Splits *out, const char *dir, int n_train_file, int n_test_file,
                           int n_val);

/* K interleaved 2-D spirals (classes arms), n_per_class training points per arm plus
 * a quarter as many each for val and test, with Gaussian noise of std `noise`, all
 * drawn from the stream "spirals" of `seed`. */
Status spirals_make(Splits *out, int classes, int n_per_class, double noise, uint64_t seed);

#endif
