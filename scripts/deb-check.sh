#!/bin/sh
# make deb-check: install the package on a clean Debian 12 made with
# debootstrap and start the service's commands in it.  Slow (minutes), needs
# root and a Debian mirror; not part of make test (tests/api/deb.test.mjs is
# the fast check).  The base system is cached as a tarball in
# build/deb-check/bookworm.tgz; each run unpacks it into a fresh root.
# systemd does not run in a chroot, so the unit's ExecStartPre and
# ExecStart run as the user doorloop with the unit's environment file, and
# `systemd-analyze verify --root` checks the unit there.
set -eu
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "deb-check: needs root (debootstrap, chroot)" >&2; exit 1; }
mirror=${DEB_MIRROR:-http://deb.debian.org/debian}
cache=build/deb-check
deb=$(ls -t build/deb/doorloop_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "deb-check: no package in build/deb (make deb)" >&2; exit 1; }
mkdir -p "$cache"
if [ ! -f "$cache/bookworm.tgz" ]; then
	echo "deb-check: debootstrap bookworm (once; cached in $cache/bookworm.tgz)" >&2
	debootstrap --variant=minbase --include=curl,ca-certificates \
	    --make-tarball="$PWD/$cache/bookworm.tgz" bookworm "$PWD/$cache/tarball-work" "$mirror" >&2
	rm -rf "$cache/tarball-work"
fi
root=$(mktemp -d /tmp/doorloop-deb-check.XXXXXX)
chmod 755 "$root"   # the root directory of the installed system: the service user walks it
cleanup() {
	for m in proc dev/pts dev sys; do umount "$root/$m" 2>/dev/null || true; done
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
	rm -rf "$root"
}
trap cleanup EXIT INT TERM
debootstrap --variant=minbase --include=curl,ca-certificates \
    --unpack-tarball="$PWD/$cache/bookworm.tgz" bookworm "$root" "$mirror" >&2
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/doorloop.deb"
echo "deb-check: apt install ./doorloop.deb" >&2
chroot "$root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/doorloop.deb' >&2
chroot "$root" getent passwd doorloop >/dev/null || { echo "deb-check: postinst made no user doorloop" >&2; exit 1; }
[ "$(chroot "$root" stat -c %U:%a /var/lib/doorloop)" = doorloop:700 ] || { echo "deb-check: /var/lib/doorloop is not doorloop's, mode 0700" >&2; exit 1; }
if chroot "$root" sh -c 'command -v systemd-analyze' >/dev/null 2>&1; then
	chroot "$root" systemd-analyze verify --man=no /lib/systemd/system/doorloop.service >&2
fi
port=18080
sed -i "s/^DOORLOOP_LISTEN=.*/DOORLOOP_LISTEN=127.0.0.1:$port/" "$root/etc/doorloop/doorloop.env"
as_unit='cd /var/lib/doorloop && set -a && . /etc/doorloop/doorloop.env && set +a && umask 077 &&'
chroot "$root" setpriv --reuid=doorloop --regid=doorloop --init-groups --no-new-privs \
    sh -c "$as_unit /usr/bin/doorloop init && /usr/bin/doorloop demo" >&2
[ "$(stat -c %a "$root/var/lib/doorloop/doorloop.key")" = 600 ] || { echo "deb-check: the key is not mode 0600" >&2; exit 1; }
chroot "$root" setpriv --reuid=doorloop --regid=doorloop --init-groups --no-new-privs \
    sh -c "$as_unit cd / && exec /usr/bin/doorloop serve" 2>"$cache/serve.log" &
pid=$!
ok=""
for i in $(seq 1 100); do
	if chroot "$root" curl -fsS "http://127.0.0.1:$port/" -o /tmp/index.html 2>/dev/null; then ok=1; break; fi
	sleep 0.2
done
[ -n "$ok" ] || { echo "deb-check: the service does not answer (see $cache/serve.log)" >&2; exit 1; }
grep -q '<html' "$root/tmp/index.html" || { echo "deb-check: GET / is not the app" >&2; exit 1; }
chroot "$root" curl -fsS "http://127.0.0.1:$port/vendor/@utrecht/component-library-css/dist/index.css" | grep utrecht >/dev/null ||
    { echo "deb-check: the NL Design System CSS is not served" >&2; exit 1; }
chroot "$root" curl -fsS -H 'Content-Type: application/json' \
    -d '{"username":"coordinator","password":"doorloop-demo"}' "http://127.0.0.1:$port/api/v1/session" | grep -q '"token"' ||
    { echo "deb-check: the demo coordinator cannot log in" >&2; exit 1; }
echo "deb-check: installed on Debian 12, served the app, its CSS and a log-in: PASS"
