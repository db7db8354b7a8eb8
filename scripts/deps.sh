#!/usr/bin/env bash
# deps.sh: install the Debian packages winnow needs to build and test, only
# those that are missing. Sourced by the other scripts; safe to run alone.
set -euo pipefail

WN_PACKAGES=(gcc pkg-config meson ninja-build libglib2.0-dev libjson-glib-dev libxml2-dev
  libstemmer-dev iso-codes python3)

wn_install_deps() {
  local missing=()
  for p in "${WN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "winnow: installing missing packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  wn_install_deps
fi
