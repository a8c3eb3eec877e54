-- Neovim 0.11+: `vim.lsp.enable('ropa')` picks this up from the runtimepath.
return {
  cmd = { 'ropa', 'lsp' },
  filetypes = { 'ropa' },
  root_markers = { 'ropa.toml', '.git' },
}
