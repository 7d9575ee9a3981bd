#!/usr/bin/env bash
# Issue 15.5: an input too large is refused before it is read whole.
# A 5 GB sparse file must be refused at once (fstat) with a record naming
# the limit, even with 300 MB of address space; --max-doc-bytes N sets the
# limit for files, standard input and each line of --input lines/jsonl; a
# 6 GB --model file is refused from its 128-byte header.
. "$(dirname "$0")/batch_lib.bash"
A=$ROOT/tests/articles
cd "$T"
asan=0; case ${BUILD:-} in *asan*) asan=1;; esac
limited() { if [ $asan = 1 ]; then "$@"; else (ulimit -v 300000; exec "$@"); fi; }

truncate -s 5G huge.txt
cp "$A/ekonomi.txt" a.txt
limited timeout 20 "$WARTA" -q a.txt huge.txt a.txt >out 2>err; rc=$?
[ $rc = 1 ] || { cat err; fail "huge file: exit $rc, want 1"; }
[ "$(wc -l <out)" = 3 ] || fail "huge file: want 3 records"
grep -q '^{"source":"huge.txt","error":"document too large (5368709120 bytes; the limit is 67108864, see --max-doc-bytes)"}$' out \
  || { sed -n 2p out; fail "huge file: wrong error record"; }

# the limit is exact: N bytes pass, N+1 do not
printf 'Budi pergi.' >eleven.txt
"$WARTA" -q --max-doc-bytes 11 eleven.txt >out || fail "11 bytes refused at --max-doc-bytes 11"
"$WARTA" -q --max-doc-bytes 10 eleven.txt >out 2>/dev/null; rc=$?
[ $rc = 1 ] && grep -q '"error":"document too large (11 bytes; the limit is 10, see --max-doc-bytes)"' out \
  || { cat out; fail "11 bytes at --max-doc-bytes 10: exit $rc"; }
# standard input: read no further than the limit
head -c 100000000 /dev/zero | tr '\0' a | limited timeout 20 "$WARTA" -q --max-doc-bytes 1k >out 2>/dev/null; rc=$?
[ $rc = 1 ] && grep -q '^{"source":"-","error":"document too large (more than 1024 bytes; the limit is 1024, see --max-doc-bytes)"}$' out \
  || { cat out; fail "stdin over the limit: exit $rc"; }
# lines: one long line fails alone
{ echo "Budi pergi."; head -c 5000 /dev/zero | tr '\0' a; echo; echo "Joko datang."; } >lines.txt
"$WARTA" -q --input lines --max-doc-bytes 4K lines.txt >out 2>/dev/null; rc=$?
[ $rc = 1 ] && [ "$(wc -l <out)" = 3 ] && sed -n 2p out | grep -q '"source":"lines.txt:2","error":"document too large (more than 4096 bytes' \
  && sed -n 3p out | grep -q Joko || { cat out; fail "lines: exit $rc"; }
# bad values are usage errors
for v in 0 -1 x 1T 99999999999; do
  "$WARTA" --max-doc-bytes "$v" a.txt >/dev/null 2>err; rc=$?
  [ $rc = 2 ] || fail "--max-doc-bytes $v: exit $rc, want 2"
done

# --model: a 6 GB file is refused from its header
truncate -s 6G huge.bin
limited timeout 20 "$WARTA" --model huge.bin a.txt >out 2>err; rc=$?
[ $rc = 1 ] && grep -q 'not a warta model (bad magic)' err || { cat err; fail "6 GB model: exit $rc"; }
# a real header followed by 6 GB
{ head -c 128 "$ROOT/data/model.bin"; } >big.bin; truncate -s 6G big.bin
limited timeout 20 "$WARTA" --model big.bin a.txt >out 2>err; rc=$?
[ $rc = 1 ] && grep -q 'model file has a wrong size (6442450944 bytes)' err || { cat err; fail "6 GB model with a header: exit $rc"; }
echo ok
