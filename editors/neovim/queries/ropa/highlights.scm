; Neovim highlights for ropa (nvim-treesitter capture names).
;
; Precedence: when several patterns capture the same node, the LATER one wins. So general
; patterns come first and the specific ones that refine them later.

; Punctuation ---------------------------------------------------------------------------------

[
  "{"
  "}"
  "["
  "]"
] @punctuation.bracket

[
  ","
  ";"
] @punctuation.delimiter

; Items ---------------------------------------------------------------------------------------

; controller, processor, activity, category, subject, section, client
(item_kind) @keyword

; `processor openai { … }`: the id defines a name that lists like `processors [openai]` refer to.
(item
  name: (identifier) @type.definition)

; Fields --------------------------------------------------------------------------------------

(field
  key: (identifier) @property)

; Literals ------------------------------------------------------------------------------------

(string) @string

; `"""` … `"""`: multi-line prose (privacy notices), so spell-checked.
(text_block) @string @spell

(integer) @number

; `90 days`, `1 year`: amount and unit read as one literal.
(duration) @number

; `2024-03-01`
(date) @string.special

(boolean) @boolean

; Identifier values: references to definitions and built-ins (`[customers, prospects]`,
; `provider openai`) …
(field
  value: (identifier) @variable)

(list
  element: (identifier) @variable)

; … except the schema's keywords, which are fixed values rather than references. They only
; appear as the direct value of a field (`legal_basis consent`), never in lists.
; Legal bases, Art. 6(1)(a)-(f):
(field
  value: (identifier) @constant.builtin
  (#any-of? @constant.builtin
    "consent" "contract" "legal_obligation" "vital_interests" "public_task"
    "legitimate_interest"))

; Art. 9(2) grounds for special categories (`special_basis`):
(field
  value: (identifier) @constant.builtin
  (#any-of? @constant.builtin
    "explicit_consent" "employment" "non_profit" "made_public" "legal_claims"
    "substantial_public_interest" "health_care" "public_health" "research"))

; Third-country transfer mechanisms (`transfer`):
(field
  value: (identifier) @constant.builtin
  (#any-of? @constant.builtin "adequacy" "dpf" "scc" "bcr" "derogation"))

; `role`, `collection` and `scale`:
(field
  value: (identifier) @constant.builtin
  (#any-of? @constant.builtin
    "processor" "joint_controller" "controller" "direct" "indirect" "small" "large"))

; `place` of a `section`:
(field
  value: (identifier) @constant.builtin
  (#any-of? @constant.builtin
    "after_intro" "before_activities" "after_activities" "before_rights"))

; ISO 3166-1 alpha-2 country codes: `country IE`.
(field
  value: (identifier) @constant
  (#lua-match? @constant "^%u%u$"))

(list
  element: (identifier) @constant
  (#lua-match? @constant "^%u%u$"))

; Comments ------------------------------------------------------------------------------------

(comment) @comment @spell

; `// ropa-ignore RULE[, RULE…]: reason` suppresses diagnostics, like Rust's `#[allow(…)]`: an
; attribute of the code that follows rather than prose.
((comment) @attribute
  (#lua-match? @attribute "^//%s*ropa%-ignore"))
