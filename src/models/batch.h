/* One batch as the data layer hands it to a model. Buffers belong to the data source
 * and stay valid until its next call. */
#ifndef DESCENT_MODELS_BATCH_H
#define DESCENT_MODELS_BATCH_H

typedef struct {
    int rows;          /* B: examples or sequences in the batch */
    const float *x;    /* (B, inputs) features, classification data */
    const int *y;      /* (B) class labels, classification data */
    const int *tokens; /* (B, T+1) token ids, text data: inputs [0,T), targets [1,T] */
} Batch;

#endif
