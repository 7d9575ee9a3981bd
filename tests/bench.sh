#!/usr/bin/env bash
# tests/bench.sh - `make bench`: throughput, tokens/s, peak RSS and start-up
# time of the full pipeline, with `wc -w` over the same corpus in the same run
# so the figures survive a noisy machine.  Then any tests/bench_*.sh.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
MB=${MB:-20}
W=./warta
BENCH=build/bench
get() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
CORPUS=${CORPUS:-build/bench-corpus}

# Corpus: a folder of article files, as users batch them: the articles of
# tests/articles repeated, each copy with its digits varied so no two files
# are byte-identical, until the folder holds $MB MB.  ALL.txt beside it is the
# same text in one file, for wc -w.
if [ ! -s "$CORPUS.all" ] || [ "$(stat -c %s "$CORPUS.all")" -lt $((MB * 1000000)) ]; then
  rm -rf "$CORPUS" && mkdir -p "$CORPUS"
  awk -v target=$((MB * 1000000)) -v dir="$CORPUS" '
    FNR == 1 { nart++ } { art[nart] = art[nart] $0 "\n" }
    END { n = 0; k = 0
      while (n < target) { for (i = 1; i <= nart && n < target; i++) {
        s = art[i]; gsub(/2/, (k % 9) + 1, s); k++
        f = sprintf("%s/%02d/a%06d.txt", dir, int(k / 1000), k)
        if (k % 1000 == 0 || k == 1) system("mkdir -p " dir "/" sprintf("%02d", int(k / 1000)))
        printf "%s", s > f; close(f); n += length(s) } } }
  ' tests/articles/*.txt
  find "$CORPUS" -name '*.txt' | sort | xargs cat > "$CORPUS.all"
fi
bytes=$(stat -c %s "$CORPUS.all")
files=$(find "$CORPUS" -name '*.txt' | wc -l)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
tokens=$($W --format conll "$CORPUS" | grep -vc -e '^$' -e '^# ')
echo "corpus: $CORPUS/, $files articles, $mb MB, $tokens tokens ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"

J1=""; if $W -j 1 </dev/null >/dev/null 2>&1; then J1="-j 1"; fi   # single-threaded
full=$($BENCH -n "$RUNS" -- $W $J1 "$CORPUS")
[ "$(get status <<<"$full")" = 0 ] || { echo "bench: warta failed on the corpus: $full" >&2; exit 1; }
wc_=$($BENCH -n "$RUNS" -i "$CORPUS.all" -- wc -w)
empty=$($BENCH -n 21 -- $W)
t_full=$(get median_s <<<"$full"); rss=$(get max_rss_kb <<<"$full")
t_wc=$(get median_s <<<"$wc_"); t_empty=$(get median_s <<<"$empty"); rss_empty=$(get max_rss_kb <<<"$empty")
awk -v b="$bytes" -v tok="$tokens" -v tf="$t_full" -v tw="$t_wc" -v te="$t_empty" -v rss="$rss" -v rsse="$rss_empty" -v runs="$RUNS" 'BEGIN {
  printf "full pipeline (warta -j 1, median of %d): %.3f s  %.1f MB/s  %.2f M tokens/s  peak RSS %.1f MB\n", runs, tf, b/1e6/tf, tok/1e6/tf, rss/1024
  printf "wc -w same corpus (median of %d):         %.3f s  %.1f MB/s\n", runs, tw, b/1e6/tw
  printf "ratio warta/wc time:                      %.2fx\n", tf/tw
  printf "start-up, empty input (median of 21):     %.1f ms  peak RSS %.1f MB\n", te*1000, rsse/1024
}'
for extra in tests/bench_*.sh; do
  [ -f "$extra" ] || continue
  echo; echo "== $extra"; bash "$extra" "$CORPUS"
done
