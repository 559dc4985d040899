#!/usr/bin/env bash
# Installs exactly what parley needs to build and test, from Debian's packages.
# Quick when everything is already there: dpkg is asked first, apt only when needed.
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config
  libicu-dev libre2-dev libgumbo-dev libsqlite3-dev zlib1g-dev libxxhash-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
