#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine, starts the real services they use
# (a throw-away PostgreSQL cluster; Azurite and Chromium are started by the tests), and runs every test.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/bootstrap.sh" --test

work=$(mktemp -d /tmp/media-tests.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pg_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
chmod 755 "$work"
mkdir -p "$work/pg"
echo "$pg_password" > "$work/pg-password"
as_postgres() { if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
[[ $(id -u) -eq 0 ]] && chown -R postgres "$work/pg" "$work/pg-password"
cleanup() {
  as_postgres "$pg_bin/pg_ctl -D '$work/pg/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
as_postgres "$pg_bin/initdb -D '$work/pg/data' -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile='$work/pg-password' -E UTF8 --locale=C.UTF-8" >/dev/null
as_postgres "$pg_bin/pg_ctl -D '$work/pg/data' -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$work/pg'\" -l '$work/pg/log' -w start" >/dev/null
export MEDIA_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=postgres"
export MEDIA_TEST_REQUIRE_SERVICES=1

dotnet build Media.sln -c Release -nologo -v quiet
set +e
dotnet test --solution Media.sln -c Release --no-build --results-directory "$work/results" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}

# Live media (Janus + Chromium) runs in a network namespace of its own: Janus offers no loopback ICE candidates,
# and media must never touch a real interface. A veth pair gives it one private, non-loopback address.
unshare -n sh -c 'ip link set lo up && ip link add v0 type veth peer name v1 && ip addr add 10.77.0.1/24 dev v0 \
  && ip link set v0 up && ip link set v1 up \
  && MEDIA_TEST_NETNS=1 exec dotnet test --project tests/Media.LiveMedia.Tests -c Release --no-build --results-directory "$0/results-netns"' "$work" \
  2>&1 | tee "$work/test-netns.log"
netns_status=${PIPESTATUS[0]}
set -e
# One closing line in the plain form CI reads: "N passed, N failed, N skipped". The live-media tests are skipped
# in the first pass and run in the second, so they count once, as run.
awk '/^  succeeded:/ {p=$2} /^  failed:/ {f=$2} /^  skipped:/ {s=$2} END {print p, f, s}' "$work/test.log" > "$work/counts"
awk '/^  succeeded:/ {p=$2} /^  failed:/ {f=$2} /^  skipped:/ {s=$2} END {print p, f, s}' "$work/test-netns.log" >> "$work/counts"
# CI keeps only the end of the output: name each failed test there, with the first lines of why and the line of
# test code it failed in.
if grep -q '^failed ' "$work/test.log" "$work/test-netns.log"; then
  echo "Failed tests:"
  awk '/^failed / {n=4; look=60; found=0}
       n > 0 {print "  " $0; n--; next}
       look > 0 {look--; if (!found && $0 ~ /\/tests\/[^ ]*\.cs:[0-9]+/) {print "  " $0; found=1}}' \
    "$work/test.log" "$work/test-netns.log" | cut -c1-400
fi
awk 'NR==1 {p=$1; f=$2; s=$3} NR==2 {p+=$1; f+=$2; s-=($1+$2)} END {printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s}' "$work/counts"
if [[ "$status" -ne 0 ]]; then exit "$status"; fi
exit "$netns_status"
