(source_file) @local.scope
(item name: (identifier) @local.definition)
(field value: (identifier) @local.reference)
(list element: (identifier) @local.reference)
