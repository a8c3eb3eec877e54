; Foldable regions: blocks (items and nested blocks), lists and text blocks, when they span lines.

[
  (block)
  (list)
  (text_block)
] @fold
