#!/bin/sh
# make bench: the continuity engine's worklist and figures
# (bench/worklist_bench.c), side by side in one run:
#   1. 10,000 trajectories: worklist vs a plain read of the same rows, and
#      institution figures vs the sqlite3 CLI aggregating the same rows of
#      the same file;
#   2. 100,000 trajectories: worklist vs plain read, with peak memory.
# Interleaved rounds, medians, ratios.
#   BENCH_TRAJECTORIES (10000)  BENCH_LARGE (100000; 0 skips it)
#   BENCH_RUNS (5)  BENCH_DIR (a fresh temporary directory)
# The databases are SQLite, built once per run with the release binary;
# generating 100,000 trajectories takes a few minutes.
set -eu
cd "$(dirname "$0")/.."
n=${BENCH_TRAJECTORIES:-10000}
large=${BENCH_LARGE:-100000}
runs=${BENCH_RUNS:-5}
make --no-print-directory MODE=release build/release/bench/worklist_bench >/dev/null
dir=${BENCH_DIR:-$(mktemp -d /tmp/doorloop-bench.XXXXXX)}
mkdir -p "$dir"
key="$dir/bench.key"
bench=build/release/bench/worklist_bench

# make_db NAME N: a fresh database with N generated trajectories
make_db() {
	rm -f "$dir/$1.db" "$dir/$1.db-wal" "$dir/$1.db-shm"
	build/release/doorloop init --db "sqlite:$dir/$1.db" --key-file "$key" >/dev/null
	echo "== generating $2 trajectories in $dir/$1.db"
	start=$(date +%s)
	$bench generate --db "sqlite:$dir/$1.db" --key-file "$key" --trajectories "$2"
	echo "   ($(( $(date +%s) - start )) s)"
}

make_db small "$n"
cli=""
if command -v sqlite3 >/dev/null 2>&1; then
	cli="--cli sqlite3 --file $dir/small.db"
else
	echo "   (no sqlite3 CLI: the figures' reference is skipped; apt-get install sqlite3)"
fi
echo "== $n trajectories: coordinator's worklist and figures"
# shellcheck disable=SC2086
$bench run --db "sqlite:$dir/small.db" --key-file "$key" --runs "$runs" $cli
if [ "$large" -gt 0 ]; then
	make_db large "$large"
	echo "== $large trajectories: coordinator's worklist (peak memory of this process)"
	$bench run --db "sqlite:$dir/large.db" --key-file "$key" --runs "$runs"
fi
[ -z "${BENCH_DIR:-}" ] && rm -rf "$dir"
exit 0
