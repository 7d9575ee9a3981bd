#!/usr/bin/env bash
# values_on_articles.sh - over every test article (tests/articles/*.txt, the
# seed article when ../shared/seed is there, and tests/news/*.txt when
# present): no COUNTRY without its ISO code, and no MONEY made of a fuel
# grade (RON 92), a summit (COP 30, G20), a sports score (1-0 pula) or an
# ordinary word taken as a currency name.  More files may be given as
# arguments.
set -u
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null || (cd "$(dirname "$0")/../.." && pwd))
WARTA=${WARTA:-$root/warta}
files=()
for f in "$root"/tests/articles/*.txt "$root"/../shared/seed/gatra.txt "$root"/tests/news/*.txt; do
  [ -f "$f" ] && files+=("$f")
done
files+=("$@") # more files from the command line
[ ${#files[@]} -gt 0 ] || { echo "no articles"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$WARTA" -q --format tsv --types COUNTRY,MONEY "${files[@]}" >"$tmp/out" || { echo "warta failed"; exit 1; }

# COUNTRY rows: column 6 is the ISO code
awk -F'\t' '$4 == "COUNTRY" && $6 !~ /^[A-Z][A-Z]$/' "$tmp/out" >"$tmp/bad_country"
# MONEY rows whose currency is a fuel grade, a summit, "pula" or a word
# that is no currency in Indonesian news (without a scale word)
awk -F'\t' '$4 == "MONEY" && ($5 ~ /^(RON|COP|PLN|BTN|PKR|PHP) [0-9.,]+$/ ||
    $5 ~ /^G[0-9]/ || tolower($5) ~ /(^|[^a-z])(pula|kuna|dong|lari|sol|kina|som|tala)$/)' \
  "$tmp/out" >"$tmp/bad_money"
nc=$(wc -l <"$tmp/bad_country"); nm=$(wc -l <"$tmp/bad_money")
echo "${#files[@]} articles: $(grep -c $'\tCOUNTRY\t' "$tmp/out") COUNTRY ($nc without ISO code)," \
  "$(grep -c $'\tMONEY\t' "$tmp/out") MONEY ($nm from a fuel grade, summit, score or word)"
if [ "$nc" -gt 0 ] || [ "$nm" -gt 0 ]; then
  cat "$tmp/bad_country" "$tmp/bad_money"
  exit 1
fi
