#!/usr/bin/env bash
# --lexicon and --min-score on the command line (#17): entries of several
# files (the later file's entry of a form wins) override the model and the
# gazetteer in every mention; a malformed line or an unreadable file is a
# usage error (exit 2) naming the file and line, before any output; a bad
# --min-score is a usage error; --min-score keeps exactly the entities
# scored at least X.
. "$(dirname "$0")/batch_lib.bash"
cd "$T"
printf 'Presiden Joko Widodo tiba di Jepang. Joko Widodo lalu ke Osaka.\n' >a.txt
printf '# beat\nJoko Widodo\tPERSON\tIr. H. Joko Widodo\nJepang\tLOCATION\n' >one.tsv
printf 'jepang\tCOUNTRY\tjp\nOsaka\tORGANIZATION\tOsaka Inc.\n' >two.tsv
"$WARTA" -q -f tsv --lexicon one.tsv --lexicon two.tsv a.txt >out.tsv || fail "exit $?"
want=$(printf '%s\n' \
  'a.txt	9	20	PERSON	Joko Widodo	Ir. H. Joko Widodo	1' \
  'a.txt	29	35	COUNTRY	Jepang	JP	1' \
  'a.txt	37	48	PERSON	Joko Widodo	Ir. H. Joko Widodo	1' \
  'a.txt	57	62	ORGANIZATION	Osaka	Osaka Inc.	1')
[ "$(cat out.tsv)" = "$want" ] || fail "lexicon rows: $(cat out.tsv)"

printf 'Ani\tPERSON\nBudi Santoso\n' >bad.tsv
rc=0; "$WARTA" --lexicon one.tsv --lexicon bad.tsv a.txt >out 2>err || rc=$?
[ "$rc" = 2 ] || fail "malformed line: exit $rc, want 2"
[ ! -s out ] || fail "output before the usage error"
grep -q "^warta: error: --lexicon bad.tsv:2: expected FORM<TAB>TYPE" err || fail "message: $(cat err)"
rc=0; "$WARTA" --lexicon nosuch.tsv a.txt >/dev/null 2>err || rc=$?
[ "$rc" = 2 ] && grep -q "nosuch.tsv: No such file" err || fail "unreadable lexicon: exit $rc, $(cat err)"
for x in -0.1 1.5 abc ''; do
  rc=0; "$WARTA" --min-score "$x" a.txt >/dev/null 2>err || rc=$?
  [ "$rc" = 2 ] && grep -q -- "--min-score needs a number from 0 to 1" err || fail "--min-score '$x': exit $rc"
done

a="$ROOT/tests/articles/diplomasi.txt"
"$WARTA" -q -f tsv "$a" >all.tsv
"$WARTA" -q -f tsv --min-score 0.9 "$a" >kept.tsv
awk -F'\t' '$NF >= 0.9' all.tsv >want.tsv
[ -s want.tsv ] && [ "$(wc -l <want.tsv)" -lt "$(wc -l <all.tsv)" ] || fail "0.9 does not split the article"
cmp -s want.tsv kept.tsv || fail "--min-score 0.9: $(diff want.tsv kept.tsv)"
echo ok
