#!/usr/bin/env bash
# `make install PREFIX=...` puts the binary, the man page, the library and
# its header in place, and the installed binary works from any directory
# with no data files (everything is embedded).
set -eu
case "${BUILD:-build}" in *asan*) echo "installed binary is the -O2 build: checked once"; exit 77;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make -s -C "$root" install PREFIX="$tmp/usr" >/dev/null
for f in bin/warta share/man/man1/warta.1 lib/libwarta.a include/warta.h; do
  [ -s "$tmp/usr/$f" ] || { echo "missing after install: $f"; exit 1; }
done
[ -x "$tmp/usr/bin/warta" ] || { echo "bin/warta not executable"; exit 1; }
cd "$tmp"
out=$(printf 'Korea Utara membayar US$2 miliar.' | "$tmp/usr/bin/warta" --format tsv)
grep -q $'COUNTRY\tKorea Utara\tKP' <<<"$out" || { echo "installed warta: no COUNTRY: $out"; exit 1; }
grep -q $'MONEY\tUS$2 miliar\tUSD 2000000000' <<<"$out" || { echo "installed warta: no MONEY: $out"; exit 1; }
# the man page is well-formed roff
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$tmp/usr/share/man/man1/warta.1" 2>&1 | grep -q '^NAME' || { echo "man page does not render"; exit 1; }
fi
# a program built against the installed library and header
cat > t.c <<'C'
#include <stdio.h>
#include <warta.h>
int main(void) {
    warta_t *w; warta_error_t e;
    if (warta_open(&w, NULL, &e) < 0) return 1;
    warta_worker_t *k = warta_worker_new(w);
    warta_doc_t *d;
    int rc = warta_analyze(k, "Rp 5 juta", 9, NULL, &d, &e);
    printf("%d %zu %s\n", rc, d ? d->n_entities : 0, d && d->n_entities ? d->entities[0].amount : "-");
    warta_doc_free(d); warta_worker_free(k); warta_close(w);
    return 0;
}
C
cc -std=c11 -I"$tmp/usr/include" t.c "$tmp/usr/lib/libwarta.a" $(pkg-config --libs libutf8proc libpcre2-8) -lpthread -lm -o t
[ "$(./t)" = "0 1 5000000" ] || { echo "library program printed: $(./t)"; exit 1; }
echo ok
