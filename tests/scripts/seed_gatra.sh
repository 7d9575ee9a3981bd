#!/usr/bin/env bash
# The Gatra article the product was specified from: every gold entity of
# ../shared/seed/gatra.gold.tsv (exact span and type) and no other PERSON,
# COUNTRY, ORGANIZATION or MONEY entity.  LOCATION is not in the gold and not
# counted.  Skips (exit 77) where ../shared/seed is absent.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
seed="$root/../shared/seed"
if [ ! -f "$seed/gatra.txt" ] || [ ! -f "$seed/gatra.gold.tsv" ]; then
  echo "skipped: $seed/gatra.txt not present"; exit 77
fi
W=${WARTA:-$root/warta}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$W" --format tsv --types PERSON,COUNTRY,ORGANIZATION,MONEY "$seed/gatra.txt" >"$tmp/out" || { echo "warta failed"; exit 1; }
awk -F'\t' '{ print $1 "\t" $2 "\t" $3 "\t" $4 }' "$seed/gatra.gold.tsv" | sort >"$tmp/gold"
awk -F'\t' '{ print $2 "\t" $3 "\t" $4 "\t" $5 }' "$tmp/out" | sort >"$tmp/got"
missing=$(comm -23 "$tmp/gold" "$tmp/got"); extra=$(comm -13 "$tmp/gold" "$tmp/got")
ngold=$(wc -l <"$tmp/gold"); nok=$(comm -12 "$tmp/gold" "$tmp/got" | wc -l)
echo "gatra: $nok of $ngold gold entities found, $(printf '%s' "$extra" | grep -c .) extra"
[ -n "$missing" ] && { echo "missing:"; echo "$missing" | sed 's/^/  /'; }
[ -n "$extra" ] && { echo "extra:"; echo "$extra" | sed 's/^/  /'; }
[ -z "$missing" ] && [ -z "$extra" ]
