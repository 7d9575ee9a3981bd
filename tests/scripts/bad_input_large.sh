#!/usr/bin/env bash
# tests/scripts/bad_input_large.sh - huge and pathological documents (issue 7).
#
# Not a timed test: each run must complete (timeout is only a hang guard,
# far above the expected time) and give the right counts.  In the normal
# build, a memory ceiling (ulimit -v) asserts that extra memory stays
# proportional to the input; the sanitizer build reserves huge virtual
# memory, so there the documents are 10x smaller and no ceiling is set.
#
#   single line    200 MB of news text on one line (20 MB under ASan)
#   single token   10 MB of one letter, no space
#   no punctuation 10 MB of words without a full stop or line break
#   digit run      "Rp" then a million digits (regex backtracking)
#   Rp run         "Rp" a million times, with and without spaces
#   invalid run    5 MB of invalid bytes, with --replace-invalid
# Env: WARTA, BUILD.  WARTA_LARGE_MB overrides the size of the single line.
set -u
: "${WARTA:?WARTA must name the warta binary}"
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

asan=0
case ${BUILD:-} in *asan*) asan=1;; esac
if [ $asan = 0 ] && nm "$WARTA" 2>/dev/null | grep -q __asan_init; then asan=1; fi

mb=${WARTA_LARGE_MB:-200}
[ $asan = 1 ] && mb=${WARTA_LARGE_MB:-20}
# Do not push a shared machine into swap: scale down when memory is short
# (the pipeline needs about 18 bytes per input byte today).
avail_kb=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
need_kb=$((mb * 1024 * 30))
if [ "${avail_kb:-0}" -gt 0 ] && [ "$avail_kb" -lt "$need_kb" ]; then
  mb=$((avail_kb / 1024 / 30)); [ $mb -lt 10 ] && mb=10
  echo "note: only $((avail_kb / 1024)) MB available: single line scaled down to $mb MB"
fi

fails=0
n=0
pass() { n=$((n + 1)); echo "ok   $1"; }
fail() { n=$((n + 1)); fails=$((fails + 1)); echo "FAIL $1"; shift; printf '     %s\n' "$@"; }

# repeat UNIT_FILE BYTES OUT: the fewest whole copies of UNIT_FILE that
# make at least BYTES (whole copies: never a cut UTF-8 sequence)
repeat() {
  local u copies
  u=$(stat -c %s "$1")
  copies=$(( ($2 + u - 1) / u ))
  cp "$1" "$3"
  while [ "$(stat -c %s "$3")" -lt "$2" ]; do cat "$3" "$3" >"$3.t" && mv "$3.t" "$3"; done
  head -c $((copies * u)) "$3" >"$3.t" && mv "$3.t" "$3"
}

