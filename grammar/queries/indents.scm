; Indentation: the contents of a block or a list are indented one level; a line that starts with
; the closing `}` or `]` goes back out. (`@indent` / `@outdent`, the convention Helix uses; the
; editor-specific versions are in editors/{neovim,helix}/queries/ropa/.)

[
  (block)
  (list)
] @indent

[
  "}"
  "]"
] @outdent
