#!/usr/bin/env bash
# Builds the playground: ropa compiled to WebAssembly, inlined with the page's script and style
# into one self-contained file, playground/dist/index.html, that works from file:// or any
# static server, offline. Needs: rustup target wasm32-unknown-unknown, a clang that targets
# wasm32 (Debian: clang-19; for tree-sitter's C code) and llvm-ar. (wasm-opt -Oz would save 17 %
# of the module, 2.4 -> 2.0 MB, for two minutes of CI; not used.)
#   playground/build.sh            (from anywhere)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pick() { for c in "$@"; do if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return; fi; done; }
export CC_wasm32_unknown_unknown="${CC_wasm32_unknown_unknown:-$(pick clang-19 clang)}"
export AR_wasm32_unknown_unknown="${AR_wasm32_unknown_unknown:-$(pick llvm-ar-19 llvm-ar)}"
if [ -z "$CC_wasm32_unknown_unknown" ] || [ -z "$AR_wasm32_unknown_unknown" ]; then
  echo "playground/build.sh: needs clang and llvm-ar (apt-get install clang-19 llvm-19 lld-19)" >&2
  exit 2
fi

# No debug information in the module: it is downloaded by every visitor.
CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true \
  cargo build --locked --release -p ropa-playground --target wasm32-unknown-unknown
wasm=target/wasm32-unknown-unknown/release/ropa_playground.wasm
mkdir -p playground/dist
cp "$wasm" playground/dist/ropa.wasm

# One file: the module as base64 in the script (fetch() of a file next to the page fails under
# file://), the script and the style inline.
python3 - <<'PY'
import base64, pathlib
web = pathlib.Path("playground/web")
dist = pathlib.Path("playground/dist")
page = (web / "index.html").read_text(encoding="utf-8")
wasm = base64.b64encode((dist / "ropa.wasm").read_bytes()).decode("ascii")
script = (web / "playground.js").read_text(encoding="utf-8")
sample = (web / "sample.ropa").read_text(encoding="utf-8")
page = page.replace("/*STYLE*/", (web / "style.css").read_text(encoding="utf-8"))
page = page.replace("<!--SAMPLE-->", sample.replace("&", "&amp;").replace("<", "&lt;"))
page = page.replace("/*SCRIPT*/", f'const ROPA_WASM = "{wasm}";\n' + script)
(dist / "index.html").write_text(page, encoding="utf-8")
print(f"playground/dist/index.html: {len(page.encode()) // 1024} KiB (module {len(wasm) * 3 // 4 // 1024} KiB)")
PY
