-- Detect `.ropa` files (works on every Neovim version that reads ftdetect/*.lua).
vim.cmd([[autocmd BufRead,BufNewFile *.ropa setfiletype ropa]])
