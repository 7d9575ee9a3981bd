#!/usr/bin/env bash
# The README shows the real output of warta on tests/articles/contoh.txt
# (TSV, and pretty JSON of one type): it must still be what warta prints,
# and the set-up command must run the command whose output is shown.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
W=${WARTA:-$root/warta}
cd "$root"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# the fenced block after a marker line, without the fences
block() { awk -v m="$1" 'index($0, m) { on = 1; next } on && /^```/ { if (in_) exit; in_ = 1; next } on && in_' README.md; }
block '(`./warta --types COUNTRY --pretty tests/articles/contoh.txt`)' >"$tmp/want.json"
block 'prints one entity per line (source, start, end, type, text, normalized form, score)' >"$tmp/want.tsv"
[ -s "$tmp/want.json" ] && [ -s "$tmp/want.tsv" ] || { echo "README example blocks not found"; exit 1; }
grep -q '^apt-get .*&& make && ./warta --format tsv tests/articles/contoh.txt$' README.md ||
  { echo "the README's set-up command does not run the example shown"; exit 1; }
"$W" --types COUNTRY --pretty tests/articles/contoh.txt >"$tmp/got.json"
"$W" --format tsv tests/articles/contoh.txt >"$tmp/got.tsv"
diff -u "$tmp/want.json" "$tmp/got.json" && diff -u "$tmp/want.tsv" "$tmp/got.tsv"
