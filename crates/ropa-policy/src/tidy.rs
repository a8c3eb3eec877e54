//! Tidying the rendered text: no trailing spaces, no runs of blank lines, one line break at the
//! end — also when the text is written in pieces.

use rayon::prelude::*;

/// Collapses runs of blank lines, strips trailing spaces and ends with one line break.
pub(crate) fn tidy(s: &str) -> String {
    let mut pieces = vec![tidy_lines(s)];
    join_tidied(&mut pieces);
    pieces.concat()
}

/// [`tidy`] of the concatenation of `pieces`, each of which ends where a line ends (but the
/// last).
pub(crate) fn tidy_pieces(pieces: Vec<String>) -> String {
    tidied_pieces(pieces).concat()
}

/// [`tidy_pieces`] without joining the pieces (they are written one after the other): tidied
/// on all cores.
pub(crate) fn tidied_pieces(pieces: Vec<String>) -> Vec<String> {
    let mut pieces: Vec<String> = pieces.into_par_iter().map(|p| tidy_lines(&p)).collect();
    join_tidied(&mut pieces);
    pieces
}

/// Strips trailing spaces from every line and collapses each run of blank lines into one.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if blank {
                continue;
            }
            blank = true;
        } else {
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Makes pieces tidied by [`tidy_lines`] read as one tidied text: no blank line at the start or
/// the end, and one blank line where a piece ending in one meets a piece starting with one.
fn join_tidied(pieces: &mut [String]) {
    // Whether the text so far is empty or ends with a blank line.
    let mut blank_before = true;
    for piece in pieces.iter_mut() {
        if blank_before && piece.starts_with('\n') {
            piece.remove(0);
        }
        if !piece.is_empty() {
            // Every line of a tidied piece ends with a line break.
            blank_before = piece.ends_with("\n\n") || piece == "\n";
        }
    }
    loop {
        let mut tail = pieces
            .iter()
            .rev()
            .flat_map(|p| p.as_bytes().iter().rev())
            .take(2);
        if !(tail.next() == Some(&b'\n') && tail.next() == Some(&b'\n')) {
            break;
        }
        if let Some(last) = pieces.iter_mut().rev().find(|p| !p.is_empty()) {
            last.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text cut into pieces at line ends, as the native renderer cuts it.
    fn pieces(lines: &[String], cuts: &[usize]) -> (String, Vec<String>) {
        let whole: String = lines.concat();
        let mut pieces = vec![String::new()];
        for (i, line) in lines.iter().enumerate() {
            pieces
                .last_mut()
                .unwrap_or(&mut String::new())
                .push_str(line);
            if cuts.contains(&i) && line.ends_with('\n') {
                pieces.push(String::new());
            }
        }
        (whole, pieces)
    }

    proptest! {
        #[test]
        fn pieces_tidied_apart_read_as_the_whole_tidied(
            lines in prop::collection::vec(
                prop::sample::select(vec!["", "\n", " \n", "  ", "x", "x \n", "x\n", "\r\n", "ä\t\n", "\n\n"]),
                0..40,
            ),
            cuts in prop::collection::vec(0usize..40, 0..10),
        ) {
            let lines: Vec<String> = lines.into_iter().map(String::from).collect();
            let (whole, pieces) = pieces(&lines, &cuts);
            prop_assert_eq!(tidy_pieces(pieces), tidy(&whole));
        }
    }

    #[test]
    fn tidy_collapses_blank_lines_and_trims() {
        assert_eq!(tidy("\n\n a \n\n\n\nb  \n\n"), " a\n\nb\n");
        assert_eq!(tidy(""), "");
        assert_eq!(tidy("\n \n"), "");
        assert_eq!(
            tidy_pieces(vec!["a\n\n".into(), "\n\nb\n".into(), " \n".into()]),
            "a\n\nb\n"
        );
    }
}
