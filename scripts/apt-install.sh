#!/usr/bin/env bash
# Install Debian packages the project needs (ICU headers, chromium). Runs apt-get update once.
set -euo pipefail
if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=; fi
echo "cordon: installing Debian packages: $*" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
