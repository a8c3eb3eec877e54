//! The built-in templates, written out in Rust: the same text as minijinja renders from
//! `templates/*.j2`, byte for byte, without converting the document into template values.
//!
//! Rendering a large policy through minijinja spent most of its time in the engine and in
//! serialising the document for it. When the user replaces no built-in template of the format,
//! the document is rendered here instead; user templates still go through minijinja. Every
//! value is escaped as the template engine escapes `{{ … }}` (see `render::format_value`): HTML
//! with citations kept together, Markdown unless the text is plain; the comment filter as in
//! the templates. `tests/native.rs` checks the equality on the fixtures, the examples and
//! random documents.
//!
//! Each function names the template (or macro) it stands for; the whitespace follows the
//! template's, after `trim_blocks`, `lstrip_blocks` and the `-` markers have removed theirs
//! (the caller tidies the result as it does the template output).

use rayon::prelude::*;

use crate::PolicyFormat;
use crate::policy::{Block, Document, Item, Section, Table};
use crate::render::{escape_markdown, has_link, is_plain_markdown, linked_html, linked_markdown};

/// The kinds of section that have a built-in template.
const KINDS: &[&str] = &[
    "intro",
    "controller",
    "dpo",
    "overview",
    "legal_bases",
    "transfers",
    "activity",
    "rights",
    "objection",
    "changes",
    "section",
];

/// Sections per piece of work when the sections are rendered on all cores.
const CHUNK: usize = 64;

/// Builds the whole section in place of the document's one at an index (the module of an
/// activity, of which an outline holds only the id and heading), or `None` to keep it.
pub(crate) type Fill<'a> = &'a (dyn Fn(usize, &Section) -> Option<Section> + Sync);

/// The document as the built-in templates of `format` render it (before tidying), in pieces
/// whose concatenation is the text, each ending where a line ends (but the last), so that the
/// caller can tidy them apart. Sections are rendered on all cores in chunks, each completed by
/// `fill` first. `None` for JSON, or if a section is of a kind that has no built-in template
/// (the template engine then reports the error).
pub(crate) fn render_pieces(
    doc: &Document,
    format: PolicyFormat,
    fill: Fill,
) -> Option<Vec<String>> {
    if doc
        .sections
        .iter()
        .any(|s| !KINDS.contains(&s.kind.as_str()))
    {
        return None;
    }
    let mut out = Pieces {
        done: Vec::new(),
        current: String::with_capacity(4096),
        fill,
    };
    match format {
        PolicyFormat::Json => return None,
        PolicyFormat::Markdown => document_md(&mut out, doc),
        PolicyFormat::Html { standalone: false } => document_html(&mut out, doc),
        PolicyFormat::Html { standalone: true } => page_html(&mut out, doc),
    }
    let Pieces {
        mut done, current, ..
    } = out;
    done.push(current);
    Some(done)
}

/// The output so far: finished pieces, and the text being written.
struct Pieces<'a> {
    done: Vec<String>,
    current: String,
    fill: Fill<'a>,
}

impl std::ops::Deref for Pieces<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.current
    }
}

impl std::ops::DerefMut for Pieces<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.current
    }
}

/// The text of one section with `activity.md.j2` (for the preview of one activity).
pub(crate) fn activity_md(section: &Section) -> String {
    let mut out = String::new();
    section_md(&mut out, section);
    out
}

