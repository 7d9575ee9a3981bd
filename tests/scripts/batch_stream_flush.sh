#!/usr/bin/env bash
# In a pipeline, each --input jsonl / lines record is written (flushed) as
# soon as it is done, while the input is still open.
. "$(dirname "$0")/batch_lib.bash"
mkfifo "$T/in"
wait_lines() { # FILE N: wait up to 10 s for FILE to hold N lines
  local i
  for ((i = 0; i < 200; i++)); do
    [ "$(wc -l <"$1")" -ge "$2" ] && return 0
    sleep 0.05
  done
  return 1
}
for mode in jsonl lines; do
  for j in 1 3; do
    "$WARTA" --input $mode -j $j <"$T/in" >"$T/out" 2>"$T/err" &
    pid=$!
    exec 3>"$T/in"
    if [ $mode = jsonl ]; then rec='{"id":%d,"text":"Joko Widodo di Jakarta."}\n'; else rec='Joko Widodo di Jakarta %d.\n'; fi
    printf "$rec" 1 >&3
    wait_lines "$T/out" 1 || { exec 3>&-; wait $pid; fail "$mode -j $j: first record not written while input open"; }
    printf "$rec" 2 >&3
    wait_lines "$T/out" 2 || { exec 3>&-; wait $pid; fail "$mode -j $j: second record not written while input open"; }
    exec 3>&-
    wait $pid || fail "$mode -j $j: exit $?"
    [ "$(wc -l <"$T/out")" = 2 ] || fail "$mode -j $j: want 2 lines"
  done
done
echo ok
