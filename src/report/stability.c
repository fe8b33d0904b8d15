/* Verdict stability over seeds and the power calculation (see stability.h). */
#include "report/stability.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#include "report/stats.h"

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int stab_seeds(const Experiment *x, double *seed, int max)
{
    int col = table_col(&x->runs, "seed"), n = 0;
    for (int r = 0; col >= 0 && r < x->runs.nrows; r++) {
        double v = table_num(&x->runs, r, col);
        bool have = !isfinite(v);
        for (int i = 0; i < n && !have; i++) have = seed[i] == v;
        if (!have && n < max) seed[n++] = v;
    }
    qsort(seed, (size_t)n, sizeof *seed, dbl_cmp);
    return n;
}

enum { SEED_TEXT = 32 };

Status stab_subset(Experiment *dst, const Experiment *x, const double *seeds, int n)
{
    memcpy(dst, x, sizeof *dst);
    Table *t = &dst->runs;
    const Table *src = &x->runs;
    t->text = NULL;
    t->nrows = 0;
    int col = table_col(src, "seed");
    t->cell = calloc((size_t)(src->nrows * (n > 0 ? n : 1) + 1), sizeof *t->cell);
    if (!t->cell || col < 0) return free(t->cell), t->cell = NULL, err_set(ST_FAILED, "runs.tsv has no seed column");
    for (int k = 0; k < n; k++) {
        int copy = 0; /* earlier draws of the same seed */
        for (int i = 0; i < k; i++) copy += seeds[i] == seeds[k];
        for (int r = 0; r < src->nrows; r++) {
            if (table_num(src, r, col) != seeds[k]) continue;
            /* the row's cells, then room for a new seed value in the same block */
            char **row = malloc(sizeof *row * (size_t)src->ncols + SEED_TEXT);
            if (!row) return stab_subset_free(dst), ST_NOMEM;
            memcpy(row, src->cell[r], sizeof *row * (size_t)src->ncols);
            if (copy) {
                char *text = (char *)(row + src->ncols);
                snprintf(text, SEED_TEXT, "%.17g", seeds[k] + 1e6 * copy);
                row[col] = text;
            }
            t->cell[t->nrows++] = row;
        }
    }
    dst->have_results = t->nrows > 0;
    return ST_OK;
}

void stab_subset_free(Experiment *dst)
{
    for (int r = 0; dst->runs.cell && r < dst->runs.nrows; r++) free(dst->runs.cell[r]);
    free(dst->runs.cell);
    dst->runs.cell = NULL;
    dst->runs.nrows = 0;
}

/* The verdict a judgement gives claim id ("": the experiment's). */
static Verdict verdict_of(const Judgement *j, const char *id)
{
    for (int k = 0; id[0] && k < j->nclaims; k++)
        if (!strcmp(j->claim[k].id, id)) return j->claim[k].verdict;
    return j->verdict;
}

/* Judges the subset of n seeds; records each tracked verdict through `put`. */
static Status judge_subset(Stability *s, const Experiment *x, const VerdictRule *rule, const double *seeds, int n,
                           Experiment *sub, Judgement *j, Verdict *out)
{
    Status st = stab_subset(sub, x, seeds, n);
    if (st != ST_OK) return st;
    memset(j, 0, sizeof *j);
    bool ok = rule->judge(sub, j) == ST_OK;
    stab_subset_free(sub);
    for (int v = 0; v < s->nv; v++) out[v] = ok ? verdict_of(j, s->v[v].id) : VERDICT_NONE;
    return ST_OK;
}

Status stability_judge(Stability *s, const Experiment *x, const VerdictRule *rule, const Judgement *full)
{
    memset(s, 0, sizeof *s);
    if (!exp_has_axis(x, "seed")) return ST_OK;
    s->nseeds = stab_seeds(x, s->seed, STAB_MAX_SEEDS);
    if (s->nseeds < 3) return ST_OK;
    s->applicable = true;
    s->nv = 1 + full->nclaims;
    s->v[0].full = full->verdict;
    for (int k = 0; k < full->nclaims; k++) {
        snprintf(s->v[1 + k].id, sizeof s->v[0].id, "%s", full->claim[k].id);
        s->v[1 + k].full = full->claim[k].verdict;
    }
    Experiment *sub = malloc(sizeof *sub);
    Judgement *j = malloc(sizeof *j);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    Status st = !sub || !j || !rng ? ST_NOMEM : ST_OK;
    double pick[STAB_MAX_SEEDS];
    Verdict got[1 + J_MAX_CLAIMS];
    for (int out = 0; st == ST_OK && out < s->nseeds; out++) {
        int n = 0;
        for (int i = 0; i < s->nseeds; i++)
            if (i != out) pick[n++] = s->seed[i];
        st = judge_subset(s, x, rule, pick, n, sub, j, got);
        for (int v = 0; st == ST_OK && v < s->nv; v++) {
            s->v[v].loo[out] = got[v];
            s->v[v].loo_changed += got[v] != s->v[v].full;
        }
    }
    if (rng) gsl_rng_set(rng, 4357); /* GSL's pinned seed: the same resamples on every machine */
    for (int b = 0; st == ST_OK && b < STAB_BOOT; b++) {
        for (int i = 0; i < s->nseeds; i++) pick[i] = s->seed[gsl_rng_uniform_int(rng, (unsigned long)s->nseeds)];
        qsort(pick, (size_t)s->nseeds, sizeof *pick, dbl_cmp);
        st = judge_subset(s, x, rule, pick, s->nseeds, sub, j, got);
        for (int v = 0; st == ST_OK && v < s->nv; v++) {
            s->v[v].boot[got[v]]++;
            s->v[v].boot_agree += got[v] == s->v[v].full;
        }
        s->nboot += st == ST_OK;
    }
    for (int v = 0; v < s->nv; v++)
        s->v[v].fragile = s->v[v].loo_changed > 0 || s->v[v].boot_agree < STAB_AGREE * s->nboot;
    gsl_rng_free(rng);
    free(sub);
    free(j);
    return st;
}

