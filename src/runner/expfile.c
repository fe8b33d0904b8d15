/* Experiment files: strict parsing with inih, axes, matrix expansion (see expfile.h).
 *
 * Debian's libinih is built without INI_HANDLER_LINENO, so the line numbers come from
 * our own line reader (ini_parse_stream), which also sees the raw line: inih joins an
 * indented line onto the previous key (a continuation), and only the raw line tells a
 * continuation from a repeated key. */
#include "runner/expfile.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalogue/claims.h"

enum { SEC_NONE = -1, SEC_EXPERIMENT, SEC_SETTINGS, SEC_SWEEP, SEC_VERDICT, SEC_BENCH, SEC_GRADCHECK, N_SECTIONS };
static const char *const section_names[N_SECTIONS] = {"experiment", "settings", "sweep", "verdict", "bench",
                                                      "gradcheck"};

enum { MAX_ENTRIES = 512 };

typedef struct {
    int sec, line;
    char key[64];
    char value[EXP_TEXT];
} Entry;

typedef struct {
    ExpFile *x;
    FILE *f;
    char *raw;        /* the current line as read */
    size_t raw_cap;
    int line;         /* its number */
    bool indented;    /* it starts with a blank: inih may make it a continuation */
    int sec;          /* section of the current line (SEC_NONE before the first) */
    int sec_line[N_SECTIONS]; /* 0: section absent */
    int err_line;     /* first error, 0: none */
    char err[1024];
    Entry *entry;
    int nentry;
} Parser;

static void perr(Parser *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perr(Parser *p, int line, const char *fmt, ...)
{
    if (p->err_line && p->err_line <= line) return; /* keep the first error in the file */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, sizeof p->err, fmt, ap);
    va_end(ap);
    p->err_line = line;
}

static int section_index(const char *name)
{
    for (int i = 0; i < N_SECTIONS; i++)
        if (!strcmp(section_names[i], name)) return i;
    return SEC_NONE;
}

/* inih's line reader: counts lines and notes section headers as they pass. */
static char *read_line(char *str, int num, void *stream)
{
    Parser *p = stream;
    ssize_t len = getline(&p->raw, &p->raw_cap, p->f);
    if (len < 0) return NULL;
    p->line++;
    if (len >= num) {
        perr(p, p->line, "line longer than %d characters", num - 2);
        return NULL;
    }
    memcpy(str, p->raw, (size_t)len + 1);
    p->indented = p->raw[0] == ' ' || p->raw[0] == '\t';
    if (p->raw[0] == '[') { /* inih reads an indented '[' as a continuation, so do we */
        char *end = strchr(p->raw, ']');
        if (!end) return str; /* inih reports the syntax error */
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(end - p->raw - 1), p->raw + 1);
        int s = section_index(name);
        if (s == SEC_NONE)
            perr(p, p->line, "unknown section [%s] (sections: experiment, settings, sweep, verdict, bench, gradcheck)", name);
        else if (p->sec_line[s])
            perr(p, p->line, "section [%s] again (first at line %d)", name, p->sec_line[s]);
        else
            p->sec_line[s] = p->line;
        p->sec = s;
    }
    return str;
}

