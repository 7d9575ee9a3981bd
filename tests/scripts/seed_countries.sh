#!/usr/bin/env bash
# seed_countries.sh - every COUNTRY of the Gatra seed article, with its span
# and ISO code, and nothing else reported as a COUNTRY (in particular nothing
# inside "Komite Koordinasi Nasional DPRK untuk ...").
# Needs ../shared/seed beside the repository; exits 77 (skip) without it.
set -u
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null || (cd "$(dirname "$0")/../.." && pwd))
seed=$root/../shared/seed
WARTA=${WARTA:-$root/warta}
if [ ! -f "$seed/gatra.txt" ] || [ ! -f "$seed/gatra.gold.tsv" ]; then
  echo "no seed article at $seed: skipped"
  exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# the ISO code each country form of the article must get
iso_of() {
  case "$1" in
    "Korea Utara"|Korut|DPRK) echo KP;;
    "Korea Selatan"|Korsel) echo KR;;
    "Amerika Serikat"|AS) echo US;;
    Bangladesh) echo BD;;
    *) echo "?";;
  esac
}

awk -F'\t' '$3 == "COUNTRY"' "$seed/gatra.gold.tsv" | while IFS=$'\t' read -r s e t text; do
  printf '%s\t%s\t%s\t%s\t%s\n' "$s" "$e" "$t" "$text" "$(iso_of "$text")"
done >"$tmp/want"

"$WARTA" --format tsv --types COUNTRY "$seed/gatra.txt" >"$tmp/out" || { echo "warta failed"; exit 1; }
cut -f2-6 "$tmp/out" >"$tmp/got"

want=$(wc -l <"$tmp/want"); got=$(wc -l <"$tmp/got")
right=$(comm -12 <(sort "$tmp/want") <(sort "$tmp/got") | wc -l)
echo "gatra COUNTRY: $right/$want right, $got reported"
if ! diff -u "$tmp/want" "$tmp/got"; then
  echo "COUNTRY mentions differ from the gold (want: start end type text iso)"
  exit 1
fi
