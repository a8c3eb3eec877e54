//! Text for a terminal or a CI log: a record's strings, comments and file names may hold
//! control characters, and printed as they are, an ESC starts an escape sequence (colours,
//! cursor moves, a rewritten title, a hyperlink) in the reader's terminal or CI log.
//!
//! So `human` and `github` output write them as `\u{1b}`: the C0 controls but tab and line
//! break (a carriage return only where it ends a line), DEL, the C1 controls, and the Unicode
//! bidirectional controls (a judgement call: they reorder how a line reads — the "Trojan
//! source" trick — and a German record has no use for them; the policy and record keep them).
//! JSON and SARIF carry the text as it is, escaped by JSON.

use std::borrow::Cow;

/// Whether `c` is written as an escape (`next`: the character after it).
fn escaped(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional controls: marks, embeddings, overrides, isolates.
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `s` with every control character written as `\u{…}`.
pub fn text(s: &str) -> Cow<'_, str> {
    escaped_text(s).0
}

/// [`text`], with the map from offsets in `s` to offsets in the result: `(offset, extra)` for
/// every escaped character, `extra` the bytes added before and by it.
pub fn escaped_text(s: &str) -> (Cow<'_, str>, Vec<(usize, usize)>) {
    let mut chars = s.char_indices().peekable();
    let mut out: Option<String> = None;
    let mut shifts = Vec::new();
    let mut extra = 0;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if escaped(c, next) {
            let out = out.get_or_insert_with(|| {
                let mut o = String::with_capacity(s.len() + 16);
                o.push_str(&s[..i]);
                o
            });
            let code = format!("\\u{{{:x}}}", u32::from(c));
            extra += code.len() - c.len_utf8();
            shifts.push((i, extra));
            out.push_str(&code);
        } else if let Some(out) = out.as_mut() {
            out.push(c);
        }
    }
    match out {
        Some(o) => (Cow::Owned(o), shifts),
        None => (Cow::Borrowed(s), shifts),
    }
}

/// Where offset `at` of the original text is in the escaped text.
pub fn shifted(shifts: &[(usize, usize)], at: usize) -> usize {
    // The escapes strictly before `at` move it; an escape at `at` starts there.
    let before = shifts.partition_point(|&(i, _)| i < at);
    match before.checked_sub(1).and_then(|k| shifts.get(k)) {
        Some(&(_, extra)) => at + extra,
        None => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_offsets_follow() {
        let s = "a\u{1b}[31mb\r\nc\rd\u{202e}e\u{9b}f\tg";
        let (out, shifts) = escaped_text(s);
        assert_eq!(out, "a\\u{1b}[31mb\r\nc\\u{d}d\\u{202e}e\\u{9b}f\tg");
        for (i, c) in s.char_indices() {
            let at = shifted(&shifts, i);
            if !escaped(c, s[i + c.len_utf8()..].chars().next()) {
                assert_eq!(out[at..].chars().next(), Some(c), "{i}");
            } else {
                assert!(out[at..].starts_with("\\u{"), "{i}");
            }
        }
        assert_eq!(shifted(&shifts, s.len()), out.len());
        assert!(matches!(text("plain „ä“ 👋"), Cow::Borrowed(_)));
    }
}
