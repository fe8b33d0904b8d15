/* Fuzzes the experiment-file reader (src/runner/expfile.c): the input is an .ini file;
 * a file that loads is expanded into every run's pairs, settings and label. */
#include <string.h>

#include "fuzz.h"
#include "runner/expfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ExpFile x; /* large: kept off the stack */
    Status st = expfile_load(&x, fuzz_file("fuzz.ini", data, size));
    fuzz_check_error(st, "expfile");
    if (st != ST_OK) return 0;
    for (int i = 0; i < x.nruns && i < 64; i++) {
        static SettingPairs p;
        static Settings s;
        char label[1024];
        memset(&p, 0, sizeof p);
        expfile_run_pairs(&x, i, &p);
        expfile_run_settings(&x, i, &s);
        expfile_run_label(&x, i, label, sizeof label);
    }
    expfile_free(&x);
    return 0;
}
