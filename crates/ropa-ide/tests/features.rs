//! The IDE layer without any LSP: each feature asked in byte offsets on a small workspace (a
//! processors file and an activity file with umlauts and emoji), answers checked in bytes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_analysis::{FileId, Workspace};
use ropa_ide::{
    Analysis, AssistKind, AssistKinds, CompletionKind, FoldKind, Insert, Settings, SymbolKind,
    TokenKind,
};
use ropa_lint::Config;
use ropa_syntax::{Date, ItemKind, TextRange};

const PROCESSORS: &str = r#"processor openai {
  name    "OpenAI Ireland Ltd."
  country IE
  avv { signed 2024-03-01 }
}

processor acme {
  name    "Acme Analytics Inc. 📊"
  country US
}
"#;

const ACTIVITIES: &str = r#"activity chatbot {
  title       "KI-Chatbot „Grüße“ 👋"
  purpose     "Kundenanfragen beantworten"
  subjects    [customers]
  data        [chat_content]
  legal_basis contract
  processors  [openai, acme]
  retention   90 days
  notice      "Der Chat wird von einer KI beantwortet."
}
"#;

/// The files by path order: `activities.ropa` is file 0, `processors.ropa` file 1.
const ACTIVITIES_FILE: FileId = FileId(0);
const PROCESSORS_FILE: FileId = FileId(1);

fn workspace() -> Workspace {
    workspace_with(ACTIVITIES)
}

/// The processors file with another activities file.
fn workspace_with(activities: &str) -> Workspace {
    Workspace::from_files(vec![
        ("activities.ropa".into(), activities.as_bytes().to_vec()),
        ("processors.ropa".into(), PROCESSORS.as_bytes().to_vec()),
    ])
}

fn text_of(file: FileId) -> &'static str {
    if file == ACTIVITIES_FILE {
        ACTIVITIES
    } else {
        PROCESSORS
    }
}

fn slice(text: &str, range: TextRange) -> &str {
    &text[range.start()..range.end()]
}

fn settings(config: &Config) -> Settings<'_> {
    Settings {
        german: false,
        snippets: true,
        config,
        today: Date::parse("2026-06-01").expect("a date"),
    }
}

/// The byte offset of the `nth` occurrence of `needle` in `text`, plus `inside` bytes.
fn at(text: &str, needle: &str, nth: usize, inside: usize) -> usize {
    text.match_indices(needle).nth(nth).expect("the needle").0 + inside
}

#[test]
fn hover_on_a_key_gives_its_meaning_and_law() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    let offset = at(ACTIVITIES, "legal_basis", 0, 3);
    let hover = analysis.hover(ACTIVITIES_FILE, offset).expect("a hover");
    let key = at(ACTIVITIES, "legal_basis", 0, 0);
    assert_eq!(
        (hover.range.start(), hover.range.end()),
        (key, key + "legal_basis".len())
    );
    assert!(
        hover.markdown.starts_with("**`legal_basis`**"),
        "{}",
        hover.markdown
    );
    assert!(
        hover.markdown.contains("Art. 6(1) GDPR"),
        "{}",
        hover.markdown
    );
}

#[test]
fn hover_on_a_reference_summarises_its_target() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    let offset = at(ACTIVITIES, "acme", 0, 1);
    let hover = analysis.hover(ACTIVITIES_FILE, offset).expect("a hover");
    assert!(
        hover.markdown.contains("**processor `acme`**"),
        "{}",
        hover.markdown
    );
    assert!(
        hover.markdown.contains("AVV: **missing**"),
        "{}",
        hover.markdown
    );
}

#[test]
fn a_file_the_workspace_does_not_have_gets_no_answer() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    assert_eq!(analysis.hover(FileId(7), 0), None);
}

