/* Fuzzes the IDX .gz reader (src/data/fashion.c) through fashion_load_counts with 12
 * training images (the last 2 val) and 4 test images. The input holds the four files:
 * three 16-bit little-endian lengths, then the train images, train labels and test
 * images of those lengths, then the test labels (the rest). zlib reads a file that is
 * not gzip as it is, so seeds can be plain IDX as well as gzip. */
#include "data/dataset.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *names[4] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                   "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
    size_t len[4], at = 6;
    if (size < 6) return 0;
    for (int i = 0; i < 3; i++) len[i] = (size_t)data[2 * i] | (size_t)data[2 * i + 1] << 8;
    for (int i = 0; i < 4; i++) {
        size_t n = i < 3 ? (len[i] < size - at ? len[i] : size - at) : size - at;
        fuzz_file(names[i], data + at, n);
        at += n;
    }
    Splits sp;
    Status st = fashion_load_counts(&sp, fuzz_dir(), 12, 4, 2);
    fuzz_check_error(st, "idx");
    if (st == ST_OK && (sp.train.n != 10 || sp.val.n != 2 || sp.test.n != 4)) __builtin_trap();
    splits_free(&sp);
    return 0;
}
