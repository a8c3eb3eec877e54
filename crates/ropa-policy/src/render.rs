//! The template engine: built-in templates, user overrides, and escaping.
//!
//! Templates are strings: the built-ins are compiled into the binary and overrides are handed in
//! by the caller. The environment has no loader, so a template can reach nothing but the other
//! templates and the context it is given — no files, no environment variables, no commands.
//!
//! Escaping is automatic for every `{{ … }}`: HTML escaping for `*.html.j2`, Markdown escaping
//! for `*.md.j2`. Only output that templates build themselves (macros) counts as safe.

use std::collections::BTreeMap;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};

use crate::PolicyError;

/// The built-in templates, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("page.html.j2", include_str!("../templates/page.html.j2")),
    (
        "document.html.j2",
        include_str!("../templates/document.html.j2"),
    ),
    (
        "macros.html.j2",
        include_str!("../templates/macros.html.j2"),
    ),
    ("intro.html.j2", include_str!("../templates/intro.html.j2")),
    (
        "controller.html.j2",
        include_str!("../templates/controller.html.j2"),
    ),
    ("dpo.html.j2", include_str!("../templates/dpo.html.j2")),
    (
        "overview.html.j2",
        include_str!("../templates/overview.html.j2"),
    ),
    (
        "legal_bases.html.j2",
        include_str!("../templates/legal_bases.html.j2"),
    ),
    (
        "transfers.html.j2",
        include_str!("../templates/transfers.html.j2"),
    ),
    (
        "activity.html.j2",
        include_str!("../templates/activity.html.j2"),
    ),
    (
        "rights.html.j2",
        include_str!("../templates/rights.html.j2"),
    ),
    (
        "objection.html.j2",
        include_str!("../templates/objection.html.j2"),
    ),
    (
        "changes.html.j2",
        include_str!("../templates/changes.html.j2"),
    ),
    (
        "section.html.j2",
        include_str!("../templates/section.html.j2"),
    ),
    (
        "document.md.j2",
        include_str!("../templates/document.md.j2"),
    ),
    ("macros.md.j2", include_str!("../templates/macros.md.j2")),
    ("intro.md.j2", include_str!("../templates/intro.md.j2")),
    (
        "controller.md.j2",
        include_str!("../templates/controller.md.j2"),
    ),
    ("dpo.md.j2", include_str!("../templates/dpo.md.j2")),
    (
        "overview.md.j2",
        include_str!("../templates/overview.md.j2"),
    ),
    (
        "legal_bases.md.j2",
        include_str!("../templates/legal_bases.md.j2"),
    ),
    (
        "transfers.md.j2",
        include_str!("../templates/transfers.md.j2"),
    ),
    (
        "activity.md.j2",
        include_str!("../templates/activity.md.j2"),
    ),
    ("rights.md.j2", include_str!("../templates/rights.md.j2")),
    (
        "objection.md.j2",
        include_str!("../templates/objection.md.j2"),
    ),
    ("changes.md.j2", include_str!("../templates/changes.md.j2")),
    ("section.md.j2", include_str!("../templates/section.md.j2")),
];

/// The templates to render with: the built-ins, with some replaced or added by the user.
#[derive(Clone, Debug, Default)]
pub struct Templates {
    user: BTreeMap<String, String>,
}

impl Templates {
    /// Only the built-in templates.
    pub const fn builtin() -> Templates {
        Templates {
            user: BTreeMap::new(),
        }
    }

    /// The built-ins, where each `(file name, contents)` replaces the built-in of that name (or
    /// adds a template, e.g. one with macros that an override imports).
    pub fn with_overrides(files: impl IntoIterator<Item = (String, String)>) -> Templates {
        Templates {
            user: files.into_iter().collect(),
        }
    }

    /// Whether `name` is one of the user's templates.
    pub fn is_user(&self, name: &str) -> bool {
        self.user.contains_key(name)
    }

