; Helix rainbow brackets for ropa (`editor.rainbow-brackets`).

[
  (block)
  (list)
] @rainbow.scope

[
  "{"
  "}"
  "["
  "]"
] @rainbow.bracket
