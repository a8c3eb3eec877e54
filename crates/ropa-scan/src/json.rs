//! JSON with byte ranges (jsonc-parser, the parser of dprint and Deno): every sighting points at
//! the exact key or value it comes from.

pub(crate) use jsonc_parser::ast::Value;

/// Nesting deeper than this is not read (a recursive parser must not run out of stack on a
/// hostile file); real manifests, exports and HAR files nest fewer than 20 levels.
const MAX_DEPTH: usize = 256;

/// Parses `text`; `None` when it is not JSON or nests too deep.
pub(crate) fn parse(text: &str) -> Option<Value<'_>> {
    if depth(text) > MAX_DEPTH {
        return None;
    }
    let options = jsonc_parser::ParseOptions::default();
    let collect = jsonc_parser::CollectOptions::default();
    jsonc_parser::parse_to_ast(text, &collect, &options)
        .ok()?
        .value
}

/// The deepest nesting of `[` and `{` outside strings.
fn depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &c in text.as_bytes() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The value of property `name` of an object value.
pub(crate) fn get<'v, 'a>(value: &'v Value<'a>, name: &str) -> Option<&'v Value<'a>> {
    match value {
        Value::Object(o) => o
            .properties
            .iter()
            .find(|p| p.name.as_str() == name)
            .map(|p| &p.value),
        _ => None,
    }
}

/// The string of a string value.
pub(crate) fn string<'v>(value: &'v Value<'_>) -> Option<&'v str> {
    match value {
        Value::StringLit(s) => Some(&s.value),
        _ => None,
    }
}

/// The elements of an array value (none for anything else).
pub(crate) fn elements<'v, 'a>(value: Option<&'v Value<'a>>) -> &'v [Value<'a>] {
    match value {
        Some(Value::Array(a)) => &a.elements,
        _ => &[],
    }
}

/// The byte range of a value.
pub(crate) fn range(value: &Value<'_>) -> std::ops::Range<usize> {
    use jsonc_parser::common::Ranged;
    let r = value.range();
    r.start..r.end
}

#[cfg(test)]
mod tests {
    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(100_000);
        assert!(super::parse(&deep).is_none());
        assert!(super::parse("{\"a\": [1, {\"b\": \"[[[\"}]}").is_some());
    }
}
