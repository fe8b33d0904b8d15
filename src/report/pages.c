/* What the pages share (see pages.h). */
#include "report/pages.h"

#include <ctype.h>
#include <string.h>

#include "catalogue/claims.h"

const char *entry_verdict_word(const Entry *e)
{
    if (!e->x.have_results) return "not yet tested";
    if (!e->rule) return "no verdict rule";
    if (e->error[0]) return "error";
    return verdict_names[e->j.verdict];
}

bool entry_judged(const Entry *e)
{
    return e->x.have_results && e->rule && !e->error[0];
}

bool entry_claim(const Entry *e, const char *id, const char **word, const char **key)
{
    bool tests = false;
    for (int k = 0; k < e->x.nclaims; k++) tests |= strcmp(e->x.claims[k], id) == 0;
    if (!tests) return false;
    *word = entry_verdict_word(e);
    *key = entry_judged(e) ? e->j.key : "–";
    for (int k = 0; entry_judged(e) && k < e->j.nclaims; k++)
        if (!strcmp(e->j.claim[k].id, id)) *word = verdict_names[e->j.claim[k].verdict], *key = e->j.claim[k].key;
    return true;
}

bool entry_fragile(const Entry *e, const char *id)
{
    if (!entry_judged(e)) return false;
    for (int k = 0; k < e->j.nclaims; k++)
        if (!strcmp(e->j.claim[k].id, id)) return stability_fragile(&e->stab, id);
    return stability_fragile(&e->stab, "");
}

void md_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|') fputs("\\|", f);
        else if (*s == '\n') fputc(' ', f);
        else fputc(*s, f);
    }
}

/* GitHub's heading anchors: lower case, spaces to '-', other punctuation dropped. */
void md_claim_link(FILE *f, const char *id)
{
    const Claim *c = claim_find(id);
    fprintf(f, "[%s](../docs/CLAIMS.md#", id);
    if (c) {
        char heading[512];
        snprintf(heading, sizeof heading, "%s %s", c->id, c->title);
        for (const char *p = heading; *p; p++) {
            unsigned char ch = (unsigned char)*p;
            if (ch >= 0x80 || isalnum(ch) || ch == '-' || ch == '_') fputc(ch < 0x80 ? tolower(ch) : ch, f);
            else if (ch == ' ') fputc('-', f);
        }
    }
    fputc(')', f);
}
