; Helix indentation for ropa: the contents of a block or a list are indented one level, and a
; line that starts with the closing `}` or `]` goes back out.

[
  (block)
  (list)
] @indent

[
  "}"
  "]"
] @outdent
