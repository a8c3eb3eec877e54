//! Completion: keys valid in the block (missing ones first), values for the key, ids from the
//! whole workspace, and snippets for whole items.

use ropa_analysis::model::{ItemHeader, Text};
use ropa_analysis::schema::{BlockSchema, KeySpec, Shape};
use ropa_analysis::taxonomy::{CATEGORIES, SUBJECTS};
use ropa_analysis::{FileId, authorities, geo};
use ropa_syntax::ItemKind;

use crate::Analysis;
use crate::cursor::{self, BlockKind, node_text};

/// What a completion offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A key, or a language code of a text.
    Property,
    /// The id of an item of the workspace.
    Reference,
    /// A keyword value, a built-in category or subject, a service, an authority.
    EnumMember,
    /// A country code.
    Constant,
    /// A whole item.
    Snippet,
}

/// What to insert instead of the label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Insert {
    Plain(String),
    /// With placeholders (`${1:id}`, `$0`) the editor fills in.
    Snippet(String),
}

/// One entry of the completion list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// `None`: the label itself is inserted.
    pub insert: Option<Insert>,
    /// The order of the list (the editor sorts by it).
    pub sort_text: Option<String>,
}

fn item(label: &str, kind: CompletionKind, detail: Option<String>, sort: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind,
        detail,
        insert: None,
        sort_text: Some(format!("{sort}{label}")),
    }
}

fn snippet(label: &str, body: &str, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: CompletionKind::Snippet,
        detail: Some(detail.to_string()),
        insert: Some(Insert::Snippet(body.to_string())),
        sort_text: None,
    }
}

fn item_snippets() -> Vec<CompletionItem> {
    vec![
        snippet(
            "activity",
            "activity ${1:id} {\n  title       \"${2:Titel}\"\n  purpose     \"${3:Zweck}\"\n  subjects    [${4:customers}]\n  data        [${5:contact}]\n  legal_basis ${6|consent,contract,legal_obligation,legitimate_interest|}\n  retention   ${7:1 year}\n  notice      \"${8:Hinweis für die Datenschutzerklärung}\"\n}\n",
            "a processing activity (Art. 30 GDPR)",
        ),
        snippet(
            "processor",
            "processor ${1:id} {\n  name    \"${2:Name}\"\n  country ${3:DE}\n  avv { signed ${4:2025-01-01}  document \"${5}\" }\n  certifications [${6:iso27001}]\n}\n",
            "a processor with its AVV (Art. 28 GDPR)",
        ),
        snippet(
            "controller",
            "controller {\n  name    \"${1:Firma GmbH}\"\n  address \"${2:Straße 1, 10115 Berlin}\"\n  email   \"${3:datenschutz@example.de}\"\n}\n",
            "the controller (Art. 13(1)(a) GDPR)",
        ),
        snippet(
            "category",
            "category ${1:id} {\n  label \"${2:Bezeichnung}\"\n}\n",
            "a category of personal data",
        ),
        snippet(
            "subject",
            "subject ${1:id} {\n  label \"${2:Bezeichnung}\"\n}\n",
            "a category of data subjects",
        ),
        snippet(
            "section",
            "section ${1:id} {\n  title \"${2:Überschrift}\"\n  text  \"${3:Text}\"\n  place ${4|after_activities,after_intro,before_activities,before_rights|}\n}\n",
            "a section of the privacy policy that belongs to no activity",
        ),
        snippet(
            "client",
            "client ${1:id} {\n  name       \"${2:Kunde GmbH}\"\n  address    \"${3:Straße 1, 10115 Berlin}\"\n  processing \"${4:Verarbeitungen im Auftrag}\"\n  avv { signed ${5:todo} }\n}\n",
            "a controller we process for (Art. 30(2) GDPR)",
        ),
    ]
}

/// Keys that are not `required` in the schema because a rule of their own reports their absence
/// (`missing-legal-basis`, `missing-retention`, `missing-privacy-notice`, `missing-avv`).
const EXPECTED_BY_RULES: &[(&str, &str)] = &[
    ("activity", "legal_basis"),
    ("activity", "retention"),
    ("activity", "notice"),
    ("processor", "avv"),
];

