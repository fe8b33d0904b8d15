/* The settings table, its parser and canonical formatting. */
#include "settings/settings.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/hash.h"
#include "optim/optim.h"
#include "optim/schedule.h"
#include "toys/landscape.h"

const char *model_kind_name(int m)
{
    static const char *const names[] = {[MODEL_MLP] = "mlp", [MODEL_GPT] = "gpt",
                                        [MODEL_TOY] = "toy"};
    return CHOICE_AT(names, m);
}

const char *init_kind_name(int i)
{
    static const char *const names[] = {[INIT_HE] = "he", [INIT_XAVIER] = "xavier",
                                        [INIT_NORMAL] = "normal", [INIT_GPT2] = "gpt2"};
    return CHOICE_AT(names, i);
}

const char *norm_position_name(int p)
{
    static const char *const names[] = {[NORM_PRE] = "pre", [NORM_POST] = "post"};
    return CHOICE_AT(names, p);
}

#define SPEC_CHOICES_T_INT(ch) NULL
#define SPEC_CHOICES_T_REAL(ch) NULL
#define SPEC_CHOICES_T_BOOL(ch) NULL
#define SPEC_CHOICES_T_ENUM(ch) SETTINGS_ENUM_NAMES ch
#define SPEC_CHOICES_T_STR(ch) NULL
#define SPEC_CHOICES_T_INTLIST(ch) NULL
#define SETTINGS_SPEC(type, f, group, dm, dg, choices, help) \
    {type, #f, group, dm, dg, SPEC_CHOICES_##type(choices), help, offsetof(Settings, f)},

const SettingSpec setting_specs[] = {SETTINGS_TABLE(SETTINGS_SPEC)};

/* An enum field holds its choice's index as an int-sized enum (or an int). */
#define ENUM_IS_INT(type, f, group, dm, dg, choices, help) ENUM_IS_INT_##type(f)
#define ENUM_IS_INT_T_ENUM(f) \
    _Static_assert(sizeof(((Settings *)0)->f) == sizeof(int), #f ": an enum field is int-sized");
#define ENUM_IS_INT_T_INT(f)
#define ENUM_IS_INT_T_REAL(f)
#define ENUM_IS_INT_T_BOOL(f)
#define ENUM_IS_INT_T_STR(f)
#define ENUM_IS_INT_T_INTLIST(f)
SETTINGS_TABLE(ENUM_IS_INT)
const int n_setting_specs = (int)(sizeof setting_specs / sizeof setting_specs[0]);

const SettingSpec *setting_find(const char *key)
{
    for (int i = 0; i < n_setting_specs; i++)
        if (strcmp(setting_specs[i].name, key) == 0) return &setting_specs[i];
    return NULL;
}

static int edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 63 || lb > 63) return 99;
    int d[64][64];
    for (int i = 0; i <= la; i++) d[i][0] = i;
    for (int j = 0; j <= lb; j++) d[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    return d[la][lb];
}

const char *setting_suggest(const char *key)
{
    const char *best = NULL;
    /* at most 2 edits, and fewer than the key's length: "foo" suggests nothing */
    int best_d = strlen(key) < 3 ? (int)strlen(key) : 3;
    for (int i = 0; i < n_setting_specs; i++) {
        int d = edit_distance(key, setting_specs[i].name);
        if (d < best_d) best_d = d, best = setting_specs[i].name;
    }
    return best;
}

/* Index of v among the choices, -1 when it is none of them. */
static int choice_index(ChoiceName choices, const char *v)
{
    for (int i = 0; choices(i); i++)
        if (strcmp(choices(i), v) == 0) return i;
    return -1;
}

void settings_choices(const SettingSpec *sp, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; sp->choices && sp->choices(i) && len < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, i ? "|%s" : "%s", sp->choices(i));
}

bool parse_count(const char *v, long lo, long hi, long *out)
{
    size_t n = strspn(v, "0123456789");
    if (n == 0 || v[n] || n > 18) return false;
    long x = strtol(v, NULL, 10);
    if (x < lo || x > hi) return false;
    *out = x;
    return true;
}

static Status parse_int(const char *v, int *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    /* allow 1e3-style integers */
    if (*end == 'e' || *end == 'E' || *end == '.') {
        double d = strtod(v, &end);
        if (*end || d != floor(d) || fabs(d) > 2e9) return ST_USAGE;
        x = (long)d;
    }
    if (errno || *end || end == v || x < -2000000000L || x > 2000000000L) return ST_USAGE;
    *out = (int)x;
    return ST_OK;
}

