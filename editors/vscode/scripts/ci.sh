#!/usr/bin/env bash
# Build, test and package the VS Code extension. Needs Node >= 20 and access to the npm registry.
#   editors/vscode/scripts/ci.sh            (from anywhere)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# --ignore-scripts: the only install scripts are esbuild's (an optional speed-up; its binary comes
# from the @esbuild/<platform> package either way) and @vscode/vsce-sign's, which fetches a signing
# binary from the internet when its optional platform package did not arrive. Packaging does not
# sign, and a CI run once failed in that script. Retried for passing registry errors.
for attempt in 1 2 3; do
  if npm ci --ignore-scripts --no-audit --no-fund; then break; fi
  [ "$attempt" = 3 ] && exit 1
  echo "npm ci failed (attempt $attempt); retrying" >&2
  sleep 5
done
npm run build
npm test
# The package goes to $ROPA_VSIX_OUT (.ci/run: target/vscode/ropa.vsix, which tests/editors/vscode.rs
# installs into code-server), else /tmp/ropa.vsix.
out=${ROPA_VSIX_OUT:-/tmp/ropa.vsix}
mkdir -p "$(dirname "$out")"
npx @vscode/vsce package --no-dependencies -o "$out"
