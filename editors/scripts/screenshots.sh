#!/usr/bin/env bash
# Takes the editor screenshots in docs/img/, for real:
#
#   neovim-diagnostics.png   Neovim on examples/findings/activities/marketing.ropa: signs + virtual text
#   neovim-hover.png         `K` on `consent`: the hover float with the GDPR article
#   neovim-completion.png    <C-x><C-o> on an empty line of an activity: the keys the server offers
#   neovim-code-action.png   vim.lsp.buf.code_action() on the typo `hetzer`: the quick fixes
#   vscode-highlighting.png  the VS Code extension's TextMate grammar with Dark+ colours
#                            (tm-preview.mjs; a rendering of the grammar, not a VS Code window)
#
# Neovim runs in a detached tmux session (its own socket) with the plugin from editors/neovim and
# the `ropa lsp` binary; `tmux capture-pane -e` gives the screen with its colours, ansi2html turns
# it into HTML and headless Chromium into a PNG.
#
#   cargo build --release -p ropa-cli && editors/scripts/screenshots.sh
#
# Needs: nvim (0.7+), tmux, chromium, python3 with venv (ansi2html is pip-installed into
# $VENV, default /tmp/ropa-screenshots-venv), node + editors/vscode/node_modules (npm ci).
# Optional: the tree-sitter CLI and a C compiler, to build the parser (ABI 14, so that Neovim
# 0.7 - 0.10 load it) for highlighting; without them the Neovim shots have no highlighting.
# Environment: ROPA_BIN (default target/release/ropa), OUT_DIR (default docs/img),
# ROPA_TODAY (default 2026-11-22, so that expiry findings do not change with the clock),
# CHROMIUM (default chromium), KEEP=1 (keep the work directory with the .ansi and .html files).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${ROPA_BIN:-$repo/target/release/ropa}
out=${OUT_DIR:-$repo/docs/img}
venv=${VENV:-/tmp/ropa-screenshots-venv}
chromium=${CHROMIUM:-chromium}
export ROPA_TODAY=${ROPA_TODAY:-2026-11-22}
cols=120
rows=40

for tool in nvim tmux "$chromium" python3 node; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is not installed" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "screenshots.sh: no ropa binary at $bin (cargo build --release -p ropa-cli)" >&2; exit 1; }
mkdir -p "$out"

work=$(mktemp -d /tmp/ropa-screenshots.XXXXXX)
sock=ropa-screenshots-$$
tmx() { tmux -L "$sock" "$@"; }
cleanup() {
  tmx kill-server 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import ansi2html' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet ansi2html
fi

# --- tree-sitter parser (optional) ------------------------------------------------------------
mkdir -p "$work/rt/parser"
if command -v tree-sitter >/dev/null && command -v cc >/dev/null; then
  mkdir -p "$work/grammar"
  cp "$repo/grammar/grammar.js" "$repo/grammar/tree-sitter.json" "$work/grammar/"
  (cd "$work/grammar" && tree-sitter generate --abi 14 >/dev/null &&
    cc -shared -fPIC -O2 -I src src/parser.c -o "$work/rt/parser/ropa.so")
else
  echo "screenshots.sh: no tree-sitter CLI or cc: the Neovim shots will have no highlighting" >&2
fi

# --- Neovim config: what a user's init.lua would hold -----------------------------------------
cat >"$work/init.lua" <<EOF
vim.opt.runtimepath:append('$repo/editors/neovim')
vim.opt.runtimepath:append('$work/rt')
vim.cmd('filetype plugin on')
vim.cmd('syntax on')
vim.o.termguicolors = true
vim.cmd('colorscheme desert')
vim.cmd([[
  highlight SignColumn guibg=#333333
  highlight EndOfBuffer guibg=#333333 guifg=#6a6a6a
  highlight Pmenu guibg=#4a4a4a guifg=#e8e8e8
  highlight PmenuSel guibg=#6b8e23 guifg=#ffffff gui=bold
  highlight PmenuSbar guibg=#4a4a4a
  highlight PmenuThumb guibg=#a0a0a0
  highlight NormalFloat guibg=#262626 guifg=#e8e8e8
  highlight FloatBorder guibg=#262626 guifg=#87ceeb
]])
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.wrap = false
vim.o.swapfile = false
vim.o.shada = ''
vim.o.completeopt = 'menuone,noinsert'
vim.o.pumheight = 12
vim.diagnostic.config({ virtual_text = true, signs = true, underline = true, severity_sort = true })

local function mark(name, text)
  local f = io.open('$work/' .. name, 'w')
  f:write(text or '')
  f:close()
end

local hover = vim.lsp.with(vim.lsp.handlers.hover, { border = 'rounded' })
vim.lsp.handlers['textDocument/hover'] = function(...)
  local r = hover(...)
  vim.defer_fn(function() mark('hover.done') end, 200)
  return r
end

require('ropa').setup({
  cmd = { '$bin', 'lsp' },
  on_attach = function(_, buf)
    vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc'
    vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = buf })
  end,
})

-- Highlighting with the tree-sitter parser and editors/neovim/queries/ropa/highlights.scm.
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'ropa',
  callback = function(args)
    pcall(function()
      if vim.treesitter.start then
        vim.treesitter.start(args.buf, 'ropa')
      else
        vim.treesitter.highlighter.new(vim.treesitter.get_parser(args.buf, 'ropa'))
      end
    end)
  end,
})

vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function() mark('diagnostics', tostring(#vim.diagnostic.get(0))) end,
})
vim.api.nvim_create_autocmd('CompleteChanged', {
  callback = function() vim.defer_fn(function() mark('complete.done') end, 200) end,
})
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local function color(group, what)
      return vim.fn.synIDattr(vim.fn.synIDtrans(vim.fn.hlID(group)), what .. '#')
    end
    mark('colors', color('Normal', 'bg') .. ' ' .. color('Normal', 'fg'))
  end,
})
EOF

# --- helpers ------------------------------------------------------------------------------------
wait_file() { # wait_file NAME SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [ -e "$work/$1" ] && return 0
    sleep 0.1
  done
  echo "screenshots.sh: timed out waiting for $1" >&2
  tmx capture-pane -p -t ropa >&2 || true
  exit 1
}
wait_text() { # wait_text TEXT SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    tmx capture-pane -p -t ropa | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "screenshots.sh: timed out waiting for '$1' on the screen" >&2
  tmx capture-pane -p -t ropa >&2 || true
  exit 1
}
keys() { tmx send-keys -t ropa "$@"; sleep 0.3; }
ex() { keys ":$1" Enter; }

render() { # render HTML PNG WIDTH HEIGHT
  local profile
  profile=$(mktemp -d "$work/chromium.XXXXXX")
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$profile" \
    --screenshot="$2" --window-size="$3,$4" "file://$1" >/dev/null 2>&1
  [ -s "$2" ] || { echo "screenshots.sh: chromium wrote no $2" >&2; exit 1; }
  echo "wrote $2"
}

cat >"$work/ansi2page.py" <<'EOF'
import re
import sys
from ansi2html import Ansi2HTMLConverter

src, dst, bg, fg = sys.argv[1:5]
text = open(src, encoding='utf-8').read().rstrip('\n')
# ansi2html does not know SGR 58 (underline colour; Neovim's diagnostic underlines) and would
# misread its arguments: drop it, the underline then takes the text colour.
text = re.sub(r'\x1b\[58;(?:2;\d+;\d+;\d+|5;\d+)m', '', text)
body = Ansi2HTMLConverter(dark_bg=True, inline=True, line_wrap=False).convert(text, full=False)
with open(dst, 'w', encoding='utf-8') as f:
    f.write(f'''<!doctype html><html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; background: {bg}; }}
pre {{ margin: 0; padding: 8px; color: {fg}; background: {bg};
      font: 16px/20px 'DejaVu Sans Mono', monospace; white-space: pre; }}
</style></head><body><pre>{body}</pre></body></html>
''')
EOF

shot() { # shot NAME: the tmux screen as docs/img/NAME.png
  tmx capture-pane -e -p -t ropa >"$work/$1.ansi"
  read -r bg fg <"$work/colors" || true  # no trailing newline
  "$venv/bin/python" "$work/ansi2page.py" "$work/$1.ansi" "$work/$1.html" "${bg:-#000000}" "${fg:-#ffffff}"
  # DejaVu Sans Mono at 16px: 9.63px per column, 20px per row, 8px padding.
  render "$work/$1.html" "$out/$1.png" $((cols * 963 / 100 + 16)) $((rows * 20 + 16))
}

# --- Neovim ---------------------------------------------------------------------------------
cp -r "$repo/examples/findings" "$work/findings"
tmx new-session -d -x "$cols" -y "$rows" -s ropa -c "$work/findings" \
  "env ROPA_TODAY=$ROPA_TODAY XDG_CONFIG_HOME=$work/xdg XDG_DATA_HOME=$work/xdg XDG_STATE_HOME=$work/xdg nvim -u $work/init.lua activities/marketing.ropa"

# (a) diagnostics: wait until they arrived and stopped changing, show the ad_targeting activity.
wait_file diagnostics 20
prev=""
for _ in $(seq 20); do
  now=$(cat "$work/diagnostics")
  [ "$now" = "$prev" ] && break
  prev=$now
  sleep 0.5
done
ex 'call cursor(53, 1) | normal! zt'
keys C-l
shot neovim-diagnostics

# (b) hover on `consent` (newsletter, line 9).
ex 'call cursor(1, 1) | normal! zt'
ex 'call cursor(9, 15)'
keys C-l
rm -f "$work/hover.done"
keys K
wait_file hover.done 10
shot neovim-hover
keys Escape

# (c) completion on a new line in b2b_crm, after `processors [hetzner]` (line 106).
ex 'call cursor(93, 1) | normal! zt'
ex 'call cursor(106, 1)'
keys C-l
rm -f "$work/complete.done"
keys o
keys C-x C-o
wait_file complete.done 10
shot neovim-completion
keys C-e Escape u

# (d) code actions on the typo `hetzer` (line 118).
ex 'call cursor(90, 1) | normal! zt'
ex 'call cursor(118, 16)'
keys C-l
ex 'lua vim.lsp.buf.code_action()'
wait_text 'Code actions:' 10
sleep 0.3
shot neovim-code-action
keys Escape
ex 'qa!'

# --- VS Code grammar ----------------------------------------------------------------------------
if [ ! -d "$repo/editors/vscode/node_modules/vscode-textmate" ]; then
  (cd "$repo/editors/vscode" && npm ci --ignore-scripts)
fi
node "$repo/editors/scripts/tm-preview.mjs" \
  "$repo/examples/muster-marketing/activities/chatbot.ropa" "$work/tm.html"
render "$work/tm.html" "$out/vscode-highlighting.png" 1680 1260