static Entry *find_entry(Parser *p, int sec, const char *key)
{
    for (int i = 0; i < p->nentry; i++)
        if (p->entry[i].sec == sec && !strcmp(p->entry[i].key, key)) return &p->entry[i];
    return NULL;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    Parser *p = user;
    (void)section; /* the reader tracked it, including unknown ones */
    if (p->sec == SEC_NONE) {
        if (!section[0]) perr(p, p->line, "'%s' is outside a section (start with [experiment])", name);
        return 1;
    }
    Entry *last = p->nentry ? &p->entry[p->nentry - 1] : NULL;
    if (p->indented && last && last->sec == p->sec && !strcmp(last->key, name)) {
        /* a continuation line: free text in [experiment], more values elsewhere */
        if (p->sec != SEC_EXPERIMENT && (strchr(value, '=') || value[0] == '['))
            perr(p, p->line, "indented line continues '%s' (remove the indent to start a new line)", name);
        size_t len = strlen(last->value);
        if (len + strlen(value) + 2 > sizeof last->value)
            perr(p, p->line, "'%s': value longer than %d characters", name, EXP_TEXT - 1);
        else
            snprintf(last->value + len, sizeof last->value - len, " %s", value);
        return 1;
    }
    Entry *first = find_entry(p, p->sec, name);
    if (first) {
        perr(p, p->line, "duplicate key '%s' (first at line %d)", name, first->line);
        return 1;
    }
    if (p->nentry == MAX_ENTRIES) {
        perr(p, p->line, "more than %d keys", MAX_ENTRIES);
        return 1;
    }
    if (strlen(name) >= sizeof last->key || strlen(value) >= sizeof last->value) {
        perr(p, p->line, "key or value too long");
        return 1;
    }
    Entry *e = &p->entry[p->nentry++];
    e->sec = p->sec;
    e->line = p->line;
    snprintf(e->key, sizeof e->key, "%s", name);
    snprintf(e->value, sizeof e->value, "%s", value);
    return 1;
}

/* ---- values of an axis */

/* Formats a grid value: 4 significant digits (so a grid prints and hashes the same
 * on every machine, whatever its pow() does in the last bit), integers without an
 * exponent. */
static void grid_value(double v, char *out, size_t cap)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.4g", v);
    v = strtod(buf, NULL);
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(out, cap, "%.0f", v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, v);
        if (strtod(out, NULL) == v) return;
    }
}

static bool parse_num(const char *s, double *v)
{
    char *end;
    while (isspace((unsigned char)*s)) s++;
    errno = 0;
    *v = strtod(s, &end);
    while (isspace((unsigned char)*end)) end++;
    return end != s && !*end && !errno && isfinite(*v);
}

static Status axis_push(ExpAxis *a, const char *v)
{
    char **grown = realloc(a->values, sizeof(char *) * (size_t)(a->n + 1));
    if (!grown) return ST_NOMEM;
    a->values = grown;
    if (!(a->values[a->n] = strdup(v))) return ST_NOMEM;
    a->n++;
    return ST_OK;
}

/* Expands "logspace(a, b, n)" or "linspace(a, b, n)" (the text between the parentheses
 * is args). */
static Status expand_helper(ExpAxis *a, const char *where, const char *helper, const char *args)
{
    double v[3];
    char buf[256];
    snprintf(buf, sizeof buf, "%s", args);
    int n = 0;
    for (char *save, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (n == 3 || !parse_num(tok, &v[n]))
            return err_set(ST_USAGE, "%s: %s(%s): want three numbers a, b, n", where, helper, args);
        n++;
    }
    if (n != 3) return err_set(ST_USAGE, "%s: %s(%s): want three numbers a, b, n", where, helper, args);
    if (v[2] != floor(v[2]) || v[2] < 1 || v[2] > 1000)
        return err_set(ST_USAGE, "%s: %s(%s): n must be a whole number in 1..1000", where, helper, args);
    bool log = !strcmp(helper, "logspace");
    if (log && (v[0] <= 0 || v[1] <= 0))
        return err_set(ST_USAGE, "%s: logspace(%s): a and b must be > 0", where, args);
    int count = (int)v[2];
    double lo = log ? log10(v[0]) : v[0], hi = log ? log10(v[1]) : v[1];
    for (int i = 0; i < count; i++) {
        double t = count == 1 ? lo : lo + (hi - lo) * i / (count - 1);
        char text[64];
        grid_value(log ? pow(10.0, t) : t, text, sizeof text);
        Status st = axis_push(a, text);
        if (st != ST_OK) return st;
    }
    return ST_OK;
}

