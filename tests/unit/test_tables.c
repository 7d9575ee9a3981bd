/* Unit tests: the prebuilt start-up tables (tables.h) answer every lookup
 * exactly like the tables the library builds at run time from data/ (the
 * reference), and the flat hash table (ftab.h) like the hash map it is made
 * from.  Also the money patterns: the interpreter and the JIT find the same
 * amounts on real news.
 *
 * Every form of every source file is looked up, plus negatives (the form
 * with a letter added or changed, lower-cased, upper-cased). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>

#include "currency.h"
#include "data.h"
#include "ftab.h"
#include "gaz.h"
#include "lexicon.h"
#include "money_pattern.h"
#include "pipeline.h"
#include "t.h"
#include "warta.h"

static warta_t *W;

/* ---- helpers ------------------------------------------------------------- */

/* Calls fn(field, len) for field `col` of every line of data/file. */
static size_t each_field(const char *file, int col, void (*fn)(const char *, size_t, void *),
                         void *ctx)
{
    size_t n, count = 0;
    const char *b = (const char *)data_get(file, &n);
    CHECK(b != NULL);
    for (size_t i = 0; b && i < n;) {
        size_t e = i;
        while (e < n && b[e] != '\n')
            e++;
        if (e > i && b[i] != '#') {
            const char *f[8];
            size_t fl[8];
            size_t k = split_tabs(b + i, e - i, f, fl, 8);
            if ((size_t)col < k && fl[col]) {
                fn(f[col], fl[col], ctx);
                count++;
            }
        }
        i = e + 1;
    }
    return count;
}

/* Calls fn(path, text, n, ctx) for every article of tests/news; returns
 * how many. */
static size_t each_news(void (*fn)(const char *, const char *, size_t, void *), void *ctx)
{
    DIR *d = opendir("tests/news");
    CHECK(d != NULL);
    size_t docs = 0;
    struct dirent *de;
    static char text[1 << 20];
    while (d && (de = readdir(d))) {
        size_t nl = strlen(de->d_name);
        if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "tests/news/%s", de->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        fn(path, text, n, ctx);
        docs++;
    }
    if (d)
        closedir(d);
    return docs;
}

/* The variants of s[0..n) a lookup is tried with: itself, then negatives
 * (a letter added, the last byte changed, ASCII lower and upper case). */
enum { NVAR = 5 };
static size_t variant(const char *s, size_t n, int v, char *out, size_t cap)
{
    if (n + 2 > cap)
        n = cap - 2;
    memcpy(out, s, n);
    switch (v) {
    case 1: out[n++] = 'q'; break;
    case 2: if (n) out[n - 1] = out[n - 1] == 'z' ? 'y' : 'z'; break;
    case 3: for (size_t i = 0; i < n; i++) if (out[i] >= 'A' && out[i] <= 'Z') out[i] |= 0x20; break;
    case 4: for (size_t i = 0; i < n; i++) if (out[i] >= 'a' && out[i] <= 'z') out[i] &= ~0x20; break;
    default: break;
    }
    out[n] = '\0';
    return n;
}

/* ---- ftab against hashmap ------------------------------------------------- */

typedef struct ft_ctx {
    hashmap_t m;
    size_t added;
} ft_ctx_t;

static void ft_add(const char *s, size_t n, void *vc)
{
    ft_ctx_t *c = vc;
    uint64_t *v = hashmap_put(&c->m, s, n, NULL);
    CHECK(v != NULL);
    if (v)
        *v = (uint64_t)(++c->added * 2654435761u) & 0xFFFFFFFFu;
}

typedef struct ft_check {
    const hashmap_t *m;
    const ftab_t *t;
    size_t hits, misses;
} ft_check_t;

