#!/bin/sh
# No include cycle between the folders of src/: if folder A includes a
# header of folder B, nothing B includes (directly or through other
# folders) may include A.  Prints the folder graph's offending edges and
# exits 1 on a cycle, else prints "no include cycle" and exits 0.
set -eu
cd "$(dirname "$0")/../src"
edges=$(for f in */*.c */*.h; do
	from=${f%%/*}
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/.*/\1/p' "$f" |
	    while read -r to; do
		if [ "$to" != "$from" ] && [ -d "$to" ]; then
			echo "$from $to"
		fi
	    done
done | sort -u)
# reach FROM: every folder FROM reaches through the edges.
reach() {
	seen=" $1 "
	todo=$1
	while [ -n "$todo" ]; do
		next=""
		for n in $todo; do
			for m in $(echo "$edges" | awk -v n="$n" '$1 == n {print $2}'); do
				case "$seen" in *" $m "*) ;; *) seen="$seen$m "; next="$next $m" ;; esac
			done
		done
		todo=$next
	done
	echo "$seen"
}
bad=0
echo "$edges" | while read -r a b; do
	[ -n "$a" ] || continue
	case "$(reach "$b")" in
	*" $a "*) echo "include cycle: $a -> $b -> ... -> $a"; exit 1 ;;
	esac
done || bad=1
if [ "$bad" = 0 ]; then
	echo "no include cycle between the folders of src/"
	echo "$edges" | awk '{a[$1] = a[$1] " " $2} END {for (k in a) print "   " k ":" a[k]}' | sort
fi
exit "$bad"
