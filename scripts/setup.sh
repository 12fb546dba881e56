#!/bin/sh
# Install what Doorloop needs on Debian 12 when it is missing.
#   setup.sh run    build and serve: compiler, libraries, npm packages of the web app
#   setup.sh test   also cmocka, PostgreSQL, SQLite CLI, Chromium with its fonts, browser-test packages
#   setup.sh bench  also the references of make bench: wrk, nginx, sqlite3, PostgreSQL
#   setup.sh deb-check  dpkg-dev, fakeroot, debootstrap
# As root (or with sudo) missing Debian packages are installed; otherwise
# the exact apt-get line is printed and the script stops with exit 1.
set -eu
cd "$(dirname "$0")/.."
what=${1:-run}

# Everything is named explicitly, nothing is left to Recommends or to what a
# machine happens to have: `make test` must pass on a brand-new Debian 12.
pkgs="gcc make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev zlib1g-dev liboath-dev"
pkgs="$pkgs ca-certificates" # npm ci fetches from the npm registry over HTTPS
if [ "$what" = test ]; then
	pkgs="$pkgs libcmocka-dev"                  # unit tests
	pkgs="$pkgs postgresql postgresql-client"   # throwaway cluster (initdb, pg_ctl) and psql
	pkgs="$pkgs sqlite3"                        # the API tests poke at the SQLite file
	pkgs="$pkgs chromium fonts-dejavu-core"     # browser tests; tests/browser/lib/fonts.conf uses only DejaVu
	pkgs="$pkgs poppler-utils"                  # pdftotext: the browser tests read a printed page's text
	pkgs="$pkgs clang libclang-rt-14-dev"       # make fuzz: libFuzzer, ASan and UBSan runtimes of clang
	pkgs="$pkgs dpkg-dev fakeroot systemd"      # the package test: dpkg-shlibdeps, dpkg-deb, systemd-analyze verify
fi
if [ "$what" = bench ]; then
	pkgs="$pkgs wrk nginx-light sqlite3 postgresql"   # also make soak (wrk)
fi
if [ "$what" = deb-check ]; then
	pkgs="$pkgs dpkg-dev fakeroot debootstrap"   # make deb-check
fi
# Node.js: Debian 12's own (18) is enough; a newer one already on the PATH is kept.
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo="sudo"
	else
		echo "doorloop: missing Debian packages. Run as root:" >&2
		echo "  apt-get update && apt-get install -y$missing" >&2
		exit 1
	fi
	echo "doorloop: installing$missing" >&2
	$sudo apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends$missing >&2
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ]; then
	echo "doorloop: Node.js 18 or newer is needed, found $(node --version 2>/dev/null || echo none)" >&2
	exit 1
fi

# The web app's packages (NL Design System CSS; playwright-core and axe-core
# for tests, pinned to versions that run on Node.js 18).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "doorloop: installing npm packages (npm ci)" >&2
	npm ci --no-audit --no-fund --loglevel=error >&2
fi