fn keys(schema: &BlockSchema, present: &[String], german: bool) -> Vec<CompletionItem> {
    schema
        .keys
        .iter()
        .map(|k| {
            // Required keys that are missing first, then the other missing ones, then those
            // already present.
            let expected = k.required || EXPECTED_BY_RULES.contains(&(schema.name, k.key));
            let sort = match (present.iter().any(|p| p == k.key), expected) {
                (false, true) => "0",
                (false, false) => "1",
                (true, _) => "2",
            };
            let mut c = item(
                k.key,
                CompletionKind::Property,
                Some(if german { k.de } else { k.en }.to_string()),
                sort,
            );
            if matches!(k.shape, Shape::Block(_)) {
                c.insert = Some(Insert::Snippet(format!("{} {{\n  $0\n}}", k.key)));
            }
            if matches!(k.shape, Shape::NamedBlock(_)) {
                c.insert = Some(Insert::Snippet(format!("{} \"$1\" {{\n  $0\n}}", k.key)));
            }
            c
        })
        .collect()
}

fn ids(w: &Analysis, kind: ItemKind) -> Vec<CompletionItem> {
    let german = w.settings.german;
    let mut out = Vec::new();
    match kind {
        ItemKind::Processor => {
            for (_, p) in w.ws.processors() {
                let detail = format!(
                    "{} ({})",
                    p.name.as_deref().unwrap_or(""),
                    p.country
                        .as_ref()
                        .and_then(|c| c.get())
                        .map_or("?", |c| c.as_str())
                );
                out.push(item(
                    p.header.id(),
                    CompletionKind::Reference,
                    Some(detail),
                    "0",
                ));
            }
        }
        ItemKind::Category => {
            let declared = w.ws.categories().map(|(_, c)| (&c.header, &c.label));
            let builtin = CATEGORIES.iter().map(|c| (c.id, c.de, c.en));
            declared_then_builtin(&mut out, declared, builtin, german);
        }
        ItemKind::Subject => {
            let declared = w.ws.subjects().map(|(_, s)| (&s.header, &s.label));
            let builtin = SUBJECTS.iter().map(|s| (s.id, s.de, s.en));
            declared_then_builtin(&mut out, declared, builtin, german);
        }
        _ => {}
    }
    out
}

/// The declared ids of a kind with their labels, then the built-in ones (sorted after them).
fn declared_then_builtin<'a>(
    out: &mut Vec<CompletionItem>,
    declared: impl Iterator<Item = (&'a ItemHeader, &'a Option<Text>)>,
    builtin: impl Iterator<Item = (&'static str, &'static str, &'static str)>,
    german: bool,
) {
    for (header, label) in declared {
        let label = (label.as_ref())
            .and_then(|t| t.best(if german { "de" } else { "en" }, "de"))
            .unwrap_or("")
            .to_string();
        out.push(item(
            header.id(),
            CompletionKind::Reference,
            Some(label),
            "0",
        ));
    }
    for (id, de, en) in builtin {
        let label = if german { de } else { en };
        out.push(item(
            id,
            CompletionKind::EnumMember,
            Some(label.to_string()),
            "1",
        ));
    }
}

fn values(w: &Analysis, shape: Shape) -> Vec<CompletionItem> {
    let words = |ws: &[&str]| {
        ws.iter()
            .map(|x| item(x, CompletionKind::EnumMember, None, "0"))
            .collect::<Vec<_>>()
    };
    match shape {
        Shape::Keyword(list) | Shape::Keywords(list) | Shape::DurationKeywordOrText(list) => {
            words(list)
        }
        Shape::KeywordBlock(options) => options
            .iter()
            .map(|(x, _)| item(x, CompletionKind::EnumMember, None, "0"))
            .collect(),
        Shape::Bool => words(&["true", "false"]),
        Shape::Country => geo::country_codes()
            .map(|c| {
                let (sort, detail) = if geo::is_eea(c) {
                    ("0", "EEA")
                } else if geo::adequacy(c).is_some() {
                    ("1", "adequacy decision")
                } else {
                    ("2", "third country")
                };
                item(c, CompletionKind::Constant, Some(detail.to_string()), sort)
            })
            .collect(),
        Shape::StringOrAuthority => authorities::AUTHORITIES
            .iter()
            .map(|a| {
                item(
                    a.id,
                    CompletionKind::EnumMember,
                    Some(a.name(w.settings.german).to_string()),
                    "0",
                )
            })
            .collect(),
        Shape::Ref(k) | Shape::RefList(k) => ids(w, k),
        Shape::IdentList => words(&["iso27001", "iso27701", "soc2", "c5", "tisax"]),
        _ => Vec::new(),
    }
}

