#!/usr/bin/env bash
# Directory walking: symbolic link loops do not hang it, hidden files and
# folders are skipped unless --hidden, a binary file (NUL bytes) and an
# unreadable entry are reported and skipped with exit 1 while the others are
# printed.
. "$(dirname "$0")/batch_lib.bash"
A=$ROOT/tests/articles
d=$T/d
mkdir -p "$d/a/b" "$d/.rahasia" "$d/z"
cp "$A/ekonomi.txt" "$d/a/1.txt"
cp "$A/olahraga.txt" "$d/a/b/2.txt"
cp "$A/diplomasi.txt" "$d/z/3.txt"
cp "$A/ekonomi.txt" "$d/.tersembunyi.txt"
cp "$A/olahraga.txt" "$d/.rahasia/4.txt"
ln -s .. "$d/a/b/loop"        # back to a: a loop
ln -s .. "$d/z/loop2"         # back to the root of the walk: a loop
ln -s "$d/a" "$d/z/ke-a"      # not a loop: a is walked twice, once as z/ke-a

timeout 20 "$WARTA" -j 2 "$d" >"$T/out" 2>"$T/err"; rc=$?
[ "$rc" = 124 ] && fail "walk did not finish (symlink loop?)"
[ "$rc" = 0 ] || { cat "$T/err"; fail "exit $rc, want 0"; }
grep -o '"source":"[^"]*"' "$T/out" | sed "s|\"source\":\"$d/||; s/\"$//" >"$T/got"
printf '%s\n' a/1.txt a/b/2.txt z/3.txt z/ke-a/1.txt z/ke-a/b/2.txt >"$T/want"
diff "$T/want" "$T/got" || fail "walked the wrong files"
[ "$(grep -c 'directory loop' "$T/err")" = 3 ] || { cat "$T/err"; fail "want 3 loop warnings"; }
"$WARTA" -q "$d" 2>"$T/errq" >/dev/null
[ -s "$T/errq" ] && fail "-q still warns"

"$WARTA" --hidden "$d" >"$T/outh" 2>/dev/null || fail "--hidden: exit $?"
grep -q "\"source\":\"$d/.tersembunyi.txt\"" "$T/outh" || fail "--hidden skipped a hidden file"
grep -q "\"source\":\"$d/.rahasia/4.txt\"" "$T/outh" || fail "--hidden skipped a hidden folder"
[ "$(wc -l <"$T/outh")" = 7 ] || fail "--hidden: want 7 documents"
# a hidden file named on the command line is read
"$WARTA" "$d/.tersembunyi.txt" | grep -q '"source"' || fail "named hidden file not read"

# binary and unreadable files in the walk
printf 'Jakarta\0\0\0' >"$d/z/biner.txt"
ln -s /proc/self/mem "$d/z/rusak.txt"   # stat says regular, read fails (even as root)
for j in 1 3; do
  timeout 20 "$WARTA" -j $j "$d" >"$T/out" 2>"$T/err"; rc=$?
  [ "$rc" = 1 ] || fail "-j $j: exit $rc, want 1"
  [ "$(wc -l <"$T/out")" = 7 ] || fail "-j $j: want 7 lines (5 documents, 2 errors)"
  grep -q "^{\"source\":\"$d/z/biner.txt\",\"error\":\"binary" "$T/out" || fail "no error line for the binary file"
  grep -q "^{\"source\":\"$d/z/rusak.txt\",\"error\":" "$T/out" || fail "no error line for the unreadable file"
  grep -q "^warta: error: $d/z/biner.txt: binary" "$T/err" || fail "no message for the binary file"
  grep -q "^warta: error: $d/z/rusak.txt: " "$T/err" || fail "no message for the unreadable file"
  [ "$(grep -c '"entities"' "$T/out")" = 5 ] || fail "other documents not printed"
done
# an unreadable folder (only testable when not root)
if [ "$(id -u)" != 0 ]; then
  mkdir "$d/kunci"; cp "$A/ekonomi.txt" "$d/kunci/5.txt"; chmod 000 "$d/kunci"
  "$WARTA" "$d" >"$T/out" 2>"$T/err"; rc=$?
  chmod 755 "$d/kunci"
  [ "$rc" = 1 ] || fail "unreadable folder: exit $rc, want 1"
  grep -q "^warta: error: $d/kunci: Permission denied" "$T/err" || fail "unreadable folder not reported"
fi
echo ok
