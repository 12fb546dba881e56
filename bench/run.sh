#!/bin/sh
# make bench: the continuity engine's worklist over 10,000 active
# trajectories, against a plain read of the same rows (bench/worklist_bench.c).
#   BENCH_TRAJECTORIES (10000)  BENCH_RUNS (15)  BENCH_DIR (a fresh temporary directory)
# The database is SQLite, built once per run with the release binary.
set -eu
cd "$(dirname "$0")/.."
n=${BENCH_TRAJECTORIES:-10000}
runs=${BENCH_RUNS:-15}
make --no-print-directory MODE=release build/release/bench/worklist_bench >/dev/null
dir=${BENCH_DIR:-$(mktemp -d /tmp/doorloop-bench.XXXXXX)}
mkdir -p "$dir"
db="sqlite:$dir/bench.db"
key="$dir/bench.key"
rm -f "$dir/bench.db" "$dir/bench.db-wal" "$dir/bench.db-shm"
build/release/doorloop init --db "$db" --key-file "$key" >/dev/null
echo "== generating $n trajectories in $dir/bench.db"
start=$(date +%s)
build/release/bench/worklist_bench generate --db "$db" --key-file "$key" --trajectories "$n"
echo "   ($(( $(date +%s) - start )) s)"
echo "== coordinator's worklist vs plain read, median of $runs"
build/release/bench/worklist_bench run --db "$db" --key-file "$key" --runs "$runs"
[ -z "${BENCH_DIR:-}" ] && rm -rf "$dir"
exit 0
