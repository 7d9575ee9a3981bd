#!/usr/bin/env bash
# The Debian source package (debian/): `dpkg-buildpackage -us -uc -b` in a
# copy of the tree (it writes the .deb files to the parent directory) builds
# warta, libwarta1 and libwarta-dev; the packaged binary, extracted with
# dpkg-deb -x and not installed, prints what this build prints on an
# article, and a program builds and runs against the extracted library
# packages.  Slow (a full build): about a minute on an idle machine.
set -u
case "${BUILD:-build}" in *asan*) echo "the package build is checked once"; exit 77;; esac
for t in dpkg-buildpackage dh dpkg-deb dpkg-architecture; do
  command -v $t >/dev/null 2>&1 || { echo "no $t (apt-get install dpkg-dev debhelper)"; exit 77; }
done
root=$(cd "$(dirname "$0")/../.." && pwd)
W=${WARTA:-$root/warta}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/src"
tar -C "$root" --exclude=./.git --exclude=./build --exclude=./warta --exclude=./libwarta.a \
  --exclude=./python/build --exclude='*.egg-info' --exclude=__pycache__ -cf - . | tar -C "$tmp/src" -xf -
# a clean environment: no outer make's jobserver
(cd "$tmp/src" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS DEB_BUILD_OPTIONS=parallel=2 \
  nice dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1 ||
  { tail -40 "$tmp/build.log"; echo "dpkg-buildpackage failed"; exit 1; }
version=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH); arch=$(dpkg-architecture -qDEB_HOST_ARCH)
contents() { # package -> its file list, one path a line, without ./
  dpkg-deb -c "$tmp/${1}_${version}_$arch.deb" | awk '{print $6}' | sed 's|^\./||'; }
has() { # package path...
  local p=$1 f; shift
  for f; do contents "$p" | grep -qx "$f" || { echo "$p lacks $f"; contents "$p"; exit 1; }; done; }
has warta usr/bin/warta usr/share/man/man1/warta.1.gz
has libwarta1 "usr/lib/$ma/libwarta.so.1" "usr/lib/$ma/libwarta.so.$version"
has libwarta-dev usr/include/warta.h "usr/lib/$ma/libwarta.a" "usr/lib/$ma/libwarta.so" "usr/lib/$ma/pkgconfig/warta.pc"
if contents libwarta1 | grep -q 'usr/include\|\.a$'; then echo "libwarta1 holds development files"; exit 1; fi
dpkg-deb -I "$tmp/libwarta1_${version}_$arch.deb" shlibs | grep -qx "libwarta 1 libwarta1 (>= $version)" ||
  { echo "libwarta1: no shlibs entry"; exit 1; }
dpkg-deb -f "$tmp/libwarta1_${version}_$arch.deb" Depends | grep -q libutf8proc ||
  { echo "libwarta1 does not depend on libutf8proc"; exit 1; }
for p in warta libwarta1 libwarta-dev; do dpkg-deb -x "$tmp/${p}_${version}_$arch.deb" "$tmp/root"; done

# the packaged tool on an article: the same output as this build's
article=$root/tests/articles/contoh.txt
"$tmp/root/usr/bin/warta" --format tsv "$article" >"$tmp/pkg.tsv" || { echo "packaged warta failed"; exit 1; }
"$W" --format tsv "$article" >"$tmp/build.tsv"
grep -q $'\tPERSON\t' "$tmp/pkg.tsv" || { echo "packaged warta found no PERSON"; cat "$tmp/pkg.tsv"; exit 1; }
diff -u "$tmp/build.tsv" "$tmp/pkg.tsv" || { echo "packaged warta differs from $W"; exit 1; }
zcat "$tmp/root/usr/share/man/man1/warta.1.gz" | grep -q '^\.TH WARTA' || { echo "man page is not warta's"; exit 1; }

# a program against the extracted header, .so link and library
grep -qx "libdir=/usr/lib/$ma" "$tmp/root/usr/lib/$ma/pkgconfig/warta.pc" || { echo "warta.pc: wrong libdir"; exit 1; }
printf '#include <stdio.h>\n#include <warta.h>\nint main(void) { puts(warta_version()); return 0; }\n' >"$tmp/v.c"
cc -I"$tmp/root/usr/include" "$tmp/v.c" -L"$tmp/root/usr/lib/$ma" -lwarta -o "$tmp/v" || exit 1
got=$(LD_LIBRARY_PATH="$tmp/root/usr/lib/$ma" "$tmp/v")
[ "$got" = "$version" ] || { echo "packaged library says version $got, want $version"; exit 1; }
echo ok
