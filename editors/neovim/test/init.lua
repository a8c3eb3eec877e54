-- Minimal config for the headless test: load the plugin from this folder, as a user would
-- with `set runtimepath+=…/editors/neovim`.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')
vim.opt.runtimepath:prepend(vim.fn.fnamemodify(here .. '..', ':p'))
vim.cmd('filetype plugin on')
require('ropa').setup({ cmd = { os.getenv('ROPA_BIN') or 'ropa', 'lsp' } })
