#!/usr/bin/env bash
# Installs the system packages Winnow builds against (Debian/Ubuntu), or says
# exactly what to run when it cannot. Used by `make deps`, `make demo` and CI.
set -euo pipefail

packages=(pkg-config libxml2-dev zlib1g-dev libdeflate-dev libuchardet-dev libcld2-dev libzstd-dev libbrotli-dev libssl-dev libsqlite3-dev libcurl4-openssl-dev time zstd wget)
# Optional groups, by argument: `slurm` adds a real Slurm and munge for
# scripts/slurm-local.sh and the Slurm tests, and strace for the fetch test
# that counts DNS lookups (skipped without it); CI installs them.
for group in "$@"; do
  case "$group" in
    slurm) packages+=(slurm-wlm munge strace) ;;
    *) echo "winnow: unknown package group '$group' (known: slurm)" >&2; exit 64 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "winnow: needs ${missing[*]} (libxml2, zlib, libdeflate, uchardet and CLD2 development files, pkg-config, GNU time, wget for the WARC interop test); install them with your package manager" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "winnow: missing packages: ${missing[*]}. Run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "winnow: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q "${missing[@]}"