static void ft_same(const char *s, size_t n, void *vc)
{
    ft_check_t *c = vc;
    char buf[600];
    for (int v = 0; v < NVAR; v++) {
        size_t k = variant(s, n, v, buf, sizeof buf);
        const uint64_t *want = hashmap_get(c->m, buf, k);
        const uint32_t *got = ftab_get(c->t, buf, k);
        /* the two-step lookup (lexicon.c batches its tokens' lookups) */
        uint64_t h = ftab_key_hash(buf, k);
        ftab_prefetch(c->t, h);
        if (ftab_get_h(c->t, buf, k, h) != got) {
            CHECK(!"ftab_get_h and ftab_get differ");
            return;
        }
        if (!want != !got || (want && (uint32_t)*want != *got)) {
            CHECK(!"ftab and hashmap differ");
            fprintf(stderr, "    key \"%s\"\n", buf);
            return;
        }
        c->hits += want != NULL;
        c->misses += want == NULL;
    }
}

/* Real keys (the organization lexicon), random values; every key and its
 * negatives must get the map's answer. */
static void ftab_matches_hashmap(void)
{
    ft_ctx_t c = {0};
    each_field("org_lexicon.tsv", 0, ft_add, &c);
    each_field("lex_wiki.txt", 0, ft_add, &c);
    unsigned char *img = NULL;
    size_t len = 0, cap = 0;
    ftab_t t;
    CHECK_INT(ftab_image(&c.m, &img, &len, &cap), 0);
    CHECK_INT(ftab_view(&t, img, len), 0);
    CHECK_INT(t.n, c.m.n);
    ft_check_t k = {&c.m, &t, 0, 0};
    each_field("org_lexicon.tsv", 0, ft_same, &k);
    each_field("lex_wiki.txt", 0, ft_same, &k);
    each_field("places.tsv", 0, ft_same, &k);
    CHECK(k.hits > 10000);
    CHECK(k.misses > 10000);
    /* an empty map: nothing found */
    hashmap_t empty = {0};
    unsigned char *img2 = NULL;
    size_t len2 = 0, cap2 = 0;
    ftab_t t2;
    CHECK_INT(ftab_image(&empty, &img2, &len2, &cap2), 0);
    CHECK_INT(ftab_view(&t2, img2, len2), 0);
    CHECK(ftab_get(&t2, "a", 1) == NULL);
    CHECK(ftab_get_h(&t2, "a", 1, ftab_key_hash("a", 1)) == NULL);
    /* a truncated image is refused */
    CHECK(ftab_view(&t2, img, 40) != 0);
    free(img);
    free(img2);
    hashmap_free(&c.m);
}

/* ---- lexicon --------------------------------------------------------------- */

typedef struct lx_ctx {
    const lexicon_t *a, *b; /* run-time built, prebuilt */
    size_t words, phrases, bits;
} lx_ctx_t;

/* Folds s as a lexicon key (words split at spaces, a trailing "." of each
 * word dropped) and compares each word's bits and the phrase bits. */
static void lx_same(const char *s, size_t n, void *vc)
{
    lx_ctx_t *c = vc;
    char var[600], fold[1300];
    for (int v = 0; v < NVAR; v++) {
        size_t vn = variant(s, n, v, var, sizeof var);
        size_t fn = utf8_fold(var, vn, fold, sizeof fold);
        const char *keys[8];
        size_t lens[8], nk = 0;
        for (size_t i = 0; i < fn && nk < 8;) {
            while (i < fn && fold[i] == ' ')
                i++;
            size_t b = i;
            while (i < fn && fold[i] != ' ')
                i++;
            if (i > b) {
                keys[nk] = fold + b;
                lens[nk] = i - b - (i - b > 1 && fold[i - 1] == '.');
                nk++;
            }
        }
        uint32_t ba[8] = {0}, bb[8] = {0};
        for (size_t k = 0; k < nk; k++) {
            ba[k] = lexicon_word(c->a, keys[k], lens[k]);
            bb[k] = lexicon_word(c->b, keys[k], lens[k]);
            c->words++;
            c->bits += ba[k] != 0;
        }
        lexicon_phrases(c->a, keys, lens, nk, ba);
        lexicon_phrases(c->b, keys, lens, nk, bb);
        c->phrases += nk > 1;
        if (memcmp(ba, bb, sizeof ba)) {
            CHECK(!"prebuilt and run-time lexicon differ");
            fprintf(stderr, "    entry \"%s\"\n", var);
            return;
        }
    }
}