    /// User templates whose name is not a built-in one, each with the built-in it probably
    /// means (a typo would otherwise be silently ignored).
    pub fn unmatched(&self) -> Vec<(String, Option<&'static str>)> {
        self.user
            .keys()
            .filter(|n| !BUILTIN.iter().any(|(b, _)| b == n))
            .map(|n| {
                // Compare the names without their extensions, among built-ins of the same kind
                // (`activty.html.j2` → `activity.html.j2`).
                let (stem, ext) = n.split_once('.').unwrap_or((n.as_str(), ""));
                let same_kind = BUILTIN
                    .iter()
                    .filter_map(|(b, _)| b.split_once('.'))
                    .filter(|(_, e)| *e == ext)
                    .map(|(s, _)| s);
                let suggestion = ropa_analysis::suggest(stem, same_kind).and_then(|s| {
                    BUILTIN
                        .iter()
                        .map(|(b, _)| *b)
                        .find(|b| b.split_once('.') == Some((s, ext)))
                });
                (n.clone(), suggestion)
            })
            .collect()
    }

    /// Whether there are any user templates at all.
    pub(crate) fn has_user(&self) -> bool {
        !self.user.is_empty()
    }

    /// Whether the user replaces any built-in template of a format (`md`, `html`).
    pub(crate) fn overrides_any(&self, ext: &str) -> bool {
        BUILTIN.iter().any(|(name, _)| {
            name.strip_suffix(".j2")
                .is_some_and(|n| n.ends_with(&format!(".{ext}")))
                && self.is_user(name)
        })
    }

    /// The source of a template as it will be used.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.user
            .get(name)
            .map(String::as_str)
            .or_else(|| BUILTIN.iter().find(|(b, _)| *b == name).map(|(_, s)| *s))
    }

    pub(crate) fn environment(&self) -> Result<Environment<'static>, PolicyError> {
        let mut env = Environment::new();
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| self.error(e))?;
        env.set_syntax(syntax.clone());
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.set_auto_escape_callback(auto_escape);
        env.set_formatter(format_value);
        env.add_filter("comment", comment_filter);
        env.set_debug(false);
        for (name, source) in &self.user {
            crate::sandbox::check_source(name, source, syntax.clone())?;
        }
        for (name, builtin) in BUILTIN {
            let source = self
                .user
                .get(*name)
                .cloned()
                .unwrap_or_else(|| (*builtin).to_string());
            env.add_template_owned(name.to_string(), source)
                .map_err(|e| self.error(e))?;
        }
        for (name, source) in &self.user {
            if !BUILTIN.iter().any(|(b, _)| b == name) {
                env.add_template_owned(name.clone(), source.clone())
                    .map_err(|e| self.error(e))?;
            }
        }
        Ok(env)
    }

    /// Turns an engine error into one that names the template and the line. An error inside an
    /// included or imported template is reported where it happened, not at the `include`.
    pub(crate) fn error(&self, e: Error) -> PolicyError {
        let mut innermost = &e;
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            if let Some(inner) = s.downcast_ref::<Error>()
                && inner.name().is_some()
            {
                innermost = inner;
            }
            source = s.source();
        }
        let name = innermost.name().map(str::to_string);
        let user = name.as_deref().is_some_and(|n| self.is_user(n));
        let message = match innermost.detail() {
            Some(d) => format!("{}: {d}", innermost.kind()),
            None => innermost.kind().to_string(),
        };
        PolicyError::Template {
            name,
            user,
            line: innermost.line(),
            message,
        }
    }
}

fn auto_escape(name: &str) -> AutoEscape {
    let base = name
        .strip_suffix(".j2")
        .or_else(|| name.strip_suffix(".jinja"))
        .unwrap_or(name);
    if base.ends_with(".md") {
        AutoEscape::Custom("markdown".into())
    } else {
        minijinja::default_auto_escape_callback(name)
    }
}

fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_undefined() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "this value is undefined; check the name against docs/templates.md, or use `| default(\"\")`",
        ));
    }
    if value.is_none() {
        return Ok(());
    }
    let written = if value.is_safe() {
        out.write_str(value.as_str().unwrap_or_default())
    } else {
        // Strings (nearly every value) are escaped without first being copied.
        let owned;
        let text = match value.as_str() {
            Some(s) => s,
            None => {
                owned = value.to_string();
                &owned
            }
        };
        match state.auto_escape() {
            AutoEscape::Html if has_link(text) => out.write_str(&linked_html(text)),
            AutoEscape::Html => out.write_str(&escape_html(&keep_citations_together(text))),
            AutoEscape::Custom(c) if c == "markdown" => {
                if is_plain_markdown(text) {
                    out.write_str(text)
                } else if has_link(text) {
                    out.write_str(&linked_markdown(text))
                } else {
                    out.write_str(&escape_markdown(text))
                }
            }
            _ => out.write_str(text),
        }
    };
    written.map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write the output"))
}

