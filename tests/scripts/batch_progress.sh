#!/usr/bin/env bash
# The progress line: on a terminal (a pseudo-terminal from script(1)) a batch
# shows "N/TOTAL docs ... MB/s" on stderr and erases it at the end; nothing
# with --quiet, for a single document, or when stderr is not a terminal.
. "$(dirname "$0")/batch_lib.bash"
command -v script >/dev/null || { echo "script(1) not installed"; exit 77; }
make_corpus "$T/c" 60
A=$ROOT/tests/articles
tty_run() { # LOG ARGS...: runs warta with a terminal on stderr, stdout to a file
  local log=$1; shift
  script -qec "$(printf '%q ' "$WARTA" "$@") >$T/out" /dev/null >"$log" </dev/null
}
tty_run "$T/log" -j 2 "$A/ekonomi.txt" "$A/olahraga.txt" "$A/diplomasi.txt" || fail "exit $?"
grep -q 'warta: [0-9]/3 docs' "$T/log" || { cat -v "$T/log"; fail "no N/3 progress for a list of files"; }
grep -q 'MB/s' "$T/log" || fail "no MB/s"
[ "$(tail -c 4 "$T/log" | od -An -c | tr -d ' ')" = '\r033[K' ] || { cat -v "$T/log"; fail "progress not erased at the end"; }
[ "$(wc -l <"$T/out")" = 3 ] || fail "stdout lost"
tty_run "$T/log" "$T/c" || fail "exit $?"
grep -q 'warta: [0-9]* docs' "$T/log" || { cat -v "$T/log"; fail "no progress for a folder"; }
tty_run "$T/log" -q "$T/c" || fail "exit $?"
[ -s "$T/log" ] && { cat -v "$T/log"; fail "--quiet still shows progress"; }
tty_run "$T/log" "$A/ekonomi.txt" || fail "exit $?"
[ -s "$T/log" ] && { cat -v "$T/log"; fail "progress for a single document"; }
"$WARTA" "$T/c" >/dev/null 2>"$T/err" || fail "exit $?"
[ -s "$T/err" ] && fail "progress although stderr is not a terminal"
# an error message clears the line first, so it starts a line of its own
printf 'x\0y' >"$T/c/sub1/0/biner.txt"
tty_run "$T/log" "$T/c"
tr '\r' '\n' <"$T/log" | sed 's/\x1b\[K//g' | grep -q '^warta: error: .*biner.txt: binary' || { cat -v "$T/log"; fail "error message mixed into the progress line"; }
echo ok
