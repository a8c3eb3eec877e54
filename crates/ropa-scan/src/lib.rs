//! `ropa scan`'s detection: which services code and websites really use, held against a
//! catalogue (`catalogue`). Pure: it takes file paths and texts and returns evidence with byte
//! ranges into those texts; reading the files is the CLI's and the server's business, and
//! judging the evidence against the record is the rules' (`ropa-lint/src/rules/scan/`).
//!
//! What is read (docs/scan.md):
//! - **code**: package manifests and lock files, imports in JS/TS and Python;
//! - **web**: HTML (script, iframe, img, link sources; inline snippets), URLs in JS that a
//!   request is made to, cookies and storage keys JS reads or writes, Tag Manager exports;
//! - **evidence**: HAR files — requests and cookies in their order, against the consent banner's
//!   consent or refusal.

pub mod catalogue;
mod code;
mod gtm;
mod har;
mod html;
mod json;
mod lex;
mod manifest;

use std::ops::Range;

pub use catalogue::{Catalogue, Ecosystem, Purpose, Service, ServiceId, catalogue};
use rayon::prelude::*;

/// One file to scan.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The path as it should be classified (its file name and extension matter).
    pub path: &'a str,
    pub text: &'a str,
}

/// How a HAR file shows the consent banner's answer, beyond the signals ropa knows by itself
/// (the IAB TCF `euconsent-v2` cookie, Cookiebot's `CookieConsent`, OneTrust's
/// `OptanonConsent`): `[scan] consent_requests` / `refusal_requests` in `ropa.toml`, parts of
/// the URL of a request the banner sends when the visitor accepts or refuses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub consent_requests: Vec<String>,
    pub refusal_requests: Vec<String>,
}

/// What kind of file a path is, for the scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    PackageJson,
    PackageLock,
    PnpmLock,
    YarnLock,
    Pyproject,
    Requirements,
    PoetryLock,
    ComposerJson,
    GemfileLock,
    GoMod,
    CargoToml,
    JavaScript,
    Python,
    Html,
    /// A `.json` file: a Tag Manager export when its content says so.
    Json,
    Har,
}

/// The kind of the file at `path`, or `None` when the scan does not read it.
pub fn file_kind(path: &str) -> Option<FileKind> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "package.json" => FileKind::PackageJson,
        "package-lock.json" | "npm-shrinkwrap.json" => FileKind::PackageLock,
        "pnpm-lock.yaml" => FileKind::PnpmLock,
        "yarn.lock" => FileKind::YarnLock,
        "pyproject.toml" => FileKind::Pyproject,
        "poetry.lock" => FileKind::PoetryLock,
        "composer.json" => FileKind::ComposerJson,
        "gemfile.lock" => FileKind::GemfileLock,
        "go.mod" => FileKind::GoMod,
        "cargo.toml" => FileKind::CargoToml,
        _ if lower.starts_with("requirements") && lower.ends_with(".txt") => FileKind::Requirements,
        _ => match lower.rsplit_once('.').map(|(_, e)| e) {
            Some("js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx") => {
                FileKind::JavaScript
            }
            Some("py") => FileKind::Python,
            Some("html" | "htm" | "vue" | "svelte" | "astro") => FileKind::Html,
            Some("json") => FileKind::Json,
            Some("har") => FileKind::Har,
            _ => return None,
        },
    })
}

/// A service seen in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sighting {
    /// Index of the file in the input.
    pub file: usize,
    /// Bytes of the file's text.
    pub range: Range<usize>,
    pub service: ServiceId,
    pub kind: Kind,
}