/* Splits an axis' text into values: words separated by blanks, or helper calls. */
static Status parse_axis(ExpAxis *a, const char *where, const char *text)
{
    const char *s = text;
    for (;;) {
        while (isspace((unsigned char)*s)) s++;
        if (!*s) break;
        const char *e = s;
        while (*e && !isspace((unsigned char)*e) && *e != '(') e++;
        Status st;
        if (*e == '(') {
            char helper[32];
            snprintf(helper, sizeof helper, "%.*s", (int)(e - s), s);
            const char *close = strchr(e, ')');
            if (strcmp(helper, "logspace") && strcmp(helper, "linspace"))
                return err_set(ST_USAGE, "%s: unknown helper '%s' (logspace or linspace)", where, helper);
            if (!close) return err_set(ST_USAGE, "%s: %s( without a closing parenthesis", where, helper);
            char args[256];
            snprintf(args, sizeof args, "%.*s", (int)(close - e - 1), e + 1);
            st = expand_helper(a, where, helper, args);
            e = close + 1;
        } else {
            char word[STR_LEN];
            if ((size_t)(e - s) >= sizeof word)
                return err_set(ST_USAGE, "%s: value too long", where);
            snprintf(word, sizeof word, "%.*s", (int)(e - s), s);
            st = axis_push(a, word);
        }
        if (st != ST_OK) return st;
        s = e;
    }
    if (a->n == 0) return err_set(ST_USAGE, "%s: axis '%s' has no values", where, a->key);
    return ST_OK;
}

/* ---- checks of single values */

/* One setting value on its own (the run checks come after): "FILE:LINE: key: what". */
static Status check_value(const char *where, const char *key, const char *value, char *canon,
                          size_t cap)
{
    static Settings scratch;
    settings_defaults(&scratch, MODEL_MLP);
    if (settings_set(&scratch, key, value) != ST_OK) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", err_msg());
        return err_set(ST_USAGE, "%s: %s", where, msg);
    }
    if (canon) settings_format(&scratch, setting_find(key), canon, cap);
    return ST_OK;
}

static Status unknown_key(const char *where, const char *key, const char *section)
{
    const char *near = setting_suggest(key);
    if (near) return err_set(ST_USAGE, "%s: unknown key '%s' in [%s] (did you mean '%s'?)", where, key,
                             section, near);
    return err_set(ST_USAGE, "%s: unknown key '%s' in [%s] (descent train --help lists the settings)",
                   where, key, section);
}

static bool word_ok(const char *s, const char *extra)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && !strchr(extra, *s)) return false;
    return true;
}

static Status take_experiment(ExpFile *x, const Entry *e, const char *where)
{
    if (!strcmp(e->key, "title")) {
        if (!e->value[0]) return err_set(ST_USAGE, "%s: title is empty", where);
        snprintf(x->title, sizeof x->title, "%s", e->value);
    } else if (!strcmp(e->key, "description")) {
        snprintf(x->description, sizeof x->description, "%s", e->value);
    } else if (!strcmp(e->key, "claims")) {
        char buf[EXP_TEXT];
        snprintf(buf, sizeof buf, "%s", e->value);
        int n = 0;
        for (char *save, *tok = strtok_r(buf, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save)) {
            bool ok = tok[0] == 'C' && tok[1] && strspn(tok + 1, "0123456789") == strlen(tok + 1);
            if (!ok) return err_set(ST_USAGE, "%s: claims: '%s' is not a claim id like C02", where, tok);
            if (!claim_find(tok))
                return err_set(ST_USAGE, "%s: claims: %s is not in the catalogue docs/CLAIMS.md (%s to %s)", where,
                               tok, claims[0].id, claims[n_claims - 1].id);
            n++;
        }
        if (!n) return err_set(ST_USAGE, "%s: claims is empty (ids of docs/CLAIMS.md, e.g. C02)", where);
        snprintf(x->claims, sizeof x->claims, "%s", e->value);
    } else if (!strcmp(e->key, "save")) {
        if (strcmp(e->value, "on") && strcmp(e->value, "off"))
            return err_set(ST_USAGE, "%s: save: '%s' is not on or off", where, e->value);
        x->save = !strcmp(e->value, "on");
    } else {
        return err_set(ST_USAGE, "%s: unknown key '%s' in [experiment] (keys: title, claims, description, save)",
                       where, e->key);
    }
    return ST_OK;
}

