//! Lowering one file's syntax tree to the typed model, validating it against the schema.
//!
//! This reports the schema rules (`unknown-field`, `invalid-value`, `missing-field`,
//! `duplicate-field`); everything that needs the whole workspace happens in resolution and in
//! the rules.

use ropa_syntax::{Block, Field, ItemKind, SourceFile, TextRange, TimeUnit, Value, offset32};

use crate::diagnostic::suggest;
use crate::model::*;
use crate::schema::{self, BlockSchema, KeySpec};
use crate::{Diagnostic, Edit, FileId, Fix, Location, Severity, geo};

pub(crate) struct Lowerer<'a, 'd> {
    file: FileId,
    text: &'a str,
    diags: &'d mut Vec<Diagnostic>,
    /// The previous lowering of this file, whose untouched items are taken over.
    reuse: Option<&'d mut crate::reuse::Reuse>,
    /// How the keys of the current item's blocks are written.
    writes: Vec<KeyWrite>,
}

/// The validated fields of one block: the first occurrence of each known key, every occurrence
/// of a repeatable one.
struct Fields<'a> {
    fields: Vec<(&'static KeySpec, Field<'a>)>,
    /// Where the block's key writes are recorded (see [`KeyWrite`]).
    owner: TextRange,
}

impl<'a> Fields<'a> {
    fn get(&self, key: &str) -> Option<Field<'a>> {
        self.fields
            .iter()
            .find(|(k, _)| k.key == key)
            .map(|(_, f)| *f)
    }

    /// Every occurrence of a repeatable key, in order.
    fn all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = Field<'a>> + 's {
        self.fields
            .iter()
            .filter(move |(k, _)| k.key == key)
            .map(|(_, f)| *f)
    }

    /// The key spec and the block for a text's key, to record a language written as `todo`.
    fn at(&self, key: &str) -> Option<(TextRange, &'static KeySpec)> {
        self.fields
            .iter()
            .find(|(k, _)| k.key == key)
            .map(|(k, _)| (self.owner, *k))
    }
}

/// The range of the placeholder `todo` when it is a value (not followed by a block).
fn todo_of(value: Option<Value>) -> Option<TextRange> {
    match value {
        Some(Value::Ident(id)) if id.text() == schema::TODO => Some(id.range()),
        _ => None,
    }
}

/// The field's value is the placeholder `todo` (and it has no block).
fn is_todo(f: &Field) -> bool {
    f.body().is_none() && todo_of(f.value()).is_some()
}

fn key_range(f: &Field) -> TextRange {
    f.key().map_or(f.range(), |k| k.range())
}

/// The start of the line containing `offset`.
pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The spaces and tabs that start the line containing `offset` (for inserting fields there).
pub fn line_indent(text: &str, offset: usize) -> &str {
    let line = text.get(line_start(text, offset)..).unwrap_or("");
    let len = line
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count();
    line.get(..len).unwrap_or("")
}

impl<'a, 'd> Lowerer<'a, 'd> {
    pub(crate) fn new(file: FileId, text: &'a str, diags: &'d mut Vec<Diagnostic>) -> Self {
        Self {
            file,
            text,
            diags,
            reuse: None,
            writes: Vec::new(),
        }
    }

    pub(crate) fn reusing(mut self, reuse: &'d mut crate::reuse::Reuse) -> Self {
        self.reuse = Some(reuse);
        self
    }

    fn loc(&self, range: TextRange) -> Location {
        Location {
            file: self.file,
            range,
        }
    }

