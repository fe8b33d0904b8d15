/* unit: the settings table. Every default parses and validates for both models, every
 * value formats canonically and reads back to the same value, run ids ignore how a
 * number was written and the order settings were given, and bad values are refused. */
#include <string.h>

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

int main(void)
{
    const char *models[] = {"mlp", "gpt"};
    for (int m = 0; m < 2; m++) {
        Settings s, t;
        settings_defaults(&s, models[m]);
        CHECK_TRUE(settings_validate(&s) == ST_OK, "%s defaults validate (%s)", models[m],
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
        CHECK_TRUE(bad == 0, "%s: every default parses and formats back to itself", models[m]);
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
        settings_defaults(&sd, "mlp");
        settings_run_id(&sd, id);
        CHECK_TRUE(!strcmp(ia, ib), "1e-3 and 0.0010 give the same run id (%s)", ia);
        CHECK_TRUE(strcmp(ia, ic) != 0, "a different lr gives a different run id (%s)", ic);
        CHECK_TRUE(!strcmp(ia, id), "an explicit default gives the default's run id");
        CHECK_TRUE(strlen(ia) == 12, "run ids are 12 hex digits");
    }

    Settings s;
    settings_defaults(&s, "mlp");
    struct { const char *key, *value, *msg; } bad[] = {
        {"lr", "abc", "not a number"},        {"lr", "1e999", "not a number"},
        {"seed", "1.5", "not an integer"},    {"batch", "12x", "not an integer"},
        {"residual", "true", "not on or off"}, {"optimizer", "adamx", "is not one of"},
        {"widths", "64,,0", "positive integer"}, {"lrr", "1", "did you mean 'lr'"},
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
    settings_defaults(&g, "gpt");
    CHECK_TRUE(!strcmp(g.act, "gelu") && !strcmp(g.norm, "layer") && g.residual,
               "gpt defaults differ from mlp defaults where the table says");
    return th_done();
}
