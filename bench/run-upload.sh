#!/usr/bin/env bash
# Upload benchmark: a 2 GiB tus upload into the real server vs a raw Kestrel PUT of the same bytes, and the
# server's working-set growth during it. Usage: bench/run-upload.sh [--size-mb N] [--chunk-mb N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
dotnet build "$root/server/Media.Server/Media.Server.csproj" -c Release -nologo -v quiet > /dev/null
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
exec dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" upload "$@"