    fn report(&mut self, rule: &'static str, range: TextRange, message: String) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(
            rule,
            Severity::Error,
            self.loc(range),
            message,
        ));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    fn invalid(&mut self, range: TextRange, message: String) {
        self.report("invalid-value", range, message);
    }

    pub(crate) fn lower_file(&mut self, source: SourceFile<'a>) -> FileModel {
        let mut model = FileModel::default();
        let items = source.item_nodes();
        // Most items are activities; growing the vector item by item would copy it again and
        // again (an activity is large), and the language server lowers on every keystroke.
        model.activities.reserve(items.len());
        model.items.reserve(items.len());
        for node in items {
            model.items.push(node.range());
            // An untouched item is taken over before its parts are even read.
            if let (Some(reuse), Some(tree_node)) = (self.reuse.as_deref_mut(), node.tree_node())
                && reuse.take(self.file, tree_node, self.text, &mut model, self.diags)
            {
                continue;
            }
            let Some(item) = node.item() else {
                continue;
            };
            let (Some(kind), Some(body)) = (item.kind(), item.body()) else {
                continue;
            };
            let id = item.name().map(|n| Spanned {
                value: Name::from(n.text()),
                range: n.range(),
            });
            let header = ItemHeader {
                file: self.file,
                kind,
                keyword: item.keyword_range(),
                id,
                range: item.range(),
                body_end: body.close_brace_start(),
                writes: Vec::new(),
            };
            match (kind, &header.id) {
                (ItemKind::Controller, Some(id)) => {
                    self.invalid(id.range, "a `controller` has no id; remove it".to_string());
                }
                (ItemKind::Controller, None) => {}
                (_, None) => {
                    let range = header.keyword;
                    self.report(
                        "missing-field",
                        range,
                        format!(
                            "this `{}` has no id; write `{} my_id {{ … }}`",
                            kind.keyword(),
                            kind.keyword()
                        ),
                    );
                    continue;
                }
                _ => {}
            }
            let anchor = header.anchor().range;
            let fields = self.check_block(
                body,
                schema::item_schema(kind),
                anchor,
                anchor,
                kind.keyword(),
            );
            match kind {
                ItemKind::Controller => model.controllers.push(self.controller(header, &fields)),
                ItemKind::Processor => model.processors.push(self.processor(header, &fields)),
                ItemKind::Activity => model.activities.push(self.activity(header, &fields)),
                ItemKind::Category => model.categories.push(CategoryDef {
                    label: self.text_of(&fields, "label"),
                    special: self
                        .bool_of(&fields, "special")
                        .and_then(|k| k.get().copied())
                        .unwrap_or(false),
                    criminal: self
                        .bool_of(&fields, "criminal")
                        .and_then(|k| k.get().copied())
                        .unwrap_or(false),
                    header,
                }),
                ItemKind::Subject => model.subjects.push(SubjectDef {
                    label: self.text_of(&fields, "label"),
                    header,
                }),
                ItemKind::Section => model.sections.push(self.section(header, &fields)),
                ItemKind::Client => model.clients.push(self.client(header, &fields)),
            }
            // The writes of all the item's blocks, recorded while they were checked.
            let header = match kind {
                ItemKind::Controller => model.controllers.last_mut().map(|c| &mut c.header),
                ItemKind::Processor => model.processors.last_mut().map(|p| &mut p.header),
                ItemKind::Activity => model.activities.last_mut().map(|a| &mut a.header),
                ItemKind::Category => model.categories.last_mut().map(|c| &mut c.header),
                ItemKind::Subject => model.subjects.last_mut().map(|s| &mut s.header),
                ItemKind::Section => model.sections.last_mut().map(|s| &mut s.header),
                ItemKind::Client => model.clients.last_mut().map(|c| &mut c.header),
            };
            if let Some(header) = header {
                // Copied out at its exact size; the buffer keeps its capacity for the next item.
                header.writes = self.writes.drain(..).collect();
            }
        }
        model.suppressions = crate::suppress::collect(self.file, source);
        // The model lives as long as the workspace: no room left over from growing.
        model.activities.shrink_to_fit();
        model.processors.shrink_to_fit();
        model
    }

    /// Checks keys against the schema: unknown, duplicate and missing keys (no `missing-field`
    /// for a key that a misspelt one probably meant: one mistake, one finding). Records how each
    /// key is written, under `owner` (see [`KeyWrite`]); findings about the whole block go to
    /// `anchor`.
    fn check_block(
        &mut self,
        block: Block<'a>,
        schema: &'static BlockSchema,
        owner: TextRange,
        anchor: TextRange,
        what: &str,
    ) -> Fields<'a> {
        self.check_block_skipping(block, schema, owner, anchor, what, |_| false)
    }

    /// The parts of a `retention` written as a block alone, beside the languages of its text.
    fn check_block_beside_languages(&mut self, block: Block<'a>, key: TextRange) -> Fields<'a> {
        let languages = |k: &str| geo::language_code(k).is_some();
        self.check_block_skipping(block, &schema::RETENTION, key, key, "retention", languages)
    }

    /// [`Self::check_block`], leaving out the keys `skip` accepts.
    fn check_block_skipping(
        &mut self,
        block: Block<'a>,
        schema: &'static BlockSchema,
        owner: TextRange,
        anchor: TextRange,
        what: &str,
        skip: impl Fn(&str) -> bool,
    ) -> Fields<'a> {
        let block_fields = block.fields();
        let mut fields: Vec<(&'static KeySpec, Field<'a>)> = Vec::with_capacity(block_fields.len());
        let mut typos: Vec<&'static KeySpec> = Vec::new();
        for field in block_fields {
            let Some(key) = field.key() else { continue };
            let name = key.text();
            if skip(name) {
                continue;
            }
            let Some(spec) = schema.key(name) else {
                if let Some(meant) = self.unknown_field(key.range(), name, schema, what) {
                    typos.push(meant);
                    self.writes.push(KeyWrite::new(owner, meant, None, true));
                }
                continue;
            };
            let write = match todo_of(field.value()).filter(|_| field.body().is_none()) {
                Some(todo) => KeyWrite::todo(owner, spec, todo),
                None => KeyWrite::new(owner, spec, field.value().map(|v| v.range()), false),
            };
            self.writes.push(write);
            if let Some((_, first)) = fields.iter().find(|(k, _)| k.key == name && !k.repeatable) {
                let first_line = self
                    .text
                    .get(..key_range(first).start())
                    .map_or(0, |t| t.matches('\n').count())
                    + 1;
                self.report(
                    "duplicate-field",
                    key.range(),
                    format!("`{name}` is given twice in this `{what}` block (first on line {first_line}); remove one"),
                );
                continue;
            }
            fields.push((spec, field));
        }
        // An activity with `data []` processes no personal data, so it has no data subjects.
        let no_personal_data = what == "activity"
            && fields.iter().any(|(k, f)| {
                k.key == "data"
                    && matches!(f.value(), Some(Value::List(list)) if list.elements().is_empty())
            });
        let exempt = |key: &str| no_personal_data && key == "subjects";
        for spec in schema.keys.iter().filter(|k| k.required && !exempt(k.key)) {
            if !fields.iter().any(|(k, _)| k.key == spec.key)
                && !typos.iter().any(|t| t.key == spec.key)
            {
                let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                self.report(
                    "missing-field",
                    anchor,
                    format!(
                        "{article} `{what}` needs `{}`: add it ({})",
                        spec.key,
                        lowercase_first(spec.en.trim_end_matches('.'))
                    ),
                );
            }
        }
        Fields { fields, owner }
    }

    fn unknown_field(
        &mut self,
        range: TextRange,
        name: &str,
        schema: &'static BlockSchema,
        what: &str,
    ) -> Option<&'static KeySpec> {
        let suggestion = suggest(name, schema.keys.iter().map(|k| k.key));
        let mut message = format!("`{name}` is not a field of `{what}`");
        match suggestion {
            Some(s) => message.push_str(&format!("; did you mean `{s}`?")),
            None => {
                let keys: Vec<&str> = schema.keys.iter().map(|k| k.key).collect();
                message.push_str(&format!("; valid fields are {}", list_keys(&keys)));
            }
        }
        let loc = self.loc(range);
        let d = self.report("unknown-field", range, message);
        if let Some(s) = suggestion {
            d.fixes.push(Fix {
                title: format!("Replace `{name}` with `{s}`"),
                edits: vec![Edit {
                    location: loc,
                    text: s.to_string(),
                }],
                safe: false,
            });
        }
        suggestion.and_then(|s| schema.key(s))
    }

    /// Reports a value that is not of the expected shape; returns `None` then.
    fn expect_value(&mut self, f: &Field<'a>, expected: &str) -> Option<Value<'a>> {
        let key = f.key().map_or("", |k| k.text());
        if let Some(body) = f.body() {
            let at = f
                .value()
                .map_or(body.range(), |v| v.range().cover(body.range()));
            self.invalid(at, format!("`{key}` takes {expected}, not a block"));
            return None;
        }
        // `todo`: present, no value yet; `unfinished-value` reports it.
        f.value().filter(|v| todo_of(Some(*v)).is_none())
    }

    /// A catalogue service id of `services [..]`; an unknown one is reported (with the nearest
    /// id) and left out.
    fn service_id(&mut self, id: &str, range: TextRange) -> Option<Spanned<String>> {
        let catalogue = ropa_scan::catalogue();
        if catalogue.by_id(id).is_some() {
            return Some(Spanned {
                value: id.to_string(),
                range,
            });
        }
        let hint = suggest(id, catalogue.services().map(|(_, s)| s.id))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        self.invalid(
            range,
            format!("`{id}` is not a service of the `ropa scan` catalogue{hint}"),
        );
        None
    }

    fn wrong(&mut self, key: &str, v: &Value, expected: &str) {
        self.invalid(
            v.range(),
            format!("`{key}` takes {expected}, found {}", v.describe()),
        );
    }

    fn string_field(&mut self, f: Field<'a>) -> Option<Spanned<String>> {
        let key = f.key().map_or("", |k| k.text());
        match self.expect_value(&f, "a string")? {
            Value::String(s) => match s.value() {
                Ok(v) => Some(Spanned {
                    value: v.into_owned(),
                    range: s.range(),
                }),
                Err(e) => {
                    self.invalid(e.range, e.message);
                    None
                }
            },
            other => {
                self.wrong(key, &other, "a string");
                None
            }
        }
    }

    fn string_of(&mut self, fields: &Fields<'a>, key: &str) -> Option<String> {
        fields
            .get(key)
            .and_then(|f| self.string_field(f))
            .map(|s| s.value)
    }

    /// A text `T`; `at` is where a language written as `todo` is recorded.
    fn text_field(
        &mut self,
        f: Field<'a>,
        at: Option<(TextRange, &'static KeySpec)>,
    ) -> Option<Text> {
        let key = f.key().map_or("", |k| k.text());
        if let Some(body) = f.body() {
            if let Some(v) = f.value() {
                self.invalid(v.range(), format!("`{key}` takes either a text or a language block `{{ de \"…\" en \"…\" }}`, not both"));
                return None;
            }
            return self.language_block(body, at, None);
        }
        if is_todo(&f) {
            return None;
        }
        let value = f.value()?;
        self.plain_text(&value, key)
            .map(|(text, range)| Text::plain(text, range))
    }

    fn plain_text(&mut self, value: &Value<'a>, key: &str) -> Option<(String, TextRange)> {
        let decoded = match value {
            Value::String(s) => s.value().map(|v| v.into_owned()),
            Value::TextBlock(t) => t.value(),
            other => {
                self.wrong(
                    key,
                    other,
                    "a text (a string, a `\"\"\"` text block or a language block)",
                );
                return None;
            }
        };
        match decoded {
            Ok(text) => Some((text, value.range())),
            Err(e) => {
                self.invalid(e.range, e.message);
                None
            }
        }
    }

    /// A language block `{ de "…" en "…" }`; `at` is where a language written as `todo` is
    /// recorded. With `beside` (the parts of a `retention` written as a block), keys that are no
    /// language code are left to the caller.
    fn language_block(
        &mut self,
        body: Block<'a>,
        at: Option<(TextRange, &'static KeySpec)>,
        beside: Option<&'static BlockSchema>,
    ) -> Option<Text> {
        let mut parts: Vec<TextPart> = Vec::new();
        let mut keys = Vec::new();
        let mut todo = Vec::new();
        for field in body.fields() {
            let Some(key) = field.key() else { continue };
            let written = key.text();
            // Beside parts, only language codes belong to the text; the caller checks the rest.
            if beside.is_some() && geo::language_code(written).is_none() {
                continue;
            }
            keys.push(key.range());
            let Some(lang) = geo::language_code(written) else {
                let lang = written;
                let hint = suggest(lang, ["de", "en", "fr", "it", "es", "nl", "pl"])
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.invalid(
                    key.range(),
                    format!("`{lang}` is not an ISO 639-1 language code{hint}"),
                );
                continue;
            };
            if parts.iter().any(|p| p.lang == Some(lang)) || todo.contains(&lang) {
                self.report(
                    "duplicate-field",
                    key.range(),
                    format!("the language `{lang}` is given twice; remove one"),
                );
                continue;
            }
            if let Some(range) = todo_of(field.value()).filter(|_| field.body().is_none()) {
                todo.push(lang);
                if let Some((owner, spec)) = at {
                    self.writes.push(KeyWrite::todo(owner, spec, range));
                }
                continue;
            }
            let Some(value) = self.expect_value(&field, "a text") else {
                continue;
            };
            if let Some((text, range)) = self.plain_text(&value, lang) {
                parts.push(TextPart {
                    lang: Some(lang),
                    text: text.into_boxed_str(),
                    range,
                });
            }
        }
        Some(Text {
            parts: parts.into_boxed_slice(),
            block: Some(Box::new(LanguageBlock {
                close_brace: body.close_brace_start(),
                keys,
                todo,
            })),
        })
    }

    fn text_of(&mut self, fields: &Fields<'a>, key: &str) -> Option<Text> {
        let at = fields.at(key);
        fields.get(key).and_then(|f| self.text_field(f, at))
    }

    fn date_field(&mut self, f: Field<'a>) -> Option<Spanned<ropa_syntax::Date>> {
        let key = f.key().map_or("", |k| k.text());
        match self.expect_value(&f, "a date (YYYY-MM-DD)")? {
            Value::Date(d) => match d.value() {
                Ok(v) => Some(Spanned {
                    value: v,
                    range: d.range(),
                }),
                Err(e) => {
                    self.invalid(e.range, e.message);
                    None
                }
            },
            other => {
                self.wrong(key, &other, "a date (YYYY-MM-DD)");
                None
            }
        }
    }

    fn bool_of(&mut self, fields: &Fields<'a>, key: &str) -> Option<Keyed<bool>> {
        let f = fields.get(key)?;
        let value = match self.expect_value(&f, "`true` or `false`") {
            Some(Value::Boolean(b)) => Some(Spanned {
                value: b.value(),
                range: b.range(),
            }),
            Some(other) => {
                self.wrong(key, &other, "`true` or `false`");
                None
            }
            None => None,
        };
        Some(Keyed {
            key: key_range(&f),
            value,
        })
    }

    fn keyword_field(&mut self, f: Field<'a>, allowed: &[&str]) -> Keyed<String> {
        let key = f.key().map_or("", |k| k.text());
        let value = match (f.body(), f.value()) {
            (None, Some(Value::Ident(id))) if id.text() == schema::TODO => None,
            (None, Some(Value::Ident(id))) => {
                self.check_keyword(key, id.text(), id.range(), allowed)
            }
            // The message is only built for a mistake: this runs for most activities.
            _ => {
                let expected = format!("one of {}", list_keys(allowed));
                if let Some(other) = self.expect_value(&f, &expected) {
                    self.wrong(key, &other, &expected);
                }
                None
            }
        };
        Keyed {
            key: key_range(&f),
            value,
        }
    }

    fn check_keyword(
        &mut self,
        key: &str,
        word: &str,
        range: TextRange,
        allowed: &[&str],
    ) -> Option<Spanned<String>> {
        if allowed.contains(&word) {
            return Some(Spanned {
                value: word.to_string(),
                range,
            });
        }
        let mut message = format!("`{word}` is not a valid value for `{key}`");
        match suggest(word, allowed.iter().copied()) {
            Some(s) => message.push_str(&format!("; did you mean `{s}`?")),
            None => message.push_str(&format!("; expected one of {}", list_keys(allowed))),
        }
        self.invalid(range, message);
        None
    }

    fn keyword_of(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        allowed: &[&str],
    ) -> Option<Keyed<String>> {
        fields.get(key).map(|f| self.keyword_field(f, allowed))
    }

    fn reference(&mut self, v: &Value<'a>, key: &str, kind: ItemKind) -> Option<Reference> {
        match v {
            Value::Ident(id) => Some(Reference {
                name: Name::from(id.text()),
                range: id.range(),
                kind,
                target: None,
            }),
            other => {
                self.wrong(key, other, &format!("the id of a `{}`", kind.keyword()));
                None
            }
        }
    }

    fn ref_list(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        kind: ItemKind,
    ) -> Option<Vec<Reference>> {
        let f = fields.get(key)?;
        // Static: this runs for every list of every activity, the message only on a mistake.
        let expected = match kind {
            ItemKind::Processor => "a list of `processor` ids, like `[a, b]`",
            ItemKind::Category => "a list of `category` ids, like `[a, b]`",
            ItemKind::Subject => "a list of `subject` ids, like `[a, b]`",
            ItemKind::Activity => "a list of `activity` ids, like `[a, b]`",
            ItemKind::Controller => "a list of `controller` ids, like `[a, b]`",
            ItemKind::Section => "a list of `section` ids, like `[a, b]`",
            ItemKind::Client => "a list of `client` ids, like `[a, b]`",
        };
        match self.expect_value(&f, expected) {
            Some(Value::List(list)) => {
                let elements = list.elements();
                let mut out = Vec::with_capacity(elements.len());
                for element in elements {
                    if let Some(r) = self.reference(&element, key, kind) {
                        out.push(r);
                    }
                }
                Some(out)
            }
            Some(other) => {
                self.wrong(key, &other, expected);
                // Keep the key present so that no "missing" finding follows.
                Some(Vec::new())
            }
            None => Some(Vec::new()),
        }
    }

    /// An activity's `data`. Only a literal `data []` lowers to an empty list (the activity
    /// processes no personal data); a value whose every element is invalid lowers to `None`, so
    /// that a mistake never reads as "no personal data" (the `invalid-value` finding says why).
    fn activity_data(&mut self, fields: &Fields<'a>) -> Option<Vec<Reference>> {
        let data = self.ref_list(fields, "data", ItemKind::Category)?;
        let declared_empty = fields.get("data").is_some_and(
            |f| matches!(f.value(), Some(Value::List(list)) if list.elements().is_empty()),
        );
        (declared_empty || !data.is_empty()).then_some(data)
    }

    fn list_of<T>(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        expected: &str,
        mut each: impl FnMut(&mut Self, Value<'a>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let f = fields.get(key)?;
        match self.expect_value(&f, expected) {
            Some(Value::List(list)) => Some(
                list.elements()
                    .into_iter()
                    .filter_map(|v| each(self, v))
                    .collect(),
            ),
            Some(other) => {
                self.wrong(key, &other, expected);
                Some(Vec::new())
            }
            None => Some(Vec::new()),
        }
    }

    fn nested(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        schema: &'static BlockSchema,
    ) -> Option<(TextRange, Fields<'a>, usize)> {
        let f = fields.get(key)?;
        let kr = key_range(&f);
        match (f.value(), f.body()) {
            (None, Some(body)) => {
                let inner = self.check_block(body, schema, kr, kr, schema.name);
                Some((kr, inner, body.close_brace_start()))
            }
            _ if is_todo(&f) => None,
            (Some(v), _) => {
                self.invalid(
                    v.range(),
                    format!("`{key}` takes a block `{{ … }}`, found {}", v.describe()),
                );
                None
            }
            (None, None) => None,
        }
    }

    fn contact(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        schema: &'static BlockSchema,
    ) -> Option<Contact> {
        let (key_range, inner, _) = self.nested(fields, key, schema)?;
        Some(Contact {
            key: key_range,
            name: self.string_of(&inner, "name"),
            address: self.string_of(&inner, "address"),
            email: self.string_of(&inner, "email"),
            phone: self.string_of(&inner, "phone"),
        })
    }

    /// `supervisory_authority "Name"` or `supervisory_authority de_ni` (a built-in authority).
    fn supervisory_authority(&mut self, fields: &Fields<'a>) -> Option<Authority> {
        let f = fields.get("supervisory_authority")?;
        match (f.body(), f.value()) {
            (None, Some(Value::Ident(id))) if id.text() == schema::TODO => None,
            (None, Some(Value::Ident(id))) => self.builtin_authority(id.text(), id.range()),
            _ => self.string_field(f).map(|s| Authority::Named(s.value)),
        }
    }

    /// A built-in authority by id; an unknown id is `invalid-value` with the nearest id (and a
    /// quick fix to it) or the list of ids.
    fn builtin_authority(&mut self, id: &str, range: TextRange) -> Option<Authority> {
        if let Some(entry) = crate::authorities::find(id) {
            return Some(Authority::Builtin(entry));
        }
        let meant = suggest(id, crate::authorities::ids());
        let hint = match meant {
            Some(m) => format!("; did you mean `{m}`?"),
            None => {
                let ids: Vec<&str> = crate::authorities::ids().collect();
                format!("; the built-in ids are {}", list_keys(&ids))
            }
        };
        let location = self.loc(range);
        let d = self.report(
            "invalid-value",
            range,
            format!("`{id}` is not a built-in supervisory authority{hint} (or write the name as a string)"),
        );
        if let Some(m) = meant {
            d.fixes.push(Fix {
                title: format!("Replace `{id}` with `{m}`"),
                edits: vec![Edit {
                    location,
                    text: m.to_string(),
                }],
                safe: false,
            });
        }
        None
    }

    fn controller(&mut self, header: ItemHeader, fields: &Fields<'a>) -> Controller {
        Controller {
            name: self.string_of(fields, "name"),
            address: self.string_of(fields, "address"),
            email: self.string_of(fields, "email"),
            phone: self.string_of(fields, "phone"),
            website: self.string_of(fields, "website"),
            representative: self.contact(fields, "representative", &schema::CONTACT),
            dpo: self.contact(fields, "dpo", &schema::DPO),
            supervisory_authority: self.supervisory_authority(fields),
            country: self.country(fields),
            managing_directors: self.string_list(fields, "managing_directors"),
            register: self.string_of(fields, "register"),
            imprint: self.string_of(fields, "imprint"),
            employees_processing: self.integer_of(fields, "employees_processing"),
            ai_literacy: self
                .nested(fields, "ai_literacy", &schema::AI_LITERACY)
                .map(|(key, inner, _)| AiLiteracy {
                    key,
                    measures: self.text_of(&inner, "measures"),
                    updated: inner
                        .get("updated")
                        .and_then(|f| self.date_field(f))
                        .map(|d| d.value),
                }),
            security: self.text_of(fields, "security"),
            header,
        }
    }

    fn string_list(
        &mut self,
        fields: &Fields<'a>,
        key: &'static str,
    ) -> Option<Vec<Spanned<String>>> {
        self.list_of(fields, key, "a list of strings", |this, v| match v {
            Value::String(s) => s.value().ok().map(|value| Spanned {
                value: value.into_owned(),
                range: s.range(),
            }),
            other => {
                this.wrong(key, &other, "a string");
                None
            }
        })
    }

    fn integer_of(&mut self, fields: &Fields<'a>, key: &str) -> Option<Keyed<u64>> {
        let f = fields.get(key)?;
        let value = match self.expect_value(&f, "a whole number") {
            Some(Value::Integer(i)) => match i.value() {
                Ok(v) => Some(Spanned {
                    value: v,
                    range: i.range(),
                }),
                Err(e) => {
                    self.invalid(e.range, e.message);
                    None
                }
            },
            Some(other) => {
                self.wrong(key, &other, "a whole number");
                None
            }
            None => None,
        };
        Some(Keyed {
            key: key_range(&f),
            value,
        })
    }

    fn duration_of(&mut self, fields: &Fields<'a>, key: &str) -> Option<Spanned<(u64, TimeUnit)>> {
        let f = fields.get(key)?;
        match self.expect_value(&f, "a duration like `6 months`")? {
            Value::Duration(d) => match (d.amount(), d.unit()) {
                (Some(amount), Some(unit)) => Some(Spanned {
                    value: (amount, unit),
                    range: d.range(),
                }),
                _ => {
                    self.invalid(d.range(), "this duration is too large".to_string());
                    None
                }
            },
            other => {
                self.wrong(key, &other, "a duration like `6 months`");
                None
            }
        }
    }

    fn agreement(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        schema: &'static BlockSchema,
    ) -> Option<Agreement> {
        let (key_range, inner, close) = self.nested(fields, key, schema)?;
        if std::ptr::eq(schema, &schema::AVV) {
            self.check_avv_content(&inner, key_range, close);
        }
        Some(Agreement {
            key: key_range,
            signed: inner
                .get("signed")
                .and_then(|f| self.date_field(f))
                .map(|d| d.value),
            accepted: inner
                .get("accepted")
                .and_then(|f| self.date_field(f))
                .map(|d| d.value),
            document: self.string_of(&inner, "document"),
            expires: inner.get("expires").and_then(|f| self.date_field(f)),
            essence: self.text_of(&inner, "essence"),
        })
    }

    /// An `avv` says what is known of the contract: signed on a date, accepted online on a
    /// date, or where it is (a link when it was accepted online on an unknown day). With none of
    /// them the block records nothing; the quick fix marks the date as still to find.
    fn check_avv_content(&mut self, inner: &Fields<'a>, key: TextRange, close_brace: usize) {
        let keys = ["signed", "accepted", "document"];
        // A misspelt one (`signd`) is reported as `unknown-field` already: one mistake, one
        // finding.
        let misspelt = self
            .writes
            .iter()
            .any(|w| w.misspelt && w.block == offset32(key.start()) && keys.contains(&w.key()));
        if misspelt || keys.iter().any(|k| inner.get(k).is_some()) {
            return;
        }
        let before = self.text.get(..close_brace).unwrap_or_default();
        let text = if before.ends_with([' ', '\t', '\n']) {
            "signed todo "
        } else {
            " signed todo "
        };
        let fix = Fix {
            title: "Add `signed todo` (the date is still to find)".to_string(),
            edits: vec![Edit {
                location: self.loc(TextRange::empty(close_brace)),
                text: text.to_string(),
            }],
            safe: false,
        };
        let d = self.report(
            "missing-field",
            key,
            "an `avv` needs `signed`, `accepted` or `document`: add the day the contract was signed (`signed YYYY-MM-DD`), the day it was accepted online (`accepted YYYY-MM-DD`), or, for a contract accepted online on an unknown day, its link (`document \"https://…\"`)".to_string(),
        );
        d.fixes.push(fix);
    }

    fn country(&mut self, fields: &Fields<'a>) -> Option<Keyed<String>> {
        let f = fields.get("country")?;
        let value = match self.expect_value(&f, "an ISO 3166-1 country code such as `DE`") {
            Some(Value::Ident(id)) => {
                let code = id.text();
                if geo::is_country_code(code) {
                    Some(Spanned {
                        value: code.to_string(),
                        range: id.range(),
                    })
                } else {
                    let upper = code.to_ascii_uppercase();
                    let meant = geo::country_alias(code)
                        .or_else(|| geo::is_country_code(&upper).then_some(upper.as_str()));
                    let hint = match meant {
                        Some(m) if m == upper => format!("; write it in capitals: `{upper}`"),
                        Some(m) => format!("; the ISO 3166-1 code is `{m}`"),
                        None => "; use an ISO 3166-1 alpha-2 code such as `DE`, `IE` or `US`"
                            .to_string(),
                    };
                    let fix = meant.map(|m| Fix {
                        title: format!("Write `{m}`"),
                        edits: vec![Edit {
                            location: self.loc(id.range()),
                            text: m.to_string(),
                        }],
                        safe: true,
                    });
                    let d = self.report(
                        "invalid-value",
                        id.range(),
                        format!("`{code}` is not an ISO 3166-1 country code{hint}"),
                    );
                    d.fixes.extend(fix);
                    None
                }
            }
            Some(other) => {
                self.wrong("country", &other, "an ISO 3166-1 country code such as `DE`");
                None
            }
            None => None,
        };
        Some(Keyed {
            key: key_range(&f),
            value,
        })
    }

    /// A `keyword { … }` field such as `legal_basis consent { … }` or `transfer scc { … }`.
    fn keyword_block(
        &mut self,
        f: Field<'a>,
        options: &'static [(&'static str, Option<&'static BlockSchema>)],
    ) -> (Option<Spanned<String>>, Option<(Fields<'a>, TextRange)>) {
        let key = f.key().map_or("", |k| k.text());
        let names = || options.iter().map(|(n, _)| *n).collect::<Vec<&str>>();
        if is_todo(&f) {
            return (None, None);
        }
        let word = match f.value() {
            Some(Value::Ident(id)) if options.iter().any(|(n, _)| *n == id.text()) => {
                Some(Spanned {
                    value: id.text().to_string(),
                    range: id.range(),
                })
            }
            Some(Value::Ident(id)) => self.check_keyword(key, id.text(), id.range(), &names()),
            Some(other) => {
                self.wrong(key, &other, &format!("one of {}", list_keys(&names())));
                return (None, None);
            }
            None => {
                let range = f.body().map_or(key_range(&f), |b| b.range());
                self.invalid(
                    range,
                    format!(
                        "`{key}` needs a value before the block: one of {}",
                        list_keys(&names())
                    ),
                );
                return (None, None);
            }
        };
        let Some(word) = word else {
            return (None, None);
        };
        let schema = options
            .iter()
            .find(|(n, _)| *n == word.value)
            .and_then(|(_, s)| *s);
        let inner = match (f.body(), schema) {
            (Some(body), Some(schema)) => Some((
                self.check_block(body, schema, key_range(&f), word.range, schema.name),
                body.range(),
            )),
            (Some(body), None) => {
                self.invalid(
                    body.range(),
                    format!("`{key} {}` takes no block", word.value),
                );
                None
            }
            (None, _) => None,
        };
        (Some(word), inner)
    }

    fn processor(&mut self, header: ItemHeader, fields: &Fields<'a>) -> Processor {
        let role = self.keyword_of(fields, "role", schema::ROLES);
        let role = match role.as_ref().and_then(|r| r.get()).map(String::as_str) {
            Some("joint_controller") => Role::JointController,
            Some("controller") => Role::Controller,
            _ => Role::Processor,
        };
        let transfer = self.transfer(fields);
        Processor {
            name: self.string_of(fields, "name"),
            country: self.country(fields),
            service: self.text_of(fields, "service"),
            role,
            avv: self.agreement(fields, "avv", &schema::AVV),
            joint_agreement: self.agreement(fields, "joint_agreement", &schema::JOINT_AGREEMENT),
            transfer,
            certifications: self.list_of(
                fields,
                "certifications",
                "a list of identifiers, like `[iso27001, soc2]`",
                |this, v| match v {
                    Value::Ident(id) => Some(Spanned {
                        value: id.text().to_string(),
                        range: id.range(),
                    }),
                    other => {
                        this.wrong("certifications", &other, "an identifier such as `iso27001`");
                        None
                    }
                },
            ),
            subprocessors: self
                .ref_list(fields, "subprocessors", ItemKind::Processor)
                .unwrap_or_default(),
            services: self.list_of(
                fields,
                "services",
                "a list of services of the scan catalogue, like `[google_analytics]`",
                |this, v| match v {
                    Value::Ident(id) => this.service_id(id.text(), id.range()),
                    other => {
                        this.wrong(
                            "services",
                            &other,
                            "an identifier such as `google_analytics`",
                        );
                        None
                    }
                },
            ),
            contact: self.string_of(fields, "contact"),
            address: self.string_of(fields, "address"),
            privacy_policy: self.string_of(fields, "privacy_policy"),
            opt_out: self.string_of(fields, "opt_out"),
            header,
        }
    }

    /// `transfer MECHANISM { … }` of a processor or a client.
    fn transfer(&mut self, fields: &Fields<'a>) -> Option<Transfer> {
        fields.get("transfer").map(|f| {
            let options = schema::PROCESSOR.keyword_options("transfer");
            let (word, inner) = self.keyword_block(f, options);
            let mechanism = word.and_then(|w| {
                Mechanism::from_keyword(&w.value).map(|m| Spanned {
                    value: m,
                    range: w.range,
                })
            });
            let block = inner.as_ref().map(|(_, range)| *range);
            let (signed, document, basis, occasional, scope, tia) = match inner {
                Some((inner, _)) => (
                    inner
                        .get("signed")
                        .and_then(|f| self.date_field(f))
                        .map(|d| d.value),
                    self.string_of(&inner, "document"),
                    self.string_of(&inner, "basis"),
                    self.bool_of(&inner, "occasional"),
                    self.text_of(&inner, "scope"),
                    self.dated(&inner, "tia", &schema::TIA),
                ),
                None => (None, None, None, None, None, None),
            };
            Transfer {
                key: key_range(&f),
                mechanism,
                signed,
                document,
                basis,
                occasional,
                scope,
                tia,
                block,
            }
        })
    }

    fn section(&mut self, header: ItemHeader, fields: &Fields<'a>) -> Section {
        let place = self
            .keyword_of(fields, "place", schema::SECTION_PLACES)
            .and_then(|p| p.get().and_then(|p| SectionPlace::from_keyword(p)))
            .unwrap_or_default();
        Section {
            title: self.text_of(fields, "title"),
            text: self.text_of(fields, "text"),
            place,
            header,
        }
    }

    fn client(&mut self, header: ItemHeader, fields: &Fields<'a>) -> Client {
        let transfer = self.transfer(fields);
        Client {
            name: self.string_of(fields, "name"),
            address: self.string_of(fields, "address"),
            contact: self.string_of(fields, "contact"),
            country: self.country(fields),
            representative: self.contact(fields, "representative", &schema::CONTACT),
            dpo: self.contact(fields, "dpo", &schema::DPO),
            processing: self.text_of(fields, "processing"),
            avv: self.agreement(fields, "avv", &schema::AVV),
            subprocessors: self
                .ref_list(fields, "subprocessors", ItemKind::Processor)
                .unwrap_or_default(),
            transfer,
            header,
        }
    }

    fn legal_basis(&mut self, f: Field<'a>) -> LegalBasis {
        let options = schema::ACTIVITY.keyword_options("legal_basis");
        let (word, inner) = self.keyword_block(f, options);
        let kind = word.and_then(|w| {
            BasisKind::from_keyword(&w.value).map(|k| Spanned {
                value: k,
                range: w.range,
            })
        });
        let mut basis = LegalBasis {
            key: key_range(&f),
            kind,
            block: inner.as_ref().map(|(_, r)| *r),
            covers: None,
            mechanism: None,
            withdrawal: None,
            explicit: None,
            parental: None,
            voluntariness: None,
            interest: None,
            balancing: None,
            law: None,
            contract: None,
        };
        if let Some((inner, _)) = inner {
            basis.covers = self.text_of(&inner, "for");
            basis.mechanism = self.text_of(&inner, "mechanism");
            basis.withdrawal = self.text_of(&inner, "withdrawal");
            basis.explicit = self.bool_of(&inner, "explicit");
            basis.parental = self.text_of(&inner, "parental");
            basis.voluntariness = self.text_of(&inner, "voluntariness");
            basis.interest = self.text_of(&inner, "interest");
            basis.balancing = self.text_of(&inner, "balancing");
            basis.law = self.text_of(&inner, "law");
            basis.contract = self.text_of(&inner, "contract");
        }
        basis
    }

    /// `special_basis`: one keyword or a list of keywords.
    fn special_basis(&mut self, fields: &Fields<'a>) -> Option<SpecialBasis> {
        let f = fields.get("special_basis")?;
        let allowed = schema::SPECIAL_BASES;
        let mut grounds = Vec::new();
        match (f.body(), f.value()) {
            (None, Some(Value::List(list))) => {
                for element in list.elements() {
                    let ground = match element {
                        Value::Ident(id) => {
                            self.check_keyword("special_basis", id.text(), id.range(), allowed)
                        }
                        other => {
                            let expected = format!("one of {}", list_keys(allowed));
                            self.wrong("special_basis", &other, &expected);
                            None
                        }
                    };
                    grounds.extend(ground);
                }
            }
            _ => grounds.extend(self.keyword_field(f, allowed).value),
        }
        Some(SpecialBasis {
            key: key_range(&f),
            grounds,
        })
    }

    /// `direct_marketing true|false` or `direct_marketing { channels [...]  existing_customers B }`.
    fn direct_marketing(&mut self, fields: &Fields<'a>) -> Option<DirectMarketing> {
        let f = fields.get("direct_marketing")?;
        if f.body().is_none() && !is_todo(&f) {
            let on = self.bool_of(fields, "direct_marketing")?;
            return Some(DirectMarketing {
                key: on.key,
                on: on.get().is_none_or(|b| *b),
                channels: Vec::new(),
                existing_customers: None,
            });
        }
        let (key, inner, _) = self.nested(fields, "direct_marketing", &schema::DIRECT_MARKETING)?;
        let channels = self
            .list_of(
                &inner,
                "channels",
                "a list of channels",
                |this, v| match v {
                    Value::Ident(id) => this.check_keyword(
                        "channels",
                        id.text(),
                        id.range(),
                        schema::MARKETING_CHANNELS,
                    ),
                    other => {
                        let expected = format!("one of {}", list_keys(schema::MARKETING_CHANNELS));
                        this.wrong("channels", &other, &expected);
                        None
                    }
                },
            )
            .unwrap_or_default();
        Some(DirectMarketing {
            key,
            on: true,
            channels,
            existing_customers: self.bool_of(&inner, "existing_customers"),
        })
    }

    /// `provision KIND { consequence T }`.
    fn provision(&mut self, fields: &Fields<'a>) -> Option<Provision> {
        let f = fields.get("provision")?;
        let options = schema::ACTIVITY.keyword_options("provision");
        let (word, inner) = self.keyword_block(f, options);
        Some(Provision {
            key: key_range(&f),
            kind: word.and_then(|w| {
                ProvisionKind::from_keyword(&w.value).map(|k| Spanned {
                    value: k,
                    range: w.range,
                })
            }),
            consequence: inner.and_then(|(inner, _)| self.text_of(&inner, "consequence")),
        })
    }

    /// `criminal_basis official_authority` or `criminal_basis { law "…" }`.
    fn criminal_basis(&mut self, fields: &Fields<'a>) -> Option<CriminalBasis> {
        let f = fields.get("criminal_basis")?;
        if let (Some(Value::Ident(id)), None) = (f.value(), f.body())
            && id.text() == "official_authority"
        {
            return Some(CriminalBasis {
                key: key_range(&f),
                official_authority: true,
                law: None,
            });
        }
        if let (Some(v), None) = (f.value(), f.body())
            && !is_todo(&f)
        {
            self.invalid(
                v.range(),
                format!(
                    "`criminal_basis` takes `official_authority` or a block `{{ law \"…\" }}`, found {}",
                    v.describe()
                ),
            );
            return None;
        }
        let (key, inner, _) = self.nested(fields, "criminal_basis", &schema::CRIMINAL_BASIS)?;
        Some(CriminalBasis {
            key,
            official_authority: false,
            law: self.string_of(&inner, "law"),
        })
    }

    fn dated(
        &mut self,
        fields: &Fields<'a>,
        key: &str,
        schema: &'static BlockSchema,
    ) -> Option<Dated> {
        let (key_range, inner, _) = self.nested(fields, key, schema)?;
        Some(Dated {
            key: key_range,
            done: inner
                .get("done")
                .and_then(|f| self.date_field(f))
                .map(|d| d.value),
            document: self.string_of(&inner, "document"),
        })
    }

    fn ai(&mut self, fields: &Fields<'a>) -> Option<Ai> {
        let (key, inner, body_end) = self.nested(fields, "ai", &schema::AI)?;
        let provider = inner.get("provider").and_then(|f| {
            let v = self.expect_value(&f, "the id of a `processor`")?;
            self.reference(&v, "provider", ItemKind::Processor)
        });
        Some(Ai {
            key,
            system: self.text_of(&inner, "system"),
            provider,
            profiling: self.bool_of(&inner, "profiling"),
            automated_decision: self.bool_of(&inner, "automated_decision"),
            significant_effect: self.bool_of(&inner, "significant_effect"),
            human_review: self.text_of(&inner, "human_review"),
            logic: self.text_of(&inner, "logic"),
            chatbot: self.bool_of(&inner, "chatbot"),
            disclosure: self.text_of(&inner, "disclosure"),
            generates_content: self.bool_of(&inner, "generates_content"),
            labelling: self.text_of(&inner, "labelling"),
            manipulative: self.bool_of(&inner, "manipulative"),
            exploits_vulnerabilities: self.bool_of(&inner, "exploits_vulnerabilities"),
            social_scoring: self.bool_of(&inner, "social_scoring"),
            role: self.keyword_of(&inner, "role", &["deployer", "provider"]),
            deepfake: self.bool_of(&inner, "deepfake"),
            public_interest_text: self.bool_of(&inner, "public_interest_text"),
            editorial_review: self.text_of(&inner, "editorial_review"),
            emotion_recognition: self.bool_of(&inner, "emotion_recognition"),
            biometric_categorisation: self.bool_of(&inner, "biometric_categorisation"),
            anonymized: self.bool_of(&inner, "anonymized"),
            bias_review: self.dated(&inner, "bias_review", &schema::BIAS_REVIEW),
            use_area: self.keyword_of(&inner, "use", schema::AI_USES),
            deployer_duties: self
                .nested(&inner, "deployer_duties", &schema::DEPLOYER_DUTIES)
                .map(|(key, duties, _)| DeployerDuties {
                    key,
                    human_oversight: self.text_of(&duties, "human_oversight"),
                    logs: self.duration_of(&duties, "logs"),
                    workers_informed: duties
                        .get("workers_informed")
                        .and_then(|f| self.date_field(f))
                        .map(|d| d.value),
                    fria: self.dated(&duties, "fria", &schema::FRIA),
                }),
            infers: self.ref_list(&inner, "infers", ItemKind::Category),
            trains_on_personal_data: self.bool_of(&inner, "trains_on_personal_data"),
            compatibility: self.text_of(&inner, "compatibility"),
            body_end,
        })
    }

    /// One `retention VALUE { data … from … law … }`; written as a block alone, the block holds
    /// the criteria's languages beside the parts.
    fn retention(&mut self, f: Field<'a>, owner: TextRange) -> RetentionPart {
        let key = key_range(&f);
        let spec = schema::ACTIVITY.key("retention");
        let expected = "a duration like `90 days` or a text";
        let value = match (f.value(), f.body()) {
            _ if is_todo(&f) => None,
            (Some(Value::Duration(d)), _) => match (d.amount(), d.unit()) {
                (Some(amount), Some(unit)) => Some(Spanned {
                    value: Retention::Duration { amount, unit },
                    range: d.range(),
                }),
                _ => {
                    self.invalid(d.range(), "this duration is too large".to_string());
                    None
                }
            },
            (Some(Value::Integer(i)), _) => {
                match crate::units::misplaced_unit(self.text, i.range()) {
                    Some(m) => {
                        let word = m.range.slice(self.text).to_string();
                        let fix = Fix {
                            title: format!("Write `{}`", m.unit),
                            edits: vec![Edit {
                                location: self.loc(m.range),
                                text: m.unit.to_string(),
                            }],
                            safe: true,
                        };
                        self.invalid(
                            m.range,
                            format!(
                                "`{word}` is not a unit of time: write `{} {}` (the units are \
                                 `days`, `weeks`, `months` and `years`)",
                                i.range().slice(self.text),
                                m.unit
                            ),
                        );
                        if let Some(d) = self.diags.last_mut() {
                            d.fixes.push(fix);
                        }
                    }
                    None => self.invalid(
                        i.range(),
                        "a retention period needs a unit: `days`, `weeks`, `months` or `years`"
                            .to_string(),
                    ),
                }
                None
            }
            (Some(v @ (Value::String(_) | Value::TextBlock(_))), _) => self
                .plain_text(&v, "retention")
                .map(|(text, range)| Spanned {
                    value: Retention::Text(Text::plain(text, range)),
                    range,
                }),
            (Some(other), _) => {
                self.wrong("retention", &other, expected);
                None
            }
            (None, Some(body)) => {
                let at = spec.map(|s| (owner, s));
                let text = self.language_block(body, at, Some(&schema::RETENTION));
                match text {
                    Some(t)
                        if !t.parts.is_empty()
                            || t.block.as_ref().is_some_and(|b| !b.keys.is_empty()) =>
                    {
                        Some(Spanned {
                            value: Retention::Text(t),
                            range: body.range(),
                        })
                    }
                    _ => {
                        self.invalid(
                            key,
                            format!(
                                "`retention` needs a value before the block: {expected} (or its \
                                 languages in the block: `{{ de \"…\" en \"…\" }}`)"
                            ),
                        );
                        None
                    }
                }
            }
            (None, None) => None,
        };
        let mut part = RetentionPart {
            key,
            value,
            data: None,
            from: None,
            law: None,
        };
        if let Some(body) = f.body().filter(|_| !is_todo(&f)) {
            let block_only = f.value().is_none();
            let inner = if block_only {
                self.check_block_beside_languages(body, key)
            } else {
                self.check_block(body, &schema::RETENTION, key, key, "retention")
            };
            part.data = self.ref_list(&inner, "data", ItemKind::Category);
            part.from = self.text_of(&inner, "from");
            part.law = self.text_of(&inner, "law");
        }
        part
    }

    /// One `cookie "NAME" { purpose T  lifetime VALUE  party first|third  provider ID }`.
    fn cookie(&mut self, f: Field<'a>) -> Option<Cookie> {
        if is_todo(&f) {
            return None;
        }
        let key = key_range(&f);
        let name = match f.value() {
            Some(Value::String(s)) => match s.value() {
                Ok(v) => Some(Spanned {
                    value: v.into_owned(),
                    range: s.range(),
                }),
                Err(e) => {
                    self.invalid(e.range, e.message);
                    None
                }
            },
            Some(other) => {
                self.wrong(
                    "cookie",
                    &other,
                    "the cookie's name as a string, like `\"_ga\"`",
                );
                None
            }
            None => {
                self.invalid(
                    key,
                    "`cookie` needs the cookie's name before the block: `cookie \"_ga\" { … }`"
                        .to_string(),
                );
                None
            }
        };
        let Some(body) = f.body() else {
            self.invalid(
                f.range(),
                "`cookie` needs a block: `cookie \"_ga\" { purpose \"…\"  lifetime 13 months }`"
                    .to_string(),
            );
            return None;
        };
        let anchor = name.as_ref().map_or(key, |n| n.range);
        let inner = self.check_block(body, &schema::COOKIE, key, anchor, "cookie");
        let provider = inner.get("provider").and_then(|f| {
            let v = self.expect_value(&f, "the id of a `processor`")?;
            self.reference(&v, "provider", ItemKind::Processor)
        });
        Some(Cookie {
            key,
            name,
            purpose: self.text_of(&inner, "purpose"),
            lifetime: inner.get("lifetime").and_then(|f| self.lifetime(f, &inner)),
            party: self.keyword_of(&inner, "party", schema::COOKIE_PARTIES),
            provider,
        })
    }

    /// A cookie's `lifetime`: a duration, `session`, or a text.
    fn lifetime(&mut self, f: Field<'a>, fields: &Fields<'a>) -> Option<Spanned<Lifetime>> {
        let expected = "a duration like `13 months`, `session`, or a text like `\"1 Minute\"`";
        if is_todo(&f) {
            return None;
        }
        match (f.value(), f.body()) {
            (None, Some(_)) => self.text_field(f, fields.at("lifetime")).map(|t| Spanned {
                value: Lifetime::Text(t),
                range: f.range(),
            }),
            (Some(_), Some(body)) => {
                self.invalid(
                    body.range(),
                    format!("`lifetime` takes {expected}, not a block"),
                );
                None
            }
            (Some(Value::Duration(d)), None) => match (d.amount(), d.unit()) {
                (Some(amount), Some(unit)) => Some(Spanned {
                    value: Lifetime::Duration { amount, unit },
                    range: d.range(),
                }),
                _ => {
                    self.invalid(d.range(), "this duration is too large".to_string());
                    None
                }
            },
            (Some(Value::Ident(id)), None) => self
                .check_keyword("lifetime", id.text(), id.range(), schema::COOKIE_LIFETIMES)
                .map(|w| Spanned {
                    value: Lifetime::Session,
                    range: w.range,
                }),
            (Some(v @ (Value::String(_) | Value::TextBlock(_))), None) => self
                .plain_text(&v, "lifetime")
                .map(|(text, range)| Spanned {
                    value: Lifetime::Text(Text::plain(text, range)),
                    range,
                }),
            (Some(other), None) => {
                self.wrong("lifetime", &other, expected);
                None
            }
            (None, None) => None,
        }
    }

    fn device_access(&mut self, fields: &Fields<'a>) -> Option<DeviceAccess> {
        let (key, inner, _) = self.nested(fields, "device_access", &schema::DEVICE_ACCESS)?;
        Some(DeviceAccess {
            key,
            technology: self.text_of(&inner, "technology"),
            strictly_necessary: self
                .bool_of(&inner, "strictly_necessary")
                .and_then(|k| k.get().copied()),
            cookies: inner.all("cookie").filter_map(|f| self.cookie(f)).collect(),
        })
    }

    fn activity(&mut self, header: ItemHeader, fields: &Fields<'a>) -> Activity {
        let device_access = self.device_access(fields);
        let notice = fields.get("notice").map(|f| {
            let key = key_range(&f);
            let text = self.text_field(f, fields.at("notice"));
            Keyed {
                key,
                value: text.map(|t| Spanned {
                    value: t,
                    range: f.range(),
                }),
            }
        });
        Activity {
            title: self.text_of(fields, "title"),
            purpose: self.text_of(fields, "purpose"),
            subjects: self.ref_list(fields, "subjects", ItemKind::Subject),
            data: self.activity_data(fields),
            legal_bases: fields
                .all("legal_basis")
                .map(|f| self.legal_basis(f))
                .collect(),
            special_basis: self.special_basis(fields),
            criminal_basis: self.criminal_basis(fields),
            provision: self.provision(fields),
            profiling: self.bool_of(fields, "profiling"),
            direct_marketing: self.direct_marketing(fields),
            processors: self.ref_list(fields, "processors", ItemKind::Processor),
            recipients: self
                .list_of(
                    fields,
                    "recipients",
                    "a list of strings",
                    |this, v| match v {
                        Value::String(s) => s.value().ok().map(|s| s.into_owned()),
                        other => {
                            this.wrong("recipients", &other, "a string");
                            None
                        }
                    },
                )
                .unwrap_or_default(),
            retention: fields
                .all("retention")
                .map(|f| self.retention(f, fields.owner))
                .collect(),
            collection: self.keyword_of(fields, "collection", &["direct", "indirect"]),
            source: self.text_of(fields, "source"),
            device_access,
            ai: self.ai(fields).map(Box::new),
            dpia: self.dated(fields, "dpia", &schema::DONE),
            security: self.text_of(fields, "security"),
            notice,
            scale: self.keyword_of(fields, "scale", &["small", "large"]),
            owner: self.text_of(fields, "owner"),
            systems: self.string_list(fields, "systems"),
            internal_recipients: self.string_list(fields, "internal_recipients"),
            header,
        }
    }
}

/// `s` with its first letter in lower case, for use inside a sentence; names and acronyms
/// ("ISO 3166-1 …", "EU …") and the rest of the text keep their case.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

/// "`a`, `b` or `c`"
pub fn list_keys(keys: &[&str]) -> String {
    match keys {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|k| format!("`{k}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}