/* A whole number in [lo, hi], or an error naming the key. */
static Status take_int(const char *key, const char *text, int lo, int hi, int *out, const char *where)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end || v < lo || v > hi)
        return err_set(ST_USAGE, "%s: %s: '%s' is not a whole number from %d to %d", where, key, text, lo, hi);
    *out = (int)v;
    return ST_OK;
}

/* baseline = KEY=VALUE: one setting, parsed as the command line would (descent bench
 * checks again that it keeps the model, batch, context, kernels and number format). */
static Status take_baseline(ExpFile *x, const char *value, const char *where)
{
    char key[64];
    const char *v;
    if (!setting_pair_split(value, key, sizeof key, &v) || strlen(value) >= sizeof x->bench_baseline)
        return err_set(ST_USAGE, "%s: baseline: '%s' is not KEY=VALUE", where, value);
    static const char *const fixed[] = {"model", "batch", "context", "blas", "precision"};
    for (int k = 0; k < 5; k++)
        if (!strcmp(key, fixed[k]))
            return err_set(ST_USAGE,
                           "%s: baseline: %s cannot change beside a run (the model, its data, the kernels and the "
                           "number format stay)",
                           where, key);
    static Settings probe;
    settings_defaults(&probe, MODEL_MLP);
    if (settings_set(&probe, key, v) != ST_OK) return err_set(ST_USAGE, "%s: baseline: %s", where, err_msg());
    snprintf(x->bench_baseline, sizeof x->bench_baseline, "%s", value);
    return ST_OK;
}

static Status take_bench(ExpFile *x, const Entry *e, const char *where)
{
    if (!strcmp(e->key, "steps")) return take_int("steps", e->value, 1, 100000, &x->bench_steps, where);
    if (!strcmp(e->key, "warmup")) return take_int("warmup", e->value, 0, 100000, &x->bench_warmup, where);
    if (!strcmp(e->key, "repeats")) return take_int("repeats", e->value, 1, 1000, &x->bench_repeats, where);
    if (!strcmp(e->key, "peak_size")) return take_int("peak_size", e->value, 16, 8192, &x->bench_peak_size, where);
    if (!strcmp(e->key, "baseline")) return take_baseline(x, e->value, where);
    if (strcmp(e->key, "threads"))
        return err_set(ST_USAGE,
                       "%s: unknown key '%s' in [bench] (keys: threads, steps, warmup, repeats, peak_size, baseline)",
                       where, e->key);
    char buf[EXP_TEXT];
    snprintf(buf, sizeof buf, "%s", e->value);
    x->nbench_threads = 0;
    for (char *save, *tok = strtok_r(buf, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save)) {
        if (x->nbench_threads == EXP_MAX_THREADS)
            return err_set(ST_USAGE, "%s: threads: more than %d thread counts", where, EXP_MAX_THREADS);
        int t;
        Status st = take_int("threads", tok, 1, 1024, &t, where);
        if (st != ST_OK) return st;
        for (int k = 0; k < x->nbench_threads; k++)
            if (x->bench_threads[k] == t) return err_set(ST_USAGE, "%s: threads: %d twice", where, t);
        x->bench_threads[x->nbench_threads++] = t;
    }
    if (!x->nbench_threads) return err_set(ST_USAGE, "%s: threads has no values", where);
    return ST_OK;
}

