; Neovim folds for ropa: blocks (items and nested blocks), lists and text blocks.

[
  (block)
  (list)
  (text_block)
] @fold
