#!/usr/bin/env bash
# Copies the SARIF 2.1.0 JSON schema that test/unit/sarif.test.ts validates our output against
# into test/fixtures/sarif/. Its source: the npm package @microsoft/jest-sarif (Microsoft's
# sarif-js-sdk, MIT), file lib/schemas/sarif-2.1.0-rtm.5.json, the schema @types/sarif is typed
# from. Fetched with npm pack (the npm registry), never from the web; rerun to refresh.
set -euo pipefail
PKG=@microsoft/jest-sarif@1.0.0-beta.0
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack "$PKG" --silent >/dev/null && tar xzf ./*.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json package/package.json)
cp "$TMP/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$ROOT/test/fixtures/sarif/sarif-schema-2.1.0-rtm.5.json"
echo "copied from $PKG ($(node -p "require('$TMP/package/package.json').license") licence)"
