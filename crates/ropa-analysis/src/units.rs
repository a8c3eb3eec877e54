//! Units of time written the way people say them: `retention 3 Monate`, `90 Tage`, `2 yeras`.
//!
//! The grammar knows only `day(s)`, `week(s)`, `month(s)` and `year(s)`, so `3 Monate` parses as
//! the integer `3` followed by a field `Monate` that swallows the next key (`Monate notice`) and
//! leaves the next value stranded — a cascade of unrelated errors for one word. Here that word is
//! recognised (a German unit, a unit in the wrong case, a misspelt unit) after an integer value
//! on the same line; the file is lowered from a parse of its text with the word blanked out
//! (same length, so every range stays exact), and the value reports the word once, with the
//! unit to write instead.

use ropa_syntax::TextRange;
use ropa_syntax::tree_sitter::{Node, Tree};

/// The units of the language, singular and plural.
const UNITS: [(&str, &str); 4] = [
    ("day", "days"),
    ("week", "weeks"),
    ("month", "months"),
    ("year", "years"),
];

/// German units (every case and number), and English abbreviations, by the unit they mean.
const SAID: [(&str, usize); 15] = [
    ("tag", 0),
    ("tage", 0),
    ("tagen", 0),
    ("woche", 1),
    ("wochen", 1),
    ("monat", 2),
    ("monate", 2),
    ("monaten", 2),
    ("monats", 2),
    ("jahr", 3),
    ("jahre", 3),
    ("jahren", 3),
    ("jahres", 3),
    ("yr", 3),
    ("yrs", 3),
];

/// The unit (index into [`UNITS`]) that `word` — not itself a unit — most likely means.
fn meant(word: &str) -> Option<usize> {
    let lower = word.to_lowercase();
    if let Some(&(_, unit)) = SAID.iter().find(|(w, _)| *w == lower) {
        return Some(unit);
    }
    // A unit in the wrong case (`Days`) or misspelt (`monts`, `yeras`, `dyas`): one edit away, or
    // two for the longer words.
    let allowed = if lower.chars().count() >= 5 { 2 } else { 1 };
    UNITS
        .iter()
        .enumerate()
        .flat_map(|(i, (one, many))| [(i, *one), (i, *many)])
        .map(|(i, unit)| (strsim::osa_distance(&lower, unit), i))
        .filter(|(distance, _)| *distance <= allowed)
        .min()
        .map(|(_, i)| i)
}

/// A word after an integer value that was meant as its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MisplacedUnit {
    /// Where the word is.
    pub range: TextRange,
    /// The unit to write instead, in the number the amount needs (`months`, `1 month`).
    pub unit: &'static str,
}

/// The word right after the integer that ends at `end` — on the same line, after spaces or tabs
/// — if it is meant as a unit of time (see [`meant`]).
pub(crate) fn misplaced_unit(text: &str, amount: TextRange) -> Option<MisplacedUnit> {
    let rest = text.get(amount.end()..)?;
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if gap == 0 {
        return None;
    }
    let word_start = amount.end() + gap;
    let word: &str = {
        let after = text.get(word_start..)?;
        let len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        after.get(..len)?
    };
    if word.is_empty()
        || UNITS
            .iter()
            .any(|(one, many)| word == *one || word == *many)
    {
        return None;
    }
    let unit = meant(word)?;
    let (one, many) = UNITS[unit];
    let singular = text.get(amount.start()..amount.end()) == Some("1");
    Some(MisplacedUnit {
        range: TextRange::new(word_start, word_start + word.len()),
        unit: if singular { one } else { many },
    })
}

/// Whether the word at `start` follows an integer on its line, after spaces or tabs: where a
/// unit is written.
pub(crate) fn follows_an_integer(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let gap = before.trim_end_matches([' ', '\t']);
    gap.len() < before.len() && gap.ends_with(|c: char| c.is_ascii_digit())
}

