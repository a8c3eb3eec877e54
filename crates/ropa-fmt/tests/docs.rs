//! The examples of `docs/style.md` are what the formatter produces.

#![allow(clippy::unwrap_used)]

mod common;

fn ropa_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_start() == "```ropa" => current = Some(String::new()),
            Some(_) if line.trim_start() == "```" => blocks.extend(current.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn style_guide_examples_are_formatted() {
    let path = common::repo_root().join("docs/style.md");
    let blocks = ropa_blocks(&std::fs::read_to_string(path).unwrap());
    assert!(blocks.len() >= 6, "{} examples", blocks.len());
    let mut before = None;
    for block in blocks {
        assert!(common::check_roundtrip("docs/style.md", &block));
        if let Some(rest) = block.strip_prefix("// before\n") {
            before = Some(rest.to_string());
            continue;
        }
        let formatted = ropa_fmt::format(&block).unwrap();
        if let Some(after) = block.strip_prefix("// after\n") {
            let input = before
                .take()
                .expect("an `// after` example follows a `// before` one");
            assert_eq!(ropa_fmt::format(&input).unwrap(), after);
        } else {
            assert_eq!(
                formatted, block,
                "an example in docs/style.md is not formatted"
            );
        }
    }
}