/// A token of a block's text before the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    /// An identifier, number, date or keyword.
    Word(&'a str),
    /// A string or text block.
    Str,
    /// A list; `false` while its `]` is still missing.
    List(bool),
    /// A nested `{ … }`.
    Block,
    Semicolon,
}

/// The tokens of `s` (the text from a block's `{` to the cursor), or `None` when the cursor is
/// inside a string or a comment.
fn tokenize(s: &str) -> Option<Vec<Tok<'_>>> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Skips a string or text block starting at `i`; `None` if it does not end before the cursor.
    let skip_string = |i: usize| -> Option<usize> {
        if s[i..].starts_with("\"\"\"") {
            return s[i + 3..].find("\"\"\"").map(|e| i + 3 + e + 3);
        }
        let mut j = i + 1;
        while j < bytes.len() {
            match bytes[j] {
                b'\\' => j += 2,
                b'"' => return Some(j + 1),
                b'\n' => return Some(j),
                _ => j += 1,
            }
        }
        None
    };
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = i + s[i..].find('\n')?;
            }
            b'"' => {
                i = skip_string(i)?;
                out.push(Tok::Str);
            }
            b'[' => {
                let mut j = i + 1;
                let mut closed = false;
                while j < bytes.len() {
                    match bytes[j] {
                        b'"' => j = skip_string(j)?,
                        b']' => {
                            closed = true;
                            j += 1;
                            break;
                        }
                        b'/' if bytes.get(j + 1) == Some(&b'/') => j += s[j..].find('\n')?,
                        _ => j += 1,
                    }
                }
                out.push(Tok::List(closed));
                i = j;
            }
            b'{' => {
                let mut depth = 0;
                let mut j = i;
                while j < bytes.len() {
                    match bytes[j] {
                        b'"' => {
                            j = skip_string(j)?;
                            continue;
                        }
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                out.push(Tok::Block);
                i = j + 1;
            }
            b';' => {
                out.push(Tok::Semicolon);
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c >= 0x80 => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'-')
                        || bytes[i] >= 0x80)
                {
                    i += 1;
                }
                out.push(Tok::Word(&s[start..i]));
            }
            _ => i += 1,
        }
    }
    Some(out)
}

/// Where the cursor is within a block's fields.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// Where a key goes.
    Key,
    /// Where the value of this key goes (`None`: a key the schema does not know).
    Value(Option<&'static KeySpec>),
}

/// Follows the fields of a block up to the cursor. `key` finds the spec of a key (`None` for an
/// unknown key).
fn place(tokens: &[Tok], key: impl Fn(&str) -> Option<&'static KeySpec>) -> Place {
    // The key whose value comes next, and whether a number of a duration was seen (`90 days`
    // takes two words).
    let mut value: Option<(Option<&'static KeySpec>, bool)> = None;
    for tok in tokens {
        value = match (value, *tok) {
            (_, Tok::Semicolon | Tok::Block) => None,
            (None, Tok::Word(w)) => Some((key(w), false)),
            (None, _) => None,
            (Some((spec, false)), Tok::Word(w)) => {
                let number = w.bytes().all(|b| b.is_ascii_digit());
                let duration = spec.is_none_or(|s| {
                    matches!(
                        s.shape,
                        Shape::DurationOrText(_) | Shape::DurationKeywordOrText(_)
                    )
                });
                (number && duration).then_some((spec, true))
            }
            (Some((_, true)), Tok::Word(w)) if w.bytes().all(|b| b.is_ascii_alphabetic()) => None,
            (Some((_, true)), Tok::Word(w)) => Some((key(w), false)),
            (Some(v), Tok::List(false)) => Some(v),
            (Some(_), _) => None,
        };
    }
    match value {
        None => Place::Key,
        Some((spec, _)) => Place::Value(spec),
    }
}

impl Analysis<'_> {
    /// What may be written at `offset` of `file`: item snippets outside any item, keys where a
    /// key goes (missing ones first), values for the key before the cursor, ids of the
    /// workspace. Snippets come as plain text when the client cannot expand them.
    pub fn completions(&self, file: FileId, offset: usize) -> Option<Vec<CompletionItem>> {
        let items = complete(self, file, offset)?;
        if self.settings.snippets {
            return Some(items);
        }
        // The client cannot expand snippets: send their plain text.
        Some(items.into_iter().map(plain_item).collect())
    }
}

fn plain_item(mut item: CompletionItem) -> CompletionItem {
    if let Some(Insert::Snippet(text)) = &item.insert {
        item.insert = Some(Insert::Plain(plain_text(text)));
    }
    item
}

