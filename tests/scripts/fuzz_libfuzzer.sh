#!/usr/bin/env bash
# tests/scripts/fuzz_libfuzzer.sh - each libFuzzer target (build/fuzz/fuzz/,
# built by make check when clang can link -fsanitize=fuzzer) runs over its
# seed corpus, then a short bounded run of fixed seed: 2000 inputs
# (300 for the model target).  Skips
# (77) without clang, in make check-quick (QUICK=1), and in the sanitizer pass (the targets are ASan/UBSan
# builds already: once is enough).  New inputs go to a temporary directory,
# never into the committed corpus.  Env: BUILD.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case ${BUILD:-} in *asan*) echo "libFuzzer targets run once, in the [O2] pass"; exit 77;; esac
# make check-quick builds no fuzz targets: nothing to run there
if [ "${QUICK:-0}" = 1 ]; then echo "libFuzzer targets run in make check, not check-quick"; exit 77; fi
if ! "$ROOT/tests/fuzz/can_fuzz.sh" "${FUZZ_CC:-clang}"; then
  echo "clang cannot build libFuzzer targets here (apt-get install clang libclang-rt-14-dev)"; exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0 ran=0
for src in "$ROOT"/tests/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  bin=$ROOT/build/fuzz/fuzz/$name
  corpus=$ROOT/tests/fuzz/corpus/${name#fuzz_}
  if [ ! -x "$bin" ]; then echo "FAIL $name: $bin missing (make check builds it)"; fails=$((fails + 1)); continue; fi
  mkdir -p "$T/$name"
  ran=$((ran + 1))
  # 1. the seed corpus, every input once
  timeout 600 "$bin" -runs=0 -timeout=30 -rss_limit_mb=4096 -max_len=1048576 \
    -artifact_prefix="$T/$name-" "$corpus" >"$T/out" 2>&1
  rc=$?
  if [ $rc != 0 ]; then echo "FAIL $name: seed corpus (exit $rc)"; grep -m20 -e ERROR -e 'runtime error' -e invariant -e '#' "$T/out"; fails=$((fails + 1)); continue; fi
  # 2. a short bounded run from the seeds (fixed seed: reproducible); the
  #    model target loads a tagger per accepted model, so it runs fewer
  runs=2000; [ "$name" = fuzz_model ] && runs=300
  timeout 900 "$bin" -runs=$runs -seed=1 -timeout=30 -rss_limit_mb=4096 -max_len=4096 \
    -artifact_prefix="$T/$name-" -print_final_stats=1 "$T/$name" "$corpus" >"$T/out" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$T/out")
  if [ $rc = 0 ]; then echo "ok   $name: seeds, then $execs runs"
  else
    echo "FAIL $name: bounded run (exit $rc)"; grep -m30 -e ERROR -e 'runtime error' -e invariant -e 'Test unit written' -e '^    #' "$T/out"
    for a in "$T/$name"-*; do [ -f "$a" ] && { echo "crash input (base64):"; base64 "$a" | head -20; }; done
    fails=$((fails + 1))
  fi
done
[ $ran -gt 0 ] || { echo "no fuzz targets"; exit 1; }
[ $fails -eq 0 ]
