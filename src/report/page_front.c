/* The front page, report/REPORT.md (see pages.h): the claims table, a paragraph per
 * area of the catalogue assembled from the verdicts, throughput, and the list of
 * experiment pages. Nothing here states a result that a verdict did not compute. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "catalogue/claims.h"
#include "report/pages.h"
#include "report/throughput.h"

static void write_claims(FILE *f, Entry *const *es, int n)
{
    fprintf(f, "## Claims\n\nEach claim of the catalogue ([docs/CLAIMS.md](../docs/CLAIMS.md)) with the verdict of "
               "every experiment that tests it, its key number and its page.\n\n"
               "| claim | verdict | key number | experiment |\n|---|---|---|---|\n");
    for (int c = 0; c < n_claims; c++) {
        fprintf(f, "| ");
        md_claim_link(f, claims[c].id);
        fprintf(f, " ");
        md_cell(f, claims[c].title);
        fprintf(f, " |");
        int found = 0;
        for (int pass = 0; pass < 3; pass++) { /* verdicts, key numbers, links */
            for (int i = 0, k = 0; i < n; i++) {
                const char *word, *key;
                if (!entry_claim(es[i], claims[c].id, &word, &key)) continue;
                fprintf(f, "%s", k++ ? "<br>" : " "); /* one line per experiment, aligned across the cells */
                if (pass == 0) fprintf(f, "**%s**%s", word, entry_fragile(es[i], claims[c].id) ? " (fragile)" : "");
                else if (pass == 1) md_cell(f, key);
                else fprintf(f, "[%s](%s.md)", es[i]->x.name, es[i]->x.name);
                found = k;
            }
            if (!found) fprintf(f, " %s", pass == 0 ? "not yet tested" : pass == 1 ? "–" : "no experiment yet");
            fprintf(f, " |");
        }
        fprintf(f, "\n");
    }
    fprintf(f, "\n");
}

/* A claim's verdicts over its experiments with results and a verdict. */
typedef struct {
    int judged, confirmed, refuted, inconclusive, pending; /* pending: experiments without a verdict yet */
} Tally;

static Tally tally_claim(Entry *const *es, int n, const char *id)
{
    Tally t = {0};
    for (int i = 0; i < n; i++) {
        const char *word, *key;
        if (!entry_claim(es[i], id, &word, &key)) continue;
        if (!entry_judged(es[i])) {
            t.pending++;
            continue;
        }
        t.judged++;
        t.confirmed += !strcmp(word, verdict_names[VERDICT_CONFIRMED]);
        t.refuted += !strcmp(word, verdict_names[VERDICT_REFUTED]);
        t.inconclusive += !strcmp(word, verdict_names[VERDICT_INCONCLUSIVE]);
    }
    return t;
}