static void lexicon_prebuilt_matches_runtime(void)
{
    static const char *const files[] = {
        "lex_names.txt", "lex_common.txt", "lex_wiki.txt", "titles.txt", "org_heads.txt",
        "org_tails.txt", "lex_countries.txt", "lex_org_nouns.txt", "lex_person_nouns.txt",
        "lex_naming.txt", "places.tsv", NULL};
    const tblob_t *tb = tables_embedded();
    CHECK(tb != NULL); /* the library must carry its prebuilt tables */
    if (!tb)
        return;
    lexicon_t *built = NULL, *pre = NULL;
    warta_error_t err;
    CHECK_INT(lexicon_build(&built, &err), 0);
    CHECK_INT(lexicon_open(&pre, tb), 0);
    if (!built || !pre)
        return;
    lx_ctx_t c = {built, pre, 0, 0, 0};
    for (int i = 0; files[i]; i++)
        each_field(files[i], 0, lx_same, &c);
    CHECK(c.words > 50000);
    CHECK(c.bits > 20000);
    CHECK(c.phrases > 200); /* multi-word entries (and their variants) */
    lexicon_free(built);
    lexicon_free(pre);
}

/* ---- gazetteer ------------------------------------------------------------- */

/* Tokenizes s into *p (p->s = s); 0 or -1. */
static int tokens(pipe_t *p, const char *s, size_t n)
{
    memset(p, 0, sizeof *p);
    p->s = s;
    p->n = n;
    if (tok_run(W->tok, p) < 0 || vec_reserve((void **)&p->lex, &p->caplex, p->ntok + 1, 4))
        return -1;
    memset(p->lex, 0, (p->ntok + 1) * sizeof *p->lex);
    return 0;
}

static void pipe_drop(pipe_t *p)
{
    free(p->tok);
    free(p->sent);
    free(p->lex);
    free(p->ment);
    free(p->mval);
}

/* Two matches are the same: same end, and the same entry (index, and so
 * kind, flags, pieces, strings, since the arrays are equal). */
static int same_matches(const match_t *a, const match_t *b)
{
    for (int k = 0; k < K_N; k++)
        if (a[k].te != b[k].te || (a[k].te && a[k].entry != b[k].entry))
            return 0;
    return 1;
}

typedef struct gz_ctx {
    const gaz_t *a, *b;
    size_t forms, found;
} gz_ctx_t;

static void gz_same(const char *s, size_t n, void *vc)
{
    gz_ctx_t *c = vc;
    char var[600];
    for (int v = 0; v < NVAR; v++) {
        size_t vn = variant(s, n, v, var, sizeof var);
        pipe_t p;
        if (tokens(&p, var, vn) || !p.ntok) {
            pipe_drop(&p);
            continue;
        }
        match_t ra[K_N], rb[K_N];
        gaz_walk(c->a, &p, 0, ra);
        gaz_walk(c->b, &p, 0, rb);
        c->forms++;
        for (int k = 0; k < K_N; k++)
            c->found += ra[k].te == p.ntok;
        int given_a = ftab_get(&c->a->given, var, vn) != NULL;
        int given_b = ftab_get(&c->b->given, var, vn) != NULL;
        if (!same_matches(ra, rb) || given_a != given_b) {
            CHECK(!"prebuilt and run-time gazetteer differ");
            fprintf(stderr, "    form \"%s\"\n", var);
        }
        pipe_drop(&p);
    }
}