/// A Markdown link in a text of the record, `[text](https://…)`: only `http://`, `https://` and
/// `mailto:` targets, without spaces, quotes, angle brackets or parentheses; the text is
/// non-empty and holds no brackets or line break. Anything else is text.
struct Link<'a> {
    /// The byte range of the whole `[text](url)`.
    start: usize,
    end: usize,
    text: &'a str,
    url: &'a str,
}

/// Whether `s` may hold a link (most texts do not: checked without allocating).
pub(crate) fn has_link(s: &str) -> bool {
    s.contains("](") && links(s).next().is_some()
}

/// The links of `s`, in order.
fn links(s: &str) -> impl Iterator<Item = Link<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(open) = s[from..].find('[').map(|i| from + i) {
            from = open + 1;
            let rest = &s[open + 1..];
            let close = rest.find([']', '[', '\n'])?;
            if !rest[close..].starts_with("](") || close == 0 {
                continue;
            }
            let text = &rest[..close];
            let after = &rest[close + 2..];
            let Some(paren) = after.find(')') else {
                continue;
            };
            let url = &after[..paren];
            let scheme = ["https://", "http://", "mailto:"]
                .iter()
                .any(|p| url.len() > p.len() && url.starts_with(p));
            let clean = !url.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '<' | '>' | '"' | '\'' | '(' | '`' | '\\')
            });
            if !(scheme && clean && !text.trim().is_empty()) {
                continue;
            }
            let end = open + 1 + close + 2 + paren + 1;
            from = end;
            return Some(Link {
                start: open,
                end,
                text,
                url,
            });
        }
        None
    })
}

/// HTML of a text with links: each link an `<a href>` (text and address escaped), the rest
/// escaped as any text is.
pub(crate) fn linked_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 32);
    let mut at = 0;
    for l in links(s) {
        out.push_str(&escape_html(&keep_citations_together(&s[at..l.start])));
        out.push_str("<a href=\"");
        out.push_str(&escape_html(l.url));
        out.push_str("\">");
        out.push_str(&escape_html(&keep_citations_together(l.text)));
        out.push_str("</a>");
        at = l.end;
    }
    out.push_str(&escape_html(&keep_citations_together(&s[at..])));
    out
}

/// Markdown of a text with links: each link written as a link (its text escaped), the rest
/// escaped as any text is.
pub(crate) fn linked_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut at = 0;
    for l in links(s) {
        out.push_str(&escape_markdown(&s[at..l.start]));
        out.push('[');
        out.push_str(&escape_markdown(l.text));
        out.push_str("](");
        out.push_str(l.url);
        out.push(')');
        at = l.end;
    }
    out.push_str(&escape_markdown(&s[at..]));
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether [`escape_markdown`] leaves `s` as it is: one line that starts with no block marker
/// and holds no character that is escaped anywhere (most texts; checked without allocating).
pub(crate) fn is_plain_markdown(s: &str) -> bool {
    let start = s.trim_start_matches(' ').as_bytes();
    let marker = match start.first() {
        Some(b'#' | b'-' | b'+' | b'=') => true,
        // A number is a list marker only before `.` or `)` ("28 Monate" is not).
        Some(b) if b.is_ascii_digit() => {
            let digits = start.iter().take_while(|b| b.is_ascii_digit()).count();
            matches!(start.get(digits), Some(b'.' | b')'))
        }
        _ => false,
    };
    !marker && !s.bytes().any(|b| MARKDOWN_SPECIAL[usize::from(b)])
}

