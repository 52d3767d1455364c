#!/usr/bin/env bash
# Classroom fan-out benchmark: N SignalR clients in one broadcast session receive 20 page changes; delivery
# latency p50/p99 and server memory per connection. Usage: bench/run-fanout.sh [--clients 100,1000,5000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
dotnet build "$root/server/Media.Server/Media.Server.csproj" -c Release -nologo -v quiet > /dev/null
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
ulimit -n 65536 2>/dev/null || true
exec dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" fanout "$@"
