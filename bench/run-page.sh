#!/usr/bin/env bash
# The lesson page on an emulated school link (10 Mbit/s, 100 ms) against loopback: largest contentful paint, first
# played frame, bytes of script and in all, checked against the budget in README. Usage: bench/run-page.sh [--rounds 3]
# Needs Debian's Chromium (scripts/bootstrap.sh --test installs it).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dotnet build "$root/server/Media.Server/Media.Server.csproj" -c Release -nologo -v quiet > /dev/null
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
exec dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" page "$@"
