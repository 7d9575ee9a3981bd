#!/usr/bin/env bash
# --input jsonl through GNU parallel --pipe -k equals warta run directly.
. "$(dirname "$0")/batch_lib.bash"
command -v parallel >/dev/null || { echo "GNU parallel not installed"; exit 77; }
command -v perl >/dev/null || { echo "perl not installed"; exit 77; }
make_corpus "$T/c" 300
# one record per article: {"id": "PATH", "text": "..."}; numeric ids too
find "$T/c" -name '*.txt' | LC_ALL=C sort | perl -e '
  my $i = 0;
  while (my $f = <STDIN>) {
    chomp $f; open my $h, "<", $f or die; local $/; my $t = <$h>; close $h;
    $t =~ s/([\\"])/\\$1/g; $t =~ s/\n/\\n/g; $t =~ s/\r/\\r/g; $t =~ s/\t/\\t/g;
    my $id = $i++ % 2 ? "\"doc-$i\"" : $i;
    print "{\"id\":$id,\"text\":\"$t\"}\n";
  }' >"$T/in.jsonl"
recs=$(wc -l <"$T/in.jsonl")
"$WARTA" --input jsonl -j 1 <"$T/in.jsonl" >"$T/direct" || fail "direct run failed"
[ "$(wc -l <"$T/direct")" = "$recs" ] || fail "direct: $(wc -l <"$T/direct") lines for $recs records"
grep -q '^{"id":1,' "$T/direct" || fail "numeric id not carried"
grep -q '^{"id":"doc-2",' "$T/direct" || fail "string id not carried"
grep -q '"source"' "$T/direct" && fail "source printed in place of id"
parallel --pipe -k --block 20k -j 3 "$WARTA" --input jsonl -q -j 2 <"$T/in.jsonl" >"$T/par" ||
  fail "parallel run failed"
cmp "$T/direct" "$T/par" || fail "parallel --pipe -k output differs from the direct run"
# a file argument is read the same way as stdin
"$WARTA" --input jsonl "$T/in.jsonl" >"$T/file" || fail "file run failed"
cmp "$T/direct" "$T/file" || fail "jsonl from a file differs from stdin"
echo "ok: $recs records, parallel --pipe -k == direct"
