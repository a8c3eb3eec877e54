//! The deterministic CI version of the `policy` fuzz target: whatever markup the record's strings
//! hold, the generated HTML shows it as text. Fixed seed, bounded cases.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as ProptestConfig, RngAlgorithm, RngSeed, TestRunner};
use ropa_policy::PolicyRequest;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\\\"><svg onload=alert(1)>",
    "javascript:alert(1)",
    "<iframe src=//x>",
    "a & b < c > d ' e",
    "{{ 7*7 }} {% raw %}",
    "</section><h1>x</h1>",
];

#[test]
fn user_markup_never_reaches_the_html_unescaped() {
    let config = ProptestConfig {
        cases: 64,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x6874_6d6c),
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = (
        select(PAYLOADS),
        select(PAYLOADS),
        select(PAYLOADS),
        select(PAYLOADS),
    );
    runner
        .run(&strategy, |(a, b, c, d)| {
            let record = format!(
                "controller {{ name \"{a}\" address \"{b}\" email \"x@y.de\" }}\n\
                 processor p {{ name \"{c}\" country US transfer scc avv {{ signed 2024-01-01 }} certifications [iso27001] }}\n\
                 activity x {{ title \"{d}\" purpose \"{a}\" subjects [customers] data [contact] legal_basis legitimate_interest {{ interest \"{b}\" balancing \"ok\" }} processors [p] retention \"{c}\" notice \"{d}\" }}\n"
            );
            let ws = ropa_analysis::Workspace::from_files(vec![("a.ropa".into(), record.into_bytes())]);
            let date = ropa_syntax::Date { year: 2026, month: 11, day: 22 };
            for lang in ["de", "en"] {
                let html = PolicyRequest::new(&ws, lang, date).languages(&["de".to_string()]).format(ropa_policy::PolicyFormat::Html { standalone: true }).generate()
                .unwrap();
                let lower = html.to_lowercase();
                for needle in ["<script", "<img", "<svg", "<iframe", "<h1>x"] {
                    prop_assert!(!lower.contains(needle), "unescaped `{}` in the policy", needle);
                }
            }
            Ok(())
        })
        .unwrap();
}