Status settings_set(Settings *s, const char *key, const char *value)
{
    const SettingSpec *sp = setting_find(key);
    if (!sp) {
        const char *near = setting_suggest(key);
        if (near) return err_set(ST_USAGE, "unknown key '%s' (did you mean '%s'?)", key, near);
        return err_set(ST_USAGE, "unknown key '%s'", key);
    }
    char *field = (char *)s + sp->offset;
    switch (sp->type) {
    case T_INT:
        if (parse_int(value, (int *)field))
            return err_set(ST_USAGE, "%s: '%s' is not an integer", key, value);
        break;
    case T_REAL: {
        char *end;
        double d = strtod(value, &end);
        if (end == value || *end || !isfinite(d))
            return err_set(ST_USAGE, "%s: '%s' is not a number", key, value);
        *(double *)field = d;
        break;
    }
    case T_BOOL:
        if (strcmp(value, "on") == 0) *(bool *)field = true;
        else if (strcmp(value, "off") == 0) *(bool *)field = false;
        else return err_set(ST_USAGE, "%s: '%s' is not on or off", key, value);
        break;
    case T_ENUM: {
        int i = choice_index(sp->choices, value);
        if (i < 0) {
            char list[STR_LEN];
            settings_choices(sp, list, sizeof list);
            return err_set(ST_USAGE, "%s: '%s' is not one of %s", key, value, list);
        }
        memcpy(field, &i, sizeof i);
        break;
    }
    case T_STR:
        if (strlen(value) >= STR_LEN) return err_set(ST_USAGE, "%s: value too long", key);
        snprintf(field, STR_LEN, "%s", value);
        break;
    case T_INTLIST: {
        /* "none", "" or positive integers joined by single commas: "10,,20", "10,"
         * and "+10" are errors, not 10-20, 10 and 10 */
        int list[MAX_WIDTHS], n = 0;
        if (strcmp(value, "none") != 0 && value[0]) {
            for (const char *tok = value;; n++) {
                size_t len = strcspn(tok, ",");
                if (n == MAX_WIDTHS)
                    return err_set(ST_USAGE, "%s: more than %d values", key, MAX_WIDTHS);
                if (len == 0)
                    return err_set(ST_USAGE, "%s: '%s' has an empty element", key, value);
                char one[32];
                long v;
                snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one ? len : sizeof one - 1), tok);
                if (len >= sizeof one || !parse_count(one, 1, 1000000000L, &v))
                    return err_set(ST_USAGE, "%s: '%.*s' is not a positive integer", key, (int)len, tok);
                list[n] = (int)v;
                if (!tok[len]) {
                    n++;
                    break;
                }
                tok += len + 1;
            }
        }
        memcpy(field, list, sizeof(int) * (size_t)n);
        *(int *)(field + sizeof(int) * MAX_WIDTHS) = n;
        break;
    }
    }
    return ST_OK;
}

/* Shortest "%.Ng" that reads back as the same double: 0.001, not 0.0010000000000000000208. */
static void format_real(double d, char *out, size_t cap)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, d);
        if (strtod(out, NULL) == d) return;
    }
}

void settings_format(const Settings *s, const SettingSpec *sp, char *out, size_t cap)
{
    const char *field = (const char *)s + sp->offset;
    switch (sp->type) {
    case T_INT: snprintf(out, cap, "%d", *(const int *)field); break;
    case T_REAL: format_real(*(const double *)field, out, cap); break;
    case T_BOOL: snprintf(out, cap, "%s", *(const bool *)field ? "on" : "off"); break;
    case T_ENUM: {
        int i;
        memcpy(&i, field, sizeof i);
        CHECK(sp->choices(i) != NULL); /* only the parser writes enum fields */
        snprintf(out, cap, "%s", sp->choices(i));
        break;
    }
    case T_STR: snprintf(out, cap, "%s", field); break;
    case T_INTLIST: {
        const int *list = (const int *)field;
        int n = *(const int *)(field + sizeof(int) * MAX_WIDTHS);
        size_t len = 0;
        out[0] = '\0';
        if (n == 0) snprintf(out, cap, "none");
        for (int i = 0; i < n && len < cap; i++)
            len += (size_t)snprintf(out + len, cap - len, i ? ",%d" : "%d", list[i]);
        break;
    }
    }
}