#[test]
fn definition_across_files_is_the_declaring_item_in_bytes() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    let target = analysis
        .definition(ACTIVITIES_FILE, at(ACTIVITIES, "openai", 0, 2))
        .expect("a definition");
    assert_eq!(target.file, PROCESSORS_FILE);
    let id = at(PROCESSORS, "openai", 0, 0);
    assert_eq!(
        (target.focus_range.start(), target.focus_range.end()),
        (id, id + "openai".len())
    );
    // The whole item: from its keyword to its closing brace.
    let item = slice(PROCESSORS, target.range);
    assert!(item.starts_with("processor openai {"), "{item}");
    assert!(item.ends_with("2024-03-01 }\n}"), "{item}");
    // The declaration itself leads to itself; a key leads nowhere.
    let again = analysis.definition(PROCESSORS_FILE, id).expect("itself");
    assert_eq!(again.focus_range, target.focus_range);
    assert_eq!(
        analysis.definition(ACTIVITIES_FILE, at(ACTIVITIES, "purpose", 0, 1)),
        None
    );
}

#[test]
fn references_and_highlights_find_every_occurrence() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    let offset = at(PROCESSORS, "acme", 0, 0);
    let all = analysis
        .references(PROCESSORS_FILE, offset, true)
        .expect("references");
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .all(|l| slice(text_of(l.file), l.range) == "acme")
    );
    let uses = analysis
        .references(PROCESSORS_FILE, offset, false)
        .expect("references");
    assert_eq!(uses.len(), 1);
    assert_eq!(uses[0].file, ACTIVITIES_FILE);
    let highlights = analysis
        .highlight(PROCESSORS_FILE, offset)
        .expect("highlights");
    assert_eq!(highlights.len(), 1, "only the file asked about");
    assert!(highlights[0].declaration);
}

#[test]
fn completion_in_a_processor_list_offers_the_processor_ids() {
    let text = ACTIVITIES.replace("[openai, acme]", "[]");
    let (ws, config) = (workspace_with(&text), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    let items = analysis
        .completions(ACTIVITIES_FILE, at(&text, "processors  [", 0, 13))
        .expect("completions");
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["openai", "acme"]);
    assert!(items.iter().all(|i| i.kind == CompletionKind::Reference));
    assert_eq!(items[0].detail.as_deref(), Some("OpenAI Ireland Ltd. (IE)"));
    assert_eq!(
        items[1].detail.as_deref(),
        Some("Acme Analytics Inc. 📊 (US)")
    );

    // An id already in the list is not offered again.
    let text = ACTIVITIES.replace("[openai, acme]", "[openai, ]");
    let ws = workspace_with(&text);
    let analysis = Analysis::new(&ws, settings(&config));
    let items = analysis
        .completions(ACTIVITIES_FILE, at(&text, "[openai, ", 0, 9))
        .expect("completions");
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["acme"]);
}

#[test]
fn item_snippets_come_as_plain_text_when_the_client_cannot_expand_them() {
    let (ws, config) = (workspace(), Config::default());
    let end = ACTIVITIES.len();
    let with = Analysis::new(&ws, settings(&config));
    let items = with.completions(ACTIVITIES_FILE, end).expect("snippets");
    let activity = items
        .iter()
        .find(|i| i.label == "activity")
        .expect("activity");
    assert_eq!(activity.kind, CompletionKind::Snippet);
    let Some(Insert::Snippet(body)) = &activity.insert else {
        panic!("a snippet: {activity:?}");
    };
    assert!(body.starts_with("activity ${1:id} {"), "{body}");

    let without = Analysis::new(
        &ws,
        Settings {
            snippets: false,
            ..settings(&config)
        },
    );
    let items = without.completions(ACTIVITIES_FILE, end).expect("snippets");
    let activity = items
        .iter()
        .find(|i| i.label == "activity")
        .expect("activity");
    let Some(Insert::Plain(body)) = &activity.insert else {
        panic!("plain text: {activity:?}");
    };
    assert!(body.starts_with("activity id {"), "{body}");
    assert!(!body.contains('$'), "{body}");
}

