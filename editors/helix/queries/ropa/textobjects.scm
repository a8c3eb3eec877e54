; Helix text objects for ropa.

; An item (`mat` / `mit`, the type text object): `processor openai { … }` and its block.
(item
  body: (block) @class.inside) @class.around

; A field (`mae` / `mie`, the entry text object): `country IE`, and its value or block.
(field
  value: (_) @entry.inside) @entry.around

(field
  body: (_) @entry.inside) @entry.around

; A list element.
(list
  element: (_) @entry.around)

; Comments (`mac` / `mic`): one line, or a run of line comments.
(comment) @comment.inside

(comment)+ @comment.around