/* Sets a value the table itself supplies; it always parses (the unit tests prove it). */
static void set_known(Settings *s, const char *key, const char *value)
{
    Status st = settings_set(s, key, value);
    CHECK(st == ST_OK);
}

void settings_defaults(Settings *s, ModelKind model)
{
    memset(s, 0, sizeof *s);
    bool gpt = model == MODEL_GPT;
    for (int i = 0; i < n_setting_specs; i++) {
        const SettingSpec *sp = &setting_specs[i];
        set_known(s, sp->name, gpt && sp->def_gpt ? sp->def_gpt : sp->def_mlp);
    }
    s->model = gpt ? MODEL_GPT : MODEL_MLP;
    if (model == MODEL_TOY) {
        /* a toy is plain gradient descent on a formula: w <- w - lr * L'(w) */
        s->model = MODEL_TOY;
        set_known(s, "data", "none");
        set_known(s, "optimizer", "sgd");
        set_known(s, "schedule", "constant");
        s->weight_decay = 0;
        s->steps = 100;
    }
}

Status settings_validate(const Settings *s)
{
#define NEED(cond, ...) \
    do { if (!(cond)) return err_set(ST_USAGE, __VA_ARGS__); } while (0)
    NEED(s->steps >= 0, "steps: must be >= 0");
    NEED(s->epochs >= 0, "epochs: must be >= 0");
    NEED(s->batch >= 1, "batch: must be >= 1");
    NEED(s->accum >= 1, "accum: must be >= 1");
    NEED(s->eval_every >= 0, "eval_every: must be >= 0");
    NEED(s->train_every >= 0, "train_every: must be >= 0");
    NEED(s->noise_every >= 0, "noise_every: must be >= 0");
    NEED(s->noise_small >= 0 && s->noise_big >= 0, "noise_small, noise_big: must be >= 0");
    NEED(s->patience >= 0, "patience: must be >= 0");
    NEED(s->train_subset >= 0, "train_subset: must be >= 0");
    NEED(s->flop_budget >= 0 && isfinite(s->flop_budget), "flop_budget: must be >= 0");
    NEED(s->target_loss >= 0 && isfinite(s->target_loss), "target_loss: must be a finite number >= 0");
    NEED(s->diverge_factor > 1, "diverge_factor: must be > 1");
    NEED(s->fault_at_step >= 0, "fault_at_step: must be >= 0");
    NEED(s->lr >= 0, "lr: must be >= 0");
    NEED(s->momentum >= 0 && s->momentum < 1, "momentum: must be in [0, 1)");
    NEED(s->beta1 >= 0 && s->beta1 < 1, "beta1: must be in [0, 1)");
    NEED(s->beta2 >= 0 && s->beta2 < 1, "beta2: must be in [0, 1)");
    NEED(s->eps > 0, "eps: must be > 0");
    NEED(s->weight_decay >= 0, "weight_decay: must be >= 0");
    NEED(s->shampoo_beta > 0 && s->shampoo_beta <= 1, "shampoo_beta: must be in (0, 1]");
    NEED(s->shampoo_eps > 0, "shampoo_eps: must be > 0");
    NEED(s->precondition_every >= 1, "precondition_every: must be >= 1");
    NEED(s->block_size >= 1, "block_size: must be >= 1");
    NEED(s->ns_steps >= 0 && s->ns_steps <= 100, "ns_steps: must be in [0, 100]");
    NEED(s->adam_lr_ratio >= 0, "adam_lr_ratio: must be >= 0");
    const OptType *opt = opt_type_at(s->optimizer);
    NEED(!opt->constant_lr || schedule_type_at(s->schedule) == schedule_type_by_name("constant"),
         "schedule: %s takes no schedule after warmup (set schedule = constant)", opt->name);
    NEED(s->clip >= 0, "clip: must be >= 0");
    NEED(s->warmup >= 0, "warmup: must be >= 0");
    NEED(s->lr_floor >= 0 && s->lr_floor <= 1, "lr_floor: must be in [0, 1]");
    NEED(s->step_every >= 0, "step_every: must be >= 0");
    NEED(s->step_gamma > 0 && s->step_gamma <= 1, "step_gamma: must be in (0, 1]");
    NEED(s->decay_frac >= 0 && s->decay_frac <= 1, "decay_frac: must be in [0, 1]");
    NEED(s->inputs >= 0 && s->classes >= 0, "inputs, classes: must be >= 0");
    NEED(s->init_std > 0, "init_std: must be > 0");
    NEED(s->dropout >= 0 && s->dropout < 1, "dropout: must be in [0, 1)");
    NEED(s->activation_checkpoint >= 0, "activation_checkpoint: must be >= 0");
    NEED(s->spirals_classes >= 2, "spirals_classes: must be >= 2");
    NEED(s->spirals_points >= 10, "spirals_points: must be >= 10");
    NEED(s->spirals_noise >= 0, "spirals_noise: must be >= 0");
    NEED(s->layers >= 0, "layers: must be >= 0");
    NEED(s->width >= 1 && s->heads >= 1, "width, heads: must be >= 1");
    NEED(s->model != MODEL_GPT || s->width % s->heads == 0, "heads: %d does not divide width %d", s->heads,
         s->width); /* the mlp's width (with depth) has no heads */
    NEED(s->context >= 1, "context: must be >= 1");
    NEED(s->vocab >= 0 && s->vocab <= 65536, "vocab: must be in [0, 65536]");
    NEED(s->markov_order >= 1 && s->markov_order <= 4, "markov_order: must be in [1, 4]");
    NEED(s->markov_alphabet >= 2 && s->markov_alphabet <= 64, "markov_alphabet: must be in [2, 64]");
    NEED(s->markov_alpha > 0, "markov_alpha: must be > 0");
    NEED(s->val_tokens >= 1, "val_tokens: must be >= 1");
    NEED(s->depth >= 0 && s->depth <= MAX_WIDTHS, "depth: must be in [0, %d]", MAX_WIDTHS);
    NEED(s->depth == 0 || s->model == MODEL_MLP, "depth: is for model mlp (the gpt's depth is layers)");
    NEED(s->init != INIT_GPT2 || s->model == MODEL_GPT,
         "init: gpt2 is for model gpt (mlp takes he, xavier or normal)");
    NEED(s->loss_multiplier > 0 && isfinite(s->loss_multiplier), "loss_multiplier: must be > 0");
    if (strcmp(s->loss_scale, "none") && strcmp(s->loss_scale, "dynamic")) {
        char *end;
        double v = strtod(s->loss_scale, &end);
        NEED(end != s->loss_scale && !*end && v > 0 && isfinite(v),
             "loss_scale: '%s' is not none, dynamic or a positive number", s->loss_scale);
    }
    const char *d = s->data;
    if (s->model == MODEL_TOY) {
        NEED(!strcmp(d, "none"), "data: model toy takes data none, not '%s'", d);
        NEED(s->noise_every == 0 && !s->noise_full,
             "noise_every: model toy has no batches to measure gradient noise with");
        NEED(s->steps >= 1, "steps: model toy needs steps >= 1");
        NEED(s->kappa >= 1 && isfinite(s->kappa), "kappa: must be a finite number >= 1");
        NEED(isfinite(s->rotation), "rotation: must be finite");
        NEED(s->tolerance >= 0 && isfinite(s->tolerance), "tolerance: must be >= 0");
        NEED(s->starts >= 0 && s->starts <= 100000, "starts: must be between 0 and 100000");
        NEED(s->start_spread >= 0 && isfinite(s->start_spread), "start_spread: must be a finite number >= 0");
        NEED(s->toy_noise >= 0 && isfinite(s->toy_noise), "toy_noise: must be a finite number >= 0");
        return ST_OK;
    }
    NEED(!strcmp(d, "fashion") || !strcmp(d, "spirals") || !strcmp(d, "markov") ||
             !strcmp(d, "kjv") || !strncmp(d, "text:", 5),
         "data: '%s' is not one of fashion, spirals, markov, kjv, text:PATH", d);
    if (s->noise_every > 0) {
        int small = s->noise_small ? s->noise_small : s->batch;
        int big = s->noise_big ? s->noise_big : 16 * small;
        NEED(small <= s->batch, "noise_small: %d is more than batch %d (the model holds batch rows)",
             small, s->batch);
        NEED(big > small && big % small == 0, "noise_big: %d is not a multiple of noise_small %d above it",
             big, small);
    }
    bool images = !strcmp(d, "fashion") || !strcmp(d, "spirals");
    NEED(images == (s->model == MODEL_MLP), "data: %s is not a dataset for model %s", d,
         model_kind_name(s->model));
    NEED(!s->noise_full || (s->noise_every > 0 && images),
         "noise_full: needs noise_every > 0 and classification data (fashion, spirals)");
#undef NEED
    return ST_OK;
}

