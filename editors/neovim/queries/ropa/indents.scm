; Neovim indentation for ropa (nvim-treesitter's indent module).

; The contents of a block or a list are indented one level …
[
  (block)
  (list)
] @indent.begin

; … and a line that starts with the closing `}` or `]` goes back out.
(block
  "}" @indent.branch @indent.end)

(list
  "]" @indent.branch @indent.end)

; Keep the author's indentation inside text blocks; a new line copies the previous one's.
(text_block) @indent.ignore @indent.auto
