#!/usr/bin/env bash
# --input lines: each line is one document named NAME:LINE; CR LF and LF
# endings, an empty line is an empty document, a last line without newline
# counts; the same for every -j.
. "$(dirname "$0")/batch_lib.bash"
printf 'Presiden Joko Widodo di Jakarta.\r\n\nSri Mulyani di Bogor.\nAnwar Ibrahim' >"$T/in.txt"
"$WARTA" --input lines <"$T/in.txt" >"$T/out" || fail "exit $?"
[ "$(wc -l <"$T/out")" = 4 ] || fail "want 4 documents"
sed 's/"entities".*//' "$T/out" >"$T/heads"
cat >"$T/want" <<'W'
{"source":"-:1","chars":32,"bytes":32,
{"source":"-:2","chars":0,"bytes":0,
{"source":"-:3","chars":21,"bytes":21,
{"source":"-:4","chars":13,"bytes":13,
W
diff "$T/want" "$T/heads" || fail "wrong documents"
"$WARTA" --input lines "$T/in.txt" - <"$T/in.txt" >"$T/out2" || fail "file: exit $?"
[ "$(wc -l <"$T/out2")" = 8 ] || fail "file and stdin: want 8 documents"
grep -q "^{\"source\":\"$T/in.txt:3\"" "$T/out2" || fail "file lines not named NAME:LINE"
grep -q '^{"source":"-:4"' "$T/out2" || fail "stdin lines not named -:LINE"
# many lines, several threads: same output
make_corpus "$T/c" 30
cat "$T"/c/*/*/*.txt >"$T/big.txt"
"$WARTA" --input lines -j 1 "$T/big.txt" >"$T/l1" || fail "-j 1: exit $?"
"$WARTA" --input lines -j 4 "$T/big.txt" >"$T/l4" || fail "-j 4: exit $?"
[ "$(wc -l <"$T/l1")" = "$(wc -l <"$T/big.txt")" ] || fail "one document per line"
cmp "$T/l1" "$T/l4" || fail "-j 4 differs from -j 1"
# a line with a NUL byte fails alone
printf 'Jakarta\nA\0B\nBogor\n' | "$WARTA" --input lines >"$T/out" 2>"$T/err"; rc=$?
[ "$rc" = 1 ] || fail "NUL line: exit $rc, want 1"
[ "$(wc -l <"$T/out")" = 3 ] || fail "NUL line: want 3 lines"
grep -q '^warta: error: -:2: binary' "$T/err" || fail "NUL line: message"
echo ok
