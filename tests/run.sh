#!/usr/bin/env bash
# tests/run.sh - runs every test of warta and ends with "N passed, N failed".
#
#   unit tests      build/tests/test_*         (and build/asan/tests/test_*)
#   golden tests    tests/golden/NAME/cmd      run with $WARTA; stdout must
#                   equal NAME/out (diff -u), the exit code NAME/rc (default
#                   0), and stderr NAME/err when that file exists
#   script tests    tests/scripts/*.sh         each exits 0 (pass), 77 (skip)
#                   or anything else (fail)
# Each suite runs against the normal build, then the ASan/UBSan build; the
# golden tests also run under valgrind when it is installed.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
pass=0 fail=0 skip=0
failed_names=()

ok()   { pass=$((pass+1)); printf 'PASS %s\n' "$1"; }
bad()  { fail=$((fail+1)); failed_names+=("$1"); printf 'FAIL %s\n' "$1"; }

run_unit() { # build-dir label
  local b=$1 label=$2 t out
  for t in "$b"/tests/test_*; do
    [ -x "$t" ] || continue
    [ -n "$ONLY" ] && [[ "${t##*/}" != *"$ONLY"* ]] && continue
    out=$("$t" 2>&1); local rc=$?
    while IFS= read -r line; do
      case "$line" in
        "PASS "*) ok "$label ${t##*/} ${line#PASS }";;
        "FAIL "*) bad "$label ${t##*/} ${line#FAIL }";;
        *) printf '  %s\n' "$line";;
      esac
    done <<<"$out"
    if [ $rc -ne 0 ] && ! grep -q '^FAIL ' <<<"$out"; then bad "$label ${t##*/} (exit $rc)"; fi
  done
}

run_golden() { # warta-command label
  local w=$1 label=$2 d name want_rc rc
  for d in tests/golden/*/; do
    name=$(basename "$d")
    [ -f "$d/cmd" ] || continue
    [ -n "$ONLY" ] && [[ "$name" != *"$ONLY"* ]] && continue
    want_rc=0; [ -f "$d/rc" ] && want_rc=$(cat "$d/rc")
    (cd "$d" && WARTA="$w" bash ./cmd >"$TMP/out" 2>"$TMP/err"); rc=$?
    local why=""
    if [ "$rc" != "$want_rc" ]; then why="exit $rc, want $want_rc"; fi
    if ! diff -u "$d/out" "$TMP/out" >"$TMP/diff" 2>&1; then why="${why:+$why; }stdout differs"; fi
    if [ -f "$d/err" ] && ! diff -u "$d/err" "$TMP/err" >>"$TMP/diff" 2>&1; then why="${why:+$why; }stderr differs"; fi
    if grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' -e 'ERROR: LeakSanitizer' -e 'ERROR SUMMARY: [1-9]' "$TMP/err"; then
      why="${why:+$why; }sanitizer/valgrind report"; fi
    if [ -z "$why" ]; then ok "$label golden $name"; else
      bad "$label golden $name ($why)"; head -40 "$TMP/diff" | sed 's/^/  /'; grep -m5 -e ERROR -e 'runtime error' "$TMP/err" | sed 's/^/  /'; fi
  done
}

run_scripts() { # build-dir label
  local b=$1 label=$2 s rc
  for s in tests/scripts/*.sh; do
    [ -f "$s" ] || continue
    [ -n "$ONLY" ] && [[ "$(basename "$s")" != *"$ONLY"* ]] && continue
    WARTA="$ROOT/$b/warta" BUILD="$ROOT/$b" bash "$s" >"$TMP/out" 2>&1; rc=$?
    if [ $rc -eq 0 ]; then ok "$label $(basename "$s")"
    elif [ $rc -eq 77 ]; then skip=$((skip+1)); printf 'SKIP %s %s: %s\n' "$label" "$(basename "$s")" "$(tail -1 "$TMP/out")"
    else bad "$label $(basename "$s") (exit $rc)"; tail -30 "$TMP/out" | sed 's/^/  /'; fi
  done
}

TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99

# QUICK=1 (make check-quick): the normal build only, no ASan pass, no valgrind.
# ONLY=pattern: run only the unit tests, goldens and scripts whose name
# contains the pattern (a development aid; make check runs everything).
export QUICK=${QUICK:-0}
ONLY=${ONLY:-}
builds="build build/asan"; [ "$QUICK" = 1 ] && builds="build"
for b in $builds; do
  label=$([ "$b" = build ] && echo "[O2]" || echo "[asan]")
  [ -x "$b/warta" ] || { bad "$label build missing ($b/warta): run make check"; continue; }
  run_unit "$b" "$label"
  run_golden "$ROOT/$b/warta" "$label"
  run_scripts "$b" "$label"
done

if [ "$QUICK" = 1 ]; then
  :
elif command -v valgrind >/dev/null 2>&1; then
  cat >"$TMP/vg" <<VG
#!/bin/sh
exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=98 "$ROOT/build/warta" "\$@"
VG
  chmod +x "$TMP/vg"
  run_golden "$TMP/vg" "[valgrind]"
else
  skip=$((skip+1)); echo "SKIP valgrind: not installed"
fi

if [ $fail -gt 0 ]; then
  echo; echo "Failed:"; printf '  %s\n' "${failed_names[@]}"
fi
echo
if [ $skip -gt 0 ]; then echo "$pass passed, $fail failed, $skip skipped"; else echo "$pass passed, $fail failed"; fi
[ $fail -eq 0 ]
