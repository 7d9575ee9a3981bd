/* docref_acronyms.c - short forms in brackets (docref.h rules 3 and 6):
 * `Komisi Pemberantasan Korupsi (KPK)`, `Kementerian Sosial (Kemensos)`. */
#include "docref_rules.h"

#include <stdlib.h>
#include <string.h>

static int acronym_like(const pipe_t *p, size_t i)
{
    if (p->tok[i].kind != WARTA_TOK_WORD)
        return 0;
    size_t up = 0, lo = 0, len = p->tok[i].end - p->tok[i].start;
    dr_letter_case(p, i, &up, &lo);
    return len >= 2 && len <= 12 && up >= 2 && dr_is_upper_cp(dr_first_cp(p, i));
}

/* `Kementerian Sosial (Kemensos)`: a bracketed capitalised word that shares
 * the name's initial and is no common word is its short form too. */
static int short_form_like(const pipe_t *p, size_t name, size_t t)
{
    if (!dr_is_cap_word(p, t) || p->tok[t].end - p->tok[t].start < 3 ||
        (p->lex[t] & (LEX_COMMON | NOT_NAME)))
        return 0;
    return dr_first_cp(p, t) == dr_first_cp(p, name);
}

/* Schwartz & Hearst (2003): read right to left, the letters and digits of
 * the short form occur in order (case-folded) in the long form, tokens
 * tb..te-1, and its first one starts the first word. ASCII letters and
 * digits only; other bytes never match. */
static int fold_alnum(unsigned char a)
{
    if (a >= 'A' && a <= 'Z')
        return a - 'A' + 'a';
    return (a >= 'a' && a <= 'z') || (a >= '0' && a <= '9') ? a : 0;
}

static int long_form_match(const pipe_t *p, size_t tb, size_t te, size_t sb, size_t se)
{
    char lf[256];
    size_t n = 0;
    for (size_t t = tb; t < te; t++) {
        size_t l;
        const char *w = dr_ttext(p, t, &l);
        if (n + l + 1 > sizeof lf)
            return 0;
        if (t > tb)
            lf[n++] = ' ';
        memcpy(lf + n, w, l);
        n += l;
    }
    size_t k = 0;
    char sh[64];
    for (size_t t = sb; t < se; t++) {
        size_t sl;
        const char *s = dr_ttext(p, t, &sl);
        for (size_t i = 0; i < sl && k < sizeof sh; i++)
            if (fold_alnum((unsigned char)s[i]))
                sh[k++] = (char)fold_alnum((unsigned char)s[i]);
    }
    if (k < 2 || k == sizeof sh)
        return 0;
    size_t li = n;
    for (size_t si = k; si-- > 0;) {
        for (;;) {
            if (li == 0)
                return 0;
            li--;
            if (fold_alnum((unsigned char)lf[li]) != sh[si])
                continue;
            if (si == 0 && li != 0)
                continue; /* the first letter must start the long form */
            break;
        }
    }
    return 1;
}

static int connective(const pipe_t *p, size_t i)
{
    return dr_tok_is(p, i, "dan") || dr_tok_is(p, i, "&");
}

/* `dan`, `&`, or the comma of an official name's list: `Badan
 * Meteorologi, Klimatologi, dan Geofisika`. */
static int joiner(const pipe_t *p, size_t i)
{
    return connective(p, i) || dr_tok_is(p, i, ",");
}

/* ---- 3. long forms before a short form ----------------------------------- */

/* `Badan Pengatur Hilir Minyak dan Gas Bumi (BPH Migas)`: an organization
 * that stops inside a run of capitalised words (and `dan`/`&`/commas between
 * them, `Badan Riset, Inovasi, dan Teknologi Daerah (BRITD)`) which a
 * bracketed short form closes takes the rest of the run when
 * the short form spells the whole run but not the organization alone
 * (Schwartz & Hearst) and the run's words belong to no other entity. The
 * short form is an acronym-like word and up to two capitalised words. */