static int spec_cmp(const void *a, const void *b)
{
    return strcmp((*(const SettingSpec *const *)a)->name, (*(const SettingSpec *const *)b)->name);
}

bool setting_is_location(const char *key)
{
    return !strcmp(key, "fashion_dir");
}

Status settings_data_identity(const char *data, char *out, size_t cap)
{
    if (strncmp(data, "text:", 5) != 0) {
        snprintf(out, cap, "%s", data);
        return ST_OK;
    }
    uint64_t h;
    Status st = hash_file(data + 5, 0, &h);
    if (st != ST_OK) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", err_msg());
        return err_set(st, "data: %s", msg);
    }
    char hex[17];
    hash_hex(h, 16, hex);
    snprintf(out, cap, "text:%s", hex);
    return ST_OK;
}

/* The settings of the identity, sorted by key, with their canonical values. */
typedef void (*PairFn)(void *ctx, const char *key, const char *value);

static void identity_pairs(const Settings *s, const char *data_id, PairFn fn, void *ctx)
{
    const SettingSpec *sorted[256];
    CHECK(n_setting_specs <= 256);
    for (int i = 0; i < n_setting_specs; i++) sorted[i] = &setting_specs[i];
    qsort(sorted, (size_t)n_setting_specs, sizeof sorted[0], spec_cmp);
    Settings d;
    settings_defaults(&d, s->model);
    char value[STR_LEN + 64], def[STR_LEN + 64];
    for (int i = 0; i < n_setting_specs; i++) {
        const SettingSpec *sp = sorted[i];
        if (setting_is_location(sp->name)) continue;
        settings_format(s, sp, value, sizeof value);
        settings_format(&d, sp, def, sizeof def);
        if (strcmp(sp->name, "model") && !strcmp(value, def)) continue;
        fn(ctx, sp->name, strcmp(sp->name, "data") ? value : data_id);
    }
}