/// How a service was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A dependency in a manifest or lock file.
    Package { ecosystem: Ecosystem, name: String },
    /// An import in JS/TS or Python source.
    Import { module: String },
    /// A URL the page or code loads or sends to (script, iframe, pixel, stylesheet, request);
    /// `element` says what, ending in its preposition ("a script from").
    Url { host: String, element: &'static str },
    /// An inline snippet (`fbq(`).
    Snippet { pattern: &'static str },
    /// A Tag Manager container (the export itself).
    GtmContainer { public_id: Option<String> },
    /// A tag of a Tag Manager export.
    GtmTag {
        tag_type: String,
        name: Option<String>,
    },
    /// A request in a HAR file.
    Request { host: String },
    /// A cookie (in a HAR file, or read or written by code) or a storage key (code).
    Cookie { name: String, storage: bool },
}

impl Kind {
    /// Whether the sighting is an access to the user's device (a cookie or storage key).
    pub fn is_device_access(&self) -> bool {
        matches!(self, Kind::Cookie { .. })
    }

    /// How the sighting reads in a message: "the npm package `openai`".
    pub fn describe(&self) -> String {
        match self {
            Kind::Package { ecosystem, name } => {
                format!("the {} package `{name}`", ecosystem.as_str())
            }
            Kind::Import { module } => format!("the import of `{module}`"),
            Kind::Url { host, element } => format!("{element} `{host}`"),
            Kind::Snippet { pattern } => format!("the snippet `{pattern}…`"),
            Kind::GtmContainer {
                public_id: Some(id),
            } => {
                format!("the Tag Manager container `{id}`")
            }
            Kind::GtmContainer { public_id: None } => "the Tag Manager container".to_string(),
            Kind::GtmTag { tag_type, name } => match name {
                Some(n) => format!("the Tag Manager tag \"{n}\" (type `{tag_type}`)"),
                None => format!("a Tag Manager tag of type `{tag_type}`"),
            },
            Kind::Request { host } => format!("a request to `{host}`"),
            Kind::Cookie {
                name,
                storage: false,
            } => format!("the cookie `{name}`"),
            Kind::Cookie {
                name,
                storage: true,
            } => format!("the storage key `{name}`"),
        }
    }
}

/// A tracking request or a non-essential cookie in a HAR file before the consent banner's
/// consent, or after a refusal (§ 25 TDDDG).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    pub file: usize,
    /// The offending entry's request URL (or the cookie's name).
    pub range: Range<usize>,
    pub service: ServiceId,
    /// "a request to `www.google-analytics.com`", "the cookie `_ga`".
    pub what: String,
    pub purpose: Purpose,
    /// Where the visitor refused, when the breach comes after a refusal; `None`: before any
    /// answer.
    pub refusal: Option<Range<usize>>,
    /// Where the visitor consented later, if the file shows it.
    pub later_consent: Option<Range<usize>>,
}

/// Everything a scan found, sorted by file and position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub sightings: Vec<Sighting>,
    pub breaches: Vec<Breach>,
}

/// Scans the files (in parallel) and returns their evidence. A lock file is read only when no
/// manifest of its ecosystem sits in the same folder (the manifest names the direct
/// dependencies; the lock file adds transitive ones).
pub fn scan(files: &[Input], options: &Options) -> Evidence {
    let manifests: rustc_hash::FxHashSet<(String, &'static str)> = files
        .iter()
        .filter_map(|f| {
            let eco = match file_kind(f.path)? {
                FileKind::PackageJson => "npm",
                FileKind::Pyproject | FileKind::Requirements => "python",
                _ => return None,
            };
            Some((folder(f.path).to_string(), eco))
        })
        .collect();
    let per_file: Vec<(Vec<Sighting>, Vec<Breach>)> = files
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            let Some(kind) = file_kind(f.path) else {
                return Default::default();
            };
            let has_manifest = |eco| manifests.contains(&(folder(f.path).to_string(), eco));
            let mut out = Found {
                file: i,
                sightings: Vec::new(),
                breaches: Vec::new(),
            };
            match kind {
                FileKind::PackageLock | FileKind::PnpmLock | FileKind::YarnLock
                    if has_manifest("npm") => {}
                FileKind::PoetryLock if has_manifest("python") => {}
                _ => scan_file(kind, f.text, options, &mut out),
            }
            (out.sightings, out.breaches)
        })
        .collect();
    let mut evidence = Evidence::default();
    for (s, b) in per_file {
        evidence.sightings.extend(s);
        evidence.breaches.extend(b);
    }
    evidence
        .sightings
        .sort_by_key(|s| (s.file, s.range.start, s.range.end, s.service));
    evidence.sightings.dedup();
    evidence
        .breaches
        .sort_by_key(|b| (b.file, b.range.start, b.service));
    evidence
}

