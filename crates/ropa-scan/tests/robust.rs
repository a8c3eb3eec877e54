//! Hostile and broken input never panics the scan, and every range it returns lies on character
//! boundaries of the text (so positions stay exact with umlauts, typographic quotes and emoji).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_scan::{FileKind, Options, scan_one};

const KINDS: &[FileKind] = &[
    FileKind::PackageJson,
    FileKind::PackageLock,
    FileKind::PnpmLock,
    FileKind::YarnLock,
    FileKind::Pyproject,
    FileKind::Requirements,
    FileKind::PoetryLock,
    FileKind::ComposerJson,
    FileKind::GemfileLock,
    FileKind::GoMod,
    FileKind::CargoToml,
    FileKind::JavaScript,
    FileKind::Python,
    FileKind::Html,
    FileKind::Json,
    FileKind::Har,
];

/// Pieces that matter to some detector, and characters of several widths.
const PIECES: &[&str] = &[
    "<",
    ">",
    "<script",
    "</script>",
    "<!--",
    "-->",
    " src=",
    "\"",
    "'",
    "`",
    "=",
    "//",
    "/*",
    "*/",
    "#",
    "\n",
    "\r\n",
    " ",
    "import ",
    "from ",
    "require(",
    "fetch(",
    "https://",
    "www.google-analytics.com",
    "connect.facebook.net/x.js",
    "openai",
    "@sendgrid/mail",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"dependencies\"",
    "\"log\"",
    "\"entries\"",
    "\"request\"",
    "\"url\"",
    "\"cookies\"",
    "\"name\"",
    "\"_ga\"",
    "\"euconsent-v2\"",
    "\"containerVersion\"",
    "\"exportFormatVersion\"",
    "\"tag\"",
    "\"type\"",
    "\"html\"",
    "fbq(",
    "gtag(",
    "G-",
    "ä",
    "ß",
    "„",
    "“",
    "😀",
    "\\",
    "%",
    "Cookies.get(",
    "document.cookie",
    "packages:",
    "  ",
    "    ",
    "require",
    "specs:",
    "(",
    ")",
    "[project]",
    "dependencies = [",
    "@",
];

fn check(kind: FileKind, text: &str) {
    let evidence = scan_one(kind, text, &Options::default());
    for s in &evidence.sightings {
        assert!(
            s.range.start <= s.range.end
                && s.range.end <= text.len()
                && text.is_char_boundary(s.range.start)
                && text.is_char_boundary(s.range.end),
            "{kind:?}: range {:?} off a character boundary in {text:?}",
            s.range
        );
    }
    for b in &evidence.breaches {
        assert!(text.is_char_boundary(b.range.start) && text.is_char_boundary(b.range.end));
    }
}

#[test]
fn broken_inputs_never_panic() {
    let fixed = [
        "",
        "<",
        "<script",
        "<script>",
        "<!--",
        "\"",
        "'''",
        "{",
        "{\"log\": {\"entries\": [{\"request\": {\"url\": 1}}]}}",
        "{\"exportFormatVersion\": 2, \"containerVersion\": {\"tag\": [{\"type\": \"html\", \"parameter\": [{\"key\": \"html\", \"value\": \"<script>fbq(\"}]}]}}",
        "import",
        "from ",
        "require go.mod (",
        "    \n",
        "😀<script src=\"https://www.google-analytics.com/😀\">",
    ];
    for kind in KINDS {
        for text in fixed {
            check(*kind, text);
        }
        check(*kind, &"[".repeat(200_000));
        check(*kind, &"{\"a\":".repeat(50_000));
    }
}

#[test]
fn random_piece_sequences_never_panic() {
    // A small linear congruential generator: deterministic, no dependency.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    for _ in 0..1500 {
        let len = next() % 60;
        let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
        for kind in KINDS {
            check(*kind, &text);
        }
    }
}
