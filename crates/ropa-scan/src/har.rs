//! HAR files (a browser's recording of a visit): every third-party request and every cookie,
//! in the order of the entries' start times, against the consent banner's answer.
//!
//! The answer is read from the consent management platform's own traces (docs/scan.md,
//! "Consent in HAR files"): the IAB TCF v2 cookie `euconsent-v2` (purpose 1, storing and
//! accessing information on a device: consent to both purposes, or a refusal), Cookiebot's
//! `CookieConsent` (`statistics`, `marketing`), OneTrust's `OptanonConsent` (groups `C0002`
//! performance, `C0004` targeting: OneTrust's default groups), and the URL parts configured as
//! `[scan] consent_requests` / `refusal_requests`. A cookie sent with a request was set before
//! it; a cookie set by a response counts from the next entry on.

use std::ops::Range;

use rustc_hash::FxHashSet;

use crate::catalogue::{Purpose, catalogue, within};
use crate::json::{self, Value};
use crate::{Breach, Found, Kind, Options, url_host};

/// The visitor's answer for one purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Answer {
    None,
    Given,
    Refused(Range<usize>),
}

struct State {
    /// Statistics, marketing.
    answers: [Answer; 2],
    /// Where consent (to anything) was first given.
    consent_at: Option<Range<usize>>,
}

impl State {
    fn answer(&self, p: Purpose) -> &Answer {
        &self.answers[p as usize]
    }

    /// Applies a signal: per purpose `Some(true)` consent, `Some(false)` refusal.
    fn apply(&mut self, signal: [Option<bool>; 2], at: &Range<usize>) {
        // A cookie repeated with every request keeps the place where the answer was first seen.
        for (answer, s) in self.answers.iter_mut().zip(signal) {
            match s {
                Some(true) => {
                    *answer = Answer::Given;
                    self.consent_at.get_or_insert_with(|| at.clone());
                }
                Some(false) if !matches!(answer, Answer::Refused(_)) => {
                    *answer = Answer::Refused(at.clone());
                }
                _ => {}
            }
        }
    }
}

pub(crate) fn har(text: &str, options: &Options, out: &mut Found) {
    let Some(root) = json::parse(text) else {
        return;
    };
    let Some(log) = json::get(&root, "log") else {
        return;
    };
    let entries = json::elements(json::get(log, "entries"));
    let mut order: Vec<(&str, usize)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                json::get(e, "startedDateTime")
                    .and_then(json::string)
                    .unwrap_or(""),
                i,
            )
        })
        .collect();
    // Stable: entries that started at the same time keep their order in the file.
    order.sort_by(|a, b| a.0.cmp(b.0));
    // The site is the host of the first request; its subdomains are first party too.
    let site = order
        .first()
        .and_then(|&(_, i)| request_url(&entries[i]))
        .and_then(|(u, _)| url_host(u))
        .map(|h| h.strip_prefix("www.").unwrap_or(&h).to_string());
    let c = catalogue();
    let mut state = State {
        answers: [Answer::None, Answer::None],
        consent_at: None,
    };
    let mut seen_services = FxHashSet::default();
    let mut seen_cookies = FxHashSet::default();
    let mut breached = FxHashSet::default();
    let mut breaches: Vec<Breach> = Vec::new();
    for &(_, i) in &order {
        let entry = &entries[i];
        let Some((url, url_range)) = request_url(entry) else {
            continue;
        };
        let host = url_host(url).unwrap_or_default();
        let request = json::get(entry, "request");
        let response = json::get(entry, "response");
        // What the request carries was decided before it was sent.
        for (name, value, _) in cookies(request) {
            state.apply(signal(name, value), &url_range);
        }
        if options
            .consent_requests
            .iter()
            .any(|m| url.contains(m.as_str()))
        {
            state.apply([Some(true), Some(true)], &url_range);
        }
        if options
            .refusal_requests
            .iter()
            .any(|m| url.contains(m.as_str()))
        {
            state.apply([Some(false), Some(false)], &url_range);
        }
        let first_party = site.as_deref().is_some_and(|s| within(&host, s));
        if !first_party && let Some(service) = c.host(&host) {
            if seen_services.insert(service) {
                out.see(
                    url_range.clone(),
                    service,
                    Kind::Request { host: host.clone() },
                );
            }
            if let Some(purpose) = c.service(service).tracking() {
                check(
                    &state,
                    purpose,
                    service,
                    &url_range,
                    format!("a request to `{host}`"),
                    &mut breached,
                    &mut breaches,
                );
            }
        }
        for (name, _, cookie) in cookies(request).chain(cookies(response)) {
            let domain = json::get(cookie, "domain")
                .and_then(json::string)
                .unwrap_or(&host);
            let Some(entry) = c.cookie(name, Some(domain)) else {
                continue;
            };
            let range = json::get(cookie, "name").map_or(url_range.clone(), json::range);
            if seen_cookies.insert(name.to_string()) {
                out.see(
                    range.clone(),
                    entry.service,
                    Kind::Cookie {
                        name: name.to_string(),
                        storage: false,
                    },
                );
            }
            if let Some(purpose) = entry.purpose() {
                check(
                    &state,
                    purpose,
                    entry.service,
                    &range,
                    format!("the cookie `{name}`"),
                    &mut breached,
                    &mut breaches,
                );
            }
        }
        for (name, value, cookie) in cookies(response) {
            let at = json::get(cookie, "name").map_or(url_range.clone(), json::range);
            state.apply(signal(name, value), &at);
        }
    }
    for mut b in breaches {
        if b.refusal.is_none() {
            b.later_consent = state.consent_at.clone();
        }
        out.breach(b);
    }
}

