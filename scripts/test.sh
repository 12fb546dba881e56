#!/bin/sh
# Run every suite and end with one line "N passed, N failed".
#   0. scripts/check-includes.sh: no include cycle between folders (one test)
#   0b. the release build `make run` and `make bench` use (-O2 warns of
#      what -O1 does not; one test)
#   1. unit tests (cmocka) in build/debug/tests/; test_db_* and test_store_*
#      run twice: against SQLite and against a throwaway PostgreSQL cluster;
#      then each fuzz target (tests/fuzz) once over its kept corpus
#   2. API and scenario tests (node --test tests/api), against both databases
#   3. browser tests (node --test tests/browser, Playwright + Debian chromium)
# A suite that cannot run (PostgreSQL does not start, say) is a failure,
# never a silent pass.  Artefacts (logs, screenshots) go to build/test-artifacts/.
# ONLY=REGEX (e.g. `make test ONLY=climate`) runs only the unit binaries and
# the API and browser test files whose names match it; the check of include
# cycles then is skipped.  A run with ONLY is a developer's shortcut, never
# the run that decides whether a change lands.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
bin="$root/build/debug/doorloop"
art="$root/build/test-artifacts"
rm -rf "$art"
mkdir -p "$art"
tmp=$(mktemp -d /tmp/doorloop-test.XXXXXX)
chmod 755 "$tmp"
passed=0
failed=0
pgdir="$tmp/pg"
pg_url=""

cleanup() {
	[ -n "$pg_url" ] && sh scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export DOORLOOP_BIN="$bin"
export DOORLOOP_ARTIFACTS="$art"
export DOORLOOP_ROOT="$root"

# count_cmocka LOGFILE: add the PASSED/FAILED counts of a cmocka run; a
# run that printed no summary (crash) counts as one failure.
count_cmocka() {
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
	if ! grep -q '^\[==========\] .* ran\.\|^\[  PASSED  \]' "$1"; then
		f=$((f + 1))
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	echo "   $p passed, $f failed"
}

# count_node LOGFILE RC: add the "# pass N" / "# fail N" of node's TAP output.
count_node() {
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$1" | tail -n 1)
	f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$1" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$2" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	echo "   $p passed, $f failed"
	# the failed tests by name, so that a run's printed tail says which
	grep -E '^ *not ok ' "$1" | head -n 10 | sed 's/^ */   /'
}

echo "== starting a throwaway PostgreSQL cluster"
if pg_url=$(sh scripts/pg-cluster.sh start "$pgdir" 2>"$art/pg-cluster.log"); then
	echo "   $pg_url"
else
	pg_url=""
	echo "   PostgreSQL could not be started (see $art/pg-cluster.log): its suites count as failed"
	failed=$((failed + 1))
fi

dbs="sqlite"
[ -n "$pg_url" ] && dbs="sqlite postgres"

db_url() {
	if [ "$1" = sqlite ]; then
		echo "sqlite:$tmp/$2.db"
	else
		# one database per suite run, created fresh
		name="t_$(echo "$2" | tr -c 'a-z0-9_\n' '_')"
		sh scripts/pg-cluster.sh createdb "$pgdir" "$name" >/dev/null 2>&1
		echo "$pg_url" | sed "s#/[^/?]*\(?\|\$\)#/$name\1#"
	fi
}

only=${ONLY:-}
# pick NAME...: the names that match $ONLY (all of them when it is empty)
pick() {
	for n in "$@"; do
		if [ -z "$only" ] || echo "$n" | grep -Eq -- "$only"; then echo "$n"; fi
	done
}

echo "== include cycles between the folders of src/"
if [ -n "$only" ]; then
	echo "   skipped (ONLY=$only)"
elif sh scripts/check-includes.sh >"$art/check-includes.log" 2>&1; then
	passed=$((passed + 1))
	echo "   1 passed, 0 failed"
else
	failed=$((failed + 1))
	sed 's/^/   /' "$art/check-includes.log"
fi

echo "== the release build (make run)"
if [ -n "$only" ]; then
	echo "   skipped (ONLY=$only)"
elif make -C "$root" --no-print-directory MODE=release build >"$art/release-build.log" 2>&1; then
	passed=$((passed + 1))
	echo "   1 passed, 0 failed"
else
	failed=$((failed + 1))
	grep -m 20 'error' "$art/release-build.log" | sed 's/^/   /'
fi

echo "== unit tests (cmocka)"
for t in $(pick build/debug/tests/test_*); do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	case "$name" in
	test_db_*|test_store_*|test_auth_*)
		for d in $dbs; do
			echo "-- $name [$d]"
			DOORLOOP_TEST_DB=$(db_url "$d" "$name") "$t" >"$art/$name.$d.log" 2>&1
			count_cmocka "$art/$name.$d.log"
		done ;;
	*)
		echo "-- $name"
		"$t" >"$art/$name.log" 2>&1
		count_cmocka "$art/$name.log"
		;;
	esac
done

echo "== fuzz corpus replayed (tests/fuzz/corpus: every input once)"
for t in $(pick build/debug/tests/fuzz_*); do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	echo "-- $name"
	if "$t" tests/fuzz/corpus/"${name#fuzz_}"/* >"$art/$name.log" 2>&1; then
		passed=$((passed + 1))
		echo "   1 passed, 0 failed ($(tail -n 1 "$art/$name.log"))"
	else
		failed=$((failed + 1))
		echo "   0 passed, 1 failed"
		tail -n 5 "$art/$name.log" | sed 's/^/   /'
	fi
done

api_files=$(pick tests/api/*.test.mjs)
if [ -n "$api_files" ]; then
	for d in $dbs; do
		echo "== API tests [$d]"
		DOORLOOP_TEST_DB_KIND=$d DOORLOOP_TEST_PG_URL="$pg_url" DOORLOOP_TEST_TMP="$tmp" \
		    node --test --test-reporter=tap --test-concurrency=1 $api_files >"$art/api.$d.log" 2>&1
		count_node "$art/api.$d.log" $?
	done
fi

browser_files=$(pick tests/browser/*.test.mjs)
if [ -n "$browser_files" ]; then
	echo "== browser tests [sqlite]"
	DOORLOOP_TEST_DB_KIND=sqlite DOORLOOP_TEST_TMP="$tmp" \
	    node --test --test-reporter=tap --test-concurrency=1 $browser_files >"$art/browser.log" 2>&1
	count_node "$art/browser.log" $?
fi

if [ "$failed" != 0 ]; then
	echo "== failures: see the logs in $art"
	grep -l 'not ok\|FAILED\|ERROR: AddressSanitizer\|runtime error' "$art"/*.log 2>/dev/null | sed 's/^/   /'
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
