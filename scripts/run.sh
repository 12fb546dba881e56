#!/bin/sh
# make run: create var/doorloop.db and its key file if missing, load the
# demo data once, and serve the API and the web app.
#   DOORLOOP_LISTEN (default 127.0.0.1:8080), DOORLOOP_DB, DOORLOOP_KEY_FILE
set -eu
cd "$(dirname "$0")/.."
bin=build/release/doorloop
export DOORLOOP_DB="${DOORLOOP_DB:-sqlite:var/doorloop.db}"
export DOORLOOP_KEY_FILE="${DOORLOOP_KEY_FILE:-var/doorloop.key}"
listen="${DOORLOOP_LISTEN:-127.0.0.1:8080}"
mkdir -p var
"$bin" init
"$bin" demo
echo
echo "Doorloop: open http://$listen/ and log in with password doorloop-demo as"
echo "  coordinator, caregiver, partner, client, municipality, monitor or admin"
echo "(Ctrl-C stops the server)"
echo
exec "$bin" serve --listen "$listen" --web web --vendor node_modules
