#!/usr/bin/env bash
# Vendors markdown-it, the notebook page's CommonMark renderer, from the npm
# registry at a pinned version, with its licence, into site/js/vendor/.
# Run it by hand to upgrade (change VERSION); the result is committed, so
# building the site needs no npm. Why markdown-it: CommonMark-compliant,
# well kept, one 120 KB file (about 40 KB gzip) with no dependencies to load,
# and with html: false it escapes every tag a document holds; its
# validateLink refuses javascript:, vbscript:, file: and data: (but images).
set -euo pipefail
VERSION=14.1.0
SHA512=sha512-a54IwgWPaeBCAAsv13YgmALOF1elABB08FxO9i+r4VFk5Vl4pKokRPeX8u5TCgSsPi6ec1otfLjdOpVcgbpshg==
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/site/js/vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm pack --silent "markdown-it@$VERSION" >/dev/null
got="sha512-$(openssl dgst -sha512 -binary "markdown-it-$VERSION.tgz" | base64 -w0)"
[ "$got" = "$SHA512" ] || { echo "markdown-it-$VERSION.tgz: integrity $got, want $SHA512" >&2; exit 1; }
tar xzf "markdown-it-$VERSION.tgz"
mkdir -p "$OUT"
cp package/dist/markdown-it.min.js "$OUT/markdown-it.min.js"
cp package/LICENSE "$OUT/markdown-it.LICENSE"
echo "vendored markdown-it $VERSION into $OUT"
