#!/bin/sh
# The municipality figures at national scale (issue 12): a synthetic data set
# of BENCH_GIRLS girls (100000) over BENCH_YEARS years (20) in every
# municipality (doorloop figures-generate), then bench/figures_bench.c: the
# figures as the API computes them against the aggregate SQL alone in the
# sqlite3 CLI, and on PostgreSQL (BENCH_PG_URL, or a throwaway cluster from
# scripts/pg-cluster.sh when initdb is at hand) against psql.
#   BENCH_GIRLS  BENCH_YEARS  BENCH_RUNS (5)  BENCH_DIR (a fresh temporary directory)
set -eu
cd "$(dirname "$0")/.."
girls=${BENCH_GIRLS:-100000}
years=${BENCH_YEARS:-20}
runs=${BENCH_RUNS:-5}
make --no-print-directory MODE=release build/release/doorloop build/release/bench/figures_bench >/dev/null
dir=${BENCH_DIR:-$(mktemp -d /tmp/doorloop-figures.XXXXXX)}
mkdir -p "$dir"
key="$dir/bench.key"
gen() {
	build/release/doorloop init --db "$1" --key-file "$key" >/dev/null
	start=$(date +%s)
	build/release/doorloop figures-generate --db "$1" --girls "$girls" --years "$years"
	echo "   generated $girls girls over $years years in $(( $(date +%s) - start )) s"
}
echo "== figures, SQLite"
rm -f "$dir/figures.db"*
gen "sqlite:$dir/figures.db"
build/release/bench/figures_bench --db "sqlite:$dir/figures.db" --runs "$runs"
pg=${BENCH_PG_URL:-}
started=""
# The cluster's directory must be open to the user the server runs as (as
# root: postgres), which a private temporary directory is not.
pgdir=$(mktemp -d /tmp/doorloop-figures-pg.XXXXXX)
chmod 755 "$pgdir"
if [ -z "$pg" ] && pg=$(sh scripts/pg-cluster.sh start "$pgdir/pg" 2>"$pgdir/start.log"); then
	started=1
	sh scripts/pg-cluster.sh createdb "$pgdir/pg" figures_bench >/dev/null
	pg=$(printf '%s' "$pg" | sed 's#/[^/?]*\(?\|$\)#/figures_bench\1#')
fi
if [ -n "$pg" ]; then
	echo "== figures, PostgreSQL"
	gen "$pg"
	build/release/bench/figures_bench --db "$pg" --runs "$runs"
else
	echo "== figures, PostgreSQL: no server (set BENCH_PG_URL): $(tail -1 "$pgdir/start.log" 2>/dev/null)"
fi
[ -n "$started" ] && sh scripts/pg-cluster.sh stop "$pgdir/pg" >/dev/null 2>&1
rm -rf "$pgdir"
[ -z "${BENCH_DIR:-}" ] && rm -rf "$dir"
exit 0
