#!/usr/bin/env bash
# The news scorer itself (src/tools/newseval.c) on a hand-built fixture
# (tests/news/fixtures/README.md): one TP, FN, FP, wrong-span, ignored
# LOCATION and value case each, in both prediction formats; the expected
# numbers were worked out by hand.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
E=${BUILD:-$root/build}/newseval
[ -x "$E" ] || { echo "missing $E (make check-build)"; exit 1; }
fx=tests/news/fixtures
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # file line
  grep -qxF -- "$2" "$1" || { echo "missing in $(basename "$1"): $2"; fail=1; }
}
rows() { # file: the rows every format shares
  expect "$1" "PERSON              1      2      1  0.5000  1.0000  0.6667"
  expect "$1" "ORGANIZATION        1      1      0  0.0000  0.0000  0.0000"
  expect "$1" "COUNTRY             1      1      1  1.0000  1.0000  1.0000"
  expect "$1" "MONEY               3      3      3  1.0000  1.0000  1.0000"
  expect "$1" "OVERALL             6      7      5  0.7143  0.8333  0.7692"
  expect "$1" "value COUNTRY  0/1  0.0000"
}
"$E" --errors $fx/pred.tsv $fx/a.gold.tsv >"$tmp/tsv" || { echo "newseval failed on TSV"; exit 1; }
rows "$tmp/tsv"
expect "$tmp/tsv" "value MONEY    2/3  0.6667"
expect "$tmp/tsv" '  FN  ORGANIZATION 15-24 "Pertamina"'
expect "$tmp/tsv" '  FP  ORGANIZATION 15-20 "Perta"'
expect "$tmp/tsv" '  FP  PERSON       60-70 "Tol Cipali"'
expect "$tmp/tsv" '  VAL COUNTRY      30-32 "AS" gold US, got GB'
[ "$(grep -c '^  \(FN\|FP\|VAL\)' "$tmp/tsv")" = 5 ] || { echo "expected exactly 5 error lines"; fail=1; }
"$E" $fx/pred.jsonl $fx/a.gold.tsv >"$tmp/json" || { echo "newseval failed on JSON"; exit 1; }
rows "$tmp/json"
expect "$tmp/json" "value MONEY    3/3  1.0000"
# A prediction for a document without gold is an input error (exit 2).
sed 's|fixtures/a.txt|fixtures/zz.txt|' $fx/pred.tsv >"$tmp/other.tsv"
"$E" "$tmp/other.tsv" $fx/a.gold.tsv >/dev/null 2>&1
[ $? -eq 2 ] || { echo "unknown document not rejected"; fail=1; }
# An article with no prediction at all: every gold entity is missed.
: >"$tmp/empty"
"$E" "$tmp/empty" $fx/a.gold.tsv >"$tmp/none"
expect "$tmp/none" "OVERALL             6      0      0  0.0000  0.0000  0.0000"
[ $fail -eq 0 ] && echo "newseval fixture: all expected numbers printed"
exit $fail