/* The prebuilt tables are the run-time builder's arrays byte for byte. */
static void gaz_arrays_equal(const gaz_t *a, const gaz_t *b)
{
    CHECK_INT(a->nnode, b->nnode);
    CHECK_INT(a->capedge, b->capedge);
    CHECK_INT(a->nent, b->nent);
    CHECK_INT(a->npcs, b->npcs);
    CHECK_INT(a->nstr, b->nstr);
    if (a->nnode != b->nnode || a->capedge != b->capedge || a->nent != b->nent ||
        a->npcs != b->npcs || a->nstr != b->nstr)
        return;
    CHECK(!memcmp(a->node, b->node, a->nnode * sizeof *a->node));
    CHECK(!memcmp(a->edge, b->edge, a->capedge * sizeof *a->edge));
    CHECK(!memcmp(a->ent, b->ent, a->nent * sizeof *a->ent));
    CHECK(!memcmp(a->pcs, b->pcs, a->npcs * sizeof *a->pcs));
    CHECK(!memcmp(a->str, b->str, a->nstr));
    for (size_t i = 0; i < sizeof a->day_month / sizeof *a->day_month; i++) {
        CHECK(!a->day_month[i] == !b->day_month[i]);
        if (a->day_month[i] && b->day_month[i])
            CHECK_STR(a->day_month[i], b->day_month[i]);
    }
    CHECK(a->day_month[0] != NULL);
}

typedef struct run_ctx {
    const gaz_t *a, *b;
    size_t ments;
} run_ctx_t;

static int same_mention(const pipe_t *p, const mention_t *mx, const pipe_t *q,
                        const mention_t *y0)
{
    const mvals_t *x = ment_vals(p, mx), *y = ment_vals(q, y0);
    return mx->tb == y0->tb && mx->te == y0->te && mx->type == y0->type && mx->score == y0->score &&
           !x->iso == !y->iso && !x->name == !y->name && !x->canonical == !y->canonical &&
           (!x->iso || !strcmp(x->iso, y->iso)) && (!x->name || !strcmp(x->name, y->name)) &&
           (!x->canonical || !strcmp(x->canonical, y->canonical));
}

static void run_same(const char *path, const char *text, size_t n, void *vc)
{
    run_ctx_t *c = vc;
    pipe_t p, q;
    arena_t ar = {0}, aq = {0};
    if (tokens(&p, text, n) || tokens(&q, text, n)) {
        CHECK(!"tokenize");
    } else {
        p.arena = &ar;
        q.arena = &aq;
        CHECK_INT(gaz_run(c->a, &p), 0);
        CHECK_INT(gaz_run(c->b, &q), 0);
        int same = p.nment == q.nment && !memcmp(p.lex, q.lex, p.ntok * sizeof *p.lex);
        for (size_t i = 0; same && i < p.nment; i++)
            same = same_mention(&p, &p.ment[i], &q, &q.ment[i]);
        if (!same)
            fprintf(stderr, "    %s differs\n", path);
        CHECK(same);
        c->ments += p.nment;
    }
    pipe_drop(&p);
    pipe_drop(&q);
    arena_free(&ar);
    arena_free(&aq);
}

/* gaz_run over every article of tests/news: same mentions (with their
 * strings) and the same lexicon bits. */
static void gaz_run_same(const gaz_t *a, const gaz_t *b)
{
    run_ctx_t c = {a, b, 0};
    CHECK(each_news(run_same, &c) >= 50);
    CHECK(c.ments > 500);
}

static void gazetteer_prebuilt_matches_runtime(void)
{
    static const struct { const char *file; int col; } src[] = {
        {"organizations.tsv", 0}, {"org_id.tsv", 0}, {"people.tsv", 0},
        {"person_given.txt", 0}, {"country_aliases.tsv", 0}, {"countries.tsv", 3},
        {"places.tsv", 0}, {"places_id.tsv", 0}, {"org_lexicon.tsv", 0},
        {"lex_names.txt", 0}, {"titles.txt", 0}};
    const tblob_t *tb = tables_embedded();
    CHECK(tb != NULL);
    if (!tb)
        return;
    gaz_t *built = NULL, *pre = NULL;
    warta_error_t err;
    CHECK_INT(gaz_build(&built, &err), 0);
    CHECK_INT(gaz_open(&pre, tb), 0);
    if (!built || !pre)
        return;
    gaz_arrays_equal(built, pre);
    gz_ctx_t c = {built, pre, 0, 0};
    for (size_t i = 0; i < sizeof src / sizeof *src; i++)
        each_field(src[i].file, src[i].col, gz_same, &c);
    CHECK(c.forms > 100000);
    CHECK(c.found > 20000);
    gaz_run_same(built, pre);
    gaz_free(built);
    gaz_free(pre);
}

