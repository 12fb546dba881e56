#!/bin/sh
# Build the Debian package of Doorloop with dpkg-deb.
#   deb.sh [--bin BINARY] [--out DIR] [--version V]
# BINARY defaults to build/release/doorloop (make deb builds it); OUT to
# build/deb.  Prints the path of the .deb on stdout.  DEB_COMPRESS=gzip
# (the tests) packs faster than the default xz.
#
# Layout (docs/OPERATIONS.md):
#   /usr/bin/doorloop
#   /usr/share/doorloop/web/...                       the web app
#   /usr/share/doorloop/vendor/@utrecht/...           the NL Design System CSS it loads
#   /usr/share/doc/doorloop/{OPERATIONS.md,copyright}
#   /lib/systemd/system/doorloop.service              sandboxed, user doorloop
#   /etc/doorloop/doorloop.env                        conffile
# The data directory /var/lib/doorloop and the user doorloop are made by
# postinst; the installation key by the service's first start (doorloop init).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
bin=build/release/doorloop
out=build/deb
version=""
while [ $# -gt 0 ]; do
	case "$1" in
	--bin) bin=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--version) version=$2; shift 2 ;;
	*) echo "usage: deb.sh [--bin BINARY] [--out DIR] [--version V]" >&2; exit 2 ;;
	esac
done
[ -x "$bin" ] || { echo "deb.sh: no binary at $bin (make MODE=release build)" >&2; exit 1; }
[ -f node_modules/@utrecht/component-library-css/dist/index.css ] ||
    { echo "deb.sh: node_modules is missing (scripts/setup.sh run)" >&2; exit 1; }
if [ -z "$version" ]; then
	n=$(git rev-list --count HEAD 2>/dev/null || echo 0)
	version="0.1.$n"
fi
arch=$(dpkg --print-architecture)
mkdir -p "$out"
stage=$(mktemp -d "${TMPDIR:-/tmp}/doorloop-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM
pkg="$stage/pkg"

install -D -m 0755 "$bin" "$pkg/usr/bin/doorloop"
# The web app: everything under web/ (static files only; no build step).
mkdir -p "$pkg/usr/share/doorloop"
cp -R web "$pkg/usr/share/doorloop/web"
# The vendor CSS the app loads (web/index.html): only the files it needs.
for f in @utrecht/component-library-css/dist/index.css \
    @utrecht/component-library-css/package.json \
    @utrecht/component-library-css/LICENSE.md \
    @utrecht/design-tokens/dist/theme.css \
    @utrecht/design-tokens/package.json \
    @utrecht/design-tokens/LICENSE.md; do
	[ -f "node_modules/$f" ] || continue
	install -D -m 0644 "node_modules/$f" "$pkg/usr/share/doorloop/vendor/$f"
done
for f in $(grep -o '/vendor/[^"]*' web/index.html | sed 's#^/vendor/##'); do
	[ -f "$pkg/usr/share/doorloop/vendor/$f" ] ||
	    { echo "deb.sh: web/index.html loads /vendor/$f, which is not packaged" >&2; exit 1; }
done
install -D -m 0644 packaging/debian/doorloop.service "$pkg/lib/systemd/system/doorloop.service"
install -D -m 0640 packaging/debian/doorloop.env "$pkg/etc/doorloop/doorloop.env"
install -D -m 0644 docs/OPERATIONS.md "$pkg/usr/share/doc/doorloop/OPERATIONS.md"
install -D -m 0644 packaging/debian/copyright "$pkg/usr/share/doc/doorloop/copyright"
find "$pkg/usr/share" -type d -exec chmod 0755 {} +
find "$pkg/usr/share" -type f -exec chmod 0644 {} +

# Shared-library dependencies as Debian names them (dpkg-shlibdeps needs a
# debian/control in its working directory).
mkdir -p "$stage/src/debian"
printf 'Source: doorloop\n\nPackage: doorloop\nArchitecture: any\n' >"$stage/src/debian/control"
shdeps=$(cd "$stage/src" && dpkg-shlibdeps -O "$pkg/usr/bin/doorloop" 2>/dev/null |
    sed -n 's/^shlibs:Depends=//p')
[ -n "$shdeps" ] || { echo "deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

mkdir -p "$pkg/DEBIAN"
for s in postinst prerm postrm; do
	install -m 0755 "packaging/debian/$s" "$pkg/DEBIAN/$s"
done
echo /etc/doorloop/doorloop.env >"$pkg/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: doorloop
Version: $version
Architecture: $arch
Maintainer: Doorloop maintainers <doorloop@localhost>
Installed-Size: $size
Depends: $shdeps, adduser, init-system-helpers
Recommends: postgresql-client
Section: misc
Priority: optional
Homepage: https://localhost/doorloop
Description: continuity of care for girls who are victims of sexual exploitation
 Doorloop keeps a girl's care trajectory continuous across phases,
 organisations and her eighteenth birthday: a JSON API and a web app
 served by one C program, on SQLite or PostgreSQL.
CONTROL
deb="$out/doorloop_${version}_${arch}.deb"
fakeroot dpkg-deb --build -Z"${DEB_COMPRESS:-xz}" "$pkg" "$deb" >/dev/null
echo "$deb"
