; Neovim locals for ropa. All ids share one namespace per file: an item id (`processor openai`)
; is a definition, and an identifier used as a value (`provider openai`, `processors [openai]`)
; is a reference. A workspace spans several files; the language server resolves names across
; them, this query only serves per-buffer features (e.g. highlighting the uses of an id).

(source_file) @local.scope

(item
  name: (identifier) @local.definition.type)

(field
  value: (identifier) @local.reference)

(list
  element: (identifier) @local.reference)
