#!/usr/bin/env bash
# Makes sure Debian's headless Chromium and its WebDriver are installed before the gateway's browser
# tests run. The build calls it (gateway/pom.xml, pre-integration-test), so a fresh machine or CI
# needs no manual step. Installs with apt-get when missing (the build runs as root); otherwise a
# no-op. Skipped with -Dpagerboy.browser.skip-install=true.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1), chromedriver present"
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "ensure-chromium: chromium/chromedriver missing and not root: run 'apt-get install -y chromium chromium-driver'" >&2
  exit 1
fi
echo "ensure-chromium: installing chromium and chromium-driver with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version
