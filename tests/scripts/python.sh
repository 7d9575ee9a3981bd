#!/usr/bin/env bash
# The Python package (python/): `pip install --no-build-isolation ./python`
# into a fresh venv of Debian's python3, offline (--no-index), builds and
# bundles libwarta.so itself; then its unittest suite runs against the
# installed package (not the source tree), comparing with this build's CLI.
set -u
case "${BUILD:-build}" in *asan*) echo "the Python package bundles the -O2 library: checked once"; exit 77;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
W=${WARTA:-$root/warta}
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "no $PY (apt-get install python3)"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$PY" -m venv "$tmp/venv" >"$tmp/venv.log" 2>&1 ||
  { cat "$tmp/venv.log"; echo "python3 -m venv fails (apt-get install python3-venv python3-pip python3-setuptools)"; exit 77; }
"$tmp/venv/bin/python" -c 'import setuptools' 2>/dev/null ||
  { echo "no setuptools in the venv (apt-get install python3-setuptools)"; exit 77; }
# the package's make must not inherit the jobserver of an outer make
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS "$tmp/venv/bin/pip" install --no-build-isolation --no-index \
  "$root/python" >"$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log"; echo "pip install failed"; exit 1; }
cd "$tmp"
site=$("$tmp/venv/bin/python" -c 'import warta, os; print(os.path.dirname(warta.__file__))')
case "$site" in "$tmp/venv/"*) ;; *) echo "warta imported from $site, not the venv"; exit 1;; esac
[ -f "$site/libwarta.so.1" ] || { echo "libwarta.so.1 not bundled in $site"; exit 1; }
# the README's example
out=$("$tmp/venv/bin/python" -c "import warta; r = warta.analyze('Presiden Joko Widodo ke Tokyo.'); print([(e['type'], e['text']) for e in r['entities']])")
[ "$out" = "[('PERSON', 'Joko Widodo'), ('LOCATION', 'Tokyo')]" ] || { echo "example printed: $out"; exit 1; }
cp "$root/python/tests/test_warta.py" "$tmp/"
WARTA_CLI=$W WARTA_INCLUDE=$root/include "$tmp/venv/bin/python" -m unittest -v test_warta >"$tmp/unit.log" 2>&1; rc=$?
cat "$tmp/unit.log"
[ $rc -eq 0 ] || { echo "Python tests failed"; exit 1; }
if grep -q 'skipped' "$tmp/unit.log"; then echo "a Python test was skipped"; exit 1; fi
echo ok
