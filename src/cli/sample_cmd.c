/* descent sample: a continuation of a prompt by a saved GPT, for people to see what it
 * learned. Tokens are drawn one at a time from softmax(logits/τ) restricted to the K
 * most likely (top-k), with the stream "sample" of the given seed; the window slides
 * once the text is longer than the context. */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/blas.h"
#include "core/rng.h"
#include "models/checkpoint.h"
#include "models/gpt.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: descent sample --checkpoint FILE [--prompt TEXT] [--tokens N]\n"
               "                      [--temperature T] [--top-k K] [--seed S] [--threads N]\n"
               "\n"
               "Prints the prompt and N sampled characters (default 200, temperature 1,\n"
               "top-k 0 = all, seed 1). Prompt characters outside the model's vocabulary are\n"
               "an error.\n");
}

int cmd_sample(int argc, char **argv)
{
    const char *ckpt = NULL, *prompt = "", *ntok = "200", *temp = "1", *topk = "0", *seed = "1";
    const char *threads = NULL;
    const CmdOption opts[] = {
        {"checkpoint", true, "model file", &ckpt},
        {"prompt", true, "text to continue", &prompt},
        {"tokens", true, "characters to sample", &ntok},
        {"temperature", true, "softmax temperature", &temp},
        {"top-k", true, "sample among the K most likely (0: all)", &topk},
        {"seed", true, "sampling seed", &seed},
        {"threads", true, "worker threads", &threads},
    };
    static SettingPairs pairs;
    bool help;
    Status st = args_parse(argc, argv, opts, 7, &pairs, &help);
    if (help) return usage(stdout), 0;
    if (st != ST_OK) return report_error("sample", st);
    if (!ckpt) return err_set(ST_USAGE, "--checkpoint FILE is required"), report_error("sample", ST_USAGE);
    if (pairs.n) return err_set(ST_USAGE, "--%s: sample takes no settings", pairs.item[0].key), report_error("sample", ST_USAGE);
    char *e1, *e2, *e3, *e4;
    long n = strtol(ntok, &e1, 10), K = strtol(topk, &e2, 10);
    double tau = strtod(temp, &e3);
    strtoll(seed, &e4, 10);
    if (*e1 || *e2 || *e3 || *e4 || e1 == ntok || e2 == topk || e3 == temp || e4 == seed)
        return err_set(ST_USAGE, "--tokens, --top-k, --temperature and --seed take numbers"),
               report_error("sample", ST_USAGE);
    if (n < 0 || n > 1000000 || K < 0 || !(tau > 0))
        return err_set(ST_USAGE, "--tokens (at most 1e6) and --top-k must be >= 0 and --temperature > 0"),
               report_error("sample", ST_USAGE);
    int nthreads;
    if ((st = args_threads(threads, &nthreads)) != ST_OK) return report_error("sample", st);
    blas_init(nthreads);

    static Settings s;
    DataShape shape;
    Model *m = NULL;
    if ((st = checkpoint_load(ckpt, &m, &s, &shape)) != ST_OK) return report_error("sample", st);
    if (s.model != MODEL_GPT) {
        model_free(m);
        return err_set(ST_USAGE, "%s: sample needs a gpt checkpoint", ckpt), report_error("sample", ST_USAGE);
    }
    int V = gpt_vocab(m), T = gpt_context(m), id[256];
    for (int c = 0; c < 256; c++) id[c] = -1;
    for (int v = 0; v < V; v++) id[shape.charset[v]] = v;
    size_t plen = strlen(prompt);
    int *text = malloc(sizeof(int) * (plen + (size_t)n + 1));
    double *p = malloc(sizeof(double) * (size_t)V);
    int *order = malloc(sizeof(int) * (size_t)V);
    gsl_rng *r = rng_stream((uint64_t)strtoll(seed, NULL, 10), "sample");
    if (!text || !p || !order || !r) {
        st = err_set(ST_NOMEM, "out of memory");
        goto done;
    }
    long len = 0;
    for (size_t i = 0; i < plen; i++) {
        int v = id[(unsigned char)prompt[i]];
        if (v < 0) {
            st = err_set(ST_USAGE, "--prompt: character 0x%02x is not in the model's vocabulary",
                         (unsigned char)prompt[i]);
            goto done;
        }
        text[len++] = v;
    }
    if (len == 0) text[len++] = 0; /* no prompt: start from the first symbol */
    fwrite(prompt, 1, plen, stdout);
    if (plen == 0) putchar(shape.charset[0]);
    for (int i = 0; i < n; i++) {
        long start = len > T ? len - T : 0;
        int t = (int)(len - start);
        const float *logits = gpt_logits(m, text + start, 1, t) + (long)(t - 1) * V;
        /* the K most likely ids by a partial selection sort (V is small) */
        for (int v = 0; v < V; v++) order[v] = v;
        int keep = K > 0 && K < V ? K : V;
        for (int a = 0; a < keep && keep < V; a++)
            for (int b = a + 1; b < V; b++)
                if (logits[order[b]] > logits[order[a]]) {
                    int x = order[a];
                    order[a] = order[b];
                    order[b] = x;
                }
        double mx = -INFINITY, sum = 0;
        for (int a = 0; a < keep; a++) mx = fmax(mx, logits[order[a]] / tau);
        for (int a = 0; a < keep; a++) sum += p[a] = exp(logits[order[a]] / tau - mx);
        double u = gsl_rng_uniform(r) * sum, acc = 0;
        int pick = order[keep - 1];
        for (int a = 0; a < keep; a++)
            if ((acc += p[a]) > u) {
                pick = order[a];
                break;
            }
        text[len++] = pick;
        putchar(shape.charset[pick]);
    }
    putchar('\n');
done:
    free(text), free(p), free(order);
    gsl_rng_free(r);
    model_free(m);
    return st == ST_OK ? 0 : report_error("sample", st);
}