# run NAME LIMIT_KB_OR_0 [OPTIONS...] FILE: exit 0, one JSON line, counts right
run() {
  local name=$1 limit=$2; shift 2
  local f=${!#} bytes chars why=()
  bytes=$(stat -c %s "$f")
  chars=${CHARS:-$(LC_ALL=C.UTF-8 wc -m <"$f")}
  (
    if [ "$limit" -gt 0 ] && [ $asan = 0 ]; then ulimit -v "$limit"; fi
    exec timeout 600 "$WARTA" "$@"
  ) >got.out 2>got.err
  local rc=$?
  [ $rc = 0 ] || why+=("exit $rc$([ $rc = 124 ] && echo ' (hang guard: 600 s)')" "$(head -c 300 got.err)")
  [ ! -s got.err ] || why+=("stderr: $(head -c 300 got.err)")
  [ "$(wc -l <got.out)" = 1 ] || why+=("want one output line, got $(wc -l <got.out)")
  head -c 200 got.out | grep -q "^{\"source\":\"[^\"]*\",\"chars\":$chars,\"bytes\":${BYTES:-$bytes}," ||
    why+=("counts: $(head -c 120 got.out) (want chars $chars bytes ${BYTES:-$bytes})")
  tail -c 2 got.out | grep -q '}' || why+=("output does not end with }")
  if [ ${#why[@]} -eq 0 ]; then pass "$name"; else fail "$name" "${why[@]}"; fi
}

# ---- 200 MB on one line ------------------------------------------------------
cat "$HERE"/../articles/*.txt | tr '\n' ' ' >unit.txt
repeat unit.txt $((mb * 1024 * 1024)) line.txt
size=$(stat -c %s line.txt)
# memory ceiling: 40 bytes of address space per input byte plus 300 MB
# (above the default --max-doc-bytes of 64 MiB: raised for this run)
run "single line of $((size / 1048576)) MB" $((size / 1024 * 40 + 300 * 1024)) --max-doc-bytes 1G --types MONEY line.txt
rm -f line.txt

# ---- one 10 MB token -------------------------------------------------------------
head -c 10485760 /dev/zero | tr '\0' 'a' >token.txt
run "10 MB single token" $((10240 * 40 + 300 * 1024)) --tokens token.txt
grep -q '"tokens":\[{"start":0,"end":10485760,"byte_start":0,"byte_end":10485760,"text":"aaaa' got.out &&
  pass "10 MB single token is one token" || fail "10 MB single token is one token" "$(head -c 200 got.out)"
head -c 3495253 /dev/zero | tr '\0' 'x' | sed 's/x/\xC3\xA9/g' >token_utf8.txt # 2-byte letters
run "7 MB single token of e-acute" $((10240 * 40 + 300 * 1024)) token_utf8.txt
rm -f token.txt token_utf8.txt

# ---- 10 MB without punctuation ---------------------------------------------------
printf 'kata ' >w.txt
repeat w.txt 10485760 words.txt
run "10 MB of words, no sentence end" $((10240 * 40 + 300 * 1024)) words.txt
printf 'Kata ' >w.txt
repeat w.txt 10485760 capwords.txt
run "10 MB of capitalised words" $((10240 * 40 + 300 * 1024)) --types PERSON capwords.txt
rm -f words.txt capwords.txt

# ---- regex pathologies -------------------------------------------------------------
# A money amount after the pathological run must still be found when the
# money recognizer finds it in a plain document.
printf 'Harga Rp 5.000 per lembar.\n' >plain.txt
money_works=0
"$WARTA" --types MONEY plain.txt | grep -q '"type":"MONEY"' && money_works=1
tailer=' Harga Rp 5.000 per lembar.'
check_money() {
  if [ $money_works = 1 ]; then
    grep -q '"type":"MONEY","text":"Rp 5.000"' got.out && pass "$1: later amount still found" ||
      fail "$1: later amount still found" "$(tail -c 300 got.out)"
  fi
}
{ printf 'Rp'; head -c 1000000 /dev/zero | tr '\0' '7'; printf '%s' "$tailer"; } >digits.txt
run "Rp and a million digits" 1048576 --types MONEY digits.txt; check_money "digits"
{ printf 'Rp '; head -c 1000000 /dev/zero | tr '\0' '1' | sed 's/111/1.1/g'; printf '%s' "$tailer"; } >groups.txt
run "Rp and a million digits with dots" 1048576 --types MONEY groups.txt; check_money "dot groups"
printf 'Rp' >u.txt; repeat u.txt 2000000 rprp.txt; printf '%s' "$tailer" >>rprp.txt
run "Rp a million times, no space" 1048576 --types MONEY rprp.txt; check_money "RpRp"
printf 'Rp ' >u.txt; repeat u.txt 3000000 rpsp.txt; printf '%s' "$tailer" >>rpsp.txt
run "Rp a million times, spaced" $((3000 * 60 + 300 * 1024)) --types MONEY rpsp.txt; check_money "Rp Rp"
printf 'Rp 1, ' >u.txt; repeat u.txt 3000000 rpcomma.txt; printf '%s' "$tailer" >>rpcomma.txt
run "Rp 1, repeated" $((3000 * 60 + 300 * 1024)) --types MONEY rpcomma.txt; check_money "Rp 1,"
printf 'US$ juta miliar ' >u.txt; repeat u.txt 3000000 units.txt; printf '%s' "$tailer" >>units.txt
run "currency and scale words repeated" $((3000 * 60 + 300 * 1024)) --types MONEY units.txt; check_money "units"
rm -f digits.txt groups.txt rprp.txt rpsp.txt rpcomma.txt units.txt

# ---- 5 MB of invalid bytes, repaired ---------------------------------------------
head -c 5242880 /dev/zero | tr '\0' '\377' >ff.txt
CHARS=5242880 BYTES=$((5242880 * 3)) run "5 MB of invalid bytes, --replace-invalid" $((5120 * 60 + 300 * 1024)) --replace-invalid ff.txt
rm -f ff.txt

echo "$n checks, $fails failed"
[ $fails -eq 0 ]
