//! JS/TS and Python source: imports of SDK packages, URLs that a request is made to, inline
//! tag snippets, and cookies or storage keys the code reads or writes.

use crate::catalogue::{Ecosystem, catalogue};
use crate::lex::{Lang, Lexed, lex};
use crate::{Found, Kind, url_service};

/// Words that, standing before a URL on its line, say that a request is made to it (not that
/// it is a link): `src`, `fetch(`, `sendBeacon(`, … (docs/scan.md, "Code").
const REQUEST_WORDS: &[&str] = &[
    "src",
    "fetch(",
    "sendBeacon(",
    ".open(",
    "import(",
    "'script'",
    "\"script\"",
    "WebSocket(",
    "EventSource(",
    "axios",
    "ajax(",
    "getScript(",
    ".get(",
    ".post(",
    ".put(",
    "request(",
    "baseURL",
    "baseUrl",
    "base_url",
    "api_host",
    "apiHost",
    "endpoint",
    "urlopen(",
    "requests.",
    "httpx.",
];

/// Calls whose first string argument is a cookie name or a storage key.
const COOKIE_CALLS: &[(&str, bool)] = &[
    ("Cookies.get(", false),
    ("Cookies.set(", false),
    ("Cookies.remove(", false),
    ("getCookie(", false),
    ("setCookie(", false),
    ("deleteCookie(", false),
    ("$.cookie(", false),
    ("localStorage.getItem(", true),
    ("localStorage.setItem(", true),
    ("localStorage.removeItem(", true),
    ("sessionStorage.getItem(", true),
    ("sessionStorage.setItem(", true),
    ("sessionStorage.removeItem(", true),
];

/// Scans JS/TS `text`, whose byte 0 is byte `offset` of the file (an inline script).
pub(crate) fn javascript(text: &str, offset: usize, out: &mut Found) {
    let lexed = lex(text, Lang::Js);
    for s in &lexed.strings {
        let value = &text[s.value.clone()];
        let before = line_before(text, s.range.start);
        let range = offset + s.range.start..offset + s.range.end;
        if is_import(before) {
            if let Some(package) = npm_package(value)
                && let Some(service) = catalogue().package(Ecosystem::Npm, package)
            {
                out.see(
                    range.clone(),
                    service,
                    Kind::Import {
                        module: value.to_string(),
                    },
                );
            }
            continue;
        }
        if let Some(storage) = cookie_call(before) {
            if let Some(cookie) = catalogue().cookie(value, None) {
                out.see(
                    range,
                    cookie.service,
                    Kind::Cookie {
                        name: value.to_string(),
                        storage,
                    },
                );
            }
            continue;
        }
        if before.contains("document.cookie")
            && let Some((name, _)) = value.split_once('=')
            && let Some(cookie) = catalogue().cookie(name.trim(), None)
        {
            out.see(
                range,
                cookie.service,
                Kind::Cookie {
                    name: name.trim().to_string(),
                    storage: false,
                },
            );
            continue;
        }
        request_url(value, before, range, out);
    }
    snippets(text, offset, &lexed, out);
}

/// Scans Python source: imports and request URLs.
pub(crate) fn python(text: &str, out: &mut Found) {
    let lexed = lex(text, Lang::Python);
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let at = start;
        start += line.len();
        if lexed.in_string(at) {
            continue;
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let modules: Vec<&str> = if let Some(rest) = trimmed.strip_prefix("import ") {
            rest.split('#')
                .next()
                .unwrap_or("")
                .split(',')
                .map(|m| m.split_whitespace().next().unwrap_or(""))
                .collect()
        } else if let Some(rest) = trimmed.strip_prefix("from ") {
            let module = rest.split_whitespace().next().unwrap_or("");
            // `from google import genai` imports `google.genai`: name the module with its
            // first imported name when only that is in the catalogue.
            let first = rest
                .split_once(" import ")
                .map_or("", |(_, n)| n)
                .trim()
                .trim_start_matches('(')
                .split([',', ' '])
                .next()
                .unwrap_or("");
            let joined = format!("{module}.{first}");
            if catalogue().python_module(module).is_none()
                && !first.is_empty()
                && let Some(service) = catalogue().python_module(&joined)
            {
                out.see(
                    at + indent..at + indent + trimmed.trim_end().len(),
                    service,
                    Kind::Import { module: joined },
                );
                continue;
            }
            vec![module]
        } else {
            continue;
        };
        for m in modules {
            if m.is_empty() || m.starts_with('.') {
                continue;
            }
            if let Some(service) = catalogue().python_module(m)
                && let Some(pos) = line.find(m)
            {
                out.see(
                    at + pos..at + pos + m.len(),
                    service,
                    Kind::Import {
                        module: m.to_string(),
                    },
                );
            }
        }
    }
    for s in &lexed.strings {
        let value = &text[s.value.clone()];
        request_url(
            value,
            line_before(text, s.range.start),
            s.range.clone(),
            out,
        );
    }
}

