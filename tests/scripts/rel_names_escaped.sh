#!/usr/bin/env bash
# Issue 15.8: file names and parser excerpts reach stderr escaped (no
# escape sequence can drive the user's terminal), and two files whose names
# differ only in bytes that are not UTF-8 get different "source" values.
. "$(dirname "$0")/batch_lib.bash"
cd "$T"
raw_ctl() { LC_ALL=C grep -c $'[\x01-\x09\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$1"; }
# a failing file named with an OSC and a CSI sequence, a C1 CSI and a bad byte
bad=$'t\e]0;pwned\a\e[2J\xc2\x9b31m\xff.txt'
printf 'Jakarta\0\0' >"$bad"
"$WARTA" -q "$bad" >out 2>err; rc=$?
[ $rc = 1 ] || fail "binary file: exit $rc, want 1"
[ "$(raw_ctl err)" = 0 ] || { od -c err | head; fail "raw control characters on stderr"; }
grep -qF 'warta: error: t\x1b]0;pwned\x07\x1b[2J\u009b31m\xff.txt: ' err || { cat -v err; fail "name not escaped as expected"; }
# a parser excerpt with ESC in it (jansson quotes the bytes near the error)
printf '{"id":1,"text":"a\e[31m\n' >rec.jsonl
"$WARTA" -q --input jsonl rec.jsonl >out 2>err
grep -q 'invalid JSON' err || { cat -v err; fail "no JSON error"; }
[ "$(raw_ctl err)" = 0 ] || { cat -v err; fail "parser excerpt not escaped"; }
# usage errors quote the argument escaped
"$WARTA" --format $'x\e[2J' a 2>err >/dev/null
[ "$(raw_ctl err)" = 0 ] || { cat -v err; fail "usage error not escaped"; }
# a directory loop warning names the path escaped
mkdir -p $'d\e[1m'; ln -s .. $'d\e[1m/loop'
"$WARTA" $'d\e[1m' >/dev/null 2>err
grep -q 'directory loop' err && [ "$(raw_ctl err)" = 0 ] || { cat -v err; fail "warning not escaped"; }
# names differing only in invalid bytes: different sources
mkdir two
printf 'Budi pergi.' >$'two/x\xfe.txt'
printf 'Budi pergi.' >$'two/x\xff.txt'
printf 'Budi pergi.' >$'two/x\xc3.txt'
"$WARTA" -q two >out 2>err || fail "exit $?"
[ "$(grep -o '"source":"[^"]*"' out | sort -u | wc -l)" = 3 ] || { cat out; fail "sources collide"; }
grep -qF '"source":"two/x\\xfe.txt"' out || { cat out; fail "invalid byte not written as \\xfe"; }
echo ok
