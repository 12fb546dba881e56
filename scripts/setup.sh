#!/bin/sh
# Install what Doorloop needs on Debian 12 when it is missing.
#   setup.sh run    build and serve: compiler, libraries, npm packages of the web app
#   setup.sh test   also cmocka, PostgreSQL, Chromium and the browser-test packages
#   setup.sh bench  also the references of make bench: wrk, nginx, sqlite3, PostgreSQL
# As root (or with sudo) missing Debian packages are installed; otherwise
# the exact apt-get line is printed and the script stops with exit 1.
set -eu
cd "$(dirname "$0")/.."
what=${1:-run}

pkgs="gcc make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev zlib1g-dev"
if [ "$what" = test ]; then
	pkgs="$pkgs libcmocka-dev postgresql chromium sqlite3"
fi
if [ "$what" = bench ]; then
	pkgs="$pkgs wrk nginx-light sqlite3 postgresql"
fi
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

# The web app's packages (NL Design System CSS; Playwright and axe-core for tests).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "doorloop: installing npm packages (npm ci)" >&2
	npm ci --no-audit --no-fund --loglevel=error >&2
fi
