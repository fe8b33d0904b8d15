/* safetensors files (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length, a JSON header mapping each tensor name to
 * {"dtype", "shape", "data_offsets"} plus an optional "__metadata__" map of strings,
 * then the raw little-endian tensor bytes. descent writes and reads F32 tensors only,
 * so numpy, PyTorch and safetensors itself read its checkpoints. */
#ifndef DESCENT_CORE_SAFETENSORS_H
#define DESCENT_CORE_SAFETENSORS_H

#include "core/status.h"

enum { ST_NAME_LEN = 128, ST_MAX_DIMS = 8 };

typedef struct {
    char name[ST_NAME_LEN];
    int ndim;
    long shape[ST_MAX_DIMS];
    long numel;
    const float *data; /* numel floats */
} StTensor;

typedef struct {
    const char *key, *value;
} StMeta;

/* Writes the tensors (in the order given) and metadata to path, through a temporary
 * file renamed into place, so a reader never sees half a file. */
Status st_write(const char *path, const StTensor *tensors, int n, const StMeta *meta, int n_meta);

typedef struct {
    StTensor *tensors;
    int n;
    StMeta *meta;
    int n_meta;
    void *storage; /* owns the file's bytes and the strings */
} StFile;

/* Reads and validates a whole file: header JSON, dtypes (F32 only), offsets in range.
 * Errors are ST_IO with a message naming the file and what is wrong. */
Status st_read(StFile *f, const char *path);
const StTensor *st_find(const StFile *f, const char *name); /* NULL if absent */
const char *st_meta(const StFile *f, const char *key);      /* NULL if absent */
void st_free(StFile *f); /* accepts a zeroed StFile */

#endif