static Status take_verdict(ExpFile *x, const Entry *e, const char *where)
{
    if (!word_ok(e->key, ".-"))
        return err_set(ST_USAGE, "%s: [verdict] key '%s' is not a word (letters, digits, _ . -)", where, e->key);
    if (!e->value[0]) return err_set(ST_USAGE, "%s: %s has no value", where, e->key);
    if (!strcmp(e->key, "rule")) {
        if (!word_ok(e->value, "") || strlen(e->value) >= sizeof x->rule)
            return err_set(ST_USAGE, "%s: rule: '%s' is not a rule name", where, e->value);
        snprintf(x->rule, sizeof x->rule, "%.63s", e->value);
        return ST_OK;
    }
    if (x->nverdict == EXP_MAX_VERDICT)
        return err_set(ST_USAGE, "%s: more than %d verdict parameters", where, EXP_MAX_VERDICT);
    ExpParam *v = &x->verdict[x->nverdict++];
    snprintf(v->key, sizeof v->key, "%s", e->key);
    snprintf(v->value, sizeof v->value, "%s", e->value);
    v->line = e->line;
    return ST_OK;
}

/* Splits a's key on '/' into the settings it varies: each known, not a base setting,
 * on no earlier axis and not twice on this one. */
static Status split_parts(ExpFile *x, const Parser *p, ExpAxis *a, const char *where)
{
    a->nparts = 0;
    for (const char *s = a->key;;) {
        size_t n = strcspn(s, "/");
        if (a->nparts == EXP_MAX_PARTS)
            return err_set(ST_USAGE, "%s: a linked axis has at most %d settings", where, EXP_MAX_PARTS);
        char *key = a->part[a->nparts++];
        snprintf(key, sizeof a->part[0], "%.*s", (int)n, s);
        if (!key[0]) return err_set(ST_USAGE, "%s: empty setting name in '%s'", where, a->key);
        if (!setting_find(key)) return unknown_key(where, key, "sweep");
        Entry *base = find_entry((Parser *)p, SEC_SETTINGS, key);
        if (base)
            return err_set(ST_USAGE, "%s: '%s' is both an axis and a base setting (line %d)", where, key,
                           base->line);
        for (int k = 0; k < x->naxes - 1; k++)
            for (int j = 0; j < x->axis[k].nparts; j++)
                if (!strcmp(x->axis[k].part[j], key))
                    return err_set(ST_USAGE, "%s: '%s' is on two axes (line %d)", where, key, x->axis[k].line);
        for (int j = 0; j < a->nparts - 1; j++)
            if (!strcmp(a->part[j], key)) return err_set(ST_USAGE, "%s: '%s' twice in '%s'", where, key, a->key);
        if (!s[n]) return ST_OK;
        s += n + 1;
    }
}

void expfile_axis_part(const ExpAxis *a, int value, int part, char *out, size_t cap)
{
    const char *s = a->values[value];
    if (a->nparts == 1) { /* '/' splits values of linked axes only: text:a/b is one value */
        snprintf(out, cap, "%s", s);
        return;
    }
    for (int j = 0; j < part && s; j++)
        if ((s = strchr(s, '/'))) s++;
    size_t n = s ? strcspn(s, "/") : 0;
    snprintf(out, cap, "%.*s", (int)n, s ? s : "");
}

static int count_parts(const char *v)
{
    int n = 1;
    for (; *v; v++) n += *v == '/';
    return n;
}

static Status take_axis(ExpFile *x, const Parser *p, const Entry *e, const char *where)
{
    if (x->naxes == EXP_MAX_AXES) return err_set(ST_USAGE, "%s: more than %d axes", where, EXP_MAX_AXES);
    ExpAxis *a = &x->axis[x->naxes++];
    snprintf(a->key, sizeof a->key, "%s", e->key);
    a->line = e->line;
    Status st = split_parts(x, p, a, where);
    if (st == ST_OK) st = parse_axis(a, where, e->value);
    if (st != ST_OK) return st;
    /* each value parses, and no two are the same settings (they would be one run) */
    enum { CANON = EXP_MAX_PARTS * (STR_LEN + 64) };
    char *canon = malloc(CANON * (size_t)a->n);
    if (!canon) return ST_NOMEM;
    for (int i = 0; i < a->n && st == ST_OK; i++) {
        char *c = canon + (size_t)i * CANON;
        c[0] = '\0';
        int parts = count_parts(a->values[i]);
        if (a->nparts > 1 && parts != a->nparts)
            st = err_set(ST_USAGE, "%s: value '%s' has %d part%s, '%s' wants %d", where, a->values[i], parts,
                         parts == 1 ? "" : "s", a->key, a->nparts);
        for (int j = 0; j < a->nparts && st == ST_OK; j++) {
            char value[STR_LEN], one[STR_LEN + 64];
            expfile_axis_part(a, i, j, value, sizeof value);
            st = check_value(where, a->part[j], value, one, sizeof one);
            size_t len = strlen(c);
            snprintf(c + len, CANON - len, "%s\n", one);
        }
        for (int j = 0; j < i && st == ST_OK; j++)
            if (!strcmp(c, canon + (size_t)j * CANON))
                st = err_set(ST_USAGE, "%s: %s: value '%s' repeats '%s'", where, a->key, a->values[i],
                             a->values[j]);
    }
    free(canon);
    return st;
}