static const char *count_word(int k, bool capital)
{
    static const char *const w[2][10] = {
        {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
        {"No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"}};
    return k >= 0 && k < 10 ? w[capital][k] : capital ? "Many" : "many";
}

/* "C02 (title) is refuted by lr_sweep_lm (key) and lr_sweep_mlp (key)." */
static void claim_sentence(FILE *f, Entry *const *es, int n, const Claim *c, Tally t)
{
    const char *overall = t.confirmed == t.judged     ? "confirmed"
                          : t.refuted == t.judged     ? "refuted"
                          : t.inconclusive == t.judged ? "inconclusive"
                                                       : "mixed";
    fprintf(f, " %s (%s) is **%s**", c->id, c->title, overall);
    if (!strcmp(overall, "mixed")) fprintf(f, ":");
    else fprintf(f, " by");
    for (int i = 0, k = 0; i < n; i++) {
        const char *word, *key;
        if (!entry_claim(es[i], c->id, &word, &key) || !entry_judged(es[i])) continue;
        fprintf(f, "%s", k++ ? (k == t.judged ? " and" : ",") : "");
        if (!strcmp(overall, "mixed")) fprintf(f, " %s by", word);
        fprintf(f, " [%s](%s.md) (%s)", es[i]->x.name, es[i]->x.name, key);
    }
    fprintf(f, ".");
}

static void write_area(FILE *f, Entry *const *es, int n, const char *area)
{
    int nc = 0, judged = 0, confirmed = 0, refuted = 0, open = 0;
    for (int c = 0; c < n_claims; c++) {
        if (strcmp(claims[c].area, area)) continue;
        Tally t = tally_claim(es, n, claims[c].id);
        nc++;
        if (!t.judged) continue;
        judged++;
        if (t.confirmed == t.judged) confirmed++;
        else if (t.refuted == t.judged) refuted++;
        else open++;
    }
    fprintf(f, "**%s.** ", area);
    if (!judged && nc == 1) fprintf(f, "Its one claim has no verdict yet.");
    else if (!judged) fprintf(f, "None of its %s claims has a verdict yet.", count_word(nc, false));
    else {
        if (nc == 1) fprintf(f, "Its one claim has a verdict");
        else if (judged == nc && nc == 2) fprintf(f, "Both of its claims have a verdict");
        else if (judged == nc) fprintf(f, "All %s of its claims have a verdict", count_word(nc, false));
        else fprintf(f, "%s of its %s claims %s a verdict", count_word(judged, true), count_word(nc, false),
                     judged == 1 ? "has" : "have");
        fprintf(f, " so far: the results support %s, contradict %s", confirmed ? count_word(confirmed, false) : "none",
                refuted ? count_word(refuted, false) : "none");
        fprintf(f, open ? " and leave %s open (inconclusive, or experiments that disagree)." : ".",
                count_word(open, false));
        for (int c = 0; c < n_claims; c++) {
            if (strcmp(claims[c].area, area)) continue;
            Tally t = tally_claim(es, n, claims[c].id);
            if (t.judged) claim_sentence(f, es, n, &claims[c], t);
        }
    }
    int untested = 0;
    for (int c = 0; c < n_claims; c++) {
        if (strcmp(claims[c].area, area)) continue;
        Tally t = tally_claim(es, n, claims[c].id);
        if (t.judged) continue;
        fprintf(f, "%s%s%s", untested++ ? ", " : judged ? " Not yet judged: " : " Waiting for experiments: ",
                claims[c].id, t.pending ? " (experiment without results)" : "");
    }
    fprintf(f, "%s\n\n", untested ? "." : "");
}

static void write_areas(FILE *f, Entry *const *es, int n)
{
    fprintf(f, "## What the verdicts add up to\n\nPer area of the catalogue, assembled from the verdicts above "
               "(a claim is supported when every experiment testing it confirms it).\n\n");
    for (int c = 0; c < n_claims; c++)
        if (c == 0 || strcmp(claims[c].area, claims[c - 1].area)) write_area(f, es, n, claims[c].area);
}

static void write_pages(FILE *f, Entry *const *es, int n)
{
    fprintf(f, "## Experiments\n\nOne page each: setup, figures, numbers over seeds, the verdict with its rule "
               "and thresholds, memory and provenance.\n\n| page | title | runs | verdict |\n|---|---|---|---|\n");
    for (int i = 0; i < n; i++) {
        fprintf(f, "| [%s](%s.md) | ", es[i]->x.name, es[i]->x.name);
        md_cell(f, es[i]->x.title);
        fprintf(f, " | %d | ", es[i]->x.have_results ? es[i]->x.runs.nrows : 0);
        if (entry_judged(es[i]) && es[i]->j.nclaims)
            for (int k = 0; k < es[i]->j.nclaims; k++)
                fprintf(f, "%s%s %s", k ? ", " : "", es[i]->j.claim[k].id, verdict_names[es[i]->j.claim[k].verdict]);
        else fprintf(f, "%s", entry_verdict_word(es[i]));
        fprintf(f, " |\n");
    }
    if (!n) fprintf(f, "| – | no experiment files yet (experiments/NAME.ini) | 0 | – |\n");
    fprintf(f, "\n");
}

static void write_throughput(FILE *f, Entry *const *es, int n)
{
    fprintf(f, "## Throughput\n\nFrom the benchmark experiments (a `[bench]` section: `descent bench` runs, timed one "
               "at a time with repeated rounds), one table per machine; figures against size on each page.\n\n");
    int shown = 0;
    for (int i = 0; i < n; i++) {
        if (!es[i]->x.bench) continue;
        shown++;
        if (es[i]->x.have_results) throughput_tables(f, &es[i]->x, es[i]->x.name);
        else fprintf(f, "[%s](%s.md) has no results yet: `build/descent sweep experiments/%s.ini`, on a machine "
                        "doing nothing else.\n\n", es[i]->x.name, es[i]->x.name, es[i]->x.name);
    }
    if (!shown) fprintf(f, "No benchmark experiment yet.\n\n");
}

void page_front(FILE *f, Entry *const *es, int n)
{
    fprintf(f, "# descent: the report\n\n"
               "Every claim of the textbook account this suite tests, with the verdict its experiments' "
               "rules compute from the committed results. Written by `descent report` (`ninja -C build "
               "report`) from `experiments/NAME.ini` and `results/`; it never trains. A refuted claim is a "
               "finding, reported with its numbers.\n\n");
    write_claims(f, es, n);
    write_areas(f, es, n);
    write_throughput(f, es, n);
    write_pages(f, es, n);
}