void dr_extend_to_long_form(ctx_t *c)
{
    const pipe_t *p = c->p;
    for (size_t i = 0; i < *c->n; i++) {
        mention_t *m = &(*c->sel)[i];
        if (m->type != WARTA_ORGANIZATION || m->te + 1 >= p->ntok ||
            !(dr_is_cap_word(p, m->te) || (dr_tok_is(p, m->te, ",") && dr_is_cap_word(p, m->te + 1))))
            continue;
        size_t t = m->te;
        while (t < p->ntok && t - m->te < 10 && c->owner[t] < 0 &&
               (dr_is_cap_word(p, t) || (joiner(p, t) && t + 1 < p->ntok && dr_is_cap_word(p, t + 1)) ||
                (dr_tok_is(p, t, ",") && t + 2 < p->ntok && connective(p, t + 1) &&
                 dr_is_cap_word(p, t + 2))))
            t++;
        if (t + 2 >= p->ntok || !dr_tok_is(p, t, "(") || !acronym_like(p, t + 1) || connective(p, t - 1))
            continue;
        size_t se = t + 2; /* the short form: up to two more capitalised words */
        while (se < p->ntok && se < t + 4 && dr_is_cap_word(p, se))
            se++;
        if (se >= p->ntok || !dr_tok_is(p, se, ")"))
            continue;
        if (long_form_match(p, m->tb, m->te, t + 1, se) || !long_form_match(p, m->tb, t, t + 1, se))
            continue;
        for (size_t k = m->te; k < t; k++)
            c->owner[k] = (int32_t)i;
        m->te = (uint32_t)t;
        mvals_t v = *ment_vals(p, m);
        v.canonical = v.name = v.iso = NULL;
        dr_set_vals(c, m, &v);
    }
}

/* ---- 6. short forms defined in brackets --------------------------------- */

int dr_acronyms(ctx_t *c)
{
    pipe_t *p = c->p;
    smap_t acr = {0};
    const char **canon = NULL;
    size_t ncanon = 0, capcanon = 0;
    size_t n0 = *c->n;
    int rc = 0;
    for (size_t i = 0; i < n0 && !rc; i++) {
        mention_t m = (*c->sel)[i];
        if (m.type != WARTA_ORGANIZATION || m.te + 2 >= p->ntok || !dr_tok_is(p, m.te, "(") || !dr_tok_is(p, m.te + 2, ")") ||
            !(acronym_like(p, m.te + 1) || short_form_like(p, m.tb, m.te + 1)) || m.te - m.tb < 2)
            continue;
        const char *full = dr_canonical(c, &m) ? dr_canonical(c, &m) : dr_span_dup(c, m.tb, m.te);
        if (!full || vec_reserve((void **)&canon, &capcanon, ncanon + 1, sizeof *canon)) {
            rc = -1;
            break;
        }
        dr_set_canonical(c, &(*c->sel)[i], full);
        canon[ncanon] = full;
        if (dr_smap_get_tok(&acr, p, m.te + 1) < 0 && dr_smap_add_tok(&acr, p, m.te + 1, (int)ncanon))
            rc = -1;
        ncanon++;
    }
    if (!rc && acr.n) {
        for (size_t t = 0; t < p->ntok && !rc; t++) {
            int v = dr_smap_get_tok(&acr, p, t);
            if (v < 0)
                continue;
            const char *full = canon[acr.val[v]];
            int32_t o = c->owner[t];
            if (o < 0) {
                rc = dr_add_alias(c, t, WARTA_ORGANIZATION, full);
            } else if ((*c->sel)[o].tb == t && (*c->sel)[o].te == t + 1) {
                dr_retype(c, &(*c->sel)[o], WARTA_ORGANIZATION, full);
            }
        }
    }
    dr_smap_free(&acr);
    free(canon);
    return rc;
}
