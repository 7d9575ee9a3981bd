#!/usr/bin/env bash
# The README shows the real output of warta on tests/articles/contoh.txt
# (pretty JSON and TSV): it must still be what warta prints.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
W=${WARTA:-$root/warta}
cd "$root"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# the fenced block after a marker line, without the fences
block() { awk -v m="$1" 'index($0, m) { on = 1; next } on && /^```/ { if (in_) exit; in_ = 1; next } on && in_' README.md; }
block '<code>./warta --pretty tests/articles/contoh.txt</code>' >"$tmp/want.json"
block 'The same entities as TSV (`./warta --format tsv tests/articles/contoh.txt`)' >"$tmp/want.tsv"
[ -s "$tmp/want.json" ] && [ -s "$tmp/want.tsv" ] || { echo "README example blocks not found"; exit 1; }
"$W" --pretty tests/articles/contoh.txt >"$tmp/got.json"
"$W" --format tsv tests/articles/contoh.txt >"$tmp/got.tsv"
diff -u "$tmp/want.json" "$tmp/got.json" && diff -u "$tmp/want.tsv" "$tmp/got.tsv"
