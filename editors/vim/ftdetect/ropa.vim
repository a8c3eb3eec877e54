autocmd BufRead,BufNewFile *.ropa setfiletype ropa
