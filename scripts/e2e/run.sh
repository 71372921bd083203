#!/usr/bin/env bash
# The browser end-to-end tests, from a fresh Debian machine: installs
# Chromium and Firefox ESR (and tcpdump, zopfli, Node) when missing, builds
# dist/, runs every test in Chromium, then the page's tests in Firefox.
set -euo pipefail
E2E="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
command -v zopfli >/dev/null 2>&1 || need+=(zopfli) # the wasm's gzip twin, see scripts/precompress
command -v brotli >/dev/null 2>&1 || need+=(brotli) # the wasm's brotli twin, what browsers receive
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "e2e: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

cd "$E2E"
npm ci --no-audit --no-fund --loglevel=error
make -C "$ROOT" --no-print-directory dist
bash "$ROOT/scripts/wasm-budget" "$ROOT/dist" # the engine within 1 MiB as served
node --test --test-concurrency=1 tests/
# The unit tests (unit-*.test.mjs) need no browser: once is enough.
BROWSER=firefox node --test --test-concurrency=1 $(ls tests/*.test.mjs | grep -v /unit-)
