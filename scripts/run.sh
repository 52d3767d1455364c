#!/usr/bin/env bash
# Sets up and runs the all-in-one host on embedded defaults (SQLite, filesystem blobs, Hangfire on SQLite)
# with demo users, at http://127.0.0.1:5000 (MEDIA_URLS to change). Data goes to ./data (Media:DataPath).
# Extra arguments are passed to the host, e.g. --Media:DataPath=/srv/media.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/bootstrap.sh"
dotnet build "$root/server/Media.Server/Media.Server.csproj" -c Release -nologo -v quiet
exec dotnet "$root/server/Media.Server/bin/Release/net10.0/Media.Server.dll" \
  --contentRoot "$root/server/Media.Server" \
  --urls "${MEDIA_URLS:-http://127.0.0.1:5000}" \
  --Media:Demo:Enabled=true \
  --Media:Catalog:DemoLessons=10000 \
  --Media:Catalog:DemoRecordings=4 \
  --Media:Classroom:DemoClass=true \
  --Media:Review:DemoCampaignEntries=4 \
  "$@"
