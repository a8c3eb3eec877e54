//! HTML (and the markup of Vue, Svelte and Astro files): the sources of `script`, `iframe`,
//! `img` (pixels), `link` (stylesheets, fonts, preconnects), media and embeds, and the inline
//! scripts, read as JS. Comments are skipped: a commented-out tag loads nothing. Links (`<a
//! href>`) are not data flows until someone clicks them, so they are not read.

use crate::{Found, Kind, code, url_service};

/// Elements whose URL attribute the browser loads, with how a message names them.
const LOADING: &[(&str, &[&str], &str)] = &[
    ("script", &["src", "data-src"], "a script from"),
    ("iframe", &["src", "data-src"], "an embedded frame from"),
    ("frame", &["src"], "an embedded frame from"),
    ("img", &["src", "data-src"], "an image (pixel) from"),
    ("link", &["href"], "a resource linked from"),
    ("source", &["src"], "a media source from"),
    ("video", &["src", "poster"], "a video from"),
    ("audio", &["src"], "an audio source from"),
    ("embed", &["src"], "an embed from"),
    ("object", &["data"], "an embedded object from"),
];

/// `rel` values of `<link>` that make the browser contact the host.
const LOADING_RELS: &[&str] = &[
    "stylesheet",
    "preload",
    "modulepreload",
    "preconnect",
    "prefetch",
    "icon",
    "manifest",
];

/// Scans markup `text`, whose byte 0 is byte `offset` of the file.
pub(crate) fn html(text: &str, offset: usize, out: &mut Found) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(n) = memchr::memchr(b'<', &b[i..]) {
        let at = i + n;
        if b[at..].starts_with(b"<!--") {
            i = memchr::memmem::find(&b[at + 4..], b"-->").map_or(b.len(), |e| at + 4 + e + 3);
            continue;
        }
        let name_end = b[at + 1..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric() && *c != b'-')
            .map_or(b.len(), |p| at + 1 + p);
        let name = text[at + 1..name_end].to_ascii_lowercase();
        let Some(tag_end) = tag_end(b, name_end) else {
            break;
        };
        let attrs = attributes(text, name_end, tag_end);
        if let Some((_, keys, element)) = LOADING.iter().find(|(n, _, _)| *n == name) {
            let loads = name != "link"
                || attrs.iter().any(|a| {
                    a.name == "rel"
                        && text[a.value.clone()]
                            .split_ascii_whitespace()
                            .any(|r| LOADING_RELS.iter().any(|l| r.eq_ignore_ascii_case(l)))
                });
            for a in attrs
                .iter()
                .filter(|a| loads && keys.contains(&a.name.as_str()))
            {
                if let Some((service, host)) = url_service(&text[a.value.clone()]) {
                    out.see(
                        offset + a.value.start..offset + a.value.end,
                        service,
                        Kind::Url { host, element },
                    );
                }
            }
        }
        i = tag_end + 1;
        if name == "script" || name == "style" {
            let close = find_ci(
                &b[i..],
                if name == "script" {
                    b"</script"
                } else {
                    b"</style"
                },
            )
            .map_or(b.len(), |e| i + e);
            if name == "script" {
                code::javascript(&text[i..close], offset + i, out);
            }
            i = close;
        }
    }
}

/// The `>` that ends a tag whose name ends at `from`, skipping quoted attribute values.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return Some(k),
            _ => {}
        }
    }
    None
}

struct Attr {
    /// Lowercase.
    name: String,
    /// The value without quotes.
    value: std::ops::Range<usize>,
}

/// The attributes between `from` and `to` (a tag's name end and its `>`).
fn attributes(text: &str, from: usize, to: usize) -> Vec<Attr> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        while i < to && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < to && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = text[start..i].to_ascii_lowercase();
        while i < to && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < to && b[i] == b'=' {
            i += 1;
            while i < to && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = if i < to && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let end = b[i + 1..to]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(to, |p| i + 1 + p);
                let v = i + 1..end;
                i = end + 1;
                v
            } else {
                let s = i;
                while i < to && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                s..i
            };
            if !name.is_empty() {
                out.push(Attr { name, value });
            }
        } else if name.is_empty() {
            i += 1;
        }
    }
    out
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use crate::catalogue::catalogue;
    use crate::{FileKind, Options, scan_one};

    #[test]
    fn tags_snippets_and_comments() {
        let text = r#"<!doctype html>
<html><head>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('config', 'G-ABC');
</script>
<!-- <script src="https://static.hotjar.com/c/hotjar-1.js"></script> -->
<LINK REL="stylesheet" HREF="https://fonts.googleapis.com/css2?family=Inter">
<link rel="dns-prefetch" href="https://www.google-analytics.com">
</head><body>
<a href="https://www.facebook.com/muster">Facebook</a>
<iframe src="https://www.youtube-nocookie.com/embed/xyz"></iframe>
<noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&ev=PageView"/></noscript>
</body></html>"#;
        let c = catalogue();
        let found: Vec<String> = scan_one(FileKind::Html, text, &Options::default())
            .sightings
            .iter()
            .map(|s| format!("{} {}", c.service(s.service).id, &text[s.range.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                "google_tag_manager https://www.googletagmanager.com/gtag/js?id=G-ABC",
                "google_analytics gtag(",
                "google_fonts https://fonts.googleapis.com/css2?family=Inter",
                "youtube https://www.youtube-nocookie.com/embed/xyz",
                "facebook https://www.facebook.com/tr?id=1&ev=PageView",
            ]
        );
    }
}