/// The bytes that [`escape_markdown`] may escape anywhere in a line, and the line break.
static MARKDOWN_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"\\`*_[]<>|~&\n";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Joins the parts of a citation with no-break spaces (`Art.\u{a0}6 Abs.\u{a0}1 lit.\u{a0}f`), so
/// that a line never ends with "Art." or "lit." — as German typesetting does.
pub fn keep_citations_together(s: &str) -> String {
    // Every glued space follows one of these; most texts hold none.
    if !["Art.", "Abs.", "Nr.", "§", "no.", "lit."]
        .iter()
        .any(|a| s.contains(a))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((i, c)) = rest.char_indices().find(|(_, c)| *c == ' ') {
        let before = &rest[..i];
        let after = &rest[i + c.len_utf8()..];
        out.push_str(before);
        let next = after.chars().next();
        let digit = next.is_some_and(|n| n.is_ascii_digit());
        let glue = (digit
            && ["Art.", "Abs.", "Nr.", "§", "§§", "no."].iter().any(|a| {
                before.ends_with(a)
                    && !before[..before.len() - a.len()].ends_with(char::is_alphanumeric)
            }))
            || (before.ends_with("lit.") && next.is_some_and(|n| n.is_ascii_lowercase()));
        out.push(if glue { '\u{a0}' } else { ' ' });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Escapes text so that Markdown renders it literally: no emphasis, links, code, raw HTML,
/// tables or block markers. Backslash escapes of ASCII punctuation are CommonMark.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    let mut line_start = true;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if line_start {
            // Leading markers of blocks: headings, lists, quotes, thematic breaks, numbered lists.
            let mut j = i;
            while chars.get(j).is_some_and(|c| *c == ' ') {
                out.push(' ');
                j += 1;
            }
            i = j;
            let Some(&c) = chars.get(i) else { break };
            let spaced = |k: usize| chars.get(k).is_none_or(|c| matches!(c, ' ' | '\t' | '\n'));
            let line_end = chars[i..]
                .iter()
                .position(|c| *c == '\n')
                .map_or(chars.len(), |p| i + p);
            let only = |set: &[char]| {
                chars[i..line_end]
                    .iter()
                    .all(|c| set.contains(c) || *c == ' ')
            };
            if c == '#' {
                let k = chars[i..].iter().take_while(|c| **c == '#').count();
                if spaced(i + k) {
                    out.push('\\');
                }
            } else if matches!(c, '-' | '+') && (spaced(i + 1) || only(&['-']))
                || c == '=' && only(&['='])
            {
                out.push('\\');
            } else if c.is_ascii_digit() {
                let mut k = i;
                while chars.get(k).is_some_and(char::is_ascii_digit) {
                    k += 1;
                }
                if chars.get(k).is_some_and(|c| *c == '.' || *c == ')') && spaced(k + 1) {
                    out.extend(&chars[i..k]);
                    out.push('\\');
                    i = k;
                }
            }
            line_start = false;
            continue;
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_entity(&chars[i..]) => out.push_str("\\&"),
            '\n' => {
                out.push('\n');
                line_start = true;
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// `&amp;`, `&#123;`, `&#x1F;` — text that Markdown would turn into a character.
fn looks_like_entity(rest: &[char]) -> bool {
    let body: String = rest
        .iter()
        .skip(1)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .collect();
    !body.is_empty() && rest.get(body.chars().count() + 1) == Some(&';')
}

/// `{{ warning | comment }}`: text that is safe inside an HTML comment (`<!-- … -->`), in HTML
/// and in Markdown.
fn comment_filter(value: String) -> Value {
    Value::from_safe_string(comment_text(&value))
}

/// What the `comment` filter writes for `value`.
pub(crate) fn comment_text(value: &str) -> String {
    let mut s = value.replace(['<', '>'], "'");
    while s.contains("--") {
        s = s.replace("--", "- -");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_literal() {
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("1. not a list"), "1\\. not a list");
        assert_eq!(escape_markdown("_fbp and *x*"), "\\_fbp and \\*x\\*");
        assert_eq!(escape_markdown("GmbH & Co. KG"), "GmbH & Co. KG");
        assert_eq!(escape_markdown("&amp; &#39;"), "\\&amp; \\&#39;");
        assert_eq!(escape_markdown("a | b"), "a \\| b");
        assert_eq!(escape_markdown("+49 30 1234"), "+49 30 1234");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("---"), "\\---");
        assert_eq!(escape_markdown("#hashtag"), "#hashtag");
        assert_eq!(escape_markdown("2026 war gut"), "2026 war gut");
    }

    #[test]
    fn plain_markdown_is_what_escaping_leaves_alone() {
        let samples = [
            "",
            " ",
            "plain text",
            "  x",
            "# h",
            "#h",
            " - x",
            "-",
            "+49",
            "=",
            "==",
            "1. a",
            "1 a",
            "a_b",
            "a\\b",
            "x & y",
            "&amp;",
            "a\nb",
            "a\n# b",
            "\n",
            "a|b",
            "~",
            "`c`",
            "[l]",
            "<b>",
            "Straße 1",
            "a.b",
            "é",
        ];
        for s in samples {
            if is_plain_markdown(s) {
                assert_eq!(escape_markdown(s), s, "{s:?}");
            }
        }
        // Every short combination of the pieces that decide it.
        let pieces = [
            "", " ", "1", "28", ".", ")", "x", "-", "+", "#", "=", "\n", "_", "\t", "ä",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    if is_plain_markdown(&s) {
                        assert_eq!(escape_markdown(&s), s, "{s:?}");
                    }
                }
            }
        }
        assert!(is_plain_markdown(
            "Zielgruppenanalyse und Versand für Kampagne 2"
        ));
        assert!(is_plain_markdown(
            "28 Monate; danach werden die Daten gelöscht."
        ));
        assert!(!is_plain_markdown("1. Punkt"));
    }

    #[test]
    fn citations_do_not_break_across_lines() {
        assert_eq!(
            keep_citations_together("nach Art. 6 Abs. 1 lit. f DSGVO und § 25 Abs. 2 Nr. 2 TDDDG"),
            "nach Art.\u{a0}6 Abs.\u{a0}1 lit.\u{a0}f DSGVO und §\u{a0}25 Abs.\u{a0}2 Nr.\u{a0}2 TDDDG"
        );
        assert_eq!(keep_citations_together("jeder Art. Wir"), "jeder Art. Wir");
        assert_eq!(keep_citations_together("Start. 5"), "Start. 5");
    }

    #[test]
    fn links_in_texts_become_links_and_nothing_else_does() {
        let s = "Siehe [unsere Hinweise](https://example.org/a?b=1&c=2) und [Mail](mailto:x@y.de).";
        assert_eq!(
            linked_html(s),
            "Siehe <a href=\"https://example.org/a?b=1&amp;c=2\">unsere Hinweise</a> und <a href=\"mailto:x@y.de\">Mail</a>."
        );
        assert_eq!(
            linked_markdown(s),
            "Siehe [unsere Hinweise](https://example.org/a?b=1&c=2) und [Mail](mailto:x@y.de)."
        );
        for text in [
            "[x](javascript:alert(1))",
            "[x](data:text/html,<b>)",
            "[x](https://a.example/\"onmouseover=\"alert(1))",
            "[x](https:// a)",
            "[](https://a.example)",
            "[x] (https://a.example)",
            "[x](https://)",
            "[x](ftp://a.example)",
            "[<b>](https://a.example/<b>)",
        ] {
            assert!(
                !linked_html(text).contains("<a "),
                "{text} -> {}",
                linked_html(text)
            );
        }
        assert!(!has_link("[x](javascript:alert(1))"));
        // The text of a link is escaped.
        assert_eq!(
            linked_html("[<b> & \"](https://a.example)"),
            "<a href=\"https://a.example\">&lt;b&gt; &amp; &quot;</a>"
        );
        assert_eq!(
            linked_markdown("[*fett*](https://a.example)"),
            "[\\*fett\\*](https://a.example)"
        );
    }

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html("<img src=x onerror=\"alert(1)\"> & '"),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;"
        );
    }

    #[test]
    fn comments_cannot_be_closed() {
        let v = comment_filter("a --> b <!-- c ---".to_string());
        assert!(!v.to_string().contains("--"));
        assert!(!v.to_string().contains('>'));
    }
}