typedef struct {
    char *out;
    size_t cap, len;
} TextCtx;

static void add_text(void *ctx, const char *key, const char *value)
{
    TextCtx *t = ctx;
    size_t room = t->len < t->cap ? t->cap - t->len : 0;
    t->len += (size_t)snprintf(room ? t->out + t->len : NULL, room, "%s=%s\n", key, value);
}

size_t settings_identity(const Settings *s, const char *data_id, char *out, size_t cap)
{
    TextCtx t = {out, cap, 0};
    if (cap) out[0] = '\0';
    identity_pairs(s, data_id, add_text, &t);
    return t.len;
}

static void add_hash(void *ctx, const char *key, const char *value)
{
    uint64_t *h = ctx;
    *h = hash_str(key, *h);
    *h = hash_str(value, *h);
}

void settings_run_id_with(const Settings *s, const char *data_id, char out[13])
{
    uint64_t h = 0;
    identity_pairs(s, data_id, add_hash, &h);
    hash_hex(h, 12, out);
}

Status settings_run_id(const Settings *s, char out[13])
{
    char data_id[STR_LEN];
    Status st = settings_data_identity(s->data, data_id, sizeof data_id);
    if (st != ST_OK) return st;
    settings_run_id_with(s, data_id, out);
    return ST_OK;
}

int settings_diff_recorded(const Settings *s, const char *(*get)(void *ctx, const char *key), void *ctx,
                           char *out, size_t cap)
{
    Settings d;
    settings_defaults(&d, s->model);
    char now[STR_LEN + 64], def[STR_LEN + 64];
    size_t len = 0;
    int n = 0;
    if (cap) out[0] = '\0';
    for (int i = 0; i < n_setting_specs; i++) {
        const SettingSpec *sp = &setting_specs[i];
        if (setting_is_location(sp->name)) continue;
        settings_format(s, sp, now, sizeof now);
        const char *rec = get(ctx, sp->name);
        if (!rec) {
            settings_format(&d, sp, def, sizeof def);
            rec = def;
        }
        if (!strcmp(rec, now)) continue;
        if (!strcmp(sp->name, "data") && !strncmp(rec, "text:", 5) && !strncmp(now, "text:", 5)) continue;
        n++;
        size_t room = len < cap ? cap - len : 0;
        len += (size_t)snprintf(room ? out + len : NULL, room, "%s%s recorded %s, now %s", n > 1 ? "; " : "",
                                sp->name, rec[0] ? rec : "(empty)", now);
    }
    return n;
}

