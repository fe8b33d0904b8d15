/* unit: the settings table. Every default parses and validates for both models, every
 * value formats canonically and reads back to the same value, run ids ignore how a
 * number was written and the order settings were given, and bad values are refused.
 *
 * Run ids hash only what differs from the model's defaults: pinned ids of committed
 * runs (results/parabola, results/lr_sweep_mlp) prove that a setting added with a
 * default that keeps today's behaviour changes no id; locations are left out; a
 * text:PATH corpus counts by its content, not its path; a recorded setting that is
 * missing counts as its default when a cached run is compared. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "settings/settings.h"

static int ids_equal(const char *k1, const char *v1, const char *k2, const char *v2)
{
    SettingPairs a = {0}, b = {0};
    pairs_add(&a, k1, v1, "a");
    pairs_add(&a, k2, v2, "a");
    pairs_add(&b, k2, v2, "b");
    pairs_add(&b, k1, v1, "b");
    Settings sa, sb;
    if (settings_from_pairs(&sa, &a) || settings_from_pairs(&sb, &b)) return -1;
    char ia[13], ib[13];
    settings_run_id(&sa, ia);
    settings_run_id(&sb, ib);
    return strcmp(ia, ib) == 0;
}

/* The run id of settings given as key=value pairs ("" if they do not parse). */
static void id_of(const char *const *kv, int n, char out[13])
{
    SettingPairs p = {0};
    for (int i = 0; i + 1 < n; i += 2) pairs_add(&p, kv[i], kv[i + 1], "");
    Settings s;
    out[0] = '\0';
    if (settings_from_pairs(&s, &p) == ST_OK && settings_run_id(&s, out) != ST_OK) out[0] = '\0';
}

/* A recorded summary row for settings_diff_recorded: keys and values, NULL ended. */
static const char *recorded_get(void *ctx, const char *key)
{
    const char *const *kv = ctx;
    for (int i = 0; kv[i]; i += 2)
        if (!strcmp(kv[i], key)) return kv[i + 1];
    return NULL;
}

/* The identity on one line ("|" for each newline), for the messages. */
static const char *one_line(char *text)
{
    for (char *c = text; *c; c++)
        if (*c == '\n') *c = '|';
    return text;
}

