#!/bin/sh
# make bench (bench/perf.py runs this): the continuity engine's worklist and
# figures (bench/worklist_bench.c) and the municipality figures at national
# scale (bench/figures_bench.sh), side by side in one run:
#   1. 10,000 trajectories: worklist vs a plain read of the same rows (P3),
#      and institution figures vs the sqlite3 CLI aggregating the same rows
#      of the same file (P4);
#   2. 100,000 trajectories: worklist vs plain read, with peak memory (P3:
#      linear, at most 64 MiB);
#   3. 100,000 girls over 20 years in every municipality: the municipality
#      figures vs the same aggregate SQL in the sqlite3 CLI, and on
#      PostgreSQL vs psql (F).
# Interleaved rounds, medians, ratios; the last lines are the summary that
# perf.py puts in its table: "NAME  VALUE  goal GOAL" (GOAL an upper bound).
#   BENCH_TRAJECTORIES (10000)  BENCH_LARGE (100000; 0 skips it)
#   BENCH_GIRLS (100000; 0 skips the national figures)  BENCH_YEARS (20)
#   BENCH_RUNS (5)  BENCH_DIR (a fresh temporary directory)
# The databases are built once per run with the release binary.
set -eu
cd "$(dirname "$0")/.."
n=${BENCH_TRAJECTORIES:-10000}
large=${BENCH_LARGE:-100000}
girls=${BENCH_GIRLS:-100000}
runs=${BENCH_RUNS:-5}
make --no-print-directory MODE=release build/release/bench/worklist_bench >/dev/null
dir=${BENCH_DIR:-$(mktemp -d /tmp/doorloop-bench.XXXXXX)}
mkdir -p "$dir"
key="$dir/bench.key"
bench=build/release/bench/worklist_bench
out="$dir/out.txt"
: > "$out"

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
$bench run --db "sqlite:$dir/small.db" --key-file "$key" --runs "$runs" $cli | tee "$dir/small.txt"
if [ "$large" -gt 0 ]; then
	make_db large "$large"
	echo "== $large trajectories: coordinator's worklist (peak memory of this process)"
	$bench run --db "sqlite:$dir/large.db" --key-file "$key" --runs "$runs" | tee "$dir/large.txt"
fi
if [ "$girls" -gt 0 ]; then
	BENCH_DIR="$dir/figures" BENCH_RUNS="$runs" sh bench/figures_bench.sh | tee "$dir/figures.txt"
fi

# the Kth "ratio" line of FILE
ratio() { [ -f "$1" ] && awk '$1 == "ratio" { n++; if (n == k) { print $2; exit } }' k="$2" "$1"; }
echo "== summary"
w10=$(awk '/worklist \(batched/ { print $(NF - 1); exit }' "$dir/small.txt")
[ -n "$w10" ] && echo "P3 worklist 10k vs plain read of the same rows  $(ratio "$dir/small.txt" 1)  goal 1.5"
[ -n "$cli" ] && echo "P4 institution figures 10k vs sqlite3 CLI  $(ratio "$dir/small.txt" 2)  goal 1.5"
if [ -f "$dir/large.txt" ]; then
	w100=$(awk '/worklist \(batched/ { print $(NF - 1); exit }' "$dir/large.txt")
	echo "P3 worklist 100k vs plain read of the same rows  $(ratio "$dir/large.txt" 1)  goal 1.5"
	echo "P3 worklist time 100k / (10 x 10k): linear = 1  $(awk -v a="$w100" -v b="$w10" -v r="$(( large / n ))" 'BEGIN { printf "%.2f", a / (b * r) }')  goal 1.5"
	echo "P3 peak memory at 100k (MiB)  $(awk '/peak memory/ && match($0, /[0-9.]+ MiB/) { print substr($0, RSTART, RLENGTH - 4); exit }' "$dir/large.txt")  goal 64"
fi
if [ -f "$dir/figures.txt" ]; then
	awk -v g="$girls" 'match($0, /ratio [0-9.]+/) {
		r = substr($0, RSTART + 6, RLENGTH - 6)
		if ($0 ~ /^figures .*\(sqlite\)/)
			print "F national figures, " g " girls, vs sqlite3 CLI (SQLite)  " r "  goal 1.5"
		if ($0 ~ /^figures .*\(postgres\)/)
			print "F national figures, " g " girls, vs psql (PostgreSQL)  " r "  goal 1.5"
	}' "$dir/figures.txt"
fi
[ -z "${BENCH_DIR:-}" ] && rm -rf "$dir"
exit 0
