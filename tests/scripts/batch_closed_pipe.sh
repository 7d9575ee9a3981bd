#!/usr/bin/env bash
# `warta dir | head -1` ends quietly: status 0, nothing on stderr, with one
# thread or several; an endless stream into a closed pipe stops too.
. "$(dirname "$0")/batch_lib.bash"
make_corpus "$T/c" 400
for j in 1 4; do
  timeout 60 bash -c '"$0" -j "$1" "$2" 2>"$3" | head -1 >"$4"; exit "${PIPESTATUS[0]}"' \
    "$WARTA" $j "$T/c" "$T/err" "$T/out"; rc=$?
  [ "$rc" = 0 ] || fail "-j $j: warta exited $rc"
  [ -s "$T/err" ] && { cat "$T/err"; fail "-j $j: stderr not empty"; }
  [ "$(wc -l <"$T/out")" = 1 ] || fail "-j $j: want 1 line"
  for mode in jsonl lines; do
    # `yes` never ends: warta must notice the closed pipe and stop
    timeout 60 bash -c 'yes "{\"id\":1,\"text\":\"Joko Widodo di Jakarta.\"}" | "$0" --input "$1" -j "$2" 2>"$3" | head -1 >/dev/null; exit "${PIPESTATUS[1]}"' \
      "$WARTA" $mode $j "$T/err"; rc=$?
    [ "$rc" = 0 ] || fail "$mode -j $j: endless stream into head: exit $rc (124: did not stop)"
    [ -s "$T/err" ] && { cat "$T/err"; fail "$mode -j $j: stderr not empty"; }
  done
done
# a failed write is an error, not a closed pipe
if [ -w /dev/full ]; then
  for args in "$ROOT/tests/articles/ekonomi.txt" "-j 4 $T/c" "-j 1 $T/c"; do
    # shellcheck disable=SC2086
    "$WARTA" $args >/dev/full 2>"$T/err"; rc=$?
    [ "$rc" = 1 ] || fail "$args > /dev/full: exit $rc, want 1"
    grep -qx 'warta: error: writing output: No space left on device' "$T/err" || { cat "$T/err"; fail "$args > /dev/full: message"; }
  done
  good='{"id":1,"text":"Jakarta"}'
  echo "$good" | "$WARTA" --input jsonl -j 2 >/dev/full 2>"$T/err"; rc=$?
  [ "$rc" = 1 ] || fail "jsonl > /dev/full: exit $rc, want 1"
  grep -qx 'warta: error: writing output: No space left on device' "$T/err" || fail "jsonl > /dev/full: message"
fi
echo ok