static void test_run_ids(void)
{
    char id[13], text[4096];
    /* pinned: the ids of committed run folders. If these change, every committed run
     * is orphaned: do not change them, migrate (descent sweep --migrate-ids) instead */
    const char *parabola[] = {"model", "toy", "lr", "0.05"};
    id_of(parabola, 4, id);
    CHECK_TRUE(!strcmp(id, "633eb2e3708a"), "toy lr=0.05 has the id of its committed run (%s)", id);
    const char *mlp[] = {"model", "mlp", "data", "fashion", "widths", "256,128", "act", "relu", "init", "he",
                         "epochs", "3", "batch", "128", "schedule", "constant", "warmup", "0", "weight_decay",
                         "0", "optimizer", "sgd", "lr", "1e-6", "seed", "1"};
    id_of(mlp, 26, id);
    CHECK_TRUE(!strcmp(id, "6d47fc0776c0"), "an lr_sweep_mlp run has the id of its committed run (%s)", id);

    /* defaults contribute nothing: the identity of a model's defaults is its name alone,
     * and each setting given its default explicitly keeps the id */
    const ModelKind models[] = {MODEL_MLP, MODEL_GPT, MODEL_TOY};
    for (int m = 0; m < 3; m++) {
        Settings s, t;
        char want[64], base[13], other[13], v[STR_LEN + 64];
        const char *name = model_kind_name(models[m]);
        settings_defaults(&s, models[m]);
        settings_identity(&s, s.data, text, sizeof text);
        snprintf(want, sizeof want, "model=%s\n", name);
        int ok = !strcmp(text, want);
        CHECK_TRUE(ok, "%s defaults: the identity is model=%s alone (got '%s')", name, name,
                   one_line(text));
        settings_run_id_with(&s, s.data, base);
        int moved = 0;
        for (int i = 0; i < n_setting_specs; i++) {
            memcpy(&t, &s, sizeof t);
            settings_format(&s, &setting_specs[i], v, sizeof v);
            settings_set(&t, setting_specs[i].name, v);
            settings_run_id_with(&t, t.data, other);
            moved += strcmp(base, other) != 0;
        }
        CHECK_TRUE(moved == 0, "%s: no setting given its default moves the id", name);
    }
    Settings g;
    settings_defaults(&g, MODEL_GPT);
    settings_set(&g, "data", "kjv");
    settings_set(&g, "lr", "0.01");
    settings_set(&g, "fashion_dir", "/elsewhere");
    settings_identity(&g, g.data, text, sizeof text);
    int ok = !strcmp(text, "data=kjv\nlr=0.01\nmodel=gpt\n");
    CHECK_TRUE(ok, "the identity: the settings off their defaults, sorted, locations left out (%s)", one_line(text));
    const char *moved_a[] = {"fashion_dir", "/elsewhere", "lr", "0.1"}, *moved_b[] = {"lr", "0.1"};
    char ia[13], ib[13];
    id_of(moved_a, 4, ia), id_of(moved_b, 2, ib);
    CHECK_TRUE(ia[0] && !strcmp(ia, ib), "fashion_dir is no part of the run id");
    const char *fault[] = {"fault_at_step", "5"};
    id_of(fault, 2, ia);
    CHECK_TRUE(ia[0] && strcmp(ia, ib), "fault_at_step (testing only) off its default is part of it: a run that aborts is another run");

    /* text:PATH: the content, not the path */
    char dir[] = "/tmp/descent-settings-XXXXXX", f1[64], f2[64], f3[64], d1[600], d2[600], d3[600];
    CHECK_TRUE(mkdtemp(dir) != NULL, "a scratch folder");
    snprintf(f1, sizeof f1, "%s/a.txt", dir), snprintf(f2, sizeof f2, "%s/b.txt", dir);
    snprintf(f3, sizeof f3, "%s/c.txt", dir);
    const char *bodies[] = {"in the beginning\n", "in the beginning\n", "in the beginninG\n"};
    const char *files[] = {f1, f2, f3};
    for (int k = 0; k < 3; k++) {
        FILE *f = fopen(files[k], "w");
        CHECK_TRUE(f && fputs(bodies[k], f) >= 0 && fclose(f) == 0, "wrote %s", files[k]);
    }
    snprintf(d1, sizeof d1, "text:%s", f1), snprintf(d2, sizeof d2, "text:%s", f2), snprintf(d3, sizeof d3, "text:%s", f3);
    const char *t1[] = {"model", "gpt", "data", d1}, *t2[] = {"model", "gpt", "data", d2}, *t3[] = {"model", "gpt", "data", d3};
    char i1[13], i2[13], i3[13];
    id_of(t1, 4, i1), id_of(t2, 4, i2), id_of(t3, 4, i3);
    CHECK_TRUE(i1[0] && !strcmp(i1, i2), "one corpus at two paths: one run id (%s)", i1);
    CHECK_TRUE(i3[0] && strcmp(i1, i3), "a corpus one byte different: another run id (%s)", i3);
    char data_id[600];
    Status st = settings_data_identity(d1, data_id, sizeof data_id);
    CHECK_TRUE(st == ST_OK && !strncmp(data_id, "text:", 5) && strlen(data_id) == 21,
               "a corpus's identity is text: and 16 hex digits (%s)", data_id);
    for (int k = 0; k < 3; k++) unlink(files[k]);
    Settings ts;
    settings_defaults(&ts, MODEL_GPT);
    settings_set(&ts, "data", d1);
    st = settings_run_id(&ts, id);
    CHECK_TRUE(st == ST_IO && strstr(err_msg(), f1), "a corpus that cannot be read: ST_IO naming it (%s)", err_msg());
    rmdir(dir);

    /* a cached run's record against the settings: missing keys are defaults */
    Settings now;
    settings_defaults(&now, MODEL_MLP);
    settings_set(&now, "lr", "0.1");
    char diff[1024];
    const char *same[] = {"model", "mlp", "lr", "0.1", "fashion_dir", "/elsewhere", NULL};
    CHECK_TRUE(settings_diff_recorded(&now, recorded_get, (void *)same, diff, sizeof diff) == 0,
               "a record without the newer keys, data elsewhere: not stale (%s)", diff);
    const char *other_lr[] = {"model", "mlp", "lr", "0.2", "epochs", "10", NULL};
    int n = settings_diff_recorded(&now, recorded_get, (void *)other_lr, diff, sizeof diff);
    CHECK_TRUE(n == 1 && !strcmp(diff, "lr recorded 0.2, now 0.1"), "a differing key is named: %s", diff);
    const char *no_lr[] = {"model", "mlp", NULL};
    n = settings_diff_recorded(&now, recorded_get, (void *)no_lr, diff, sizeof diff);
    CHECK_TRUE(n == 1 && !strcmp(diff, "lr recorded 0.001, now 0.1"), "a missing key counts as its default: %s", diff);
}