/* ---- runs */

void expfile_run_pairs(const ExpFile *x, int i, SettingPairs *p)
{
    *p = x->base;
    for (int k = 0; k < x->naxes; k++) {
        char where[1300];
        snprintf(where, sizeof where, "%s:%d", x->path, x->axis[k].line);
        for (int j = 0; j < x->axis[k].nparts; j++) {
            char value[STR_LEN];
            expfile_axis_part(&x->axis[k], x->runs[i].pick[k], j, value, sizeof value);
            Status st = pairs_add(p, x->axis[k].part[j], value, where);
            (void)st; /* room checked when the file was read */
        }
    }
}

void expfile_run_settings(const ExpFile *x, int i, Settings *s)
{
    static SettingPairs p;
    expfile_run_pairs(x, i, &p);
    Status st = settings_from_pairs(s, &p);
    (void)st; /* validated by expfile_load */
}

void expfile_run_label(const ExpFile *x, int i, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < x->naxes && len < cap; k++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s=%s", k ? ", " : "", x->axis[k].key,
                                x->axis[k].values[x->runs[i].pick[k]]);
}

/* A validation message names its key first ("heads: 3 does not divide width 64"):
 * the line that set that key, else the first axis, else [settings]. */
static int blame_line(const ExpFile *x, const Parser *p, const char *msg)
{
    char key[64];
    size_t n = strcspn(msg, ":,");
    snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), msg);
    for (int k = 0; k < x->naxes; k++)
        for (int j = 0; j < x->axis[k].nparts; j++)
            if (!strcmp(x->axis[k].part[j], key)) return x->axis[k].line;
    for (int i = 0; i < p->nentry; i++)
        if (p->entry[i].sec == SEC_SETTINGS && !strcmp(p->entry[i].key, key)) return p->entry[i].line;
    return x->naxes ? x->axis[0].line : p->sec_line[SEC_SETTINGS];
}

static int id_cmp(const void *a, const void *b)
{
    return strcmp(((const ExpRun *)a)->id, ((const ExpRun *)b)->id);
}

