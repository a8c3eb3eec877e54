(block) @fold
(list) @fold
(text_block) @fold
