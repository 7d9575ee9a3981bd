#!/usr/bin/env bash
# tests/fuzz/run.sh [SECONDS] [TARGET...]: runs the libFuzzer targets of
# build/fuzz/fuzz/ one after the other (never two at once), SECONDS each
# (default 600), from the seed corpus; new inputs go to build/fuzz/corpus/
# TARGET/, crashes to build/fuzz/crash-TARGET-*.  Prints the executions.
# Largest input (-max_len): 1 MiB for the pipeline, whose working corpus
# also gets a generated 1 MiB seed (the articles end to end, repeated);
# 64 KiB for the other targets.  FUZZ_MAX_LEN overrides both.  Timeout per
# input: 30 s, 120 s for the pipeline (1 MiB under ASan on a busy machine).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-600}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || for s in tests/fuzz/fuzz_*.c; do targets+=("$(basename "$s" .c)"); done
status=0
for t in "${targets[@]}"; do
  t=fuzz_${t#fuzz_}
  mkdir -p "build/fuzz/corpus/$t"
  maxlen=65536 tmo=30; [ $t = fuzz_pipeline ] && maxlen=1048576 tmo=120
  maxlen=${FUZZ_MAX_LEN:-$maxlen}
  if [ $t = fuzz_pipeline ] && [ ! -f build/fuzz/corpus/$t/big-articles ]; then
    { printf '\000'; for _ in $(seq 600); do cat tests/articles/*.txt; done; } | head -c 1048576 \
      >build/fuzz/corpus/$t/big-articles
  fi
  dict=(); [ -f "tests/fuzz/${t#fuzz_}.dict" ] && dict=(-dict="tests/fuzz/${t#fuzz_}.dict")
  echo "== $t: build/fuzz/fuzz/$t -max_total_time=$secs -timeout=$tmo -rss_limit_mb=4096 -max_len=$maxlen ${dict[*]} build/fuzz/corpus/$t tests/fuzz/corpus/${t#fuzz_}"
  "build/fuzz/fuzz/$t" -max_total_time="$secs" -timeout="$tmo" -rss_limit_mb=4096 -max_len="$maxlen" -print_final_stats=1 \
    -artifact_prefix="build/fuzz/crash-$t-" "${dict[@]}" "build/fuzz/corpus/$t" "tests/fuzz/corpus/${t#fuzz_}" \
    >"build/fuzz/$t.log" 2>&1
  rc=$?
  echo "   exit $rc; $(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "build/fuzz/$t.log" | tr '\n' ' ')"
  grep -E '^#[0-9]+[[:space:]]+DONE' "build/fuzz/$t.log" | tail -1
  grep -m5 -E 'ERROR|runtime error|invariant' "build/fuzz/$t.log"
  [ $rc = 0 ] || status=1
done
exit $status
