#!/usr/bin/env bash
# make test: everything that proves sockplay works, on a fresh Debian
# machine: installs what it needs (tcpdump, tshark, Chromium, the npm lockfile).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

if ! command -v tcpdump >/dev/null 2>&1; then
  echo "== installing tcpdump"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tcpdump >/dev/null
fi

if ! command -v tshark >/dev/null 2>&1; then
  echo "== installing tshark (the analysis is tested against Wireshark's)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark >/dev/null
fi

if ! /usr/bin/python3 -c "import nbformat" >/dev/null 2>&1; then
  echo "== installing python3-nbformat (the .ipynb export is checked by nbformat's own validator and v4.5 schema)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-nbformat >/dev/null
fi

if ! /usr/bin/python3 -c "import nbconvert" >/dev/null 2>&1; then
  echo "== installing python3-nbconvert (the .ipynb exports are rendered by Jupyter's own HTML exporter)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-nbconvert >/dev/null
fi

if ! command -v ip >/dev/null 2>&1; then # core/pkt's comparison with the kernel in network namespaces
  echo "== installing iproute2"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null
fi

if ! fc-list :lang=zh 2>/dev/null | grep -q .; then # the zh-CN screens are drawn with a system CJK font, as a learner's would be
  echo "== installing a Chinese font (fonts-wqy-microhei)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei fontconfig >/dev/null
fi

echo "== go vet"
go vet ./...

echo "== go test (native; fuzz seed corpora included)"
go test -count=1 ./...

echo "== go test (interoperability with gVisor's netstack, its own module)"
(cd core/interop && go vet ./... && go test -count=1 ./...)

echo "== go test (GOOS=js GOARCH=wasm under Node: the bridge, and the engine's traces)"
WASMEXEC="$(go env GOROOT)/lib/wasm/go_js_wasm_exec"
# (with the collector the page's build uses: see WASMENV in the Makefile)
GOOS=js GOARCH=wasm GOEXPERIMENT=nogreenteagc go test -count=1 -exec="$WASMEXEC" ./wasm/... ./core/session/...
for variant in notebook exercise pkt; do # the other engines' bridges (wasm/tables_*.go)
  GOOS=js GOARCH=wasm GOEXPERIMENT=nogreenteagc go test -count=1 -tags "$variant" -exec="$WASMEXEC" ./wasm/...
done

echo "== the bridge from JavaScript under Node: wrong types, 100 MB strings, the notebook engine (wasm/test)"
BRIDGE_WASM="$(mktemp -d)"
GOOS=js GOARCH=wasm GOEXPERIMENT=nogreenteagc go build -o "$BRIDGE_WASM/sockplay.wasm" ./wasm
GOOS=js GOARCH=wasm GOEXPERIMENT=nogreenteagc go build -tags notebook -o "$BRIDGE_WASM/sockplay-notebook.wasm" ./wasm
SOCKPLAY_WASM="$BRIDGE_WASM/sockplay.wasm" SOCKPLAY_NOTEBOOK_WASM="$BRIDGE_WASM/sockplay-notebook.wasm" node --test wasm/test/
rm -rf "$BRIDGE_WASM"

echo "== sockplay grade's JUnit XML (xmllint, Jenkins' and Ant's schemas) and TAP 14 (tap-parser) (scripts/grade-formats)"
if ! command -v xmllint >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi
(cd scripts/grade-formats && npm ci --no-audit --no-fund --silent)
GRADE_BIN="$(mktemp -d)"
go build -o "$GRADE_BIN/sockplay" ./core/cmd/sockplay
SOCKPLAY="$GRADE_BIN/sockplay" node --test scripts/grade-formats/
rm -rf "$GRADE_BIN"

echo "== end-to-end tests in headless Chromium"
bash scripts/e2e/run.sh
