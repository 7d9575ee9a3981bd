#!/usr/bin/env bash
# Issue 15.2: in --input lines / jsonl a line too long to allocate (getline
# fails with ENOMEM, neither EOF nor the error flag set) used to end the
# stream silently with exit 0.  Under `ulimit -v` a 300 MB line must give an
# error record named NAME:LINE, exit 1, and the lines after it are still
# read (with --max-doc-bytes 1G, so that the allocation fails before the
# limit).  Skipped in the sanitizer build (ASan reserves terabytes of
# address space, so a ulimit -v would stop it at start).
. "$(dirname "$0")/batch_lib.bash"
case ${BUILD:-} in *asan*) echo "ulimit -v does not mix with ASan"; exit 77;; esac
for mode in lines jsonl; do
  (
    ulimit -v 200000
    {
      if [ $mode = jsonl ]; then
        echo '{"id":1,"text":"Budi pergi ke Jakarta."}'
        printf '{"id":2,"text":"'; head -c 300000000 /dev/zero | tr '\0' a; echo '"}'
        echo '{"id":3,"text":"Joko datang."}'
      else
        echo "Budi pergi ke Jakarta."
        head -c 300000000 /dev/zero | tr '\0' a; echo
        echo "Joko datang."
      fi
    } | timeout 120 "$WARTA" -j1 --max-doc-bytes 1G --input $mode - >"$T/out" 2>"$T/err"
    echo $? >"$T/rc"
  )
  rc=$(cat "$T/rc")
  [ "$rc" = 1 ] || { head -c 600 "$T/out" "$T/err"; fail "$mode: exit $rc, want 1"; }
  [ "$(wc -l <"$T/out")" = 3 ] || { head -c 600 "$T/out"; fail "$mode: want 3 records"; }
  sed -n 2p "$T/out" | grep -q '^{"source":"-:2","error":"line too long to read: ' \
    || { sed -n 2p "$T/out" | head -c 300; fail "$mode: line 2 is not an error record"; }
  sed -n 3p "$T/out" | grep -q 'Joko' || fail "$mode: line 3 lost"
  grep -q '^warta: error: -:2: line too long' "$T/err" || { cat "$T/err"; fail "$mode: no message"; }
done
echo ok
