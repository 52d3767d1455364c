#!/usr/bin/env bash
# Installs what Media needs on a fresh Debian machine; safe to run again (installs only what is missing).
#   scripts/bootstrap.sh          what the host needs (ffmpeg, tesseract-ocr with Chinese, a CJK font for the demo lessons, npm packages of the web UI and of the web app in web/)
#   scripts/bootstrap.sh --test   plus what the tests drive (PostgreSQL, Chromium, Compose, Janus, iproute2, Azurite)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 1
fi
if ! command -v npm >/dev/null; then
  packages_node="nodejs npm"
fi

packages=(ffmpeg tesseract-ocr tesseract-ocr-chi-sim fonts-wqy-microhei ${packages_node:-})
if [[ "${1:-}" == "--test" ]]; then
  packages+=(postgresql chromium docker-compose janus janus-tools iproute2 redis-server nginx-light)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
fi

npm_ci() {
  # package-lock.json pins every version; node_modules/.package-lock.json marks a finished install.
  if [[ ! -f "$1/node_modules/.package-lock.json" || "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]]; then
    (cd "$1" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  fi
}
npm_ci "$root/server/Media.Server"
npm_ci "$root/web"
if [[ "${1:-}" == "--test" ]]; then
  npm_ci "$root/tests"
fi
