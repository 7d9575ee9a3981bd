#!/usr/bin/env bash
# make_seeds.sh - regenerates the seed corpora in tests/fuzz/corpus/ from
# the articles, golden inputs, money unit-test sentences, bad-input cases and
# the shipped model.  Seeds are committed; files the fuzzer found that
# crashed once go to tests/fuzz/corpus/TARGET/regress-* by hand and are kept.
set -eu
cd "$(dirname "$0")"
C=corpus
mkdir -p $C/pipeline $C/money $C/model
rm -f $C/pipeline/seed-* $C/money/seed-* $C/model/seed-*
# each seed is named by its content's hash (pipes run these in subshells)
put() { local t; t=$(mktemp); cat >"$t"; mv "$t" "$1/seed-$(sha1sum <"$t" | cut -c1-12)"; }
pseed() { { printf "\\$1"; cat; } | put $C/pipeline; } # FLAGS-BYTE (octal), content on stdin
mseed() { put $C/money; }
for a in ../articles/*.txt; do
  pseed 000 <"$a"; pseed 100 <"$a"; pseed 201 <"$a"; pseed 007 <"$a"
  head -c 400 "$a" | mseed
done
# golden inputs written inline in tests/golden/*/cmd
printf 'Korea Utara (Korut) membantah. Donald Trump datang.\n' | pseed 100
printf 'Satu dua. Tiga empat.\n\nLima' | pseed 000
# bad inputs of the matrix
printf 'Harga naik \x80 lagi.\n' | pseed 000
printf 'Harga naik \x80 lagi.\n' | pseed 001
printf 'Latin-1: Jos\xE9 Mour\xE3o \xED\xA0\x80 \xF4\x90\x80\x80 \xC0\xAF.' | pseed 101
printf '\xEF\xBB\xBFRapat di Jakarta, Rp 5.000.\n' | pseed 100
printf '\xFF\xFER\0p\0 \x001\0' | pseed 000
printf 'PDF\0\0\1\2' | pseed 000
printf '' | pseed 000
printf ' \t\r\n\n \xC2\xA0\xE3\x80\x80' | pseed 000
printf 'Dr. H. M. Jusuf Kalla, S.E., bertemu PT Bank Central Asia Tbk. di https://bca.co.id/x @bca #saham e@x.id 20/11/2024 "kutipan" (OJK).' | pseed 100
# money sentences from the unit tests
grep -o '^    {"[^"]*"' ../unit/test_money.c | sed 's/^    {"//; s/"$//' | while IFS= read -r l; do
  printf '%s' "$l" | mseed
done
printf 'Rp Rp Rp 1, 2, 3 juta miliar triliun US$ $ € ¥ 1.000.000,00-2.000.000,00 rupiah per dolar AS' | mseed
{ printf 'Rp'; head -c 3000 /dev/zero | tr '\0' '9'; } | mseed
# small structured models (odd flag) and the head of the shipped model (raw,
# flag byte 0); the whole model is replayed by tests/scripts/fuzz_regress.sh
{ printf '\000'; head -c 128 ../../data/model.bin; } >"$C/model/seed-header"
{ printf '\000'; head -c 4096 ../../data/model.bin; } >"$C/model/seed-truncated"
printf '\001\003\005\004\000\001\002\003\377\177\200\100' >"$C/model/seed-struct1"
printf '\001\010\377\010' >"$C/model/seed-struct2"
{ printf '\001\037\100\007'; head -c 2000 ../../data/model.bin | tail -c 1000; } >"$C/model/seed-struct3"
echo "seeds: $(ls $C/pipeline | wc -l) pipeline, $(ls $C/money | wc -l) money, $(ls $C/model | wc -l) model"
