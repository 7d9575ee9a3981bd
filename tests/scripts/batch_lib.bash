# batch_lib.bash - sourced by tests/scripts/batch_*.sh (run.sh runs only
# *.sh files, so this is not a test of its own).
# Gives: $WARTA, $T (a temporary directory removed at exit), fail MESSAGE,
# make_corpus DIR N (N varied articles in nested folders).
set -u
: "${WARTA:?WARTA must name the warta binary}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# make_corpus DIR N: N articles made from tests/articles/*.txt with
# variations (title, repeated paragraphs, changed numbers, CRLF, BOM-free
# UTF-8 accents), spread over nested folders, plus files that --glob skips.
make_corpus() {
  local dir=$1 n=$2 i k a
  local arts=("$ROOT"/tests/articles/*.txt)
  mkdir -p "$dir"
  for ((i = 1; i <= n; i++)); do
    a=${arts[$((i % ${#arts[@]}))]}
    k="$dir/sub$((i % 7))/$((i % 3))"
    mkdir -p "$k"
    {
      printf 'Berita nomor %d: laporan dari Jakarta\n\n' "$i"
      sed "s/[0-9]\\+/$((i * 7 % 1000))/g" "$a"
      if ((i % 4 == 0)); then printf '\n'; cat "$a"; fi
      if ((i % 5 == 0)); then printf '\nPresiden Joko Widodo bertemu Perdana Menteri Anwar Ibrahim di Kuala Lumpur, Malaysia, Senin (%d/11).\n' $((i % 28 + 1)); fi
      if ((i % 9 == 0)); then printf '\nCafé di Bogor menjual kopi seharga Rp %d.000.\n' "$i"; fi
    } > "$k/artikel-$(printf %04d "$i").txt"
    if ((i % 11 == 0)); then sed -i 's/$/\r/' "$k/artikel-$(printf %04d "$i").txt"; fi
  done
  echo "bukan artikel" > "$dir/README.md"
}
