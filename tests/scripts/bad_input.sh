#!/usr/bin/env bash
# tests/scripts/bad_input.sh - the bad-input matrix (issue 7).
#
# Every bad input is put in a batch between two good articles and the test
# asserts, for each case:
#   - the exit code (1 when a document failed, 0 otherwise),
#   - standard error: exactly the line "warta: error: SOURCE: message",
#   - standard output: the good articles exactly as when run alone, and in
#     between the error line {"source":"SOURCE","error":"message"}, in order.
# Env: WARTA (binary under test).  Exit 0 pass, 1 fail.
set -u
: "${WARTA:?WARTA must name the warta binary}"
HERE=$(cd "$(dirname "$0")" && pwd)
ARTICLES="$HERE/../articles"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

fails=0
n=0
pass() { n=$((n + 1)); echo "ok   $1"; }
fail() { n=$((n + 1)); fails=$((fails + 1)); echo "FAIL $1"; shift; printf '     %s\n' "$@"; }

# A sanitizer report anywhere is a failure, whatever the exit code.
san_clean() { ! grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' -e 'ERROR: LeakSanitizer' "$1"; }

cp "$ARTICLES/ekonomi.txt" g1.txt
cp "$ARTICLES/olahraga.txt" g2.txt

# alone FILE [OPTIONS...]: the output for FILE processed on its own.
alone() { local f=$1; shift; "$WARTA" "$@" "$f"; }

# check_bad NAME RC MESSAGE BADPATH [OPTIONS...]
#   runs: warta OPTIONS g1.txt BADPATH g2.txt
check_bad() {
  local name=$1 want_rc=$2 msg=$3 bad=$4; shift 4
  local fmt=json a
  for a in "$@"; do case $a in tsv|conll) fmt=$a;; --pretty) fmt=pretty;; esac; done
  {
    alone g1.txt "$@"
    case $fmt in
      json) printf '{"source":"%s","error":"%s"}\n' "$bad" "$msg";;
      pretty) printf '{\n  "source": "%s",\n  "error": "%s"\n}\n' "$bad" "$msg";;
      tsv) printf '%s\t\t\tERROR\t\t%s\n' "$bad" "$msg";;
      conll) printf '# source = %s\n# error = %s\n\n' "$bad" "$msg";;
    esac
    alone g2.txt "$@"
  } >want.out
  printf 'warta: error: %s: %s\n' "$bad" "$msg" >want.err
  timeout 60 "$WARTA" "$@" g1.txt "$bad" g2.txt >got.out 2>got.err
  local rc=$? why=()
  [ "$rc" = "$want_rc" ] || why+=("exit $rc, want $want_rc")
  cmp -s want.out got.out || why+=("stdout differs: $(diff want.out got.out | head -c 600)")
  cmp -s want.err got.err || why+=("stderr: $(head -c 400 got.err)" "want:   $(cat want.err)")
  san_clean got.err || why+=("sanitizer report")
  if [ ${#why[@]} -eq 0 ]; then pass "$name"; else fail "$name" "${why[@]}"; fi
}

# check_ok NAME FILE WANT_JSON [OPTIONS...]: FILE alone gives exactly WANT_JSON, exit 0
check_ok() {
  local name=$1 f=$2 want=$3; shift 3
  timeout 60 "$WARTA" "$@" "$f" >got.out 2>got.err
  local rc=$? why=()
  [ "$rc" = 0 ] || why+=("exit $rc, want 0")
  [ "$(cat got.out)" = "$want" ] || why+=("stdout: $(head -c 300 got.out)" "want:   $want")
  [ ! -s got.err ] || why+=("stderr: $(head -c 300 got.err)")
  if [ ${#why[@]} -eq 0 ]; then pass "$name"; else fail "$name" "${why[@]}"; fi
}

# ---- invalid UTF-8: fails by default, with the byte offset -----------------
printf 'Harga naik \x80 lagi.\n'            >inv_cont.txt    # stray continuation byte
printf 'Rupiah \xC0\xAF melemah.\n'          >inv_overlong.txt
printf 'Surrogat \xED\xA0\x80 di sini.\n'    >inv_surrogate.txt
printf 'Di atas \xF4\x90\x80\x80 batas.\n'   >inv_toobig.txt
printf 'Latin-1: Jos\xE9 Mour\xE3o.\n'       >inv_latin1.txt
printf 'Terpotong di akhir \xE2\x82'         >inv_truncated.txt
printf '\xFF\xFF\xFF'                        >inv_ff.txt
check_bad "invalid UTF-8: stray continuation" 1 "invalid UTF-8 at byte 11" inv_cont.txt
check_bad "invalid UTF-8: overlong" 1 "invalid UTF-8 at byte 7" inv_overlong.txt
check_bad "invalid UTF-8: surrogate" 1 "invalid UTF-8 at byte 9" inv_surrogate.txt
check_bad "invalid UTF-8: above U+10FFFF" 1 "invalid UTF-8 at byte 8" inv_toobig.txt
check_bad "invalid UTF-8: Latin-1 text" 1 "invalid UTF-8 at byte 12" inv_latin1.txt
check_bad "invalid UTF-8: truncated at the end" 1 "invalid UTF-8 at byte 19" inv_truncated.txt
check_bad "invalid UTF-8: only bad bytes" 1 "invalid UTF-8 at byte 0" inv_ff.txt
check_bad "invalid UTF-8: tsv output" 1 "invalid UTF-8 at byte 11" inv_cont.txt --format tsv
check_bad "invalid UTF-8: conll output" 1 "invalid UTF-8 at byte 11" inv_cont.txt --format conll
check_bad "invalid UTF-8: pretty output" 1 "invalid UTF-8 at byte 11" inv_cont.txt --pretty

# ---- --replace-invalid: same result as the text repaired by hand ----------
# Each maximal subpart of an ill-formed sequence is one U+FFFD (EF BF BD);
# offsets then count in the repaired text.
R=$'\xEF\xBF\xBD'
mkdir -p rep hand
cp inv_*.txt rep/
printf 'Harga naik %s lagi.\n' "$R"                >hand/inv_cont.txt
printf 'Rupiah %s%s melemah.\n' "$R" "$R"          >hand/inv_overlong.txt
printf 'Surrogat %s%s%s di sini.\n' "$R" "$R" "$R" >hand/inv_surrogate.txt
printf 'Di atas %s%s%s%s batas.\n' "$R" "$R" "$R" "$R" >hand/inv_toobig.txt
printf 'Latin-1: Jos%s Mour%so.\n' "$R" "$R"       >hand/inv_latin1.txt   # E3 6F: E3 alone
printf 'Terpotong di akhir %s' "$R"                >hand/inv_truncated.txt # E2 82: one subpart
printf '%s%s%s' "$R" "$R" "$R"                     >hand/inv_ff.txt
for f in inv_cont inv_overlong inv_surrogate inv_toobig inv_latin1 inv_truncated inv_ff; do
  for opts in "--tokens" "--format conll" "--format tsv"; do
    # shellcheck disable=SC2086
    (cd hand && "$WARTA" $opts "$f.txt") >want.out 2>/dev/null
    hand_rc=$?
    # shellcheck disable=SC2086
    (cd rep && timeout 60 "$WARTA" --replace-invalid $opts "$f.txt") >got.out 2>got.err
    rc=$?
    if [ $rc = 0 ] && [ $hand_rc = 0 ] && cmp -s want.out got.out && [ ! -s got.err ]; then
      pass "--replace-invalid $f ($opts)"
    else
      fail "--replace-invalid $f ($opts)" "exit $rc" "$(diff want.out got.out | head -5)" "$(head -3 got.err)"
    fi
  done
done
# the valid documents of a batch are untouched by --replace-invalid
{ alone g1.txt; alone hand/inv_cont.txt | sed 's/"source":"hand\//"source":"/'; alone g2.txt; } >want.out
(cp g1.txt g2.txt rep/ && cd rep && "$WARTA" --replace-invalid g1.txt inv_cont.txt g2.txt) >got.out 2>got.err
rc=$?
if [ $rc = 0 ] && cmp -s want.out got.out && [ ! -s got.err ]; then pass "--replace-invalid in a batch"
else fail "--replace-invalid in a batch" "exit $rc" "$(diff want.out got.out | head -5)"; fi

# ---- UTF-16 / UTF-32: fail, suggesting iconv -------------------------------
printf '\xFF\xFER\0p\0 \x001\0\n\0' >utf16le.txt
printf '\xFE\xFF\0R\0p\0 \0001\0\n' >utf16be.txt
printf '\xFF\xFE\0\0R\0\0\0' >utf32le.txt
printf '\0\0\xFE\xFF\0\0\0R' >utf32be.txt
M16="UTF-16 input (convert it with iconv -f UTF-16 -t UTF-8)"
M32="UTF-32 input (convert it with iconv -f UTF-32 -t UTF-8)"
check_bad "UTF-16 LE" 1 "$M16" utf16le.txt
check_bad "UTF-16 BE" 1 "$M16" utf16be.txt
check_bad "UTF-16 LE with --replace-invalid" 1 "$M16" utf16le.txt --replace-invalid
check_bad "UTF-32 LE" 1 "$M32" utf32le.txt
check_bad "UTF-32 BE" 1 "$M32" utf32be.txt
if command -v iconv >/dev/null; then
  iconv -f UTF-8 -t UTF-16 <g1.txt >iconv16.txt
  check_bad "UTF-16 from iconv" 1 "$M16" iconv16.txt
  iconv -f UTF-16 -t UTF-8 <iconv16.txt >back.txt
  { alone g1.txt | sed 's/"source":"g1.txt"/"source":"back.txt"/'; } >want.out
  "$WARTA" back.txt >got.out 2>&1
  if cmp -s want.out got.out; then pass "the suggested iconv command repairs it"
  else fail "the suggested iconv command repairs it" "$(diff want.out got.out | head -3)"; fi
fi

# ---- NUL bytes: binary, reported and skipped -------------------------------
printf 'PDF\0\0\1\2' >bin_nul.txt
head -c 3000 /bin/sh >bin_elf.txt 2>/dev/null || printf '\177ELF\2\1\1\0' >bin_elf.txt
elf_nul=$(LC_ALL=C grep -obUaP '\x00' bin_elf.txt | head -1 | cut -d: -f1)
printf 'Teks biasa lalu\0' >bin_late.txt
check_bad "NUL byte" 1 "binary file (NUL byte at byte 3), skipped" bin_nul.txt
check_bad "an executable" 1 "binary file (NUL byte at byte ${elf_nul:-7}), skipped" bin_elf.txt
check_bad "NUL at the end" 1 "binary file (NUL byte at byte 15), skipped" bin_late.txt
check_bad "NUL with --replace-invalid" 1 "binary file (NUL byte at byte 3), skipped" bin_nul.txt --replace-invalid
printf 'ab\xFF\0' >bin_both.txt
check_bad "NUL wins over invalid UTF-8" 1 "binary file (NUL byte at byte 3), skipped" bin_both.txt

# ---- UTF-8 BOM: part of the text (1 code point, 3 bytes), never in a token -
printf 'Rapat di Jakarta.\n' >nobom.txt
printf '\xEF\xBB\xBFRapat di Jakarta.\n' >bom.txt
"$WARTA" --tokens nobom.txt >nobom.out 2>&1
"$WARTA" --tokens bom.txt >bom.out 2>bom.err
rc=$?
why=()
[ $rc = 0 ] || why+=("exit $rc")
[ ! -s bom.err ] || why+=("stderr: $(cat bom.err)")
grep -q '"chars":19,"bytes":21,' bom.out || why+=("chars/bytes: $(head -c 200 bom.out)")
grep -q '"sentences":\[{"start":1,"end":[0-9]*,"byte_start":3,' bom.out || why+=("sentence does not start after the BOM")
grep -q '"tokens":\[{"start":1,"end":6,"byte_start":3,"byte_end":8,"text":"Rapat"}' bom.out || why+=("first token: $(grep -o '"tokens":\[{[^}]*}' bom.out)")
LC_ALL=C grep -q $'\xEF\xBB\xBF' bom.out && why+=("the BOM appears in the output")
# every offset of the BOM version is the no-BOM offset shifted by 1 / 3
shift_offsets() { # add 1 to start/end and 3 to byte_start/byte_end
  awk '{ out = ""; s = $0
         while (match(s, /"(start|end|byte_start|byte_end)":[0-9]+/)) {
           kv = substr(s, RSTART, RLENGTH); split(kv, p, ":")
           d = (p[1] ~ /byte/) ? 3 : 1
           out = out substr(s, 1, RSTART - 1) p[1] ":" (p[2] + d)
           s = substr(s, RSTART + RLENGTH) }
         print out s }'
}
shift_offsets <nobom.out | sed 's/"source":"nobom.txt","chars":18,"bytes":18/"source":"bom.txt","chars":19,"bytes":21/' >nobom.shifted
cmp -s nobom.shifted bom.out || why+=("offsets not shifted by exactly 1/3: $(diff nobom.shifted bom.out | head -c 400)")
if [ ${#why[@]} -eq 0 ]; then pass "UTF-8 BOM offsets"; else fail "UTF-8 BOM offsets" "${why[@]}"; fi
"$WARTA" --format conll bom.txt >got.out 2>&1
if [ "$(sed -n 2p got.out)" = "$(printf 'Rapat\t')$(sed -n 2p got.out | cut -f2)" ] && ! LC_ALL=C grep -q $'\xEF\xBB\xBF' got.out; then
  pass "UTF-8 BOM in CoNLL"; else fail "UTF-8 BOM in CoNLL" "$(head -3 got.out)"; fi
printf '\xEF\xBB\xBF' >bom_only.txt
check_ok "BOM only" bom_only.txt '{"source":"bom_only.txt","chars":1,"bytes":3,"entities":[]}'

# ---- empty and whitespace-only documents ----------------------------------
: >empty.txt
printf ' \t\r\n\n   \n' >blank.txt
printf '\xC2\xA0\xE3\x80\x80\n' >nbsp.txt
check_ok "empty file" empty.txt '{"source":"empty.txt","chars":0,"bytes":0,"entities":[]}'
check_ok "whitespace only" blank.txt '{"source":"blank.txt","chars":9,"bytes":9,"entities":[]}'
check_ok "no-break spaces only" nbsp.txt '{"source":"nbsp.txt","chars":3,"bytes":6,"entities":[]}'
check_ok "empty file, sentences" empty.txt '{"source":"empty.txt","chars":0,"bytes":0,"entities":[],"sentences":[]}' --tokens
check_ok "empty file, tsv" empty.txt '' --format tsv
check_ok "empty file, conll" empty.txt '# source = empty.txt' --format conll
out=$(printf '' | "$WARTA" g1.txt - g2.txt 2>&1)
want=$(alone g1.txt; echo '{"source":"-","chars":0,"bytes":0,"entities":[]}'; alone g2.txt)
if [ "$out" = "$want" ]; then pass "empty stdin in a batch"; else fail "empty stdin in a batch" "$(diff <(echo "$want") <(echo "$out") | head -3)"; fi

# ---- paths that cannot be read --------------------------------------------
check_bad "missing path" 1 "No such file or directory" missing.txt
ln -s nowhere.txt dangling.txt
check_bad "dangling symbolic link" 1 "No such file or directory" dangling.txt
check_bad "unreadable file (EIO)" 1 "Input/output error" /proc/self/mem
check_bad "a file given as a directory" 1 "Not a directory" g1.txt/
check_bad "a character device" 1 "not a regular file" /dev/null
mkfifo fifo.txt
check_bad "a FIFO (no writer: must not hang)" 1 "not a regular file" fifo.txt
mkfifo fifo2.txt
# a FIFO with a writer attached is still not read
( exec 3>fifo2.txt; sleep 2 ) &
writer=$!
check_bad "a FIFO with a writer" 1 "not a regular file" fifo2.txt
kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
if command -v python3 >/dev/null && python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' sock.txt 2>/dev/null; then
  check_bad "a socket" 1 "No such device or address" sock.txt
fi
# a directory is walked, even when its name matches the glob
mkdir -p tree/sub.txt
cp g2.txt tree/sub.txt/inner.txt
cp g1.txt tree/a.txt
mkfifo tree/pipe.txt
{ alone tree/a.txt; alone tree/sub.txt/inner.txt; } >want.out
timeout 60 "$WARTA" tree >got.out 2>got.err
rc=$?
if [ $rc = 0 ] && cmp -s want.out got.out && [ ! -s got.err ]; then pass "a directory named *.txt is walked, a FIFO in a walk is not a document"
else fail "a directory named *.txt is walked" "exit $rc" "$(diff want.out got.out | head -3)" "$(cat got.err)"; fi
# stdin that cannot be read
"$WARTA" g1.txt - g2.txt <"$T" >got.out 2>got.err
rc=$?
{ alone g1.txt; echo '{"source":"-","error":"Is a directory"}'; alone g2.txt; } >want.out
if [ $rc = 1 ] && cmp -s want.out got.out && [ "$(cat got.err)" = "warta: error: -: Is a directory" ]; then pass "stdin is a directory"
else fail "stdin is a directory" "exit $rc" "$(cat got.err)" "$(diff want.out got.out | head -3)"; fi
printf 'Harga \xFF\n' | "$WARTA" g1.txt - g2.txt >got.out 2>got.err
rc=$?
{ alone g1.txt; echo '{"source":"-","error":"invalid UTF-8 at byte 6"}'; alone g2.txt; } >want.out
if [ $rc = 1 ] && cmp -s want.out got.out && [ "$(cat got.err)" = "warta: error: -: invalid UTF-8 at byte 6" ]; then pass "invalid UTF-8 on stdin"
else fail "invalid UTF-8 on stdin" "exit $rc" "$(cat got.err)"; fi

# ---- --model FILE that cannot be a model: exit 1, one message, no output --
check_model() { # NAME PATH MESSAGE-GLOB
  timeout 60 "$WARTA" --model "$2" g1.txt >got.out 2>got.err
  local rc=$? why=()
  [ $rc = 1 ] || why+=("exit $rc, want 1")
  [ ! -s got.out ] || why+=("stdout: $(head -c 200 got.out)")
  # shellcheck disable=SC2053
  [[ "$(cat got.err)" == "warta: error: $2: "$3 ]] || why+=("stderr: $(head -c 300 got.err)" "want:   warta: error: $2: $3")
  san_clean got.err || why+=("sanitizer report")
  if [ ${#why[@]} -eq 0 ]; then pass "$1"; else fail "$1" "${why[@]}"; fi
}
MODEL="$HERE/../../data/model.bin"
if [ -f "$MODEL" ]; then
  mkfifo model_fifo
  check_model "--model: missing" missing.bin "cannot open model missing.bin: No such file or directory"
  check_model "--model: a directory" "$T" "cannot read model $T: is a directory"
  check_model "--model: a FIFO (must not hang)" model_fifo "cannot read model model_fifo: not a regular file"
  check_model "--model: empty" empty.txt 'model is truncated (0 bytes, header needs 128)'
  check_model "--model: a text file" g1.txt "not a warta model (bad magic)"
  head -c 5000 "$MODEL" >model_trunc.bin
  check_model "--model: truncated" model_trunc.bin 'model section '*' lies outside the file (truncated at 5000 bytes?)'
  cp "$MODEL" model_flip.bin
  printf '\x55' | dd of=model_flip.bin bs=1 seek=200000 conv=notrunc 2>/dev/null
  check_model "--model: one byte changed" model_flip.bin "model checksum mismatch (corrupt file)"
  cp "$MODEL" model_ok.bin
  "$WARTA" g1.txt >want.out; "$WARTA" --model model_ok.bin g1.txt >got.out 2>got.err
  if cmp -s want.out got.out && [ ! -s got.err ]; then pass "--model: a copy of the embedded model"
  else fail "--model: a copy of the embedded model" "$(head -3 got.err)"; fi
fi

# ---- every bad input in one batch: nothing lost, order kept ----------------
bads=(inv_cont.txt utf16le.txt bin_nul.txt missing.txt /proc/self/mem fifo.txt g1.txt/ inv_ff.txt)
msgs=("invalid UTF-8 at byte 11" "$M16" "binary file (NUL byte at byte 3), skipped" "No such file or directory"
      "Input/output error" "not a regular file" "Not a directory" "invalid UTF-8 at byte 0")
args=() ; : >want.out ; : >want.err
for i in "${!bads[@]}"; do
  args+=(g1.txt "${bads[$i]}" empty.txt)
  alone g1.txt >>want.out
  printf '{"source":"%s","error":"%s"}\n' "${bads[$i]}" "${msgs[$i]}" >>want.out
  printf 'warta: error: %s: %s\n' "${bads[$i]}" "${msgs[$i]}" >>want.err
  alone empty.txt >>want.out
done
args+=(g2.txt); alone g2.txt >>want.out
timeout 120 "$WARTA" "${args[@]}" >got.out 2>got.err
rc=$?
if [ $rc = 1 ] && cmp -s want.out got.out && cmp -s want.err got.err && san_clean got.err; then
  pass "all bad inputs in one batch ($(wc -l <got.out) lines)"
else fail "all bad inputs in one batch" "exit $rc" "$(diff want.out got.out | head -c 400)" "$(diff want.err got.err | head -5)"; fi

# ---- --input jsonl / lines: a bad record fails alone ------------------------
if "$WARTA" --help 2>/dev/null | grep -q -- '--input'; then
  printf '%s\n' '{"id":1,"text":"Presiden Joko Widodo ke Jakarta."}' >j_good1.jsonl
  printf '%s\n' '{"id":2,"text":"Harga Rp 5.000 per lembar."}' >j_good2.jsonl
  jcase() { # NAME RECORD WANT-LINE STDERR
    { cat j_good1.jsonl; printf '%s\n' "$2"; cat j_good2.jsonl; } >j_batch.jsonl
    { "$WARTA" --input jsonl <j_good1.jsonl; echo "$3"; "$WARTA" --input jsonl <j_good2.jsonl; } >want.out
    timeout 60 "$WARTA" --input jsonl <j_batch.jsonl >got.out 2>got.err
    local rc=$? why=()
    [ $rc = 1 ] || why+=("exit $rc, want 1")
    cmp -s want.out got.out || why+=("stdout: $(diff want.out got.out | head -c 400)")
    [ "$(cat got.err)" = "$4" ] || why+=("stderr: $(cat got.err)" "want:   $4")
    if [ ${#why[@]} -eq 0 ]; then pass "$1"; else fail "$1" "${why[@]}"; fi
  }
  jcase "jsonl: NUL in text" '{"id":7,"text":"a\u0000b"}' \
    '{"id":7,"error":"binary file (NUL byte at byte 1), skipped"}' 'warta: error: -:2: binary file (NUL byte at byte 1), skipped'
  jcase "jsonl: lone surrogate" '{"id":8,"text":"\ud800"}' \
    '{"source":"-:2","error":"invalid JSON at column 23: invalid Unicode '"'\\\\uD800' near '\\\"\\\\ud800\\\"'"'"}' \
    "warta: error: -:2: invalid JSON at column 23: invalid Unicode '\\uD800' near '\"\\ud800\"'"
  jcase "jsonl: invalid UTF-8 in the line" $'{"id":9,"text":"\xff"}' \
    "$(printf '{"id":9,"text":"\xff"}' | "$WARTA" --input jsonl 2>/dev/null | sed 's/-:1/-:2/')" \
    "$(printf '{"id":9,"text":"\xff"}' | "$WARTA" --input jsonl 2>&1 >/dev/null | sed 's/-:1/-:2/')"
  printf 'Harga naik.\n\xff\nBudi datang.\n' | timeout 60 "$WARTA" --input lines >got.out 2>got.err
  rc=$?
  if [ $rc = 1 ] && [ "$(sed -n 2p got.out)" = '{"source":"-:2","error":"invalid UTF-8 at byte 0"}' ] &&
     [ "$(wc -l <got.out)" = 3 ] && [ "$(cat got.err)" = "warta: error: -:2: invalid UTF-8 at byte 0" ]; then
    pass "lines: an invalid line fails alone"
  else fail "lines: an invalid line fails alone" "exit $rc" "$(cat got.out got.err)"; fi
fi

# ---- output errors ---------------------------------------------------------
if [ -w /dev/full ]; then
  "$WARTA" g1.txt >/dev/full 2>got.err
  rc=$?
  if [ $rc = 1 ] && [ "$(cat got.err)" = "warta: error: writing output: No space left on device" ]; then
    pass "write error (/dev/full), small output"
  else fail "write error (/dev/full), small output" "exit $rc" "$(head -3 got.err)"; fi
  # a large output fails in the middle of the run, still with one message
  for i in $(seq 1 200); do cp g1.txt "many_$i.txt"; done
  mkdir -p many && mv many_*.txt many/
  timeout 120 "$WARTA" --tokens many >/dev/full 2>got.err
  rc=$?
  if [ $rc = 1 ] && [ "$(cat got.err)" = "warta: error: writing output: No space left on device" ]; then
    pass "write error (/dev/full), large output"
  else fail "write error (/dev/full), large output" "exit $rc" "$(head -3 got.err)"; fi
else
  echo "skip /dev/full: not writable here"
fi
# a closed pipe ends quietly: no message, exit 0, no hang
[ -d many ] || { mkdir many; for i in $(seq 1 200); do cp g1.txt "many/$i.txt"; done; }
timeout 120 "$WARTA" --tokens many 2>got.err | head -c 100 >/dev/null
rc=${PIPESTATUS[0]}
if [ "$rc" = 0 ] && [ ! -s got.err ]; then pass "closed pipe ends quietly"
else fail "closed pipe ends quietly" "exit $rc" "$(head -3 got.err)"; fi
timeout 120 "$WARTA" --tokens many missing.txt 2>got.err | head -c 100 >/dev/null
rc=${PIPESTATUS[0]}
if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then
  if san_clean got.err && ! grep -q 'writing output' got.err; then pass "closed pipe before a failed document"
  else fail "closed pipe before a failed document" "$(head -3 got.err)"; fi
else fail "closed pipe before a failed document" "exit $rc"; fi

echo "$n checks, $fails failed"
[ $fails -eq 0 ]
