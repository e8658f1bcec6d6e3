#!/usr/bin/env bash
# A private PostgreSQL cluster for tests and trials, in a folder of its own, on 127.0.0.1 and a free port.
#
#   scripts/postgres.sh start DIR   initdb into DIR (as the postgres user when run as root), start it, and print
#                                   the connection string: Host=127.0.0.1;Port=N;Username=postgres
#   scripts/postgres.sh stop DIR    stop it (fast shutdown) and delete DIR
#
# Needs Debian's postgresql package (PostgreSQL 15: /usr/lib/postgresql/15/bin). Nothing listens beyond loopback;
# the cluster trusts local connections, so it is for tests only.
set -euo pipefail
command=${1:?start or stop}
dir=${2:?folder for the cluster}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    echo "$port" >"$dir/port"
    echo "Host=127.0.0.1;Port=$port;Username=postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
