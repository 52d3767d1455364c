#!/usr/bin/env bash
# Roster import benchmark: a school's students (in classes of 50) checked, imported and imported again through the
# real server, with its peak memory, beside reading the file alone. Usage: bench/run-roster.sh [--students 10000,100000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
exec dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" roster "$@"