/// The sections, each rendered by `one` and followed by `after`, on all cores in chunks, in
/// order.
fn sections(out: &mut Pieces, sections: &[Section], one: fn(&mut String, &Section), after: &str) {
    let fill = out.fill;
    let chunks: Vec<String> = sections
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let mut s = String::with_capacity(chunk.len() * 2048);
            for (i, section) in chunk.iter().enumerate() {
                match fill(k * CHUNK + i, section) {
                    Some(whole) => one(&mut s, &whole),
                    None => one(&mut s, section),
                }
                s.push_str(after);
            }
            s
        })
        .collect();
    for chunk in chunks {
        let at_line_start = out.current.is_empty() || out.current.ends_with('\n');
        if at_line_start && chunk.ends_with('\n') {
            let current = std::mem::take(&mut out.current);
            if !current.is_empty() {
                out.done.push(current);
            }
            out.done.push(chunk);
        } else {
            out.current.push_str(&chunk);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// `{{ value }}` in a `*.md.j2` template.
fn md(out: &mut String, s: &str) {
    if is_plain_markdown(s) {
        out.push_str(s);
    } else if has_link(s) {
        out.push_str(&linked_markdown(s));
    } else {
        out.push_str(&escape_markdown(s));
    }
}

/// `{% if x.label %}{{ x.label }}: {% endif %}` in Markdown.
fn md_label(out: &mut String, label: &Option<String>) {
    if let Some(l) = truthy(label) {
        md(out, l);
        out.push_str(": ");
    }
}

/// `document.md.j2`
fn document_md(out: &mut Pieces, doc: &Document) {
    out.push_str("# ");
    md(out, &doc.title);
    out.push_str("\n\n");
    sections(out, &doc.sections, section_md, "\n");
}

/// `<kind>.md.j2`: `m.section(section)` for every kind (`objection.md.j2` too).
fn section_md(out: &mut String, s: &Section) {
    out.push_str("## ");
    md(out, &s.heading);
    out.push_str("\n\n");
    blocks_md(out, &s.blocks);
}

/// `blocks(blocks)` of `macros.md.j2`.
fn blocks_md(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Paragraph { text } => {
                md(out, text);
                out.push_str("\n\n");
            }
            Block::Lead { text } => {
                out.push_str("**");
                md(out, text);
                out.push_str("**\n\n");
            }
            Block::Facts { items } => {
                for f in items {
                    out.push_str("- **");
                    md(out, &f.label);
                    out.push_str(":**");
                    if f.paragraphs.is_empty() {
                        out.push('\n');
                    }
                    for (k, p) in f.paragraphs.iter().enumerate() {
                        out.push_str(if k == 0 { " " } else { "\n  " });
                        md(out, p);
                        out.push('\n');
                    }
                    for i in &f.items {
                        out.push_str("  - ");
                        md_label(out, &i.label);
                        md(out, &i.text);
                        out.push('\n');
                    }
                    if let Some(t) = &f.table {
                        table_md(out, t);
                    }
                }
                out.push('\n');
            }
            Block::List { items } => {
                for i in items {
                    out.push_str("- ");
                    md_label(out, &i.label);
                    md(out, &i.text);
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Draft { text } => {
                out.push_str("> **");
                md(out, text);
                out.push_str("**\n\n");
            }
            Block::Address { lines } => {
                for (k, l) in lines.iter().enumerate() {
                    md_label(out, &l.label);
                    md(out, &l.text);
                    if k + 1 < lines.len() {
                        out.push('\\');
                    }
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }
}

/// The `{% if f.table %}` part of `blocks(blocks)` in `macros.md.j2`: a table inside the fact's
/// list item (indented), between blank lines.
fn table_md(out: &mut String, t: &Table) {
    out.push_str("\n  |");
    for h in &t.header {
        out.push(' ');
        md(out, h);
        out.push_str(" |");
    }
    out.push_str("\n  |");
    for _ in &t.header {
        out.push_str(" --- |");
    }
    out.push('\n');
    for r in &t.rows {
        out.push_str("  |");
        for c in r {
            out.push(' ');
            md(out, c);
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push('\n');
}

// ---------------------------------------------------------------------------------------------
// HTML

/// `{{ value }}` in a `*.html.j2` template: `escape_html(keep_citations_together(value))`, in one
/// pass and without copying.
fn h(out: &mut String, s: &str) {
    if has_link(s) {
        out.push_str(&linked_html(s));
        return;
    }
    let mut written = 0;
    // Where the text since the last space starts: `keep_citations_together` looks at it.
    let mut word = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if !HTML_SPECIAL[usize::from(b)] {
            continue;
        }
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => {
                let glue = glued(&s[word..i], &s[i + 1..]);
                word = i + 1;
                if !glue {
                    continue;
                }
                "\u{a0}"
            }
        };
        out.push_str(&s[written..i]);
        out.push_str(entity);
        written = i + 1;
    }
    out.push_str(&s[written..]);
}

/// The bytes [`h`] looks at: those HTML escapes, and the space.
static HTML_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"&<>\"' ";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether `keep_citations_together` turns the space between `before` (the text since the
/// previous space) and `after` into a no-break space.
fn glued(before: &str, after: &str) -> bool {
    // Every abbreviation ends with "." or "§" (whose last byte is 0xA7).
    if !matches!(before.as_bytes().last(), Some(b'.' | 0xA7)) {
        return false;
    }
    let next = after.chars().next();
    let digit = next.is_some_and(|n| n.is_ascii_digit());
    (digit
        && ["Art.", "Abs.", "Nr.", "§", "§§", "no."].iter().any(|a| {
            before.ends_with(a)
                && !before[..before.len() - a.len()].ends_with(char::is_alphanumeric)
        }))
        || (before.ends_with("lit.") && next.is_some_and(|n| n.is_ascii_lowercase()))
}

/// `page.html.j2`
fn page_html(out: &mut Pieces, doc: &Document) {
    let source = crate::render::BUILTIN
        .iter()
        .find(|(n, _)| *n == "page.html.j2")
        .map_or("", |(_, s)| *s);
    // The fixed head: from the end of the title to the page heading.
    let head = source
        .find("</title>\n")
        .and_then(|start| {
            let end = start + source[start..].find("<h1>")?;
            Some(&source[start..end])
        })
        .unwrap_or_default();
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    h(out, &doc.lang);
    out.push_str(concat!(
        "\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    ));
    h(out, &doc.title);
    if let Some(name) = truthy(&doc.controller_name) {
        out.push_str(" – ");
        h(out, name);
    }
    out.push_str(head);
    out.push_str("<h1>");
    h(out, &doc.title);
    out.push_str("</h1>\n");
    document_html(out, doc);
    out.push_str("</main>\n</body>\n</html>");
}

/// `document.html.j2`
fn document_html(out: &mut Pieces, doc: &Document) {
    out.push_str("<article class=\"ropa-policy\" lang=\"");
    h(out, &doc.lang);
    out.push_str("\">\n<nav class=\"toc\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">");
    h(out, &doc.strings.contents);
    out.push_str("</h2>\n<ol>\n");
    for s in &doc.sections {
        out.push_str("<li><a href=\"#");
        h(out, &s.id);
        out.push_str("\">");
        h(out, &s.heading);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ol>\n</nav>\n");
    sections(out, &doc.sections, section_html, "\n");
    out.push_str("</article>");
}

/// `<kind>.html.j2`: `m.section(section)`, or for the right to object its own frame around
/// `m.incomplete` and `m.blocks`.
fn section_html(out: &mut String, s: &Section) {
    if s.kind == "objection" {
        out.push_str("<section class=\"objection\">\n<h2 id=\"");
        h(out, &s.id);
        out.push_str("\"><strong>");
        h(out, &s.heading);
        out.push_str("</strong></h2>\n");
    } else {
        out.push_str("<section class=\"");
        h(out, &s.kind);
        out.push_str("\">\n<h2 id=\"");
        h(out, &s.id);
        out.push_str("\">");
        h(out, &s.heading);
        out.push_str("</h2>\n");
    }
    blocks_html(out, &s.blocks);
    out.push_str("</section>");
}

/// `link(item)` of `macros.html.j2`.
fn link(out: &mut String, item: &Item) {
    if let Some(l) = truthy(&item.label) {
        h(out, l);
        out.push_str(": ");
    }
    match truthy(&item.href) {
        Some(href) => {
            out.push_str("<a href=\"");
            h(out, href);
            out.push_str("\">");
            h(out, &item.text);
            out.push_str("</a>");
        }
        None => h(out, &item.text),
    }
}

/// `blocks(blocks)` of `macros.html.j2`.
fn blocks_html(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Paragraph { text } => {
                out.push_str("<p>");
                h(out, text);
                out.push_str("</p>\n");
            }
            Block::Lead { text } => {
                out.push_str("<p class=\"lead\"><strong>");
                h(out, text);
                out.push_str("</strong></p>\n");
            }
            Block::Facts { items } => {
                out.push_str("<dl class=\"facts\">\n");
                for f in items {
                    out.push_str("<dt>");
                    h(out, &f.label);
                    out.push_str("</dt>\n<dd>\n");
                    for p in &f.paragraphs {
                        out.push_str("<p>");
                        h(out, p);
                        out.push_str("</p>\n");
                    }
                    if !f.items.is_empty() {
                        list_items_html(out, &f.items);
                    }
                    if let Some(t) = &f.table {
                        table_html(out, t);
                    }
                    out.push_str("</dd>\n");
                }
                out.push_str("</dl>\n");
            }
            Block::List { items } => list_items_html(out, items),
            Block::Draft { text } => {
                out.push_str(DRAFT_HTML);
                h(out, text);
                out.push_str("</strong></p>\n");
            }
            Block::Address { lines } => {
                out.push_str("<address>\n");
                for (k, l) in lines.iter().enumerate() {
                    link(out, l);
                    if k + 1 < lines.len() {
                        out.push_str("<br>");
                    }
                    out.push('\n');
                }
                out.push_str("</address>\n");
            }
        }
    }
}

/// The `{% if f.table %}` part of `blocks(blocks)` in `macros.html.j2`.
fn table_html(out: &mut String, t: &Table) {
    out.push_str("<table>\n<thead>\n<tr>");
    for head in &t.header {
        out.push_str("<th scope=\"col\">");
        h(out, head);
        out.push_str("</th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str("<tr>");
        for c in r {
            out.push_str("<td>");
            h(out, c);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The start of a marked box in `macros.html.j2`, up to its text.
const DRAFT_HTML: &str = "<p class=\"draft\" role=\"note\" style=\"border: 2px dashed #b42318; border-radius: 4px; background: #fff4f2; color: #8a1c12; padding: 0.5rem 0.75rem; margin: 0.75rem 0;\"><strong>";

/// `<ul>` with a `<li>{{ link(i) }}</li>` per item.
fn list_items_html(out: &mut String, items: &[Item]) {
    out.push_str("<ul>\n");
    for i in items {
        out.push_str("<li>");
        link(out, i);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// `{% if x %}` of an optional string: none and the empty string are false.
fn truthy(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{escape_html, keep_citations_together};

    #[test]
    fn html_values_are_escaped_as_the_templates_escape_them() {
        let pieces = [
            "", " ", "  ", "x", "Art.", "Art. 6", "xArt. 6", "Abs. 1", "Nr. 2", "no. 3", "§ 25",
            "§§ 3", "ç 5", "lit. f", "lit. F", "lit.", "5", "a", "&", "<", ">", "\"", "'", "ä",
            "😀", "\n", ".", "§",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b} {c}");
                    let mut out = String::new();
                    h(&mut out, &s);
                    assert_eq!(out, escape_html(&keep_citations_together(&s)), "{s:?}");
                }
            }
        }
    }
}
