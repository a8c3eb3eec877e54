; Highlights for ropa (tree-sitter capture names; Neovim and Helix have their own copies).

(comment) @comment

(item kind: (item_kind) @keyword)
(item name: (identifier) @type)

(field key: (identifier) @property)

(string) @string
(text_block) @string
(date) @number
(integer) @number
(duration unit: (time_unit) @keyword)
(boolean) @constant.builtin

((identifier) @constant.builtin
  (#any-of? @constant.builtin
    "consent" "contract" "legal_obligation" "vital_interests" "public_task" "legitimate_interest"))

(field value: (identifier) @variable)
(list element: (identifier) @variable)

["{" "}" "[" "]"] @punctuation.bracket
["," ";"] @punctuation.delimiter
