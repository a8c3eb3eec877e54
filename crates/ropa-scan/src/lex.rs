//! A small lexer for JS/TS and Python: where the string literals and comments are, so that the
//! detectors read strings as strings and never take a commented-out snippet for a live one.
//! It does not know regular-expression literals or nested template expressions; a quote in
//! one of those may shift what follows on its line, which costs a missed or an extra sighting,
//! never a wrong position.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Js,
    Python,
}

/// A string literal: `range` with its quotes, `value` without.
#[derive(Clone, Debug)]
pub(crate) struct Str {
    pub range: Range<usize>,
    pub value: Range<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Lexed {
    pub strings: Vec<Str>,
    pub comments: Vec<Range<usize>>,
}

impl Lexed {
    /// Whether byte `at` is inside a comment.
    pub fn in_comment(&self, at: usize) -> bool {
        let i = self.comments.partition_point(|c| c.end <= at);
        self.comments.get(i).is_some_and(|c| c.start <= at)
    }

    /// Whether byte `at` is inside a string literal.
    pub fn in_string(&self, at: usize) -> bool {
        let i = self.strings.partition_point(|s| s.range.end <= at);
        self.strings.get(i).is_some_and(|s| s.range.start <= at)
    }
}

pub(crate) fn lex(text: &str, lang: Lang) -> Lexed {
    let b = text.as_bytes();
    let mut out = Lexed::default();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match (lang, c) {
            (Lang::Js, b'/') if b.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                out.comments.push(i..end);
                i = end;
            }
            (Lang::Js, b'/') if b.get(i + 1) == Some(&b'*') => {
                let end =
                    memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |n| i + 2 + n + 2);
                out.comments.push(i..end);
                i = end;
            }
            (Lang::Python, b'#') => {
                let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                out.comments.push(i..end);
                i = end;
            }
            (Lang::Python, b'"' | b'\'')
                if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c) =>
            {
                let quote = [c, c, c];
                let end =
                    memchr::memmem::find(&b[i + 3..], &quote).map_or(b.len(), |n| i + 3 + n + 3);
                out.strings.push(Str {
                    range: i..end,
                    value: i + 3..end.saturating_sub(3).max(i + 3),
                });
                i = end;
            }
            (_, b'"' | b'\'') | (Lang::Js, b'`') => {
                let mut j = i + 1;
                let mut closed = false;
                while j < b.len() {
                    match b[j] {
                        b'\\' => j += 2,
                        b'\n' if c != b'`' => break,
                        x if x == c => {
                            closed = true;
                            break;
                        }
                        _ => j += 1,
                    }
                }
                let j = j.min(b.len());
                if closed {
                    out.strings.push(Str {
                        range: i..j + 1,
                        value: i + 1..j,
                    });
                    i = j + 1;
                } else {
                    // An unterminated string ends its line.
                    i = j.max(i + 1);
                }
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_comments() {
        let text = "import x from 'openai' // fbq('init')\nconst u = \"https://a.b/c\"; /* gtag( */ `t${1}`";
        let l = lex(text, Lang::Js);
        let strings: Vec<&str> = l.strings.iter().map(|s| &text[s.value.clone()]).collect();
        assert_eq!(strings, ["openai", "https://a.b/c", "t${1}"]);
        assert_eq!(l.comments.len(), 2);
        assert!(l.in_comment(text.find("fbq").unwrap_or(0)));
        assert!(l.in_comment(text.find("gtag").unwrap_or(0)));
        let py = "import openai  # 'not a string'\ns = '''a\nb'''\n";
        let l = lex(py, Lang::Python);
        assert_eq!(l.strings.len(), 1);
        assert_eq!(&py[l.strings[0].value.clone()], "a\nb");
    }
}
