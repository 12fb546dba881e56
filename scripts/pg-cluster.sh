#!/bin/sh
# A throwaway PostgreSQL cluster for tests.
#
#   pg-cluster.sh start DIR          create and start a cluster in DIR; print
#                                    its URL postgres://doorloop@127.0.0.1:PORT/doorloop
#   pg-cluster.sh createdb DIR NAME  (re)create database NAME, owned by doorloop
#   pg-cluster.sh stop DIR           stop the cluster at once and remove DIR
#   pg-cluster.sh halt DIR           stop the server (fast), keep DIR
#   pg-cluster.sh resume DIR         start a halted server again, same port
#                                    (halt and resume: a database outage for
#                                    tests of reconnecting)
#
# The cluster runs as an unprivileged user: as root, the `postgres` system
# user if there is one, else a system user `doorloop-test` made for it;
# otherwise the current user.  It listens on 127.0.0.1 only, on a free port,
# with its unix socket inside DIR.  Authentication is `trust` for the local
# socket and 127.0.0.1: that is fine for a cluster that lives for one test
# run and holds no real data, and never fine anywhere else.  The tests
# connect as `doorloop`, an ordinary role that owns its databases, not as
# the superuser, so code that needs superuser rights fails in tests.
#
# Durability is switched off (fsync, synchronous_commit, full_page_writes):
# the cluster is thrown away anyway.  stdout carries only the URL;
# everything else goes to stderr.
set -eu

role=doorloop

die() {
	echo "pg-cluster: $*" >&2
	exit 1
}

usage() {
	echo "usage: pg-cluster.sh start DIR | createdb DIR NAME | stop DIR | halt DIR | resume DIR" >&2
	exit 2
}

# The newest installed PostgreSQL's bin directory.
pg_bindir() {
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n 1)
	[ -n "$d" ] && [ -x "$d/initdb" ] || die "no PostgreSQL server found under /usr/lib/postgresql/*/bin (install the postgresql package)"
	echo "$d"
}

# The unprivileged user that owns and runs the cluster.
pg_user() {
	if [ "$(id -u)" != 0 ]; then
		id -un
	elif id postgres >/dev/null 2>&1; then
		echo postgres
	else
		if [ "$action" = start ] && ! id doorloop-test >/dev/null 2>&1; then
			useradd --system --no-create-home --home-dir /nonexistent \
			    --shell /usr/sbin/nologin doorloop-test >&2 ||
			    id doorloop-test >/dev/null 2>&1 ||
			    die "cannot create the system user doorloop-test"
		fi
		echo doorloop-test
	fi
}

# as_user CMD ARGS...: run a command as the cluster's user.
as_user() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$user" -- "$@"
	else
		"$@"
	fi
}

# Absolute path of DIR, which must exist.
abspath() {
	(cd "$1" && pwd)
}

# Whether something listens on TCP port $1 (IPv4 or IPv6, any address).
port_busy() {
	hex=$(printf '%04X' "$1")
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
	    awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }'
}

# A pseudo-random start in 20000..49999 so parallel runs rarely collide.
random_port() {
	n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $((20000 + n % 30000))
}

psql_admin() {
	db=$1
	shift
	as_user env PGOPTIONS="-c client_min_messages=warning" \
	    "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/sock" \
	    -p "$(cat "$dir/port")" -U postgres -d "$db" "$@"
}