/// Records a breach when the purpose has not been consented to (once per service and file).
fn check(
    state: &State,
    purpose: Purpose,
    service: crate::ServiceId,
    range: &Range<usize>,
    what: String,
    breached: &mut FxHashSet<crate::ServiceId>,
    breaches: &mut Vec<Breach>,
) {
    let refusal = match state.answer(purpose) {
        Answer::Given => return,
        Answer::None => None,
        Answer::Refused(at) => Some(at.clone()),
    };
    if breached.insert(service) {
        breaches.push(Breach {
            file: 0,
            range: range.clone(),
            service,
            what,
            purpose,
            refusal,
            later_consent: None,
        });
    }
}

/// The request URL of an entry with the range of its string.
fn request_url<'v>(entry: &'v Value) -> Option<(&'v str, Range<usize>)> {
    let v = json::get(json::get(entry, "request")?, "url")?;
    Some((json::string(v)?, json::range(v)))
}

/// The cookies of a request or response: (name, value, the cookie object).
fn cookies<'v, 'a>(
    message: Option<&'v Value<'a>>,
) -> impl Iterator<Item = (&'v str, &'v str, &'v Value<'a>)> {
    json::elements(message.and_then(|m| json::get(m, "cookies")))
        .iter()
        .filter_map(|c| {
            let name = json::get(c, "name").and_then(json::string)?;
            let value = json::get(c, "value").and_then(json::string).unwrap_or("");
            Some((name, value, c))
        })
}

/// What a consent cookie says, per purpose (statistics, marketing).
fn signal(name: &str, value: &str) -> [Option<bool>; 2] {
    match name {
        "euconsent-v2" => match tcf_purpose_one(value) {
            Some(yes) => [Some(yes), Some(yes)],
            None => [None, None],
        },
        "CookieConsent" => {
            let v = percent_decode(value);
            [flag(&v, "statistics:"), flag(&v, "marketing:")]
        }
        "OptanonConsent" => {
            let v = percent_decode(value);
            let Some(groups) = v.split('&').find_map(|p| p.strip_prefix("groups=")) else {
                return [None, None];
            };
            let group = |id: &str| {
                groups.split(',').find_map(|g| {
                    let (k, v) = g.split_once(':')?;
                    (k == id).then_some(v == "1")
                })
            };
            [group("C0002"), group("C0004")]
        }
        _ => [None, None],
    }
}

