#!/usr/bin/env bash
# End-to-end test in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) driven in Debian's
# headless Chromium by playwright-core, against the packaged .vsix (what users install).
# Installs the Debian packages it needs when missing; code-server itself is installed once into
# ~/.cache/tensor-shape-hints by the test harness (test/e2e/codeServer.ts; npm registry needed).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
# code-server's `kerberos` module builds from source against these headers.
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "== installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== packaging the extension"
npm run package --silent
vsix="tensor-shape-hints-linux-x64-$(node -p 'require("./package.json").version').vsix"
unzip -l "$vsix" | tail -1

echo "== end-to-end test of $vsix in code-server + $(chromium --version 2>/dev/null || echo chromium)"
E2E_VSIX="$vsix" npm run test:e2e --silent
