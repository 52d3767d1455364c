#!/usr/bin/env bash
# On-screen text (OCR) benchmark: character accuracy and seconds per frame on generated slide and blackboard frames,
# and OCR of a slide lesson as a share of its transcode. Usage: bench/run-ocr.sh [--frames 200] [--lesson-seconds 180]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
command -v fc-list >/dev/null && fc-list :lang=zh | grep -q . || { echo "bench: installing a CJK font"; apt-get install -y -q --no-install-recommends fonts-wqy-microhei >/dev/null; }
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
exec dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" ocr "$@"
