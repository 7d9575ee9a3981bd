#!/usr/bin/env bash
# tests/bench_seg.sh [CORPUS] - throughput of tokenizing plus sentence
# splitting alone (build/bench_seg: single thread, median of 5 runs), and
# `wc -w` over the same corpus in the same run, with the ratio.
#   CORPUS: a file or a folder of article files (each file is one document).
#   Without it, a >= 20 MB corpus is built by repeating tests/articles/*.txt.
set -eu
cd "$(dirname "$0")/.."
make -s build/bench_seg >/dev/null
CORPUS=${1:-}
if [ -z "$CORPUS" ]; then
  CORPUS=build/bench-seg-corpus.txt
  if [ ! -s "$CORPUS" ] || [ "$(stat -c %s "$CORPUS")" -lt 20000000 ]; then
    : >"$CORPUS"
    while [ "$(stat -c %s "$CORPUS")" -lt 20000000 ]; do
      for f in tests/articles/*.txt; do cat "$f"; echo; done >>"$CORPUS"
    done
  fi
fi
# wc -w reads one stream: the files of a folder concatenated once, in advance.
WCIN=$CORPUS
if [ -d "$CORPUS" ]; then
  WCIN=build/bench-seg-wc.txt
  find "$CORPUS" -type f | sort | xargs cat >"$WCIN"
fi
seg=$(build/bench_seg "$CORPUS")
bytes=$(stat -c %s "$WCIN")
times=()
for _ in 1 2 3 4 5; do
  t0=$(date +%s%N); wc -w <"$WCIN" >/dev/null; t1=$(date +%s%N)
  times+=($((t1 - t0)))
done
t_wc=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
seg_mbs=$(sed -n 's/^tokenize+split: \([0-9.]*\) MB\/s.*/\1/p' <<<"$seg")
echo "$seg"
awk -v b="$bytes" -v t="$t_wc" -v s="$seg_mbs" 'BEGIN {
  w = b / 1e6 / (t / 1e9)
  printf "wc -w same corpus: %.1f MB/s (median of 5 runs; %.1f MB)\n", w, b / 1e6
  printf "ratio tokenize+split / wc -w: %.2f (target >= 150 MB/s tokenize+split)\n", s / w
}'
