-- Neovim 0.11's own route, without setup(): the plugin on the runtime path, `ropa` on PATH,
-- and vim.lsp.enable('ropa'), which reads the plugin's lsp/ropa.lua.
vim.opt.runtimepath:prepend(assert(os.getenv('ROPA_NVIM_PLUGIN')))
vim.cmd('filetype plugin on')
vim.lsp.enable('ropa')
