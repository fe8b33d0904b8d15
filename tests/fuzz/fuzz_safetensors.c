/* Fuzzes the safetensors reader (src/core/safetensors.c): the input is a file; one
 * that reads has every tensor's data in range (read here) and every metadata string
 * terminated. */
#include <string.h>

#include "core/safetensors.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    StFile f = {0};
    Status st = st_read(&f, fuzz_file("fuzz.safetensors", data, size));
    fuzz_check_error(st, "safetensors");
    if (st == ST_OK) {
        volatile float sum = 0;
        for (int i = 0; i < f.n; i++) {
            const StTensor *t = &f.tensors[i];
            for (long k = 0; k < t->numel; k++) sum += t->data[k];
            if (st_find(&f, t->name) == NULL) __builtin_trap();
        }
        for (int i = 0; i < f.n_meta; i++)
            if (st_meta(&f, f.meta[i].key) == NULL || strlen(f.meta[i].value) > size) __builtin_trap();
    }
    st_free(&f);
    return 0;
}
