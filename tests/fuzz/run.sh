#!/usr/bin/env bash
# tests/fuzz/run.sh [SECONDS] [TARGET...]: runs the libFuzzer targets of
# build/fuzz/fuzz/ one after the other (never two at once), SECONDS each
# (default 600), from the seed corpus; new inputs go to build/fuzz/corpus/
# TARGET/, crashes to build/fuzz/crash-TARGET-*.  Prints the executions.
set -u
cd "$(dirname "$0")/../.."
secs=${1:-600}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || for s in tests/fuzz/fuzz_*.c; do targets+=("$(basename "$s" .c)"); done
status=0
for t in "${targets[@]}"; do
  t=fuzz_${t#fuzz_}
  mkdir -p "build/fuzz/corpus/$t"
  dict=(); [ -f "tests/fuzz/${t#fuzz_}.dict" ] && dict=(-dict="tests/fuzz/${t#fuzz_}.dict")
  echo "== $t: build/fuzz/fuzz/$t -max_total_time=$secs -timeout=30 -rss_limit_mb=4096 ${dict[*]} build/fuzz/corpus/$t tests/fuzz/corpus/${t#fuzz_}"
  "build/fuzz/fuzz/$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/crash-$t-" "${dict[@]}" "build/fuzz/corpus/$t" "tests/fuzz/corpus/${t#fuzz_}" \
    >"build/fuzz/$t.log" 2>&1
  rc=$?
  echo "   exit $rc; $(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "build/fuzz/$t.log" | tr '\n' ' ')"
  grep -m5 -E 'ERROR|runtime error|invariant' "build/fuzz/$t.log"
  [ $rc = 0 ] || status=1
done
exit $status
