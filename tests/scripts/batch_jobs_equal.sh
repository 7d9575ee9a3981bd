#!/usr/bin/env bash
# -j 1, -j 2, -j 4 and -j 7 give byte-identical output (stdout, stderr and
# exit status) on a folder of 240 articles with a failing file in it.
. "$(dirname "$0")/batch_lib.bash"
make_corpus "$T/c" 240
printf 'Jakarta\0biner' > "$T/c/sub3/biner.txt"   # fails: NUL byte
n=$(find "$T/c" -name '*.txt' | wc -l)
[ "$n" -ge 241 ] || fail "corpus has $n files"
"$WARTA" -j 1 "$T/c" >"$T/o1" 2>"$T/e1"; rc1=$?
[ "$rc1" = 1 ] || fail "-j 1: exit $rc1, want 1 (binary file)"
[ "$(wc -l <"$T/o1")" = "$n" ] || fail "-j 1: $(wc -l <"$T/o1") lines for $n files"
for j in 2 4 7; do
  "$WARTA" -j $j "$T/c" >"$T/o$j" 2>"$T/e$j"; rc=$?
  [ "$rc" = "$rc1" ] || fail "-j $j: exit $rc, -j 1 gave $rc1"
  cmp "$T/o1" "$T/o$j" || fail "-j $j stdout differs from -j 1"
  cmp "$T/e1" "$T/e$j" || fail "-j $j stderr differs from -j 1"
done
# the order is the byte-wise sorted path order
grep -o '"source":"[^"]*"' "$T/o1" | sed 's/"source":"//; s/"$//' >"$T/got"
find "$T/c" -name '*.txt' | LC_ALL=C sort >"$T/want"
diff "$T/want" "$T/got" >/dev/null || fail "documents not in byte-wise path order"
# other formats and options too
"$WARTA" -j 1 -f tsv --types PERSON,MONEY "$T/c" >"$T/t1" 2>/dev/null
"$WARTA" -j 3 -f tsv --types PERSON,MONEY "$T/c" >"$T/t3" 2>/dev/null
cmp "$T/t1" "$T/t3" || fail "tsv: -j 3 differs from -j 1"
"$WARTA" -j 1 --tokens --summary "$T/c/sub1" >"$T/s1" 2>/dev/null
"$WARTA" -j 4 --tokens --summary "$T/c/sub1" >"$T/s4" 2>/dev/null
cmp "$T/s1" "$T/s4" || fail "--tokens --summary: -j 4 differs from -j 1"
echo "ok: $n documents, -j 1/2/4/7 identical"
