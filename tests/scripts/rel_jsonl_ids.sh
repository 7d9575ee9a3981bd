#!/usr/bin/env bash
# Issue 15.6: --input jsonl ids come back byte for byte and the output stays
# one valid JSON line: a 400-digit integer id is accepted, an id key spelled
# with escapes ("\u0069d") does not rewrite numbers, raw CR/TAB between the
# tokens of an id are not copied into the output, and a UTF-8 BOM at the
# start of the stream is skipped.
. "$(dirname "$0")/batch_lib.bash"
big=$(printf '9%.0s' $(seq 400))
n20=12345678901234567890
{
  printf '\xef\xbb\xbf{"id":"bom","text":"Budi pergi."}\n'
  printf '{"id":%s,"text":"Budi pergi."}\n' "$big"
  printf '{"\\u0069d":1,"text":"Budi pergi."}\n'
  printf '{"\\u0069\\u0064":%s,"text":"Budi pergi.","n":%s}\n' "$n20" "$big"
  printf '{"text":"Budi pergi.","i\\u0064":[1,\t2,\r3, -0.5e+3]}\n'
  printf '{"id":{"k":[1,2]},"text":"x","big":-%s.5e-99999}\n' "$big"
} >"$T/in.jsonl"
"$WARTA" -q -j2 --input jsonl "$T/in.jsonl" >"$T/out" 2>"$T/err"; rc=$?
[ "$rc" = 0 ] || { cat "$T/out" "$T/err"; fail "exit $rc, want 0"; }
[ "$(wc -l <"$T/out")" = 6 ] || { cat "$T/out"; fail "want 6 lines"; }
if grep -q $'[\t\r]' "$T/out"; then fail "raw TAB or CR in the output"; fi
want=("\"bom\"" "$big" "1" "$n20" "[1, 2, 3, -0.5e+3]" '{"k":[1,2]}')
i=0
while IFS= read -r line; do
  case $line in "{\"id\":${want[$i]},\"chars\":"*) ;; *) fail "record $((i + 1)): got ${line:0:120}, want id ${want[$i]:0:40}";; esac
  i=$((i + 1))
done <"$T/out"
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$T/out" || fail "output is not JSON"
fi
# invalid numbers are still refused
printf '{"id":01,"text":"x"}\n{"id":1.,"text":"x"}\n{"id":-,"text":"x"}\n{"id":1e,"text":"x"}\n' >"$T/bad.jsonl"
"$WARTA" -q --input jsonl "$T/bad.jsonl" >"$T/out" 2>/dev/null
[ "$(grep -c '"error":"invalid JSON' "$T/out")" = 4 ] || { cat "$T/out"; fail "invalid numbers accepted"; }
echo ok