fn flag(text: &str, key: &str) -> Option<bool> {
    let rest = &text[text.find(key)? + key.len()..];
    if rest.starts_with("true") {
        Some(true)
    } else if rest.starts_with("false") {
        Some(false)
    } else {
        None
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Purpose 1 of an IAB TCF v2 TC string's core segment ("Store and/or access information on a
/// device"): bit 152, the first bit of `PurposesConsent` (after Version 6, Created 36,
/// LastUpdated 36, CmpId 12, CmpVersion 12, ConsentScreen 6, ConsentLanguage 12,
/// VendorListVersion 12, TcfPolicyVersion 6, IsServiceSpecific 1, UseNonStandardTexts 1,
/// SpecialFeatureOptIns 12 bits). `None` if the string is not a v2 TC string.
pub(crate) fn tcf_purpose_one(tc: &str) -> Option<bool> {
    let core = tc.split('.').next()?;
    let bits = |from: usize, len: usize| -> Option<u32> {
        let mut v = 0u32;
        for k in from..from + len {
            let c = *core.as_bytes().get(k / 6)?;
            let sextet = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'-' | b'+' => 62,
                b'_' | b'/' => 63,
                _ => return None,
            };
            v = (v << 1) | u32::from((sextet >> (5 - k % 6)) & 1);
        }
        Some(v)
    };
    if bits(0, 6)? != 2 {
        return None;
    }
    Some(bits(152, 1)? == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TC string with version 2 and the given purpose-1 bit (other fields zero).
    pub(crate) fn tc_string(purpose_one: bool) -> String {
        let mut bits = vec![0u8; 240];
        bits[4] = 1; // version 2 = 000010
        bits[152] = u8::from(purpose_one);
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        bits.chunks(6)
            .map(|c| ALPHABET[c.iter().fold(0usize, |v, &b| v << 1 | usize::from(b))] as char)
            .collect()
    }

    #[test]
    fn tcf_core_string() {
        assert_eq!(tcf_purpose_one(&tc_string(true)), Some(true));
        assert_eq!(tcf_purpose_one(&tc_string(false)), Some(false));
        assert_eq!(tcf_purpose_one("not a tc string!"), None);
    }

    #[test]
    fn configured_requests_mark_consent_and_refusal() {
        let entry = |t: u8, url: &str| {
            format!(
                "{{\"startedDateTime\": \"2026-11-02T10:00:0{t}Z\", \"request\": {{\"url\": \"{url}\"}}}}"
            )
        };
        let har =
            |entries: Vec<String>| format!("{{\"log\": {{\"entries\": [{}]}}}}", entries.join(","));
        let options = Options {
            consent_requests: vec!["/consent/accept".into()],
            refusal_requests: vec!["/consent/reject".into()],
        };
        let breaches = |text: &str| crate::scan_one(crate::FileKind::Har, text, &options).breaches;
        // Accepted first: nothing. Entries out of order in the file are put in time order.
        let accepted = har(vec![
            entry(2, "https://www.google-analytics.com/g/collect"),
            entry(0, "https://www.muster.de/"),
            entry(1, "https://www.muster.de/consent/accept"),
        ]);
        assert!(breaches(&accepted).is_empty());
        let refused = har(vec![
            entry(0, "https://www.muster.de/"),
            entry(1, "https://www.muster.de/consent/reject"),
            entry(2, "https://www.google-analytics.com/g/collect"),
        ]);
        let b = breaches(&refused);
        assert_eq!(b.len(), 1);
        assert!(b[0].refusal.is_some());
        // The site's own subdomains are first party, never tracking.
        let own = har(vec![
            entry(0, "https://www.muster.de/"),
            entry(1, "https://cdn.muster.de/app.js"),
        ]);
        assert!(
            crate::scan_one(crate::FileKind::Har, &own, &options)
                .sightings
                .is_empty()
        );
    }

    #[test]
    fn cmp_cookies() {
        let cookiebot = "{stamp:%27x%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:true%2Cmarketing:false%2Cmethod:%27explicit%27}";
        assert_eq!(
            signal("CookieConsent", cookiebot),
            [Some(true), Some(false)]
        );
        let onetrust = "isGpcEnabled=0&datestamp=x&groups=C0001%3A1%2CC0002%3A0%2CC0004%3A1";
        assert_eq!(
            signal("OptanonConsent", onetrust),
            [Some(false), Some(true)]
        );
        assert_eq!(signal("session", "1"), [None, None]);
    }
}
