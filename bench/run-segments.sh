#!/usr/bin/env bash
# Segment-serving benchmark: Media's signed delivery vs nginx serving the same files.
# Usage: bench/run-segments.sh [--seconds 10] [--concurrency 16] [--rounds 3] [--accel]
# --accel puts Media behind nginx with X-Accel-Redirect (nginx sends the bytes) and compares that with bare nginx.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
command -v nginx > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx-light
dotnet build "$root/server/Media.Server/Media.Server.csproj" -c Release -nologo -v quiet > /dev/null
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
exec dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" segments "$@"