/// Scans one file of a known kind.
pub fn scan_one(kind: FileKind, text: &str, options: &Options) -> Evidence {
    let mut out = Found {
        file: 0,
        sightings: Vec::new(),
        breaches: Vec::new(),
    };
    scan_file(kind, text, options, &mut out);
    Evidence {
        sightings: out.sightings,
        breaches: out.breaches,
    }
}

fn scan_file(kind: FileKind, text: &str, options: &Options, out: &mut Found) {
    match kind {
        FileKind::PackageJson => manifest::package_json(text, out),
        FileKind::PackageLock => manifest::package_lock(text, out),
        FileKind::PnpmLock => manifest::pnpm_lock(text, out),
        FileKind::YarnLock => manifest::yarn_lock(text, out),
        FileKind::Pyproject => manifest::pyproject(text, out),
        FileKind::Requirements => manifest::requirements(text, out),
        FileKind::PoetryLock => manifest::poetry_lock(text, out),
        FileKind::ComposerJson => manifest::composer_json(text, out),
        FileKind::GemfileLock => manifest::gemfile_lock(text, out),
        FileKind::GoMod => manifest::go_mod(text, out),
        FileKind::CargoToml => manifest::cargo_toml(text, out),
        FileKind::JavaScript => code::javascript(text, 0, out),
        FileKind::Python => code::python(text, out),
        FileKind::Html => html::html(text, 0, out),
        FileKind::Json => gtm::gtm_export(text, out),
        FileKind::Har => har::har(text, options, out),
    }
}

/// The findings of one file, as the detectors add them.
pub(crate) struct Found {
    file: usize,
    sightings: Vec<Sighting>,
    breaches: Vec<Breach>,
}

impl Found {
    pub(crate) fn see(&mut self, range: Range<usize>, service: ServiceId, kind: Kind) {
        self.sightings.push(Sighting {
            file: self.file,
            range,
            service,
            kind,
        });
    }

    pub(crate) fn breach(&mut self, breach: Breach) {
        self.breaches.push(Breach {
            file: self.file,
            ..breach
        });
    }

    pub(crate) fn file(&self) -> usize {
        self.file
    }
}

/// The folder part of a `/`-separated path (`""` for a file at the top).
fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// The host of a URL written in code or markup: `https://host/…`, `//host/…` (scheme-relative);
/// `None` for anything else. Lowercased, without port and user info.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = if let Some(r) = url.strip_prefix("//") {
        r
    } else {
        let (scheme, r) = url.split_once("://")?;
        if !scheme.eq_ignore_ascii_case("https")
            && !scheme.eq_ignore_ascii_case("http")
            && !scheme.eq_ignore_ascii_case("wss")
            && !scheme.eq_ignore_ascii_case("ws")
        {
            return None;
        }
        r
    };
    let end = rest
        .find(['/', '?', '#', '\\', '"', '\''])
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    let valid = !host.is_empty()
        && host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    valid.then(|| host.to_ascii_lowercase())
}

/// The catalogue's service for a URL, with its host.
pub(crate) fn url_service(url: &str) -> Option<(ServiceId, String)> {
    let host = url_host(url)?;
    Some((catalogue().host(&host)?, host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            url_host("https://www.googletagmanager.com/gtag/js?id=G-1"),
            Some("www.googletagmanager.com".into())
        );
        assert_eq!(
            url_host("//connect.facebook.net/x.js"),
            Some("connect.facebook.net".into())
        );
        assert_eq!(
            url_host("HTTPS://User@API.OpenAI.com:443/v1"),
            Some("api.openai.com".into())
        );
        assert_eq!(url_host("/local/script.js"), None);
        assert_eq!(url_host("mailto:a@b.de"), None);
        assert_eq!(url_host("https://"), None);
    }

    #[test]
    fn kinds_of_files() {
        assert_eq!(file_kind("web/package.json"), Some(FileKind::PackageJson));
        assert_eq!(
            file_kind("requirements-dev.txt"),
            Some(FileKind::Requirements)
        );
        assert_eq!(file_kind("src/App.TSX"), Some(FileKind::JavaScript));
        assert_eq!(file_kind("README.md"), None);
    }
}
