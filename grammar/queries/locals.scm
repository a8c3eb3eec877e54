; Definitions and references. All ids share one namespace per file: an item id (`processor
; openai`) is a definition, and an identifier used as a value (`provider openai`,
; `processors [openai]`) is a reference. A workspace spans several files, so the language server
; resolves names across files; this query only serves per-file tools such as
; `tree-sitter highlight`, which colours a reference like the definition it resolves to.

(source_file) @local.scope

(item
  name: (identifier) @local.definition)

(field
  value: (identifier) @local.reference)

(list
  element: (identifier) @local.reference)
