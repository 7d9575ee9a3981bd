#!/usr/bin/env bash
# Per-stage share of the full pipeline's time over the benchmark corpus
# (called by tests/bench.sh with the corpus folder).
set -eu
cd "$(dirname "$0")/.."
make -s build/bench_stages
build/bench_stages "${1:-tests/articles}"
