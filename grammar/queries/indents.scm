(block) @indent
(list) @indent
"}" @outdent
"]" @outdent