static Status expand(ExpFile *x, const Parser *p)
{
    long total = 1;
    for (int k = 0; k < x->naxes; k++) {
        total *= x->axis[k].n;
        if (total > EXP_MAX_RUNS)
            return err_set(ST_USAGE, "%s:%d: the matrix has more than %d runs", x->path,
                           p->sec_line[SEC_SWEEP], EXP_MAX_RUNS);
    }
    x->nruns = (int)total;
    x->runs = calloc((size_t)total, sizeof *x->runs);
    if (!x->runs) return ST_NOMEM;
    static Settings s;
    static SettingPairs pairs;
    enum { DATA_CACHE = 8 };
    struct { char data[STR_LEN], id[STR_LEN]; } cache[DATA_CACHE];
    int ncache = 0;
    for (int i = 0; i < x->nruns; i++) {
        long rest = i; /* the last axis varies fastest */
        for (int k = x->naxes - 1; k >= 0; k--) {
            x->runs[i].pick[k] = (int)(rest % x->axis[k].n);
            rest /= x->axis[k].n;
        }
        expfile_run_pairs(x, i, &pairs);
        if (settings_from_pairs(&s, &pairs) != ST_OK) {
            char msg[1024], label[1024];
            snprintf(msg, sizeof msg, "%s", err_msg());
            expfile_run_label(x, i, label, sizeof label);
            if (x->naxes)
                return err_set(ST_USAGE, "%s:%d: %s (in the run %s)", x->path, blame_line(x, p, msg), msg,
                               label);
            return err_set(ST_USAGE, "%s:%d: %s", x->path, blame_line(x, p, msg), msg);
        }
        /* a text corpus is read once for its identity, not once per run */
        int c = 0;
        while (c < ncache && strcmp(cache[c].data, s.data)) c++;
        if (c == ncache) {
            if (c == DATA_CACHE) c = --ncache; /* full: reuse the last slot */
            Status st = settings_data_identity(s.data, cache[c].id, sizeof cache[c].id);
            if (st != ST_OK) {
                char msg[1024];
                snprintf(msg, sizeof msg, "%s", err_msg());
                return err_set(st, "%s:%d: %s", x->path, blame_line(x, p, msg), msg);
            }
            snprintf(cache[c].data, sizeof cache[c].data, "%s", s.data);
            ncache++;
        }
        settings_run_id_with(&s, cache[c].id, x->runs[i].id);
    }
    /* distinct values on every axis make distinct runs; a hash collision would not */
    ExpRun *sorted = malloc(sizeof *sorted * (size_t)x->nruns);
    if (!sorted) return ST_NOMEM;
    memcpy(sorted, x->runs, sizeof *sorted * (size_t)x->nruns);
    qsort(sorted, (size_t)x->nruns, sizeof *sorted, id_cmp);
    Status st = ST_OK;
    for (int i = 1; i < x->nruns && st == ST_OK; i++)
        if (!strcmp(sorted[i].id, sorted[i - 1].id))
            st = err_set(ST_USAGE, "%s: two runs share the id %s", x->path, sorted[i].id);
    free(sorted);
    return st;
}

static Status build(ExpFile *x, Parser *p)
{
    for (int i = 0; i < p->nentry; i++) {
        const Entry *e = &p->entry[i];
        char where[1300];
        snprintf(where, sizeof where, "%s:%d", x->path, e->line);
        Status st = ST_OK;
        switch (e->sec) {
        case SEC_EXPERIMENT: st = take_experiment(x, e, where); break;
        case SEC_VERDICT: st = take_verdict(x, e, where); break;
        case SEC_BENCH: st = take_bench(x, e, where); break;
        case SEC_GRADCHECK: st = err_set(ST_USAGE, "%s: [gradcheck] takes no keys ('%s')", where, e->key); break;
        case SEC_SWEEP: st = take_axis(x, p, e, where); break;
        case SEC_SETTINGS:
            if (!setting_find(e->key)) return unknown_key(where, e->key, "settings");
            if ((st = check_value(where, e->key, e->value, NULL, 0)) != ST_OK) return st;
            st = pairs_add(&x->base, e->key, e->value, where);
            break;
        default: break;
        }
        if (st != ST_OK) return st;
    }
    if (!p->sec_line[SEC_EXPERIMENT])
        return err_set(ST_USAGE, "%s:1: no [experiment] section (title, claims, description)", x->path);
    if (!p->sec_line[SEC_SETTINGS])
        return err_set(ST_USAGE, "%s:%d: no [settings] section (the base settings; may be empty)", x->path,
                       p->line);
    if (!x->title[0])
        return err_set(ST_USAGE, "%s:%d: [experiment] needs a title", x->path, p->sec_line[SEC_EXPERIMENT]);
    if (!x->claims[0])
        return err_set(ST_USAGE, "%s:%d: [experiment] needs claims (ids of docs/CLAIMS.md, e.g. C02)", x->path,
                       p->sec_line[SEC_EXPERIMENT]);
    x->bench = p->sec_line[SEC_BENCH] != 0;
    x->gradcheck = p->sec_line[SEC_GRADCHECK] != 0;
    if (x->bench && x->gradcheck)
        return err_set(ST_USAGE, "%s:%d: [gradcheck] and [bench] exclude each other", x->path,
                       p->sec_line[SEC_GRADCHECK]);
    if (x->bench) { /* descent bench's defaults, written out so that the command says everything */
        if (!x->nbench_threads) x->bench_threads[x->nbench_threads++] = 1;
        if (!x->bench_steps) x->bench_steps = 30;
        if (x->bench_warmup < 0) x->bench_warmup = 10;
        if (!x->bench_repeats) x->bench_repeats = 5;
        if (!x->bench_peak_size) x->bench_peak_size = 2048;
    }
    if (p->sec_line[SEC_VERDICT] && !x->rule[0])
        return err_set(ST_USAGE, "%s:%d: [verdict] needs a rule", x->path, p->sec_line[SEC_VERDICT]);
    int nset = x->base.n;
    for (int k = 0; k < x->naxes; k++) nset += x->axis[k].nparts;
    if (nset > (int)(sizeof x->base.item / sizeof x->base.item[0]))
        return err_set(ST_USAGE, "%s: too many settings and axes", x->path);
    return expand(x, p);
}

