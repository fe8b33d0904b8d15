/* Words for keys and values (see labels.h). */
#include "report/labels.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key, *words;
} key_words[] = {
    {"lr", "learning rate"},
    {"precision/rounding/loss_scale", "number format"},
    {"precision/rounding", "number format"},
    {"precision", "number format"},
    {"loss_scale", "loss scaling"},
    {"final_val_loss", "final validation loss"},
    {"best_val_loss", "best validation loss"},
    {"final_train_loss", "final training loss"},
    {"val_acc", "validation accuracy"},
    {"test_loss", "test loss"},
    {"test_acc", "test accuracy"},
    {"final_loss", "final loss"},
    {"final_w", "final w"},
    {"final_w1", "final w₁"},
    {"final_w2", "final w₂"},
    {"params", "parameters"},
    {"weight_bytes", "weight bytes"},
    {"grad_bytes", "gradient bytes"},
    {"state_bytes", "optimizer state bytes"},
    {"activation_bytes", "activation bytes"},
    {"weight_decay", "weight decay"},
    {"widths", "hidden widths"},
    {"residual/norm/norm_position", "residual, norm, position"},
    {"clip", "clipping at"},
    {"act", "activation"},
    {"init", "initialisation"},
    {"warmup", "warmup steps"},
    {"eval_every", "evaluation interval"},
    {"val_tokens", "validation tokens"},
};

/* Value words: `when` names another setting's value that must hold (NULL: always);
 * "" leaves the value out. The first matching line wins. */
static const struct {
    const char *key, *value, *when_key, *when_value, *words;
} value_words[] = {
    {"precision", "fp32", NULL, NULL, "fp32"},
    {"precision", "bf16", NULL, NULL, "bf16 products, fp32 weights"},
    {"precision", "bf16-pure", NULL, NULL, "bf16 weights"},
    {"precision", "fp16", NULL, NULL, "fp16"},
    {"rounding", "nearest", "precision", "bf16-pure", "round to nearest"},
    {"rounding", "nearest", NULL, NULL, ""},
    {"rounding", "stochastic", NULL, NULL, "stochastic rounding"},
    {"loss_scale", "none", "precision", "fp16", "no loss scaling"},
    {"loss_scale", "none", NULL, NULL, ""},
    {"loss_scale", "dynamic", NULL, NULL, "dynamic loss scaling"},
    {"loss_scale", "static", NULL, NULL, "static loss scaling"},
    {"norm", "none", NULL, NULL, "no norm"},
    {"norm", "layer", NULL, NULL, "LayerNorm"},
    {"norm", "rms", NULL, NULL, "RMSNorm"},
    {"norm_position", "pre", "norm", "none", ""},
    {"norm_position", "pre", NULL, NULL, "pre-norm"},
    {"norm_position", "post", NULL, NULL, "post-norm"},
};

const char *label_key(char *out, size_t cap, const char *key)
{
    for (size_t i = 0; i < sizeof key_words / sizeof key_words[0]; i++)
        if (!strcmp(key_words[i].key, key)) return snprintf(out, cap, "%s", key_words[i].words), out;
    snprintf(out, cap, "%s", key);
    for (char *p = out; *p; p++)
        if (*p == '_') *p = ' ';
    return out;
}

static bool is_number(const char *s)
{
    char *end;
    strtod(s, &end);
    return end != s && *end == '\0';
}

/* One setting's value in words, "" when it goes without saying. */
static void one_value(char *out, size_t cap, const Experiment *x, int row, const char *key, bool with_key)
{
    const char *v = table_get(&x->runs, row, key);
    for (size_t i = 0; i < sizeof value_words / sizeof value_words[0]; i++) {
        if (strcmp(value_words[i].key, key) || strcmp(value_words[i].value, v)) continue;
        if (value_words[i].when_key && strcmp(table_get(&x->runs, row, value_words[i].when_key), value_words[i].when_value))
            continue;
        snprintf(out, cap, "%s", value_words[i].words);
        return;
    }
    char k[128];
    /* a number or on/off means little without its setting: "learning rate 0.1", "residual on" */
    if (with_key && (is_number(v) || !strcmp(v, "on") || !strcmp(v, "off"))) snprintf(out, cap, "%s %s", label_key(k, sizeof k, key), v);
    else snprintf(out, cap, "%s", v);
}

static const char *value_words_of(char *out, size_t cap, const Experiment *x, int row, const char *key, bool with_key)
{
    out[0] = '\0';
    char part[EXP_KEY];
    size_t len = 0;
    for (const char *p = key; *p;) {
        size_t n = strcspn(p, "/");
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        char w[256];
        one_value(w, sizeof w, x, row, part, with_key);
        if (w[0] && len < cap) len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? ", " : "", w);
        p += n + (p[n] == '/');
    }
    if (!out[0]) snprintf(out, cap, "%s", table_get(&x->runs, row, part)); /* nothing else to say */
    return out;
}

const char *label_value(char *out, size_t cap, const Experiment *x, int row, const char *key)
{
    return value_words_of(out, cap, x, row, key, false);
}

const char *label_run(char *out, size_t cap, const Experiment *x, int row, const Cells *c)
{
    if (!c->nkeys) return snprintf(out, cap, "all runs"), out;
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < c->nkeys && len < cap; k++) {
        char w[512];
        value_words_of(w, sizeof w, x, row, c->keys[k], true);
        len += (size_t)snprintf(out + len, cap - len, "%s%s", k ? ", " : "", w);
    }
    return out;
}
