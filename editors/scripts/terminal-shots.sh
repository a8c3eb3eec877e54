#!/usr/bin/env bash
# Screenshots of the terminal editors, for real, for docs/editors.md: Helix 25.01, Neovim 0.11
# (vim.lsp.enable) and Emacs with eglot, each in tmux on examples/findings, the screen captured
# with its colours (tmux capture-pane -e), turned into HTML (ansi2html) and into a PNG (headless
# Chromium). VS Code's pictures come from its end-to-end test (ROPA_SCREENSHOTS=docs/img cargo
# test -p ropa-e2e --test vscode).
#
#   tests/install-tools.sh nvim helix && cargo build -p ropa-cli && editors/scripts/terminal-shots.sh
#
# Needs tmux, chromium, python3 (ansi2html is pip-installed into a venv under /tmp), emacs with
# eglot, the tree-sitter CLI and cc (the ABI-14 grammar for Helix and Neovim's highlighting).
# Environment: ONLY=helix|neovim|emacs (one editor's pictures), ROPA_BIN (default target/debug/ropa), OUT_DIR (default docs/img), ROPA_E2E_TOOLS.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${ROPA_BIN:-$repo/target/debug/ropa}
out=${OUT_DIR:-$repo/docs/img}
tools=${ROPA_E2E_TOOLS:-$HOME/.cache/ropa-e2e}
venv=/tmp/ropa-screenshots-venv
export ROPA_TODAY=${ROPA_TODAY:-2026-11-22}
work=$(mktemp -d /tmp/ropa-terminal-shots.XXXXXX)
sock=ropa-shots-$$
tmx() { tmux -L "$sock" "$@"; }
trap 'tmx kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$out" "$work/bin" "$work/home"
H=$work/home
ln -s "$bin" "$work/bin/ropa"
export PATH="$work/bin:$tools/bin:$PATH"
cp -r "$repo/examples/findings" "$work/ws"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import ansi2html' 2>/dev/null; then
  { [ -x "$venv/bin/pip" ] || "$(command -v /usr/bin/python3 || command -v python3)" -m venv --clear "$venv"; } && "$venv/bin/pip" install --quiet ansi2html
fi

wait_text() { # wait_text TEXT SECONDS
  for ((i = 0; i < $2 * 10; i++)); do
    tmx capture-pane -p | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "terminal-shots.sh: '$1' never appeared:" >&2; tmx capture-pane -p >&2; exit 1
}
keys() { tmx send-keys "$@"; sleep 0.4; }
shot() { # shot NAME BACKGROUND FOREGROUND
  tmx capture-pane -e -p >"$work/$1.ansi"
  "$venv/bin/python" - "$work/$1.ansi" "$work/$1.html" "$2" "$3" <<'PY'
import re, sys
from ansi2html import Ansi2HTMLConverter
src, dst, bg, fg = sys.argv[1:5]
text = re.sub(r'\x1b\[58;(?:2;\d+;\d+;\d+|5;\d+)m', '', open(src, encoding='utf-8').read().rstrip('\n'))
body = Ansi2HTMLConverter(dark_bg=True, inline=True, line_wrap=False).convert(text, full=False)
open(dst, 'w', encoding='utf-8').write(f'''<!doctype html><meta charset="utf-8"><style>
html, body {{ margin: 0; background: {bg}; }} pre {{ margin: 0; padding: 8px; color: {fg};
background: {bg}; font: 15px/19px 'DejaVu Sans Mono', monospace; white-space: pre; }}</style>
<pre>{body}</pre>''')
PY
  chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --force-device-scale-factor=1 --user-data-dir="$work/chromium" \
    --screenshot="$out/$1.png" --window-size=1300,780 "file://$work/$1.html" >/dev/null 2>&1
  echo "wrote $out/$1.png"
}
start() { # start COMMAND…: a 140 × 40 terminal in the workspace
  tmx kill-server 2>/dev/null || true
  tmx -f /dev/null new-session -d -x 140 -y 40 -c "$work/ws" "$@"
}

