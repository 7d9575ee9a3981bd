#!/usr/bin/env bash
# Issue 15.11: SIGINT or SIGTERM in the middle of a batch never leaves a
# partial last line: the record being written is finished, later ones are
# dropped, and warta then dies by the signal (status 128 + signal number).
# A stream blocked on input (--input lines from a pipe, or a FIFO with no
# writer yet) stops at once too.
. "$(dirname "$0")/batch_lib.bash"
cd "$T"
# every line of FILE is a whole JSON record
whole_lines() {
  [ ! -s "$1" ] || [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] || return 1
  ! grep -qv '^{.*}$' "$1"
}
mkdir d
doc=$(cat "$ROOT"/tests/articles/*.txt "$ROOT"/tests/articles/*.txt)
for i in $(seq 1500); do printf '%s\n%d\n' "$doc" "$i" >"d/$i.txt"; done
for sig in TERM INT; do
  rm -f out
  env --default-signal=INT "$WARTA" -q -j2 d >out 2>err &
  pid=$!
  for _ in $(seq 200); do [ "$(stat -c %s out 2>/dev/null || echo 0)" -gt 300000 ] && break; sleep 0.05; done
  kill -$sig $pid
  wait $pid; rc=$?
  want=$((128 + $(kill -l $sig)))
  n=$(wc -l <out)
  [ "$rc" = $want ] || fail "SIG$sig: exit $rc, want $want"
  [ "$n" -lt 1500 ] || fail "SIG$sig: the batch finished before the signal (make it longer)"
  whole_lines out || { tail -c 300 out; fail "SIG$sig: partial last line"; }
  [ ! -s err ] || { cat err; fail "SIG$sig: messages on stderr"; }
done
# a stream waiting for input: records so far are whole, exit at once
mkfifo fifo
{ echo "Budi pergi."; sleep 30; } >fifo &
feeder=$!
env --default-signal=INT "$WARTA" -q --input lines fifo >out 2>err &
pid=$!
for _ in $(seq 600); do [ -s out ] && break; sleep 0.05; done
kill -INT $pid
for _ in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.05; done
if kill -0 $pid 2>/dev/null; then kill -KILL $pid; kill $feeder; fail "blocked stream ignored SIGINT"; fi
wait $pid; rc=$?
kill $feeder 2>/dev/null
[ "$rc" = 130 ] || fail "stream: exit $rc, want 130"
[ "$(wc -l <out)" = 1 ] && whole_lines out || { cat out; fail "stream: want one whole record"; }
# --input lines on a FIFO with no writer waits for one (docs/batch.md,
# issue 15.12): as with any pipe; SIGTERM ends the wait at once
mkfifo lonely
env --default-signal=INT "$WARTA" -q --input lines lonely >out 2>err &
pid=$!
sleep 0.5
kill -0 $pid 2>/dev/null || fail "FIFO without a writer: did not wait"
kill -TERM $pid
for _ in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.05; done
if kill -0 $pid 2>/dev/null; then kill -KILL $pid; fail "FIFO without a writer: SIGTERM ignored"; fi
wait $pid; rc=$?
[ "$rc" = 143 ] && [ ! -s out ] || fail "FIFO without a writer: exit $rc, want 143 and no output"
echo ok
