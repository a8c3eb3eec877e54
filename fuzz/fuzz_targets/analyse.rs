//! Any bytes: parse, lower, resolve and run every rule. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ws = ropa_analysis::Workspace::from_files(vec![("fuzz.ropa".to_string(), data.to_vec())]);
    let config = ropa_lint::Config::default();
    let today = ropa_syntax::Date { year: 2026, month: 11, day: 22 };
    let findings = ropa_lint::check(&ws, &config, today);
    for d in &findings {
        let file = ws.file(d.location.file);
        assert!(d.location.range.start() <= d.location.range.end() && d.location.range.end() <= file.text.len());
        assert!(file.text.is_char_boundary(d.location.range.start()) && file.text.is_char_boundary(d.location.range.end()));
        let _ = ropa_lint::baseline::fingerprint(&ws, d);
        let _ = ropa_lint::suppression_fix(&ws, d);
    }
});