cmd_start() {
	[ ! -e "$dir/data" ] || die "$dir/data already exists"
	mkdir -p "$dir"
	dir=$(abspath "$dir")
	mkdir -p "$dir/sock"
	: >"$dir/.doorloop-pg-cluster"
	chown -R "$user" "$dir" 2>/dev/null || [ "$(id -u)" != 0 ] ||
	    die "cannot give $dir to $user"
	chmod 700 "$dir"
	# The user must be able to reach DIR through its parents.
	as_user test -w "$dir" || die "$user cannot write to $dir (check the modes of its parent directories)"
	cd "$dir"

	echo "pg-cluster: initdb in $dir/data as $user ($bindir)" >&2
	as_user "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 \
	    --locale=C --auth=trust --no-instructions >"$dir/initdb.log" 2>&1 ||
	    { cat "$dir/initdb.log" >&2; die "initdb failed"; }

	cat >>"$dir/data/postgresql.conf" <<EOF

# pg-cluster.sh: a throwaway test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
logging_collector = off
EOF
	cat >"$dir/data/pg_hba.conf" <<EOF
# pg-cluster.sh: trust on the socket in $dir/sock and on 127.0.0.1 only.
local	all	all			trust
host	all	all	127.0.0.1/32	trust
EOF

	# Try ports until the server starts: checking a port first and
	# binding later is a race, a failed start is not.
	port=$(random_port)
	tries=0
	while :; do
		tries=$((tries + 1))
		[ "$tries" -le 30 ] || die "no free port after 30 tries (see $dir/log)"
		port=$((port + 1))
		[ "$port" -lt 50000 ] || port=20000
		port_busy "$port" && continue
		echo "$port" >"$dir/port"
		if as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
		    -t 60 -o "-p $port" start >&2; then
			break
		fi
		if grep -q 'could not bind\|Address already in use\|could not create any TCP/IP sockets' "$dir/log" 2>/dev/null; then
			echo "pg-cluster: port $port is taken, trying another" >&2
			: >"$dir/log"
			continue
		fi
		tail -n 20 "$dir/log" >&2 2>/dev/null || true
		die "the server did not start (see $dir/log)"
	done

	if ! psql_admin postgres \
	    -c "CREATE ROLE $role LOGIN" \
	    -c "CREATE DATABASE $role OWNER $role" >&2; then
		as_user "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
		die "cannot create the role and database $role"
	fi
	echo "postgres://$role@127.0.0.1:$port/$role"
}

cmd_createdb() {
	name=$1
	case "$name" in
	''|*[!a-z0-9_]*|[0-9]*) die "bad database name '$name' (use a-z, 0-9, _)" ;;
	esac
	[ -f "$dir/port" ] || die "no cluster in $dir"
	dir=$(abspath "$dir")
	cd "$dir"
	psql_admin postgres \
	    -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
	    -c "CREATE DATABASE $name OWNER $role" >&2 ||
	    die "cannot create database $name"
}

cmd_stop() {
	[ -d "$dir" ] || exit 0
	# Remove only what start made, never a directory given by mistake.
	[ -f "$dir/.doorloop-pg-cluster" ] || die "$dir is not a pg-cluster.sh directory"
	dir=$(abspath "$dir")
	cd /
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_user "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >&2 ||
		    echo "pg-cluster: pg_ctl stop failed; removing $dir anyway" >&2
	fi
	rm -rf "$dir"
}

cmd_halt() {
	[ -f "$dir/.doorloop-pg-cluster" ] || die "$dir is not a pg-cluster.sh directory"
	dir=$(abspath "$dir")
	cd /
	as_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2
}

cmd_resume() {
	[ -f "$dir/.doorloop-pg-cluster" ] || die "$dir is not a pg-cluster.sh directory"
	dir=$(abspath "$dir")
	cd "$dir"
	as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
	    -o "-p $(cat "$dir/port")" start >&2
}

[ $# -ge 2 ] || usage
action=$1
dir=$2
bindir=$(pg_bindir)
user=$(pg_user)

case "$action" in
start)
	[ $# -eq 2 ] || usage
	cmd_start ;;
createdb)
	[ $# -eq 3 ] || usage
	cmd_createdb "$3" ;;
stop)
	[ $# -eq 2 ] || usage
	cmd_stop ;;
halt)
	[ $# -eq 2 ] || usage
	cmd_halt ;;
resume)
	[ $# -eq 2 ] || usage
	cmd_resume ;;
*)
	usage ;;
esac
