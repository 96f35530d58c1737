#!/usr/bin/env bash
# Installs the Debian packages freshbench builds and runs with. Safe to run
# twice: packages already present are left alone and apt is not touched.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git curl ca-certificates
  librdkafka-dev libcurl4-openssl-dev nlohmann-json3-dev libcli11-dev
  libfmt-dev libspdlog-dev libyaml-cpp-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev libmariadb-dev
  openjdk-17-jre-headless maven
  python3-pip
  clickhouse-server clickhouse-client
)
# Extra groups, asked for by name: scripts/install-deps.sh test
for group in "$@"; do
  case "$group" in
    test) packages+=(mariadb-server chromium docker-compose) ;;
    dev) packages+=(clang-format) ;;
    *) echo "install-deps: unknown group '$group' (known: test, dev)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d keeps Debian from starting packaged servers (clickhouse-server):
# freshbench starts its own, on its own ports and data directory.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# ... nor at the next boot (systemd enables packaged services on install).
if [ -d /run/systemd/system ] && systemctl is-enabled --quiet clickhouse-server 2>/dev/null; then
  $SUDO systemctl disable --now clickhouse-server
fi
