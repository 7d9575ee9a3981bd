#!/usr/bin/env bash
# tests/bench.sh - `make bench`: throughput, tokens/s, peak RSS and start-up
# time of the full pipeline, with `wc -w` over the same corpus in the same run
# so the figures survive a noisy machine.  Then any tests/bench_*.sh.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
MB=${MB:-6}
W=./warta
BENCH=build/bench
get() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
CORPUS=${CORPUS:-build/bench-corpus}

# Corpus: a folder of news-like article files, as users batch them: the
# articles of tests/news and tests/articles, copy after copy, each copy
# varied (digits rotated, common given names swapped, paragraphs rotated, a
# numbered dateline) so no two files are alike, until the folder holds $MB
# MB (the issue asks for >= 1,000 articles and >= 5 MB).  $CORPUS.all
# beside it is the same text in one file, for wc -w.
RECIPE="news-v2 $MB"
if [ ! -s "$CORPUS.all" ] || [ "$(cat "$CORPUS.recipe" 2>/dev/null)" != "$RECIPE" ]; then
  rm -rf "$CORPUS" && mkdir -p "$CORPUS"
  awk -v target=$((MB * 1000000)) -v dir="$CORPUS" '
    BEGIN { nn = split("Budi Agus Ahmad Siti Dedi Rina Hendra", names, " ") }
    FNR == 1 { nart++ } { art[nart] = art[nart] $0 "\n" }
    function vary(s, k,   out, i, c, np, par, r, j) {
      r = k % 10; out = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c ~ /[0-9]/) c = (c + r) % 10
        out = out c }
      for (j = 1; j <= nn; j++)
        gsub(" " names[j] " ", " @" j "@ ", out)
      for (j = 1; j <= nn; j++)
        gsub("@" j "@", names[(j + int(k / 10)) % nn + 1], out)
      np = split(out, par, "\n\n"); r = int(k / 70) % np; out = ""
      for (j = 0; j < np; j++) out = out (j ? "\n\n" : "") par[(j + r) % np + 1]
      return "Jakarta (" k ") - " out }
    END { n = 0; k = 0
      while (n < target) { for (i = 1; i <= nart && n < target; i++) {
        s = vary(art[i], k); k++
        f = sprintf("%s/%02d/a%06d.txt", dir, int(k / 1000), k)
        if (k % 1000 == 0 || k == 1) system("mkdir -p " dir "/" sprintf("%02d", int(k / 1000)))
        printf "%s", s > f; close(f); n += length(s) } } }
  ' tests/news/[0-9]*.txt tests/articles/*.txt
  find "$CORPUS" -name '*.txt' | sort | xargs cat > "$CORPUS.all"
  echo "$RECIPE" > "$CORPUS.recipe"
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
# CPU time (user + system), steadier than wall time on a shared machine
t_full=$(get median_cpu_s <<<"$full"); rss=$(get max_rss_kb <<<"$full")
t_wc=$(get median_cpu_s <<<"$wc_"); t_empty=$(get median_cpu_s <<<"$empty"); rss_empty=$(get max_rss_kb <<<"$empty")
awk -v b="$bytes" -v tok="$tokens" -v tf="$t_full" -v tw="$t_wc" -v te="$t_empty" -v rss="$rss" -v rsse="$rss_empty" -v runs="$RUNS" 'BEGIN {
  printf "full pipeline (warta -j 1, CPU, median of %d): %.3f s  %.1f MB/s  %.2f M tokens/s  peak RSS %.1f MB\n", runs, tf, b/1e6/tf, tok/1e6/tf, rss/1024
  printf "wc -w same corpus (CPU, median of %d):    %.3f s  %.1f MB/s\n", runs, tw, b/1e6/tw
  printf "ratio warta/wc CPU time:                  %.2fx\n", tf/tw
  printf "start-up, empty input (CPU, median of 21): %.1f ms  peak RSS %.1f MB\n", te*1000, rsse/1024
}'

# Start-up as a per-file user pays it (xargs, GNU parallel: one process per
# article): one short sentence, every table built and the tagger run.
ONE=build/bench-one.txt
echo "Presiden Joko Widodo bertemu Menteri Keuangan Sri Mulyani di Jakarta." >"$ONE"
one=$($BENCH -n 21 -- $W $J1 "$ONE")
awk -v t="$(get median_cpu_s <<<"$one")" -v r="$(get max_rss_kb <<<"$one")" 'BEGIN {
  printf "start-up, one-sentence document (CPU, median of 21): %.1f ms  peak RSS %.1f MB\n", t*1000, r/1024 }'

# Memory on one large document: the corpus twice over as one file (12 MB).
BIG=build/bench-big.txt
[ -s "$BIG" ] || cat "$CORPUS.all" "$CORPUS.all" >"$BIG"
big=$($BENCH -n 3 -- $W $J1 "$BIG")
[ "$(get status <<<"$big")" = 0 ] || { echo "bench: warta failed on $BIG: $big" >&2; exit 1; }
awk -v b="$(stat -c %s "$BIG")" -v r="$(get max_rss_kb <<<"$big")" -v t="$(get median_cpu_s <<<"$big")" 'BEGIN {
  printf "one %.1f MB document: peak RSS %.1f MB = %.1f bytes per input byte; %.2f s CPU (median of 3)\n", b/1e6, r/1024, r*1024/b, t }'

# BASE=path/to/an/older/warta: the same corpus through both, alternated, in
# this run (medians of $RUNS each), for before/after figures.
if [ -n "${BASE:-}" ]; then
  : >build/bench-base.t; : >build/bench-new.t
  for ((r = 0; r < RUNS; r++)); do
    $BENCH -n 1 -- "$BASE" $J1 "$CORPUS" | get median_cpu_s >>build/bench-base.t
    $BENCH -n 1 -- $W $J1 "$CORPUS" | get median_cpu_s >>build/bench-new.t
  done
  med() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
  tb=$(med build/bench-base.t); tn=$(med build/bench-new.t)
  ob=$($BENCH -n 21 -- "$BASE" $J1 "$ONE" | get median_cpu_s)
  bb=$($BENCH -n 3 -- "$BASE" $J1 "$BIG" | get max_rss_kb)
  awk -v tb="$tb" -v tn="$tn" -v b="$bytes" -v ob="$ob" -v bb="$bb" -v bs="$(stat -c %s "$BIG")" 'BEGIN {
    printf "BASE %s:\n", ENVIRON["BASE"]
    printf "  full pipeline, alternated, CPU medians: base %.3f s (%.1f MB/s), this %.3f s (%.1f MB/s): %.2fx faster\n", tb, b/1e6/tb, tn, b/1e6/tn, tb/tn
    printf "  base one-sentence document %.1f ms CPU; base peak RSS on the large document %.1f MB (%.1f B/byte)\n", ob*1000, bb/1024, bb*1024/bs }'
fi

for extra in tests/bench_*.sh; do
  [ -f "$extra" ] || continue
  echo; echo "== $extra"; bash "$extra" "$CORPUS"
done