#[test]
fn rename_edits_every_reference_and_the_declaration() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    let offset = at(ACTIVITIES, "openai", 0, 3);
    let (range, name) = analysis
        .prepare_rename(ACTIVITIES_FILE, offset)
        .expect("renamable")
        .expect("an id");
    assert_eq!(
        (slice(ACTIVITIES, range), name.as_str()),
        ("openai", "openai")
    );
    let edits = analysis
        .rename(ACTIVITIES_FILE, offset, "gpt")
        .expect("renamed")
        .expect("edits");
    // Path order: the reference in activities.ropa, then the declaration.
    let files: Vec<FileId> = edits.iter().map(|e| e.location.file).collect();
    assert_eq!(files, [ACTIVITIES_FILE, PROCESSORS_FILE]);
    for e in &edits {
        assert_eq!(slice(text_of(e.location.file), e.location.range), "openai");
        assert_eq!(e.text, "gpt");
    }
    // Nothing to do for the same name; refused for a taken name, a keyword, a built-in.
    assert_eq!(analysis.rename(ACTIVITIES_FILE, offset, "openai"), Ok(None));
    let taken = analysis
        .rename(ACTIVITIES_FILE, offset, "acme")
        .unwrap_err();
    assert!(taken.0.contains("already exists"), "{taken}");
    // Every word the grammar reserves: the item keywords of language v2 too (`processor
    // section { … }` does not parse).
    for reserved in ["activity", "section", "client", "true"] {
        let keyword = analysis
            .rename(ACTIVITIES_FILE, offset, reserved)
            .unwrap_err();
        assert!(keyword.0.contains("keyword"), "{reserved}: {keyword}");
    }
    let builtin = at(ACTIVITIES, "customers", 0, 1);
    let refused = analysis
        .prepare_rename(ACTIVITIES_FILE, builtin)
        .unwrap_err();
    assert!(refused.0.contains("built-in"), "{refused}");
}

#[test]
fn semantic_tokens_after_umlauts_and_emoji_are_byte_ranges() {
    let text = "activity chatbot {\n  title \"Grüße 👋\"  legal_basis contract\n}\n";
    let ws = Workspace::from_files(vec![("a.ropa".into(), text.as_bytes().to_vec())]);
    let config = Config::default();
    let analysis = Analysis::new(&ws, settings(&config));
    let tokens = analysis.semantic_tokens(FileId(0)).expect("tokens");
    let seen: Vec<(&str, TokenKind)> = tokens
        .iter()
        .map(|t| (slice(text, t.range), t.kind))
        .collect();
    assert_eq!(
        seen,
        [
            ("activity", TokenKind::Keyword),
            ("chatbot", TokenKind::Variable),
            ("title", TokenKind::Property),
            ("legal_basis", TokenKind::Property),
            ("contract", TokenKind::EnumMember),
        ]
    );
    // After `ü`, `ß` (two bytes each) and `👋` (four): byte 24 of its line, where a column
    // would be 19 characters or 20 UTF-16 units.
    let line_start = text.find("  title").expect("the line");
    assert_eq!(tokens[3].range.start() - line_start, 24);
    assert!(tokens[1].declaration);
    assert_eq!(tokens[1].item, Some(ItemKind::Activity));
}

#[test]
fn inlay_hints_name_the_article_and_the_transfer() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    let all = TextRange::new(0, ACTIVITIES.len());
    let hints = analysis.inlay_hints(ACTIVITIES_FILE, all).expect("hints");
    let seen: Vec<(&str, &str)> = hints
        .iter()
        .map(|h| (&ACTIVITIES[..h.offset], h.label.as_str()))
        .map(|(before, label)| (before.rsplit([' ', '[']).next().unwrap_or(""), label))
        .collect();
    assert_eq!(
        seen,
        [
            ("contract", "Art. 6(1)(b)"),
            ("openai", "IE"),
            ("acme", "US · no safeguard"),
        ]
    );
}

