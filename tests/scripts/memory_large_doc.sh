#!/usr/bin/env bash
# memory_large_doc.sh - the peak memory of one large document stays within
# its bound (docs/performance.md, "memory2"): every input byte past a
# small document's costs at most 8 bytes of peak RSS, so that a 12 MB
# document needs at most 10 bytes per input byte in all (the ~22 MB of
# tables and caches that do not grow with the document included).
#
# Measured: the peak RSS (/usr/bin/time) of tests/news as one document
# (150 KB) and of forty variants of it as one (6.1 MB, years changed so
# that the copies differ).  Memory is not timing: the figures repeat to
# within a few hundred KB.  Skipped under sanitizers and without GNU time.
set -eu
cd "$(dirname "$0")/../.."
WARTA=${WARTA:-$PWD/warta}
case "${BUILD:-}" in *asan*) echo "sanitizer build: RSS not comparable"; exit 77 ;; esac
TIME=/usr/bin/time
[ -x "$TIME" ] && "$TIME" -f %M true >/dev/null 2>&1 || { echo "no GNU time"; exit 77; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

cat tests/news/*.txt >"$T/small.txt"
for i in $(seq 1 40); do
  sed "s/20\([0-9][0-9]\)/$((2000 + i))/g" tests/news/*.txt
done >"$T/large.txt"

# peak FILE: peak RSS in KB of analysing FILE as one document
peak() {
  "$TIME" -f %M -o "$T/rss" "$WARTA" -q -j 1 "$1" >/dev/null
  tail -1 "$T/rss"
}
small_kb=$(peak "$T/small.txt")
large_kb=$(peak "$T/large.txt")
small_b=$(wc -c <"$T/small.txt")
large_b=$(wc -c <"$T/large.txt")
# bytes of peak RSS per input byte past the small document, times 100
slope=$(( (large_kb - small_kb) * 1024 * 100 / (large_b - small_b) ))
echo "small: $small_b bytes, $small_kb KB; large: $large_b bytes, $large_kb KB;" \
     "$((slope / 100)).$(printf %02d $((slope % 100))) bytes of RSS per input byte"
if [ "$slope" -gt 800 ]; then
  echo "FAIL: more than 8 bytes of peak RSS per input byte"
  exit 1
fi