/// The text with every misplaced unit (after an integer field value) replaced by spaces, or
/// `None` when there is none. Asked only when lowering found an unknown field or a syntax
/// error: a misplaced unit is read as the key of a field. Only the items that hold a syntax
/// error or one of the unknown fields `at` are searched (a large file's other items would
/// make every keystroke that breaks the syntax walk the whole tree).
pub(crate) fn without_misplaced_units(tree: &Tree, text: &str, at: &[usize]) -> Option<String> {
    let mut blanked: Option<String> = None;
    let mut cursor = tree.walk();
    let root = tree.root_node();
    let holds =
        |n: &Node| n.has_error() || at.iter().any(|&p| n.start_byte() <= p && p < n.end_byte());
    let mut stack: Vec<_> = root.children(&mut cursor).filter(holds).collect();
    while let Some(node) = stack.pop() {
        if node.kind() == "integer" && node.parent().is_some_and(|p| p.kind() == "field") {
            let amount = TextRange::new(node.start_byte(), node.end_byte());
            if let Some(m) = misplaced_unit(text, amount) {
                let out = blanked.get_or_insert_with(|| text.to_string());
                let spaces = " ".repeat(m.range.len());
                out.replace_range(m.range.start()..m.range.end(), &spaces);
            }
            continue;
        }
        stack.extend(node.children(&mut cursor));
    }
    blanked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_after(text: &str) -> Option<(&str, &'static str)> {
        let end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        misplaced_unit(text, TextRange::new(0, end))
            .map(|m| (&text[m.range.start()..m.range.end()], m.unit))
    }

    #[test]
    fn german_units_typos_and_case_are_recognised() {
        assert_eq!(unit_after("3 Monate"), Some(("Monate", "months")));
        assert_eq!(unit_after("90 Tage\n"), Some(("Tage", "days")));
        assert_eq!(unit_after("1 Tag"), Some(("Tag", "day")));
        assert_eq!(unit_after("1 Jahr"), Some(("Jahr", "year")));
        assert_eq!(unit_after("10 Jahre }"), Some(("Jahre", "years")));
        assert_eq!(unit_after("2 Wochen"), Some(("Wochen", "weeks")));
        assert_eq!(unit_after("6 Monaten"), Some(("Monaten", "months")));
        assert_eq!(unit_after("3 monts"), Some(("monts", "months")));
        assert_eq!(unit_after("2 yeras"), Some(("yeras", "years")));
        assert_eq!(unit_after("5 dyas"), Some(("dyas", "days")));
        assert_eq!(unit_after("5 Days"), Some(("Days", "days")));
        assert_eq!(unit_after("1 weeks"), None, "a unit is not misplaced");
        assert_eq!(unit_after("2 yrs"), Some(("yrs", "years")));
    }

    /// Both ways of reading a file — tree-sitter and the fast path — give one `invalid-value`
    /// and nothing else, whether the word causes a syntax error or not, also with other items
    /// around it (only the items with an error or an unknown field are searched).
    #[test]
    fn both_readings_report_the_word_once() {
        use crate::{File, FileId};
        let alone = [
            "activity a {\n  retention 3 Monate\n  notice \"x\"\n}\n",
            "activity a {\n  retention 3 Monate\n  notice { de \"x\" }\n}\n",
            "activity a {\n  retention 90 Tage legal_basis contract notice \"x\"\n}\n",
            "activity a {\n  retention 2 yeras\n}\n",
        ];
        let around = |t: &str| {
            format!(
                "activity z {{ retention 4 weeks }}\n\n{t}\nactivity y {{ retention 5 years }}\n"
            )
        };
        let texts = (alone.iter().map(|t| t.to_string())).chain(alone.iter().map(|t| around(t)));
        for text in texts {
            let text = text.as_str();
            let slow = File::from_text(FileId(0), "a.ropa".into(), text.to_string());
            let fast = File::without_tree(FileId(0), "a.ropa".into(), text.as_bytes().to_vec());
            assert_eq!(slow.diagnostics, fast.diagnostics, "{text}");
            assert_eq!(slow.model, fast.model, "{text}");
            let invalid: Vec<_> = (slow.diagnostics.iter())
                .filter(|d| d.rule == "invalid-value")
                .collect();
            assert_eq!(invalid.len(), 1, "{text}: {:?}", slow.diagnostics);
            assert!(
                !slow
                    .diagnostics
                    .iter()
                    .any(|d| d.rule == "unknown-field" || d.rule == "syntax-error"),
                "{text}: {:?}",
                slow.diagnostics
            );
        }
    }

    #[test]
    fn other_words_and_other_lines_are_left_alone() {
        // The next field on the same line, the next line, no gap.
        assert_eq!(unit_after("3 notice \"x\""), None);
        assert_eq!(unit_after("3 data [contact]"), None);
        assert_eq!(unit_after("3\n  Monate"), None);
        assert_eq!(unit_after("3Monate"), None);
        assert_eq!(unit_after("3 dpia { }"), None);
        assert_eq!(unit_after("3 legal_basis consent"), None);
    }
}
