#!/usr/bin/env bash
# make test: everything that proves sockplay works, installing what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v tcpdump >/dev/null 2>&1 || need_apt+=(tcpdump)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== go vet"
go vet ./...
echo "== go test (native)"
go test -count=1 ./...
