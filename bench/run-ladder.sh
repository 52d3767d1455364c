#!/usr/bin/env bash
# Ladder benchmark: Media's one-pass ladder vs the bare ffmpeg CLI and vs one ffmpeg per rung, and the
# content-aware ladder's bytes and SSIM vs a fixed-bitrate ladder. Usage: bench/run-ladder.sh [--seconds 60]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
exec dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" ladder "$@"