/// A snippet's text without its placeholders: `${1:id}` → `id`, `${2|a,b|}` → `a`, `$0` → ``.
fn plain_text(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut rest = snippet;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(body) = after.strip_prefix('{') {
            let end = body.find('}').unwrap_or(body.len());
            let inner = &body[..end];
            let inner = inner.trim_start_matches(|c: char| c.is_ascii_digit());
            if let Some(default) = inner.strip_prefix(':') {
                out.push_str(default);
            } else if let Some(choices) = inner.strip_prefix('|') {
                out.push_str(
                    choices
                        .trim_end_matches('|')
                        .split(',')
                        .next()
                        .unwrap_or(""),
                );
            }
            rest = body.get(end + 1..).unwrap_or("");
        } else {
            rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    out.push_str(rest);
    out
}

fn complete(w: &Analysis, id: FileId, offset: usize) -> Option<Vec<CompletionItem>> {
    let file = w.file(id)?;
    let Some(block) = cursor::enclosing_block(file, offset) else {
        return Some(item_snippets());
    };
    let kind = cursor::block_kind(block, &file.text);
    // The block's text from its `{` to the cursor; a word touching the cursor is being typed
    // (the editor filters by it), so the place is decided by what comes before it.
    let before = file.text.get(block.start_byte() + 1..offset).unwrap_or("");
    let mut tokens = tokenize(before)?;
    if before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
        && matches!(tokens.last(), Some(Tok::Word(_)))
    {
        tokens.pop();
    }
    let schema = match kind {
        BlockKind::Schema(schema) => schema,
        BlockKind::Languages => {
            // `{ de "…" en "…" }`: a language code, then its text.
            let languages = tokens.iter().filter(|t| matches!(t, Tok::Word(_))).count();
            let texts = tokens.iter().filter(|t| matches!(t, Tok::Str)).count();
            if languages > texts {
                return None;
            }
            let langs = w
                .settings
                .config
                .languages
                .iter()
                .map(|l| item(l, CompletionKind::Property, None, "0"))
                .collect();
            return Some(langs);
        }
        BlockKind::Unknown => return None,
    };
    let spec = match place(&tokens, |k| schema.key(k)) {
        Place::Key => {
            let present: Vec<String> = {
                let mut cursor = block.walk();
                block
                    .named_children(&mut cursor)
                    .filter(|n| n.kind() == "field")
                    .filter_map(|f| f.child_by_field_name("key"))
                    .map(|k| node_text(k, &file.text).to_string())
                    .collect()
            };
            return Some(keys(schema, &present, w.settings.german));
        }
        Place::Value(spec) => spec?,
    };
    let mut items = match spec.key {
        // The services of the `ropa scan` catalogue, each with its name.
        "services" => ropa_scan::catalogue()
            .services()
            .map(|(_, s)| {
                let detail = format!("{} ({})", s.name, s.category);
                item(s.id, CompletionKind::EnumMember, Some(detail), "0")
            })
            .collect(),
        _ => values(w, spec.shape),
    };
    if matches!(spec.shape, Shape::RefList(_)) || spec.key == "services" {
        // An id already in the list is not offered again.
        let listed = listed_ids(file, offset);
        items.retain(|i| !listed.contains(&i.label.as_str()));
    }
    Some(items)
}

/// The identifiers in the list of the field at `offset`, except the one being typed.
fn listed_ids(file: &ropa_analysis::File, offset: usize) -> Vec<&str> {
    let root = file.tree().root_node();
    let Some(field) = root
        .descendant_for_byte_range(offset, offset)
        .and_then(|n| ropa_syntax::ancestors(n).find(|n| n.kind() == "field"))
    else {
        return Vec::new();
    };
    let Some(list) = field
        .child_by_field_name("value")
        .filter(|v| v.kind() == "list")
    else {
        return Vec::new();
    };
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|n| n.kind() == "identifier")
        .filter(|n| !(n.start_byte() <= offset && offset <= n.end_byte()))
        .map(|n| node_text(n, &file.text))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn snippets_become_plain_text() {
        assert_eq!(super::plain_text("dpia {\n  $0\n}"), "dpia {\n  \n}");
        assert_eq!(
            super::plain_text("activity ${1:id} {\n  legal_basis ${6|consent,contract|}\n}"),
            "activity id {\n  legal_basis consent\n}"
        );
    }
}