#[test]
fn outline_folds_and_selection_are_in_bytes_and_lines() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    let symbols = analysis.document_symbols(PROCESSORS_FILE).expect("outline");
    let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["openai", "acme"]);
    assert_eq!(symbols[0].kind, SymbolKind::Item(ItemKind::Processor));
    assert_eq!(slice(PROCESSORS, symbols[0].focus_range), "openai");
    let avv = symbols[0]
        .children
        .iter()
        .find(|c| c.name == "avv")
        .expect("the avv field");
    assert_eq!(avv.kind, SymbolKind::Field);
    assert_eq!(avv.children[0].name, "signed");

    let folds = analysis.folding_ranges(PROCESSORS_FILE).expect("folds");
    let lines: Vec<(u32, u32, FoldKind)> = folds
        .iter()
        .map(|f| (f.start_line, f.end_line, f.kind))
        .collect();
    assert_eq!(lines, [(0, 3, FoldKind::Region), (6, 8, FoldKind::Region)]);

    let offset = at(PROCESSORS, "2024-03-01", 0, 2);
    let ranges = analysis
        .selection_ranges(PROCESSORS_FILE, &[offset])
        .expect("ranges");
    let chain: Vec<&str> = ranges[0].iter().map(|r| slice(PROCESSORS, *r)).collect();
    assert_eq!(chain[0], "2024-03-01");
    assert_eq!(chain.last(), Some(&PROCESSORS));
}

#[test]
fn a_missing_avv_has_a_fix_in_the_other_file_and_a_suppression() {
    let (ws, config) = (workspace(), Config::default());
    let analysis = Analysis::new(&ws, settings(&config));
    // `missing-avv` is reported where an activity uses the processor.
    let acme = at(ACTIVITIES, "acme", 0, 0);
    let kinds = AssistKinds {
        quick_fixes: true,
        fix_all: false,
    };
    let findings = ropa_lint::check_scoped(
        analysis.ws,
        analysis.settings.config,
        analysis.settings.today,
        Some(ACTIVITIES_FILE),
    );
    let assists = analysis.assists(
        ACTIVITIES_FILE,
        TextRange::new(acme, acme),
        kinds,
        &findings,
    );
    let for_avv: Vec<_> = assists
        .iter()
        .filter(|a| {
            a.diagnostic
                .as_ref()
                .is_some_and(|d| d.rule == "missing-avv")
        })
        .collect();
    let titles: Vec<&str> = for_avv.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Add an avv block to `acme`",
            "Suppress `missing-avv` for this item"
        ]
    );
    assert!(for_avv.iter().all(|a| a.kind == AssistKind::QuickFix));
    let (fix, suppression) = (for_avv[0], for_avv[1]);
    assert!(fix.preferred && !suppression.preferred);
    assert!(fix.edits.iter().all(|e| e.location.file == PROCESSORS_FILE));
    assert!(
        suppression
            .edits
            .iter()
            .all(|e| e.location.file == ACTIVITIES_FILE && e.text.contains("ropa-ignore"))
    );
}

#[test]
fn formatting_gives_byte_edits_that_reach_ropa_fmt() {
    let text = "processor  openai {\n name \"OpenAI\"\n}\n";
    let ws = Workspace::from_files(vec![("p.ropa".into(), text.as_bytes().to_vec())]);
    let config = Config::default();
    let analysis = Analysis::new(&ws, settings(&config));
    let edits = analysis
        .format(FileId(0), None)
        .expect("formattable")
        .expect("edits");
    let mut formatted = text.to_string();
    for e in edits.iter().rev() {
        formatted.replace_range(e.range.start()..e.range.end(), &e.text);
    }
    assert_eq!(formatted, ropa_fmt::format(text).expect("formats"));
    let broken = Workspace::from_files(vec![("p.ropa".into(), b"processor {".to_vec())]);
    let analysis = Analysis::new(&broken, settings(&config));
    assert!(analysis.format(FileId(0), None).is_err());
}
