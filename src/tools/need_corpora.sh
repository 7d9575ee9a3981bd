#!/bin/sh
# need_corpora.sh TARGET VARIABLE DESCRIPTION FILE... - the corpus check
# of `make model`, `make eval` and `make udeval`: exits 0 when every FILE
# is readable, else names the missing files, what they are, the make
# VARIABLE that says where they are, and exits 2.
target=$1 var=$2 what=$3
shift 3
missing=
for f in "$@"; do
  [ -r "$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && exit 0
{
  echo "make $target: needs $what, which are not part of warta."
  echo "Missing:"
  for f in $missing; do echo "  $f"; done
  echo "Put them there, or name their folder: make $target $var=DIR."
  echo "CONTRIBUTING.md says where to get them."
} >&2
exit 2