Status pairs_add(SettingPairs *p, const char *key, const char *value, const char *where)
{
    if (p->n == (int)(sizeof p->item / sizeof p->item[0]))
        return err_set(ST_USAGE, "%s: too many settings", where);
    if (strlen(key) >= sizeof p->item[0].key || strlen(value) >= sizeof p->item[0].value)
        return err_set(ST_USAGE, "%s: key or value too long", where);
    snprintf(p->item[p->n].key, sizeof p->item[0].key, "%s", key);
    snprintf(p->item[p->n].value, sizeof p->item[0].value, "%s", value);
    snprintf(p->item[p->n].where, sizeof p->item[0].where, "%s", where);
    p->n++;
    return ST_OK;
}

bool setting_pair_split(const char *kv, char *key, size_t cap, const char **value)
{
    const char *eq = strchr(kv, '=');
    if (!eq || eq == kv || !eq[1] || (size_t)(eq - kv) >= cap) return false;
    snprintf(key, cap, "%.*s", (int)(eq - kv), kv);
    *value = eq + 1;
    return true;
}

/* depth > 0 (mlp): widths becomes depth copies of width, so summary.tsv and the model
 * see the layers as a list; a widths pair that says otherwise is an error. */
static Status expand_depth(Settings *s, const SettingPairs *p)
{
    if (s->depth <= 0 || s->depth > MAX_WIDTHS || s->model != MODEL_MLP) return ST_OK;
    bool same = s->n_widths == s->depth;
    for (int i = 0; same && i < s->depth; i++) same = s->widths[i] == s->width;
    for (int i = 0; i < p->n && !same; i++)
        if (!strcmp(p->item[i].key, "widths"))
            return err_set(ST_USAGE, "%s%swidths: %s is not depth %d of width %d (give one or the other)",
                           p->item[i].where, p->item[i].where[0] ? ": " : "", p->item[i].value,
                           s->depth, s->width);
    for (int i = 0; i < s->depth; i++) s->widths[i] = s->width;
    s->n_widths = s->depth;
    return ST_OK;
}

Status settings_from_pairs(Settings *s, const SettingPairs *p)
{
    /* an unknown model gets mlp's defaults here and its error when the pair is set */
    int model = MODEL_MLP;
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->item[i].key, "model") == 0) model = choice_index(model_kind_name, p->item[i].value);
    settings_defaults(s, model < 0 ? MODEL_MLP : (ModelKind)model);
    for (int i = 0; i < p->n; i++) {
        if (settings_set(s, p->item[i].key, p->item[i].value) != ST_OK) {
            if (!p->item[i].where[0]) return ST_USAGE; /* the message names the key already */
            char msg[1024];
            snprintf(msg, sizeof msg, "%s", err_msg());
            return err_set(ST_USAGE, "%s: %s", p->item[i].where, msg);
        }
    }
    return expand_depth(s, p) != ST_OK ? ST_USAGE : settings_validate(s);
}

void settings_print_help(FILE *f)
{
    const char *group = "";
    for (int i = 0; i < n_setting_specs; i++) {
        const SettingSpec *sp = &setting_specs[i];
        if (strcmp(group, sp->group) != 0) {
            group = sp->group;
            fprintf(f, "\n%s:\n", group);
        }
        char def[STR_LEN + 64];
        if (sp->def_gpt) snprintf(def, sizeof def, "%s (gpt: %s)", sp->def_mlp, sp->def_gpt);
        else snprintf(def, sizeof def, "%s", sp->def_mlp);
        char choices[STR_LEN];
        settings_choices(sp, choices, sizeof choices);
        const char *kind = sp->type == T_ENUM ? choices
                           : sp->type == T_BOOL ? "on|off"
                           : sp->type == T_INT ? "int"
                           : sp->type == T_REAL ? "real"
                           : sp->type == T_INTLIST ? "int,int,..." : "text";
        fprintf(f, "  --%-16s %-28s default %s\n  %18s %s\n", sp->name, kind, def, "", sp->help);
    }
}
