#!/usr/bin/env bash
# The realistic-news regression set (tests/news/, docs/news-eval.md): scores
# $WARTA on every article with $BUILD/newseval and fails when the F1 of any
# type listed in tests/news/floors.tsv (type<TAB>min_f1) is below its floor.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
W=${WARTA:-$root/warta}
E=${BUILD:-$root/build}/newseval
[ -x "$E" ] || { echo "missing $E (make check-build)"; exit 1; }
shopt -s nullglob
txt=(tests/news/[0-9][0-9]-*.txt)
[ ${#txt[@]} -gt 0 ] || { echo "no articles in tests/news/"; exit 1; }
gold=("${txt[@]/%.txt/.gold.tsv}")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$W" -q "${txt[@]}" >"$tmp/pred" || { echo "warta failed"; exit 1; }
"$E" "$tmp/pred" "${gold[@]}" >"$tmp/score" || { echo "newseval failed"; exit 1; }
cat "$tmp/score"
# Each floor: the type's row must exist and its F1 (last column) be >= min.
awk -F'\t' 'NR == FNR { if ($0 !~ /^#/ && NF == 2) floor[$1] = $2; next }
     ($1 in floor) { f1[$1] = $NF }
     END { bad = 0
       for (t in floor) {
         if (!(t in f1)) { print "no score for " t; bad = 1; continue }
         if (f1[t] + 0 < floor[t] + 0) { printf "%s F1 %s below the floor %s\n", t, f1[t], floor[t]; bad = 1 }
       }
       exit bad }' tests/news/floors.tsv FS=' +' "$tmp/score"
