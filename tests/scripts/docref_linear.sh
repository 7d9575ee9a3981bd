#!/usr/bin/env bash
# The document rules stay linear (issue #15, item 3): a document of many
# mentions that share a first word ("Budi Karya Sumadi", "Budi Gunadi
# Sadikin", uncovered "Budi", and many distinct "Budi Nama<k>" people) is
# analysed 1x and 8x; the 8x run must cost well under the 64x a quadratic
# rule would.  Not a timing test: the margin is 3x linear growth, the CPU
# times of both runs are compared (not wall time), and `timeout` is the hang
# guard (the quadratic code took > 60 s for the 8x input).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
W=${WARTA:-$root/warta}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
gen() { # reps file
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) {
    printf "Menteri Budi Karya Sumadi hadir. Budi Gunadi Sadikin juga. Budi itu kata. "
    printf "Kata Budi Nama%d Jaya kemarin. Lalu Budi Nama%d Jaya pulang. ", i, i } }' >"$2"
}
gen 3000 "$tmp/x1"; gen 24000 "$tmp/x8"
cpu() { # file -> user+sys CPU seconds of one run, or "fail"
  local out
  out=$( { TIMEFORMAT='%U %S'; time timeout 60 "$W" -j1 -q "$1" >/dev/null; } 2>&1 ) || { echo fail; return; }
  awk '{ print $(NF-1) + $NF }' <<<"$out"
}
t1=$(cpu "$tmp/x1"); t8=$(cpu "$tmp/x8")
echo "1x: ${t1}s, 8x: ${t8}s"
[ "$t1" != fail ] && [ "$t8" != fail ] || { echo "warta failed or timed out"; exit 1; }
# 8x the input may cost at most 24x the 1x run (floor 0.05 s for noise).
awk -v a="$t1" -v b="$t8" 'BEGIN { if (a < 0.05) a = 0.05; exit !(b <= 24 * a + 0.5) }' || {
  echo "8x input cost more than 24x: quadratic growth"; exit 1; }
