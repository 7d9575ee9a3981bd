#!/usr/bin/env bash
# tests/bench_batch.sh - figures for batch use (called by `make bench`; it
# prints, it does not pass or fail):
#   1. scaling: a folder of articles with -j 1 and -j 2, alternated, median
#      of several runs each; the ratio of the rates (target >= 1.8 on two
#      cores);
#   2. memory: peak RSS on a folder of 100 files and on one of 10,000 files
#      (target: within 10%), showing that a batch holds only a window.
# Environment: WARTA (default ./warta), BENCH_DOCS (default 2000),
# BENCH_RUNS (default 7), BENCH_DIR (default a temporary directory).
set -eu
cd "$(dirname "$0")/.."
WARTA=${WARTA:-$PWD/warta}
DOCS=${BENCH_DOCS:-2000}
RUNS=${BENCH_RUNS:-7}
[ -x "$WARTA" ] || { echo "bench_batch: $WARTA not built (run make)"; exit 1; }
if [ -n "${BENCH_DIR:-}" ]; then T=$BENCH_DIR; mkdir -p "$T"; else
  T=$(mktemp -d); trap 'rm -rf "$T"' EXIT; fi

# make_folder DIR N: N articles of about 3 KB, built from tests/articles by
# one awk process (title, numbers and paragraph order vary per file)
make_folder() {
  mkdir -p "$1"
  awk -v dir="$1" -v n="$2" '
    FNR == 1 { k++ }
    { art[k] = art[k] $0 "\n" }
    END {
      for (i = 1; i <= n; i++) {
        f = sprintf("%s/%05d.txt", dir, i)
        printf "Berita nomor %d dari Jakarta\n\n", i > f
        for (j = 0; j < 5; j++) {
          t = art[(i + j) % k + 1]
          gsub(/2024/, 2000 + i % 25, t)
          printf "%s\n", t > f
        }
        close(f)
      }
    }' tests/articles/*.txt
}

now() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "== warta batch benchmark ($(nproc) CPUs online)"
make_folder "$T/folder" "$DOCS"
bytes=$(cat "$T"/folder/*.txt | wc -c)
echo "folder: $DOCS articles, $((bytes / 1024)) KiB"
"$WARTA" -j 1 -q "$T/folder" >"$T/o1"
"$WARTA" -j 2 -q "$T/folder" >"$T/o2"
cmp -s "$T/o1" "$T/o2" && echo "output -j 1 == -j 2: yes" || echo "output -j 1 == -j 2: NO (bug)"
: >"$T/t1"; : >"$T/t2"
# CPU time too (user + sys, when /usr/bin/time is there): if -j 2 costs
# about the CPU time of -j 1, a lower ratio means the machine was busy
timed() { # CPUFILE ARGS...
  local f=$1; shift
  if [ -x /usr/bin/time ]; then /usr/bin/time -f '%U %S' -o "$f.one" "$@"; awk '{ print ($1 + $2) * 1000 }' "$f.one" >>"$f"
  else "$@"; echo 0 >>"$f"; fi
}
: >"$T/c1"; : >"$T/c2"
for ((r = 0; r < RUNS; r++)); do
  for j in 1 2; do
    a=$(now); timed "$T/c$j" "$WARTA" -j $j -q "$T/folder" >/dev/null; b=$(now)
    echo $(((b - a) / 1000)) >>"$T/t$j"
  done
done
m1=$(median <"$T/t1"); m2=$(median <"$T/t2")
b1=$(sort -n "$T/t1" | head -1); b2=$(sort -n "$T/t2" | head -1)
c1=$(median <"$T/c1"); c2=$(median <"$T/c2")
awk -v m1="$m1" -v m2="$m2" -v b1="$b1" -v b2="$b2" -v c1="$c1" -v c2="$c2" -v d="$DOCS" -v b="$bytes" -v r="$RUNS" 'BEGIN {
  printf "-j 1: %.3f s  %8.0f docs/s  %6.2f MB/s  cpu %.3f s  (median of %d)\n", m1 / 1e6, d / (m1 / 1e6), b / m1, c1 / 1e3, r
  printf "-j 2: %.3f s  %8.0f docs/s  %6.2f MB/s  cpu %.3f s  (median of %d)\n", m2 / 1e6, d / (m2 / 1e6), b / m2, c2 / 1e3, r
  printf "scaling -j 2 / -j 1: %.2fx (target >= 1.8x); best runs: %.2fx\n", m1 / m2, b1 / b2
  if (c2 > 0) printf "cpu time -j 2 / -j 1: %.2f (threading overhead; 1.00 = none)\n", c2 / c1 }'

if [ -x /usr/bin/time ]; then
  make_folder "$T/f100" 100
  make_folder "$T/f1k" 1000
  make_folder "$T/f10k" 10000
  rss() { # PATH JOBS [OPTION...]: peak RSS in KiB, median of 5 runs
    local i p=$1 j=$2
    shift 2
    for i in 1 2 3 4 5; do
      /usr/bin/time -f %M -o "$T/rss" "$WARTA" -j "$j" -q "$@" "$p" >/dev/null; tail -1 "$T/rss"
    done | median
  }
  for j in 1 2; do
    r100=$(rss "$T/f100" $j); r1k=$(rss "$T/f1k" $j); r10k=$(rss "$T/f10k" $j)
    awk -v a="$r100" -v m="$r1k" -v b="$r10k" -v j=$j 'BEGIN {
      printf "peak RSS -j %d: 100 files %d KiB, 10,000 files %d KiB: %+.1f%% (target within 10%%; median of 5); 1,000 files %d KiB\n",
        j, a, b, (b - a) * 100 / a, m }'
  done
  # the same for a stream: 100 and 10,000 JSONL records
  make_jsonl() { # N
    awk -v n="$1" '
      FNR == 1 { k++ }
      { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); art[k] = art[k] $0 "\\n" }
      END { for (i = 1; i <= n; i++) printf "{\"id\":%d,\"text\":\"%s\"}\n", i, art[i % k + 1] }' tests/articles/*.txt
  }
  make_jsonl 100 >"$T/s100.jsonl"
  make_jsonl 10000 >"$T/s10k.jsonl"
  make_jsonl 40000 >"$T/s40k.jsonl"
  for j in 1 2; do
    r100=$(rss "$T/s100.jsonl" $j --input jsonl); r10k=$(rss "$T/s10k.jsonl" $j --input jsonl)
    r40k=$(rss "$T/s40k.jsonl" $j --input jsonl)
    awk -v a="$r100" -v b="$r10k" -v c="$r40k" -v j=$j 'BEGIN {
      printf "peak RSS -j %d --input jsonl: 100 records %d KiB, 10,000 %d KiB (%+.1f%%), 40,000 %d KiB (%+.1f%%)\n",
        j, a, b, (b - a) * 100 / a, c, (c - a) * 100 / a }'
  done
else
  echo "peak RSS: skipped (/usr/bin/time not installed: apt-get install time)"
fi
