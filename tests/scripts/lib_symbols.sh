#!/usr/bin/env bash
# The shared library exports exactly the API of include/warta.h (all of it,
# nothing else: no internals, no warta_data_* blobs), the installed static
# archive defines nothing else either, and a program with its own
# hash_bytes(), split_tabs() and other names the library uses internally
# links and runs against both libraries.
set -eu
case "${BUILD:-build}" in *asan*) echo "libraries are the -O2 build: checked once"; exit 77;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
B=${BUILD:-$root/build}
so=$B/libwarta.so; ar=$root/libwarta.a
[ -e "$so" ] && [ -e "$ar" ] || { echo "missing $so or $ar: run make"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The API: every function the header declares (comments stripped by the
# preprocessor); one without WARTA_API shows up missing from the .so below.
cc -E -P "$root/include/warta.h" | grep -o 'warta_[a-z0-9_]*[[:space:]]*(' | tr -d '( ' | sort -u >"$tmp/api"
[ "$(wc -l <"$tmp/api")" -ge 15 ] || { echo "too few functions found in warta.h"; exit 1; }
nm -D --defined-only "$so" | awk '{print $NF}' | sort -u >"$tmp/so"
nm -g --defined-only "$ar" | awk 'NF == 3 {print $3}' | sort -u >"$tmp/ar"
diff -u "$tmp/api" "$tmp/so" || { echo "shared library exports differ from warta.h (diff above)"; exit 1; }
diff -u "$tmp/api" "$tmp/ar" || { echo "static archive globals differ from warta.h (diff above)"; exit 1; }
# The internal archive does hold names a user could clash with (the test
# below would prove nothing otherwise).
nm -g --defined-only "$B/libwarta.a" | awk '$2 == "T" && $3 !~ /^warta_/ {print $3}' | sort -u >"$tmp/internal"
[ "$(wc -l <"$tmp/internal")" -ge 5 ] || { echo "no internal functions found in $B/libwarta.a"; exit 1; }

# A program defining hash_bytes, split_tabs and five more internal names.
{ printf 'hash_bytes\nsplit_tabs\n'; grep -v -x -e hash_bytes -e split_tabs "$tmp/internal" | head -5; } >"$tmp/mine"
{
  echo '#include <stdio.h>'; echo '#include <warta.h>'
  n=0; while read -r f; do n=$((n+1)); echo "int $f(void); int $f(void) { return $n; }"; done <"$tmp/mine"
  echo 'int main(void) {'; echo '    int sum = 0;'
  while read -r f; do echo "    sum += $f();"; done <"$tmp/mine"
  cat <<'C'
    warta_t *w; warta_error_t e;
    if (warta_open(&w, NULL, &e) < 0) { printf("open: %s\n", e.message); return 1; }
    warta_worker_t *k = warta_worker_new(w);
    warta_doc_t *d = NULL;
    const char *s = "Presiden Joko Widodo ke Tokyo.";
    int rc = warta_analyze(k, s, 30, NULL, &d, &e);
    printf("%d %s %d", rc, warta_version(), sum);
    for (size_t i = 0; d && i < d->n_entities; i++)
        printf(" %s:%.*s", warta_type_name(d->entities[i].type),
               (int)(d->entities[i].byte_end - d->entities[i].byte_start), s + d->entities[i].byte_start);
    printf("\n");
    warta_doc_free(d); warta_worker_free(k); warta_close(w);
    return 0;
}
C
} >"$tmp/mine.c"
count=$(wc -l <"$tmp/mine"); sum=$((count * (count + 1) / 2))
version=$(sed -n 's/^#define WARTA_VERSION "\(.*\)"/\1/p' "$root/include/warta.h")
want="0 $version $sum PERSON:Joko Widodo LOCATION:Tokyo"
cd "$tmp"
deps="$(pkg-config --libs libutf8proc libpcre2-8) -lpthread -lm"
cc -std=c11 -Wall -Werror -I"$root/include" mine.c "$ar" $deps -o static
cc -std=c11 -Wall -Werror -I"$root/include" mine.c -L"$B" -lwarta -Wl,-rpath,"$B" -o shared
readelf -d shared | grep -q 'NEEDED.*\[libwarta\.so\.1\]' || { echo "shared program does not need libwarta.so.1"; exit 1; }
for p in static shared; do
  got=$(./$p)
  [ "$got" = "$want" ] || { echo "$p program printed: $got; want: $want"; exit 1; }
done
echo ok
