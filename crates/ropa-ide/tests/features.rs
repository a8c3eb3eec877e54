//! The IDE layer without any LSP: each feature asked in byte offsets on a small workspace (a
//! processors file and an activity file with umlauts and emoji), answers checked in bytes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_analysis::{FileId, Workspace};
use ropa_ide::{Analysis, Settings};
use ropa_lint::Config;
use ropa_syntax::Date;

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
    Workspace::from_files(vec![
        ("activities.ropa".into(), ACTIVITIES.as_bytes().to_vec()),
        ("processors.ropa".into(), PROCESSORS.as_bytes().to_vec()),
    ])
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
