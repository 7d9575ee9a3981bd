#!/usr/bin/env bash
# `make install PREFIX=...` puts the binary, the man page, both libraries,
# the header and warta.pc in place; the installed binary works from any
# directory with no data files (everything is embedded); programs build with
# pkg-config against the shared and the static library; `make uninstall`
# removes every file again.
set -eu
case "${BUILD:-build}" in *asan*) echo "installed binary is the -O2 build: checked once"; exit 77;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make -s -C "$root" install PREFIX="$tmp/usr" >/dev/null
version=$(sed -n 's/^#define WARTA_VERSION "\(.*\)"/\1/p' "$root/include/warta.h")
files="bin/warta share/man/man1/warta.1 lib/libwarta.a lib/libwarta.so.$version include/warta.h lib/pkgconfig/warta.pc"
for f in $files; do
  [ -s "$tmp/usr/$f" ] || { echo "missing after install: $f"; exit 1; }
done
[ -x "$tmp/usr/bin/warta" ] || { echo "bin/warta not executable"; exit 1; }
[ "$(readlink "$tmp/usr/lib/libwarta.so.1")" = "libwarta.so.$version" ] || { echo "libwarta.so.1 is not a link to libwarta.so.$version"; exit 1; }
[ "$(readlink "$tmp/usr/lib/libwarta.so")" = "libwarta.so.1" ] || { echo "libwarta.so is not a link to libwarta.so.1"; exit 1; }
readelf -d "$tmp/usr/lib/libwarta.so.$version" | grep -q 'SONAME.*\[libwarta\.so\.1\]' || { echo "wrong SONAME"; exit 1; }
cd "$tmp"
out=$(printf 'Korea Utara membayar US$2 miliar.' | "$tmp/usr/bin/warta" --format tsv)
grep -q $'COUNTRY\tKorea Utara\tKP' <<<"$out" || { echo "installed warta: no COUNTRY: $out"; exit 1; }
grep -q $'MONEY\tUS$2 miliar\tUSD 2000000000' <<<"$out" || { echo "installed warta: no MONEY: $out"; exit 1; }
# the man page is well-formed roff
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$tmp/usr/share/man/man1/warta.1" 2>&1 | grep -q '^NAME' || { echo "man page does not render"; exit 1; }
fi
# a program built against the installed library and header
cat > t.c <<'C'
#include <stdio.h>
#include <warta.h>
int main(void) {
    warta_t *w; warta_error_t e;
    if (warta_open(&w, NULL, &e) < 0) return 1;
    warta_worker_t *k = warta_worker_new(w);
    warta_doc_t *d;
    int rc = warta_analyze(k, "Rp 5 juta", 9, NULL, &d, &e);
    printf("%d %zu %s\n", rc, d ? d->n_entities : 0, d && d->n_entities ? d->entities[0].amount : "-");
    warta_doc_free(d); warta_worker_free(k); warta_close(w);
    return 0;
}
C
export PKG_CONFIG_PATH="$tmp/usr/lib/pkgconfig"
[ "$(pkg-config --modversion warta)" = "$version" ] || { echo "warta.pc: wrong version"; exit 1; }
# shared: the plain pkg-config line; static: --static adds the private libraries
cc -std=c11 t.c $(pkg-config --cflags --libs warta) -Wl,-rpath,"$tmp/usr/lib" -o t_shared
cc -std=c11 -static-libgcc t.c $(pkg-config --cflags warta) -Wl,-Bstatic -lwarta -Wl,-Bdynamic \
  $(pkg-config --libs --static warta | sed 's/-lwarta//') -o t_static
ldd t_shared | grep -q "libwarta.so.1 => $tmp/usr/lib/libwarta.so.1" || { echo "t_shared does not use the installed libwarta.so.1"; ldd t_shared; exit 1; }
if ldd t_static | grep -q libwarta; then echo "t_static uses libwarta.so"; exit 1; fi
for p in t_shared t_static; do
  [ "$(./$p)" = "0 1 5000000" ] || { echo "$p printed: $(./$p)"; exit 1; }
done
make -s -C "$root" uninstall PREFIX="$tmp/usr" >/dev/null
left=$(cd "$tmp/usr" && find . ! -type d)
[ -z "$left" ] || { echo "left after uninstall: $left"; exit 1; }
# DESTDIR (packaging): files under it, warta.pc with the final paths
make -s -C "$root" install DESTDIR="$tmp/dest" PREFIX=/opt/w LIBDIR=/opt/w/lib64 >/dev/null
[ -f "$tmp/dest/opt/w/lib64/libwarta.so.$version" ] || { echo "DESTDIR/LIBDIR install misplaced"; exit 1; }
grep -qx 'libdir=/opt/w/lib64' "$tmp/dest/opt/w/lib64/pkgconfig/warta.pc" || { echo "warta.pc libdir wrong under DESTDIR"; exit 1; }
grep -qx 'includedir=/opt/w/include' "$tmp/dest/opt/w/lib64/pkgconfig/warta.pc" || { echo "warta.pc includedir wrong"; exit 1; }
make -s -C "$root" uninstall DESTDIR="$tmp/dest" PREFIX=/opt/w LIBDIR=/opt/w/lib64 >/dev/null
left=$(cd "$tmp/dest" && find . ! -type d)
[ -z "$left" ] || { echo "left after DESTDIR uninstall: $left"; exit 1; }
echo ok
