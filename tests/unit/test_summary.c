/* Unit tests: the --summary aggregation (summary.c) stays n log n in the
 * number of distinct entities (issue 15.4: it was one linear search per
 * entity).  Checked two ways: the key comparisons summary_build() counts,
 * and the CPU time of 1x against 8x entities with a wide margin (quadratic
 * work is 64x; n log n about 9x; the test fails above 30x plus 50 ms). */
#include <stdio.h>
#include <time.h>

#include "summary.h"
#include "t.h"
#include "warta.h"

static const char TEXT[] = "Budi";

/* n PERSON entities with `distinct` canonical forms; names, a malloc'd
 * block the caller frees with the entities */
static warta_entity_t *people(size_t n, size_t distinct, char **names)
{
    warta_entity_t *e = calloc(n, sizeof *e);
    char *nm = *names = malloc(distinct * 32);
    if (!e || !nm)
        abort();
    for (size_t i = 0; i < distinct; i++)
        snprintf(nm + 32 * i, 32, "Orang %zu", i * 7919 % distinct);
    for (size_t i = 0; i < n; i++)
        e[i] = (warta_entity_t){.type = WARTA_PERSON, .byte_end = 4, .end = 4, .tok_end = 1,
                                .canonical = nm + 32 * (i % distinct)};
    return e;
}

static warta_doc_t doc_of(warta_entity_t *e, size_t n)
{
    warta_doc_t d;
    memset(&d, 0, sizeof d);
    d.text = TEXT;
    d.bytes = d.chars = 4;
    d.entities = e;
    d.n_entities = n;
    return d;
}

static double render_cpu(size_t n)
{
    char *names;
    warta_entity_t *e = people(n, n, &names);
    warta_doc_t d = doc_of(e, n);
    warta_render_options_t o = warta_render_options_default();
    o.summary = 1;
    char *out = NULL;
    size_t len = 0;
    clock_t t0 = clock();
    CHECK_INT(warta_render(&d, "x", &o, &out, &len), WARTA_OK);
    double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(out && strstr(out, "{\"text\":\"Orang 0\",\"count\":1}"));
    free(out);
    free(e);
    free(names);
    return t;
}

static void summary_time_grows_n_log_n(void)
{
    double t1 = render_cpu(10000), t8 = render_cpu(80000);
    printf("  summary of 10,000 / 80,000 distinct: %.3f s / %.3f s CPU\n", t1, t8);
    CHECK(t8 <= 30 * t1 + 0.05);
}

/* Every entity is found with about one key comparison, however many
 * distinct ones there are; counts and order are still right. */
static void summary_work_is_linear(void)
{
    size_t n = 80000, distinct = 20000;
    char *names;
    warta_entity_t *e = people(n, distinct, &names);
    e[n - 1].canonical = "Akhir"; /* seen once, last: sorted after the rest */
    warta_doc_t d = doc_of(e, n);
    summary_t s;
    CHECK_INT(summary_build(&d, &s), WARTA_OK);
    CHECK_INT(s.n, distinct + 1);
    printf("  %zu entities, %zu distinct: %zu key comparisons\n", n, s.n, s.probes);
    CHECK(s.probes <= 2 * n);
    CHECK(s.n && s.items[0].count == 4 && s.items[0].first == 0 && s.items[1].first == 1);
    CHECK(s.n && !strcmp(s.items[s.n - 1].key, "Akhir") && s.items[s.n - 1].count == 1);
    summary_free(&s);
    free(e);
    free(names);
}

int main(void)
{
    RUN(summary_work_is_linear);
    RUN(summary_time_grows_n_log_n);
    return T_EXIT();
}
