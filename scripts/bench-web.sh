#!/usr/bin/env bash
# make bench-web: the page's two budgets, measured: the wasm's size as
# served (brotli; budget 1 MiB) and the time from navigation to a console
# ready to type in headless Chromium on localhost (budget 300 ms), and the
# playground at scale (scripts/e2e/bench-scale.mjs: PACKETS=100000).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
[ -f dist/sockplay.wasm.br ] || make --no-print-directory dist
[ -d scripts/e2e/node_modules/playwright-core ] || (cd scripts/e2e && npm ci --no-audit --no-fund --loglevel=error)
bash scripts/wasm-budget dist || true # printed here; make test judges it
node scripts/e2e/bench.mjs