# The parser for Neovim (0.11 reads ABI 15: the committed grammar/src) and, for Helix 25.01
# (ABI 13-14), an ABI-14 build, which needs the tree-sitter CLI (without it: no Helix pictures).
mkdir -p "$work/nvim-site/parser"
cc -shared -fPIC -O2 -I "$repo/grammar/src" "$repo/grammar/src/parser.c" -o "$work/nvim-site/parser/ropa.so"
if [ -z "${ONLY:-}" ] || [ "$ONLY" = helix ]; then
mkdir -p "$work/g14"
cp "$repo/grammar/grammar.js" "$repo/grammar/tree-sitter.json" "$work/g14/"
(cd "$work/g14" && tree-sitter generate --abi 14 >/dev/null)

# --- Helix: configured as editors/helix/README.md says -----------------------------------------
mkdir -p "$H/.config/helix/runtime/grammars" "$H/.config/helix/runtime/queries"
sed "s|^source = .*|source = { path = \"$work/g14\" }|" "$repo/editors/helix/languages.toml" >"$H/.config/helix/languages.toml"
cp -r "$repo/editors/helix/queries/ropa" "$H/.config/helix/runtime/queries/"
printf '[editor]\nend-of-line-diagnostics = "hint"\n[editor.inline-diagnostics]\ncursor-line = "hint"\n[editor.lsp]\ndisplay-inlay-hints = true\n' >"$H/.config/helix/config.toml"
HOME=$H hx --grammar build >/dev/null
start env HOME="$H" hx activities/marketing.ropa
wait_text "which has no AVV" 30
keys ":28" Enter
sleep 1
shot helix-diagnostics '#3b224c' '#a4a0e8'
keys "/" "legal_basis consent" Enter
keys Space k
wait_text "Art. 6(1)" 15
shot helix-hover '#3b224c' '#a4a0e8'
keys Escape
fi

# --- Neovim 0.11: vim.lsp.enable('ropa'), tree-sitter highlighting ----------------------------
if [ -z "${ONLY:-}" ] || [ "$ONLY" = neovim ]; then
cat >"$work/init.lua" <<INIT
vim.opt.runtimepath:prepend('$repo/editors/neovim')
vim.opt.runtimepath:append('$work/nvim-site')
vim.cmd('filetype plugin on')
vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.swapfile = false
vim.diagnostic.config({ virtual_text = true, signs = true, underline = true, severity_sort = true })
vim.lsp.enable('ropa')
vim.api.nvim_create_autocmd('FileType', { pattern = 'ropa', callback = function(a) vim.treesitter.start(a.buf, 'ropa') end })
vim.api.nvim_create_autocmd('LspAttach', { callback = function(a) vim.lsp.inlay_hint.enable(true, { bufnr = a.buf }) end })
INIT
start env HOME="$H" XDG_CONFIG_HOME="$H/.config-nvim" XDG_STATE_HOME="$H/.state" XDG_DATA_HOME="$H/.data" nvim-0.11 -i NONE -u "$work/init.lua" activities/marketing.ropa
wait_text "has no AVV" 30
keys ":22" Enter
keys "z" "t"
sleep 1
shot neovim-0.11-diagnostics '#14161b' '#e0e2ea'
fi

# --- Emacs + eglot with editors/emacs ------------------------------------------------------------
if [ -z "${ONLY:-}" ] || [ "$ONLY" = emacs ]; then
cat >"$work/init.el" <<INIT
;; -q, not -Q: Debian activates elpa-eglot in site-start, which -Q skips.
(add-to-list 'load-path "$repo/editors/emacs")
(require 'ropa-mode)
(require 'eglot)
(add-hook 'ropa-mode-hook #'eglot-ensure)
(setq inhibit-startup-screen t)
(load-theme 'wombat t)
(global-display-line-numbers-mode 1)
INIT
start env HOME="$H" TERM=xterm-256color COLORTERM=truecolor emacs -nw -q -l "$work/init.el" activities/marketing.ropa
wait_text "eglot" 30
sleep 4
keys M-x "goto-line" Enter "28" Enter
keys M-x "flymake-show-buffer-diagnostics" Enter
sleep 2
shot emacs-eglot '#242424' '#f6f3e8'
fi
