#!/usr/bin/env bash
# The man page src/cli/warta.1 documents every option that --help lists,
# and the exit codes.
. "$(dirname "$0")/batch_lib.bash"
man=$ROOT/src/cli/warta.1
[ -f "$man" ] || fail "no $man"
opts=$("$WARTA" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
[ -n "$opts" ] || fail "--help lists no options"
for o in $opts; do
  grep -q -- "${o//-/\\\\-}" "$man" || fail "man page lacks $o"
done
for s in 0 1 2; do grep -q "^\.B $s\$" "$man" || fail "man page lacks exit status $s"; done
if command -v groff >/dev/null; then
  w=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
  [ -z "$w" ] || fail "groff warnings: $w"
fi
echo ok