int main(void)
{
    test_run_ids();
    const ModelKind models[] = {MODEL_MLP, MODEL_GPT};
    for (int m = 0; m < 2; m++) {
        Settings s, t;
        settings_defaults(&s, models[m]);
        CHECK_TRUE(settings_validate(&s) == ST_OK, "%s defaults validate (%s)", model_kind_name(models[m]),
                   settings_validate(&s) ? err_msg() : "ok");
        int bad = 0;
        for (int i = 0; i < n_setting_specs; i++) {
            const SettingSpec *sp = &setting_specs[i];
            const char *def = m && sp->def_gpt ? sp->def_gpt : sp->def_mlp;
            char v1[STR_LEN + 64], v2[STR_LEN + 64];
            memcpy(&t, &s, sizeof t);
            if (settings_set(&t, sp->name, def) != ST_OK) {
                printf("    default of %s does not parse: %s\n", sp->name, err_msg());
                bad++;
                continue;
            }
            settings_format(&s, sp, v1, sizeof v1);
            if (settings_set(&t, sp->name, v1) != ST_OK) {
                printf("    %s: its formatted default %s does not parse: %s\n", sp->name, v1, err_msg());
                bad++;
                continue;
            }
            settings_format(&t, sp, v2, sizeof v2);
            if (strcmp(v1, v2)) printf("    %s: %s formats back as %s\n", sp->name, v1, v2), bad++;
        }
        CHECK_TRUE(bad == 0, "%s: every default parses and formats back to itself", model_kind_name(models[m]));
    }

    CHECK_TRUE(ids_equal("lr", "1e-3", "seed", "2") == 1 && ids_equal("lr", "0.001", "seed", "2") == 1,
               "run id does not depend on the order of settings");
    {
        SettingPairs a = {0}, b = {0}, c = {0};
        pairs_add(&a, "lr", "1e-3", "");
        pairs_add(&b, "lr", "0.0010", "");
        pairs_add(&c, "lr", "0.002", "");
        Settings sa, sb, sc;
        CHECK_TRUE(settings_from_pairs(&sa, &a) == ST_OK && settings_from_pairs(&sb, &b) == ST_OK &&
                       settings_from_pairs(&sc, &c) == ST_OK,
                   "lr 1e-3, 0.0010 and 0.002 are settings");
        char ia[13], ib[13], ic[13], id[13];
        settings_run_id(&sa, ia), settings_run_id(&sb, ib), settings_run_id(&sc, ic);
        Settings sd;
        settings_defaults(&sd, MODEL_MLP);
        settings_run_id(&sd, id);
        CHECK_TRUE(!strcmp(ia, ib), "1e-3 and 0.0010 give the same run id (%s)", ia);
        CHECK_TRUE(strcmp(ia, ic) != 0, "a different lr gives a different run id (%s)", ic);
        CHECK_TRUE(!strcmp(ia, id), "an explicit default gives the default's run id");
        CHECK_TRUE(strlen(ia) == 12, "run ids are 12 hex digits");
    }

    Settings s;
    settings_defaults(&s, MODEL_MLP);
    struct { const char *key, *value, *msg; } bad[] = {
        {"lr", "abc", "not a number"},        {"lr", "1e999", "not a number"},
        {"seed", "1.5", "not an integer"},    {"batch", "12x", "not an integer"},
        {"residual", "true", "not on or off"}, {"optimizer", "adamx", "is not one of"},
        {"widths", "64,0", "positive integer"}, {"widths", "64,,32", "empty element"},
        {"widths", "64,", "empty element"},    {"widths", "+64", "positive integer"},
        {"lrr", "1", "did you mean 'lr'"},
        {"zzzzzz", "1", "unknown key 'zzzzzz'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Status st = settings_set(&s, bad[i].key, bad[i].value);
        CHECK_TRUE(st == ST_USAGE && strstr(err_msg(), bad[i].msg), "%s=%s refused: %s", bad[i].key,
                   bad[i].value, err_msg());
    }
    CHECK_TRUE(settings_set(&s, "widths", "1024,512,10") == ST_OK && s.n_widths == 3 && s.widths[1] == 512,
               "widths parse as a list");
    CHECK_TRUE(settings_set(&s, "steps", "1e4") == ST_OK && s.steps == 10000, "1e4 is an integer");
    SettingPairs p = {0};
    pairs_add(&p, "model", "gpt", "x.ini:3");
    pairs_add(&p, "heads", "5", "x.ini:4");
    Settings g;
    CHECK_TRUE(settings_from_pairs(&g, &p) == ST_USAGE && strstr(err_msg(), "does not divide"),
               "heads must divide width: %s", err_msg());
    SettingPairs q = {0};
    pairs_add(&q, "lr", "x", "x.ini:7");
    CHECK_TRUE(settings_from_pairs(&g, &q) == ST_USAGE && !strncmp(err_msg(), "x.ini:7: lr:", 12),
               "errors are prefixed with where: %s", err_msg());
    settings_defaults(&g, MODEL_GPT);
    CHECK_TRUE(g.act == ACT_GELU && g.norm == NORM_LAYER && g.residual,
               "gpt defaults differ from mlp defaults where the table says");
    return th_done();
}
