/* Runs a fuzz harness over committed inputs without libFuzzer, so that every build
 * (gcc, sanitized or not) replays the seeds and the regression cases: each argument
 * is a file or a folder of files. Exits 0 when every input ran (a harness aborts on a
 * broken contract), 99 when an input cannot be read. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return perror(path), 0;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *b = malloc(n > 0 ? (size_t)n : 1);
    int ok = b && fread(b, 1, (size_t)n, f) == (size_t)n;
    fclose(f);
    if (ok) LLVMFuzzerTestOneInput(b, (size_t)n);
    else fprintf(stderr, "%s: cannot read\n", path);
    free(b);
    return ok;
}

int main(int argc, char **argv)
{
    int ran = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) return perror(argv[i]), 99;
        if (!S_ISDIR(sb.st_mode)) {
            if (!run_file(argv[i])) return 99;
            ran++;
            continue;
        }
        struct dirent **names;
        int n = scandir(argv[i], &names, NULL, alphasort);
        if (n < 0) return perror(argv[i]), 99;
        for (int k = 0; k < n; k++) {
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", argv[i], names[k]->d_name);
            free(names[k]);
            if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
            if (!run_file(p)) return 99;
            printf("ran %s\n", p);
            ran++;
        }
        free(names);
    }
    printf("%d inputs ran\n", ran);
    return ran ? 0 : 99;
}
