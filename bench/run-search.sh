#!/usr/bin/env bash
# Search benchmark: index generated lessons into Lucene and into SQLite, then run the same query mix with facets
# from 8 concurrent clients against both. Usage: bench/run-search.sh [--sizes 10000,100000,1000000] [--seconds 5] [--per-query]
# [--keep DIR: keep the indexes there and reuse them] [--lucene-only] [--query N: only the Nth query of the mix]
# [--rounds N: repeat the Lucene load N times]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dotnet build "$root/bench/Media.Bench/Media.Bench.csproj" -c Release -nologo -v quiet > /dev/null
exec dotnet "$root/bench/Media.Bench/bin/Release/net10.0/Media.Bench.dll" search "$@"
