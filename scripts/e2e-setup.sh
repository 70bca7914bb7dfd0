#!/usr/bin/env bash
# Idempotent setup for the real-VS Code e2e tests (test/e2e/run.mjs).
# Installs, only when missing: Debian's chromium, libkrb5-dev and ripgrep (needed to build
# code-server's native addons offline), and code-server into a cache OUTSIDE the clone so
# fresh CI clones on the same machine reuse it. See the design notes (shared/design/real-vscode.md) §1, §5.
# Prints the code-server binary path on its last line.
set -euo pipefail

CS_VERSION=4.100.3            # newest code-server on npm whose engines.node is 20 (VS Code 1.100.3)
RG_PKG_VERSION=1.15.11        # @vscode/ripgrep version bundled by code-server 4.100.3
RG_TAG=v13.0.0-10             # its ripgrep release tag (VERSION in @vscode/ripgrep)
CACHE="${E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/export-control-rules-vscode-e2e}"
CS_DIR="$CACHE/code-server-$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
mkdir -p "$CACHE"

say() { echo "e2e-setup: $*" >&2; }

need=()
for p in chromium libkrb5-dev ripgrep; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  say "installing apt packages: ${need[*]}"
  SUDO=(); [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
  if ! { "${SUDO[@]}" apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${need[@]}"; } \
       >"$CACHE/apt.log" 2>&1; then
    tail -20 "$CACHE/apt.log" >&2
    say "apt-get failed; full log: $CACHE/apt.log"
    exit 1
  fi
fi

# --version both proves the install is complete and catches half-finished ones.
# XDG_* keep code-server from writing config/logs into $HOME even for --version.
cs_ok() {
  XDG_CONFIG_HOME="$CACHE/xdg-config" XDG_DATA_HOME="$CACHE/xdg-data" \
    "$CS_BIN" --version 2>/dev/null | grep -q "^$CS_VERSION "
}

if ! cs_ok; then
  say "installing code-server $CS_VERSION into $CS_DIR (native compiles, ~1-2 min)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  # @vscode/ripgrep's postinstall downloads rg from GitHub; seed its download cache with Debian's rg.
  rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG_VERSION"
  mkdir -p "$rg_cache"
  tar czf "$rg_cache/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  # npm_config_yes: node-pty runs `npx node-gyp`; npm_config_unsafe_perm: postinstall.sh as root.
  if ! ( cd "$CS_DIR" && npm_config_yes=true npm_config_unsafe_perm=true \
        npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CS_VERSION" ) \
        >"$CACHE/install.log" 2>&1; then
    tail -40 "$CACHE/install.log" >&2
    say "code-server install failed; full log: $CACHE/install.log"
    exit 1
  fi
  if ! cs_ok; then
    tail -20 "$CACHE/install.log" >&2
    say "code-server installed but '$CS_BIN --version' does not report $CS_VERSION"
    exit 1
  fi
fi

echo "$CS_BIN"
