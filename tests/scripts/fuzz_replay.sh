#!/usr/bin/env bash
# tests/scripts/fuzz_replay.sh - replays every fuzz target's seed corpus
# (tests/fuzz/corpus/TARGET/, which also keeps the inputs that once crashed)
# with the replay programs of this build ($BUILD/replay/): no clang needed,
# runs under gcc -O2 and under ASan/UBSan.  The model target also gets the
# whole shipped model.  Env: BUILD.
set -u
: "${BUILD:?BUILD must name the build directory}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0 ran=0
for src in "$ROOT"/tests/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c)
  bin=$BUILD/replay/$name
  corpus=$ROOT/tests/fuzz/corpus/${name#fuzz_}
  if [ ! -x "$bin" ]; then echo "FAIL $name: $bin missing (make check-build)"; fails=$((fails + 1)); continue; fi
  extra=()
  if [ "$name" = fuzz_model ] && [ -f "$ROOT/data/model.bin" ]; then
    { printf '\000'; cat "$ROOT/data/model.bin"; } >"$T/full-model"
    extra=("$T/full-model")
  fi
  timeout 600 "$bin" "$corpus" "${extra[@]}" >"$T/out" 2>&1
  rc=$?
  ran=$((ran + 1))
  if [ $rc = 0 ] && ! grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' -e 'ERROR: LeakSanitizer' -e 'invariant failed' "$T/out"; then
    echo "ok   $name: $(tail -1 "$T/out")"
  else
    echo "FAIL $name (exit $rc)"; head -30 "$T/out"; fails=$((fails + 1))
  fi
done
[ $ran -gt 0 ] || { echo "no fuzz targets"; exit 1; }
[ $fails -eq 0 ]