bool stability_fragile(const Stability *s, const char *id)
{
    if (!s->applicable) return false;
    for (int v = 0; v < s->nv; v++)
        if (!strcmp(s->v[v].id, id ? id : "")) return s->v[v].fragile;
    return s->v[0].fragile;
}

double power_half_width(double spread, int n)
{
    if (n < 2 || !isfinite(spread)) return NAN;
    return gsl_cdf_tdist_Pinv(0.975, n - 1) * spread / sqrt(n);
}

int power_seeds_needed(double resolve, double spread)
{
    for (int n = 2; n < 1000; n++)
        if (power_half_width(spread, n) < resolve) return n;
    return 1000;
}

static const char *word(Verdict v)
{
    return v == VERDICT_NONE ? "error" : verdict_names[v];
}

static void write_one(FILE *f, const Stability *s, const StabVerdict *v)
{
    if (v->id[0]) fprintf(f, "- %s (%s): ", v->id, verdict_names[v->full]);
    else fprintf(f, "- %s: ", verdict_names[v->full]);
    fprintf(f, "**%s**. Each seed left out:", v->fragile ? "fragile" : "stable");
    for (int i = 0; i < s->nseeds; i++) fprintf(f, "%s %g → %s", i ? "," : "", s->seed[i], word(v->loo[i]));
    fprintf(f, "; %d of %d bootstrap resamples agree (", v->boot_agree, s->nboot);
    int shown = 0;
    for (int k = 1; k <= 4; k++) {
        Verdict w = (Verdict)(k % 4); /* confirmed, refuted, inconclusive, then errors */
        if (v->boot[w]) fprintf(f, "%s%s %d", shown++ ? ", " : "", word(w), v->boot[w]);
    }
    fprintf(f, ").\n");
}

void stability_write(FILE *f, const Stability *s, const Judgement *j)
{
    fprintf(f, "**Stability.** ");
    if (!s->applicable) {
        if (s->nseeds > 0)
            fprintf(f, "Not computed: %d seed%s, too few to leave one out.\n\n", s->nseeds, s->nseeds == 1 ? "" : "s");
        else fprintf(f, "Not applicable: the experiment has no seed axis (its runs are deterministic formulas or one seed).\n\n");
    } else {
        fprintf(f, "The verdict judged again with each of the %d seeds left out, and on %d bootstrap resamples "
                   "of the seeds (drawn with replacement, mt19937 seeded 4357); `fragile` when a leave-one-out "
                   "verdict differs or fewer than %g %% of the resamples agree.\n\n",
                s->nseeds, s->nboot, 100 * STAB_AGREE);
        for (int v = s->nv > 1 ? 1 : 0; v < s->nv; v++) write_one(f, s, &s->v[v]);
        fprintf(f, "\n");
    }
    fprintf(f, "**Power.** ");
    if (!(j->resolve > 0)) {
        fprintf(f, "The rule states no smallest difference to resolve against the seeds' spread.\n\n");
        return;
    }
    char a[32], b[32], c[32];
    double h = power_half_width(j->spread, j->spread_n);
    int need = power_seeds_needed(j->resolve, j->spread);
    fprintf(f, "The rule must resolve %s of %s. The largest standard deviation over seeds of the quantities it "
               "compares is %s (%d seeds): the 95 %% t-interval of a mean is ±%s, ",
            j->resolve_what, stats_fmt(a, j->resolve), stats_fmt(b, j->spread), j->spread_n, stats_fmt(c, h));
    if (h < j->resolve) fprintf(f, "narrower than the difference: enough seeds");
    else fprintf(f, "not narrower than the difference: too few seeds");
    fprintf(f, " (%s%d seeds would make it narrower).\n\n", need >= 1000 ? "more than " : "", need);
}
