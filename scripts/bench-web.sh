#!/usr/bin/env bash
# make bench-web: the page's two budgets, measured (not a pass/fail test):
# the wasm's gzip size (budget 1 MiB) and the time from navigation to a
# console ready to type in headless Chromium on localhost (budget 300 ms).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
[ -f dist/sockplay.wasm.gz ] || make --no-print-directory dist
[ -d scripts/e2e/node_modules/playwright-core ] || (cd scripts/e2e && npm ci --no-audit --no-fund --loglevel=error)
raw=$(stat -c %s dist/sockplay.wasm)
gz=$(stat -c %s dist/sockplay.wasm.gz)
gz9=$(gzip -9 -c dist/sockplay.wasm | wc -c)
awk -v r="$raw" -v g="$gz" -v g9="$gz9" 'BEGIN {
  printf "wasm: %.2f MiB raw, %.3f MiB gzip as served (budget 1 MiB: %s); gzip -9 would give %.3f MiB\n", r/1048576, g/1048576, (g <= 1048576 ? "ok" : "OVER"), g9/1048576 }'
node scripts/e2e/bench.mjs
