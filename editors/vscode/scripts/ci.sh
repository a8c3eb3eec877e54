#!/usr/bin/env bash
# Build, test and package the VS Code extension. Needs Node >= 20 and access to the npm registry.
#   editors/vscode/scripts/ci.sh            (from anywhere)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm ci
npm run build
npm test
npx @vscode/vsce package --no-dependencies -o /tmp/ropa.vsix
