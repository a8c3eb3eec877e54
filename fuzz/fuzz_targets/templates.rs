//! Any user template, rendered over a small record: the generator returns the policy or a
//! template error — it never panics, overflows the stack or runs without end (fuel, recursion
//! and tag-length limits, `ropa-policy/src/sandbox.rs`; run with `-timeout=10`).
#![no_main]

use libfuzzer_sys::fuzz_target;

const RECORD: &str = "controller { name \"C GmbH\" address \"Weg 1\" email \"a@b.de\" }\nactivity a {\n  title \"Newsletter <b>\"\n  purpose \"Werbung\"\n  subjects [customers]\n  data [contact]\n  legal_basis consent\n  retention 2 years\n  notice \"Hinweis\"\n}\n";

const NAMES: [&str; 4] = ["document.md.j2", "activity.md.j2", "document.html.j2", "macros.md.j2"];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(source) = std::str::from_utf8(rest) else { return };
    let name = NAMES[usize::from(which) % NAMES.len()];
    let ws = ropa_analysis::Workspace::from_files(vec![("a.ropa".to_string(), RECORD.as_bytes().to_vec())]);
    let languages = vec!["de".to_string()];
    let date = ropa_syntax::Date { year: 2026, month: 11, day: 22 };
    let templates = ropa_policy::Templates::with_overrides([(name.to_string(), source.to_string())]);
    let format = if name.contains(".html") {
        ropa_policy::PolicyFormat::Html { standalone: false }
    } else {
        ropa_policy::PolicyFormat::Markdown
    };
    match ropa_policy::PolicyRequest::new(&ws, "de", date).languages(&languages).format(format).templates(&templates).generate() {
        Ok(_) | Err(ropa_policy::PolicyError::Template { .. }) => {}
        Err(e) => panic!("unexpected error: {e}"),
    }
});
