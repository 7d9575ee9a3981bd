#!/usr/bin/env bash
# Issue 15.1: a dangling or looping symbolic link whose name does not match
# the glob, read last in its folder, must not turn the folder into an error
# (push_dir once left errno set by stat() and took it for a readdir error).
# Directory order is the file system's, so each case is tried with the link
# named before and after the documents.
. "$(dirname "$0")/batch_lib.bash"
A=$ROOT/tests/articles
for name in README zzz-link aaa-link; do
  for target in /nonexistent self; do
    d=$T/d-$name-${target//\//}
    mkdir -p "$d"
    cp "$A/ekonomi.txt" "$d/1.txt"
    cp "$A/olahraga.txt" "$d/2.txt"
    if [ "$target" = self ]; then ln -s "$name" "$d/$name"; else ln -s "$target" "$d/$name"; fi
    "$WARTA" -q -j1 "$d" >"$T/out" 2>"$T/err"; rc=$?
    [ "$rc" = 0 ] || { cat "$T/out" "$T/err"; fail "$name -> $target: exit $rc, want 0"; }
    [ "$(grep -c '"entities"' "$T/out")" = 2 ] || { cat "$T/out"; fail "$name -> $target: want the 2 documents"; }
  done
done
echo ok
