#!/bin/sh
# make fuzz: run each libFuzzer target for SECONDS.
#   fuzz.sh SECONDS TARGET...
# Inputs: tests/fuzz/corpus/<target>/ (kept in the tree: seeds and every
# input that once broke something) plus build/fuzz/corpus/<target>/, where
# libFuzzer puts the new inputs it finds.  A crash leaves its input in
# build/fuzz/artifacts/ and fails the run; such an input belongs in
# tests/fuzz/corpus/<target>/ (make test replays it) once the bug is fixed,
# with a unit test naming the case.  Ends with one line "N targets, N failed".
set -u
cd "$(dirname "$0")/.."
secs=$1
shift
mkdir -p build/fuzz/artifacts
failed=0
n=0
for t in "$@"; do
	name=${t#fuzz_}
	mkdir -p "build/fuzz/corpus/$name" "tests/fuzz/corpus/$name"
	n=$((n + 1))
	echo "== $t ($secs s)"
	if "build/fuzz/bin/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix="build/fuzz/artifacts/$name-" \
	    "build/fuzz/corpus/$name" "tests/fuzz/corpus/$name" >"build/fuzz/$name.log" 2>&1; then
		grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' "build/fuzz/$name.log" | sed 's/^/   /'
	else
		failed=$((failed + 1))
		tail -n 30 "build/fuzz/$name.log" | sed 's/^/   /'
	fi
done
echo "$n targets, $failed failed"
[ "$failed" = 0 ]
