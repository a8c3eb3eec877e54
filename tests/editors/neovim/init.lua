-- Minimal config for the headless test: load the plugin from editors/neovim as a user would
-- (`set runtimepath+=…/editors/neovim`) and call setup(), which on 0.11+ is vim.lsp.enable().
vim.opt.runtimepath:prepend(assert(os.getenv('ROPA_NVIM_PLUGIN')))
vim.cmd('filetype plugin on')
require('ropa').setup({ cmd = { os.getenv('ROPA_BIN') or 'ropa', 'lsp' } })