/* ---- money: prebuilt patterns; interpreter and JIT -------------------------- */

/* The money mentions of text as "tb-te currency amount min max;" */
static void money_marks(const money_t *m, const char *text, size_t n, strbuf_t *out)
{
    pipe_t p;
    arena_t ar = {0};
    money_scratch_t *s = money_scratch_new(m);
    CHECK(s != NULL);
    if (!s || tokens(&p, text, n)) {
        money_scratch_free(s);
        return;
    }
    p.arena = &ar;
    CHECK_INT(money_run(m, s, &p), 0);
    for (size_t i = 0; i < p.nment; i++) {
        const mention_t *xm = &p.ment[i];
        const mvals_t *x = ment_vals(&p, xm);
        char line[512];
        snprintf(line, sizeof line, "%u-%u %s %s %s %s %d;", xm->tb, xm->te,
                 x->currency ? x->currency : "-", x->amount ? x->amount : "-",
                 x->amount_min ? x->amount_min : "-", x->amount_max ? x->amount_max : "-",
                 xm->approximate);
        strbuf_puts(out, line);
    }
    for (size_t t = 0; t < p.ntok; t++) {
        char bits[16];
        snprintf(bits, sizeof bits, "%x,", p.lex[t]);
        strbuf_puts(out, bits);
    }
    pipe_drop(&p);
    arena_free(&ar);
    money_scratch_free(s);
}

typedef struct money_ctx {
    const money_t *m[3]; /* built (interpreter), prebuilt (interpreter), JIT */
    size_t with_money;
} money_ctx_t;

static void money_same(const char *path, const char *text, size_t n, void *vc)
{
    money_ctx_t *c = vc;
    strbuf_t out[3] = {{0}};
    for (int i = 0; i < 3; i++) {
        money_marks(c->m[i], text, n, &out[i]);
        CHECK(out[i].p && !out[i].oom);
    }
    if (out[0].p && out[1].p && out[2].p &&
        (strcmp(out[0].p, out[1].p) || strcmp(out[0].p, out[2].p))) {
        CHECK(!"money: built/prebuilt or interpreter/JIT differ");
        fprintf(stderr, "    %s\n", path);
    }
    c->with_money += out[0].p && strchr(out[0].p, ';');
    for (int i = 0; i < 3; i++)
        free(out[i].p);
}

static void money_paths_agree(void)
{
    const tblob_t *tb = tables_embedded();
    CHECK(tb != NULL);
    money_t *built = NULL, *pre = NULL, *jit = NULL;
    warta_error_t err;
    CHECK_INT(money_build(&built, &err), 0);
    CHECK_INT(money_build(&jit, &err), 0);
    if (tb)
        CHECK_INT(money_open(&pre, tb, &err), 0);
    if (!built || !pre || !jit)
        goto out;
    money_set_jit(built, MONEY_JIT_NEVER);
    money_set_jit(pre, MONEY_JIT_NEVER);
    money_set_jit(jit, MONEY_JIT_NOW);
    uint32_t have_jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
    CHECK_INT(money_jit_ready(jit), have_jit ? 1 : 0);
    CHECK_INT(money_jit_ready(built), 0);
    money_ctx_t c = {{built, pre, jit}, 0};
    CHECK(each_news(money_same, &c) >= 50);
    CHECK(c.with_money >= 20);
out:
    money_free(built);
    money_free(pre);
    money_free(jit);
}

typedef struct cur_ctx {
    const currencies_t *a, *b; /* run-time built, prebuilt */
    size_t found;
} cur_ctx_t;

