//! An edited file checked again only where the edit touched it (the language server after a
//! keystroke that stays inside its file) finds what checking the file whole finds: random edits
//! of every file of activities of the examples, compared one by one.
#![allow(clippy::unwrap_used)]

mod common;

use ropa_analysis::{FileId, TextChange, Workspace};
use ropa_lint::{Config, file_rule_findings, file_rule_findings_after, sort};
use ropa_syntax::Date;

/// Knuth's MMIX linear congruential generator: fixed seeds, the same edits every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = (self.0)
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

/// What an edit inserts: text, line breaks, umlauts and emoji, fields without references (the
/// edit stays inside the file), and things that break the syntax (then it does not).
const SNIPPETS: &[&str] = &[
    "x",
    " ",
    "\n",
    "ä",
    "ß 👋",
    "„Grüße“",
    "\n  retention 2 years\n",
    "\n  ai { chatbot true }\n",
    "\n  profiling true\n",
    "\n  security \"TLS\"\n",
    "\n  notice \"Hinweis\"\n",
    "// ropa-ignore missing-retention: weil\n",
    "\"",
    "}",
];

fn with_edit(text: &str, rng: &mut Lcg) -> String {
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let at = bounds[rng.below(bounds.len())];
    if rng.below(4) == 0 {
        // A deletion of a few characters.
        let end = bounds
            .iter()
            .copied()
            .filter(|&b| b > at)
            .nth(rng.below(6))
            .unwrap_or(at);
        return format!("{}{}", &text[..at], &text[end..]);
    }
    let snippet = SNIPPETS[rng.below(SNIPPETS.len())];
    format!("{}{snippet}{}", &text[..at], &text[at..])
}

#[test]
fn checking_the_touched_activities_again_equals_checking_the_file_whole() {
    let today = Date {
        year: 2026,
        month: 11,
        day: 22,
    };
    let config = Config::parse("[policy]\nlanguages = [\"de\", \"en\"]\n").unwrap();
    let (mut compared, mut fell_back) = (0, 0);
    for example in ["findings", "muster-marketing", "shop"] {
        let files = common::example(example);
        let ws = Workspace::from_files(files.clone());
        for i in 0..ws.files.len() {
            let id = FileId(i as u32);
            let Some(outline) = ws.file(id).model.outline(&ws.file(id).text) else {
                continue; // declarations: an edit there never stays inside the file
            };
            let before = file_rule_findings(&ws, &config, today, id);
            let mut rng = Lcg(i as u64 + 17);
            for _ in 0..60 {
                let old = &ws.file(id).text;
                let new = with_edit(old, &mut rng);
                let mut edited = files.clone();
                edited[i].1 = new.clone().into_bytes();
                let after = Workspace::from_files(edited);
                let file = after.file(id);
                if file.model.outline(&file.text).as_ref() != Some(&outline) {
                    continue; // not an edit the server re-checks this way
                }
                let change = TextChange::between(old, &new);
                let Some(got) =
                    file_rule_findings_after(&after, &config, today, id, &before, &change)
                else {
                    fell_back += 1;
                    continue;
                };
                let whole = file_rule_findings(&after, &config, today, id);
                assert_eq!(
                    sort(&after, got),
                    sort(&after, whole),
                    "{example}/{}: {new}",
                    file.path
                );
                compared += 1;
            }
        }
    }
    // Not vacuous: most edits are compared, few fall back to the whole file.
    assert!(
        compared >= 300,
        "compared {compared}, fell back {fell_back}"
    );
}
