/* Unit tests: a mention's normalized values kept outside mention_t
 * (pipeline.h: ment_vals, ment_set_vals).  Random values set on random
 * mentions, often equal to earlier ones (the shared-record path), must
 * read back exactly as a plain array of values beside the mentions does;
 * changing one mention never changes another that shares its record. */
#include "pipeline.h"
#include "t.h"

#define NMENT 3000
#define NSET 40000

static uint64_t rng = 0x2545F4914F6CDD1Du;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* A few distinct strings, so that equal records are frequent. */
static const char *const strs[] = {"ID", "US", "Indonesia", "Amerika Serikat", "IDR", "USD",
                                   "1000", "2500000", "Joko Widodo", "Sri Mulyani"};
#define NSTR (sizeof strs / sizeof strs[0])

static const char *pick(void)
{
    uint32_t r = next() % (NSTR * 3); /* NULL two times in three */
    return r < NSTR ? strs[r] : NULL;
}

static void random_record(mvals_t *v)
{
    v->iso = pick();
    v->name = pick();
    v->currency = pick();
    v->amount = pick();
    v->amount_min = pick();
    v->amount_max = pick();
    v->canonical = pick();
}

/* One of 16 records made once: the same values are set again and again,
 * as a country's or a person's are on every mention of it. */
static void random_vals(mvals_t *v)
{
    static mvals_t proto[16];
    static int made;
    if (!made) {
        for (size_t i = 0; i < 16; i++)
            random_record(&proto[i]);
        made = 1;
    }
    *v = proto[next() % 16];
}

static int same(const mvals_t *a, const mvals_t *b)
{
    return a->iso == b->iso && a->name == b->name && a->currency == b->currency &&
           a->amount == b->amount && a->amount_min == b->amount_min &&
           a->amount_max == b->amount_max && a->canonical == b->canonical;
}

static void values_read_back_as_set(void)
{
    pipe_t p;
    memset(&p, 0, sizeof p);
    static mention_t m[NMENT];
    static mvals_t want[NMENT];
    memset(m, 0, sizeof m);
    for (size_t i = 0; i < NMENT; i++)
        CHECK(same(ment_vals(&p, &m[i]), &mvals_none));
    size_t bad = 0;
    for (int k = 0; k < NSET; k++) {
        size_t i = next() % NMENT;
        if (next() % 4 == 0) {
            /* a copy of another mention, then one field changed (as the
             * document rules do): the other keeps its values */
            size_t j = next() % NMENT;
            m[i] = m[j];
            want[i] = want[j];
            want[i].canonical = pick();
            CHECK_INT(ment_set_vals(&p, &m[i], &want[i]), 0);
        } else {
            random_vals(&want[i]);
            CHECK_INT(ment_set_vals(&p, &m[i], &want[i]), 0);
        }
        for (size_t j = 0; j < NMENT; j += 97)
            bad += !same(ment_vals(&p, &m[j]), &want[j]);
        bad += !same(ment_vals(&p, &m[i]), &want[i]);
    }
    for (size_t i = 0; i < NMENT; i++)
        bad += !same(ment_vals(&p, &m[i]), &want[i]);
    CHECK_INT(bad, 0);
    CHECK(p.nmval < NSET / 2); /* equal records were shared */
    /* all NULL takes no record */
    size_t n0 = p.nmval;
    CHECK_INT(ment_set_vals(&p, &m[0], &mvals_none), 0);
    CHECK_INT(m[0].vals, 0);
    CHECK_INT(p.nmval, n0);
    /* a new document: the records are forgotten, a stale table entry
     * is not reused */
    pipe_clear_mvals(&p);
    mvals_t v = mvals_none;
    v.iso = "ID";
    CHECK_INT(ment_set_vals(&p, &m[1], &v), 0);
    CHECK(same(ment_vals(&p, &m[1]), &v));
    CHECK_INT(p.nmval, 2);
    free(p.mval);
}

static void mention_is_small(void)
{
    CHECK(sizeof(mention_t) <= 32);
}

int main(void)
{
    RUN(values_read_back_as_set);
    RUN(mention_is_small);
    return T_EXIT();
}