static void cur_same(const char *s, size_t n, void *vc)
{
    cur_ctx_t *c = vc;
    char var[600];
    for (int v = 0; v < NVAR; v++) {
        size_t vn = variant(s, n, v, var, sizeof var);
        const cur_form_t *x = currency_find(c->a, var, vn), *y = currency_find(c->b, var, vn);
        int same = !x == !y;
        if (x && y)
            same = !strcmp(cur_code(c->a, x), cur_code(c->b, y)) && x->where == y->where &&
                   x->cs == y->cs && x->need == y->need && x->len == y->len &&
                   !strcmp(cur_key(c->a, x), cur_key(c->b, y));
        c->found += x != NULL;
        if (!same) {
            CHECK(!"prebuilt and run-time currency forms differ");
            fprintf(stderr, "    form \"%s\"\n", var);
        }
    }
}

/* Every surface of both currency files (and negatives) finds the same
 * form, code and rules. */
static void currencies_prebuilt_match_runtime(void)
{
    const tblob_t *tb = tables_embedded();
    CHECK(tb != NULL);
    currencies_t built = {0}, pre = {0};
    const char *what;
    CHECK_INT(currencies_load(&built, &what), 0);
    if (tb)
        CHECK_INT(currencies_open(&pre, tb), 0);
    CHECK_INT(pre.nforms, built.nforms);
    CHECK_INT(pre.ncs, built.ncs);
    if (pre.nforms == built.nforms && pre.nstr == built.nstr) {
        CHECK(!memcmp(pre.forms, built.forms, built.nforms * sizeof *built.forms));
        CHECK(!memcmp(pre.str, built.str, built.nstr));
    }
    cur_ctx_t c = {&built, &pre, 0};
    each_field("currencies.tsv", 0, cur_same, &c);
    each_field("currencies.tsv", 1, cur_same, &c);
    each_field("currency_aliases.tsv", 0, cur_same, &c);
    CHECK(c.found > 300);
    currencies_free(&built);
}

/* The embedded blob is, section by section, what the run-time builders
 * make from data/ now (for the role phrases, whose lookups ftab_get does,
 * this and ftab_matches_hashmap are the whole proof). */
static void blob_is_current(void)
{
    const tblob_t *tb = tables_embedded();
    CHECK(tb != NULL);
    tb_writer_t w = {0};
    warta_error_t err;
    CHECK_INT(tables_build(&w, &err), 0);
    for (int i = 0; tb && !w.oom && i < TB_N; i++) {
        CHECK(w.size[i] > 0);
        if (w.size[i] != tb->len[i] || memcmp(w.buf + w.off[i], tb->sec[i], tb->len[i])) {
            CHECK(!"a section differs from the run-time builder's");
            fprintf(stderr, "    section %d\n", i);
        }
    }
    tbw_free(&w);
}

/* A blob with a wrong header is refused. */
static void bad_blobs_refused(void)
{
    const tblob_t *tb = tables_embedded();
    CHECK(tb != NULL);
    static _Alignas(64) unsigned char buf[4096];
    tblob_t t;
    CHECK(tb_open(&t, buf, sizeof buf) != 0); /* zeros: no magic */
    memcpy(buf, "WARTATBL", 8);
    CHECK(tb_open(&t, buf, sizeof buf) != 0); /* no version */
    CHECK(tb_open(&t, NULL, 0) != 0);
}

int main(void)
{
    warta_error_t err;
    if (warta_open(&W, NULL, &err) != WARTA_OK) {
        printf("FAIL warta_open: %s\n", err.message);
        return 1;
    }
    RUN(ftab_matches_hashmap);
    RUN(lexicon_prebuilt_matches_runtime);
    RUN(gazetteer_prebuilt_matches_runtime);
    RUN(currencies_prebuilt_match_runtime);
    RUN(money_paths_agree);
    RUN(blob_is_current);
    RUN(bad_blobs_refused);
    warta_close(W);
    return T_EXIT();
}
