#!/usr/bin/env bash
# Malformed JSONL records in the middle of a stream: each yields its own
# error line (with its id when it could be read, else "source": "-:LINE") and
# a message on stderr; every other record is still printed, in order; exit 1.
. "$(dirname "$0")/batch_lib.bash"
good() { printf '{"id":%s,"text":"Presiden Joko Widodo bertemu Anwar Ibrahim di Jakarta, Senin."}\n' "$1"; }
{
  good 1; good '"dua"'
  printf '{"id":3,"text":"tidak ditutup}\n'                  # bad JSON (line 3)
  good 4
  printf '{"id":5,"text":42}\n'                              # text not a string
  printf '{"id":6}\n'                                        # no text
  printf '\n'                                                # blank: skipped
  printf '{"id":8,"text":"a\\u0000b"}\n'                     # NUL: not text
  printf '{"id":9,"text":"\\ud800"}\n'                       # lone surrogate (line 9)
  printf '{"id":10,"text":"\xff\xfe"}\n'                     # invalid UTF-8 (line 10)
  printf '[1,2]\n'                                           # not an object (line 11)
  printf '{"id":12,"text":"\\ud83d\\ude00 Bogor"}\n'         # surrogate pair: fine
  good '{"nested":[1,"x"]}'
  good 14
} >"$T/in"
for j in 1 4; do
  "$WARTA" --input jsonl -j $j <"$T/in" >"$T/out$j" 2>"$T/err$j"; rc=$?
  [ "$rc" = 1 ] || fail "-j $j: exit $rc, want 1"
done
cmp "$T/out1" "$T/out4" || fail "-j 4 differs from -j 1"
cmp "$T/err1" "$T/err4" || fail "-j 4 stderr differs from -j 1"
out=$T/out1
[ "$(wc -l <"$out")" = 13 ] || { cat "$out"; fail "want 13 output lines (14 lines, one blank)"; }
# order and identity of every line
cut -c1-22 "$out" | sed 's/,.*//' >"$T/heads"
cat >"$T/want" <<'W'
{"id":1
{"id":"dua"
{"source":"-:3"
{"id":4
{"id":5
{"id":6
{"id":8
{"source":"-:9"
{"source":"-:10"
{"source":"-:11"
{"id":12
{"id":{"nested":[1
{"id":14
W
diff "$T/want" "$T/heads" || fail "records out of order or mislabelled"
for n in 3 5 6 8 9 10 11; do
  grep -q "^warta: error: -:$n: " "$T/err1" || fail "no stderr message for line $n"
done
[ "$(wc -l <"$T/err1")" = 7 ] || fail "want 7 stderr messages, got $(wc -l <"$T/err1")"
grep -q '^{"id":5,"error":"\\"text\\" is not a string"}$' "$out" || fail "error line for id 5"
grep -q '^{"id":12,"chars":7,"bytes":10,' "$out" || fail "surrogate pair not decoded to one code point"
[ "$(grep -c '"entities"' "$out")" = 6 ] || fail "want 6 analysed records"
# also from a file with a name: NAME:LINE
"$WARTA" --input jsonl "$T/in" >/dev/null 2>"$T/errf"
grep -q "^warta: error: $T/in:3: invalid JSON" "$T/errf" || fail "file source not named NAME:LINE"
echo ok
