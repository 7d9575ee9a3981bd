#!/usr/bin/env bash
# make model, make eval and make udeval without their corpora (a clone
# without ../shared): each fails with a message naming the corpora, the
# missing files and the make variable, and make model leaves
# data/model.bin alone.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
unset MAKEFLAGS MAKELEVEL MFLAGS
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$root/data/model.bin" "$tmp/model.before"
fail=0
check() { # target, variable, words the message must hold...
  local target=$1 var=$2; shift 2
  make -C "$root" -s "$target" NER=/nonexistent UD_DIR=/nonexistent >"$tmp/out" 2>&1
  local rc=$?
  if [ "$rc" = 0 ]; then echo "make $target succeeded without corpora"; fail=1; fi
  for w in "make $target: needs" "$var=DIR" "$@"; do
    grep -qF -- "$w" "$tmp/out" || { echo "make $target: message lacks '$w':"; sed 's/^/  /' "$tmp/out"; fail=1; }
  done
  if grep -q "cannot open" "$tmp/out"; then echo "make $target: raw 'cannot open'"; fail=1; fi
}
check eval NER "idner-news-2k and indonlu-nergrit" /nonexistent/idner-news-2k/dev.conll /nonexistent/indonlu-nergrit/dev.conll
check model NER "idner-news-2k and indonlu-nergrit" /nonexistent/idner-news-2k/train.conll
check udeval UD_DIR "UD_Indonesian-GSD" /nonexistent/UD_Indonesian-GSD/id_gsd-ud-dev.conllu
cmp -s "$root/data/model.bin" "$tmp/model.before" || { echo "make model changed data/model.bin"; fail=1; }
exit $fail
