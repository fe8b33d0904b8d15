/* What a data source hands out: batches, and the sizes its examples have. A model
 * consumes both; the data layer knows no models. Batch buffers belong to the data
 * source and stay valid until its next call. */
#ifndef DESCENT_DATA_BATCH_H
#define DESCENT_DATA_BATCH_H

typedef struct {
    int rows;          /* B: examples or sequences in the batch */
    const float *x;    /* (B, inputs) features, classification data */
    const int *y;      /* (B) class labels, classification data */
    const int *tokens; /* (B, T+1) token ids, text data: inputs [0,T), targets [1,T] */
} Batch;

/* The sizes of a dataset's examples, which size a model's input and output layers. */
typedef struct {
    int inputs;  /* features per example (classification) */
    int classes; /* classes (classification) or vocabulary size (text) */
    unsigned char charset[256]; /* text corpora: the byte of each token id (classes of them) */
} DataShape;

#endif