/// A URL string with a catalogue host, after a request word on its line.
fn request_url(value: &str, before: &str, range: std::ops::Range<usize>, out: &mut Found) {
    let Some((service, host)) = url_service(value) else {
        return;
    };
    if REQUEST_WORDS.iter().any(|w| before.contains(w)) {
        out.see(
            range,
            service,
            Kind::Url {
                host,
                element: "a request to",
            },
        );
    }
}

/// Inline snippets outside comments; `also` anywhere in the same text.
fn snippets(text: &str, offset: usize, lexed: &Lexed, out: &mut Found) {
    for snippet in &catalogue().snippets {
        if snippet.also.is_some_and(|a| !text.contains(a)) {
            continue;
        }
        let first_char_ident = snippet
            .pattern
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
        for at in memchr::memmem::find_iter(text.as_bytes(), snippet.pattern) {
            if lexed.in_comment(at) {
                continue;
            }
            let prev = text.as_bytes().get(at.wrapping_sub(1)).copied();
            if first_char_ident
                && prev.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
            {
                continue;
            }
            out.see(
                offset + at..offset + at + snippet.pattern.len(),
                snippet.service,
                Kind::Snippet {
                    pattern: snippet.pattern,
                },
            );
            break;
        }
    }
}

/// The text of the line before byte `at` (at most 160 bytes of it).
fn line_before(text: &str, at: usize) -> &str {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut start = line_start.max(at.saturating_sub(160));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at]
}

/// Whether a string after `before` is a module specifier: `from "…"`, `import "…"`,
/// `require("…")`, `import("…")`.
fn is_import(before: &str) -> bool {
    let b = before.trim_end();
    b.ends_with("require(")
        || b.ends_with("import(")
        || ends_with_word(b, "from")
        || ends_with_word(b, "import")
}

fn ends_with_word(text: &str, word: &str) -> bool {
    text.strip_suffix(word).is_some_and(|rest| {
        rest.chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.'))
    })
}

/// Whether a string after `before` is the name argument of a cookie or storage call, and if so
/// whether it is storage.
fn cookie_call(before: &str) -> Option<bool> {
    let b = before.trim_end();
    COOKIE_CALLS
        .iter()
        .find(|(call, _)| b.ends_with(call))
        .map(|&(_, storage)| storage)
}

/// The npm package of a module specifier: `@scope/name/sub` → `@scope/name`, `name/sub` →
/// `name`; relative paths, URLs and `node:` built-ins are none.
pub(crate) fn npm_package(spec: &str) -> Option<&str> {
    if spec.is_empty() || spec.starts_with(['.', '/']) || spec.contains(':') {
        return None;
    }
    let mut parts = spec.splitn(3, '/');
    let first = parts.next()?;
    if first.starts_with('@') {
        let second = parts.next()?;
        Some(&spec[..first.len() + 1 + second.len()])
    } else {
        Some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FileKind, Options, scan_one};

    fn ids(kind: FileKind, text: &str) -> Vec<String> {
        let c = catalogue();
        scan_one(kind, text, &Options::default())
            .sightings
            .iter()
            .map(|s| format!("{} {}", c.service(s.service).id, &text[s.range.clone()]))
            .collect()
    }

    #[test]
    fn js_imports_urls_snippets_cookies() {
        let text = r#"import OpenAI from "openai";
import Stripe from 'stripe/lib/x';
import { share } from "react-share";
const fb = require("fbjs");
const link = "https://www.facebook.com/sharer/sharer.php";
fetch("https://api.anthropic.com/v1/messages");
// fbq('init', '1');
const ga = Cookies.get("_ga");
localStorage.setItem("_hjid", "1");
"#;
        assert_eq!(
            ids(FileKind::JavaScript, text),
            [
                "openai \"openai\"",
                "stripe 'stripe/lib/x'",
                "anthropic \"https://api.anthropic.com/v1/messages\"",
                "google_analytics \"_ga\"",
                "hotjar \"_hjid\"",
            ]
        );
    }

    #[test]
    fn python_imports() {
        let text = "import os, openai\nfrom anthropic import Anthropic\nfrom google import genai\n# import stripe\nx = '''\nimport stripe\n'''\n";
        assert_eq!(
            ids(FileKind::Python, text),
            [
                "openai openai",
                "anthropic anthropic",
                "google_gemini_api from google import genai",
            ]
        );
    }

    #[test]
    fn package_of_specifiers() {
        assert_eq!(npm_package("@sendgrid/mail/src"), Some("@sendgrid/mail"));
        assert_eq!(npm_package("openai/resources"), Some("openai"));
        assert_eq!(npm_package("./local"), None);
        assert_eq!(npm_package("node:fs"), None);
    }
}
