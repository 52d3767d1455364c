#!/usr/bin/env bash
# Classroom fan-out benchmark: N SignalR clients in one broadcast session receive 20 page changes; delivery
# latency p50/p99 and server memory per connection.
# Usage: bench/run-fanout.sh [--clients 100,1000,5000] [--nodes 2]
# --nodes 2 starts a throw-away PostgreSQL cluster and redis-server here and splits the clients over two nodes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh" --test
dotnet build "$root/server/Media.Server/Media.Server.csproj" -c Release -nologo -v quiet > /dev/null
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
ulimit -n 65536 2>/dev/null || true

extra=()
if [[ " $* " == *" --nodes 2 "* ]]; then
  work=$(mktemp -d /tmp/media-fanout-cluster.XXXXXX)
  chmod 755 "$work"
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
  mkdir -p "$work/pg"
  echo bench > "$work/pg-password"
  [[ $(id -u) -eq 0 ]] && chown -R postgres "$work/pg" "$work/pg-password"
  cleanup() {
    as_postgres "$pg_bin/pg_ctl -D '$work/pg/data' -m immediate stop" > /dev/null 2>&1 || true
    [[ -n "${redis_pid:-}" ]] && kill "$redis_pid" 2> /dev/null || true
    rm -rf "$work"
  }
  trap cleanup EXIT
  as_postgres "$pg_bin/initdb -D '$work/pg/data' -U postgres --auth-host=scram-sha-256 --pwfile='$work/pg-password' -E UTF8 --locale=C.UTF-8" > /dev/null
  as_postgres "$pg_bin/pg_ctl -D '$work/pg/data' -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$work/pg' -c max_connections=300\" -l '$work/pg/log' -w start" > /dev/null
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$work" > "$work/redis.log" 2>&1 &
  redis_pid=$!
  extra=(--postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=bench;Database=postgres" --redis "127.0.0.1:$redis_port")
fi
dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" fanout "$@" "${extra[@]}"