Status expfile_load(ExpFile *x, const char *path)
{
    memset(x, 0, sizeof *x);
    if (strlen(path) >= sizeof x->path) return err_set(ST_USAGE, "%s: path too long", path);
    snprintf(x->path, sizeof x->path, "%s", path);
    x->bench_warmup = -1; /* unset: 0 is a valid warmup */
    const char *base = strrchr(path, '/');
    snprintf(x->name, sizeof x->name, "%s", base ? base + 1 : path);
    char *dot = strrchr(x->name, '.');
    if (dot && dot != x->name) *dot = '\0';
    /* the name is a folder under --results: nothing that could leave it ("..", "") */
    if (!x->name[0] || x->name[0] == '.' ||
        strspn(x->name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") != strlen(x->name))
        return err_set(ST_USAGE, "%s: the experiment name '%s' (the file name without .ini) is not a plain "
                       "name: use letters, digits, _ - and . (not first)", path, x->name);

    Parser p = {.x = x, .sec = SEC_NONE};
    /* a path that is not a readable file is a usage error like a bad line (exit 2) */
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) return err_set(ST_USAGE, "%s: is a folder, not an experiment file", path);
    if (!(p.f = fopen(path, "r"))) return err_set(ST_USAGE, "%s: cannot read: %s", path, strerror(errno));
    p.entry = malloc(sizeof *p.entry * MAX_ENTRIES);
    if (!p.entry) {
        fclose(p.f);
        return ST_NOMEM;
    }
    int bad = ini_parse_stream(read_line, &p, on_entry, &p);
    bool read_error = ferror(p.f);
    fclose(p.f);
    free(p.raw);
    Status st = ST_OK;
    if (read_error) st = err_set(ST_USAGE, "%s: cannot read: %s", path, strerror(errno));
    else if (bad > 0 && (!p.err_line || bad < p.err_line))
        st = err_set(ST_USAGE, "%s:%d: not a 'key = value' line or a [section]", path, bad);
    else if (p.err_line) st = err_set(ST_USAGE, "%s:%d: %s", path, p.err_line, p.err);
    else if (bad < 0) st = ST_NOMEM;
    else st = build(x, &p);
    free(p.entry);
    if (st != ST_OK) expfile_free(x);
    return st;
}

void expfile_free(ExpFile *x)
{
    for (int k = 0; k < x->naxes; k++) {
        for (int i = 0; i < x->axis[k].n; i++) free(x->axis[k].values[i]);
        free(x->axis[k].values);
    }
    free(x->runs);
    x->runs = NULL;
    x->naxes = x->nruns = 0;
}
