//! Google Tag Manager container exports (`exportFormatVersion` and `containerVersion` at the
//! top): the container itself (Tag Manager loads from Google), each tag by its type, custom
//! HTML tags read as HTML, and URLs with a catalogue host in any tag parameter.

use crate::catalogue::catalogue;
use crate::json::{self, Value};
use crate::{Found, Kind, url_service};

pub(crate) fn gtm_export(text: &str, out: &mut Found) {
    // Cheap test first: most `.json` files are not exports.
    if !text.contains("\"containerVersion\"") || !text.contains("\"exportFormatVersion\"") {
        return;
    }
    let Some(root) = json::parse(text) else {
        return;
    };
    let Some(version) = json::get(&root, "containerVersion") else {
        return;
    };
    let c = catalogue();
    if let Some(container) = json::get(version, "container")
        && let Some(gtm) = c.by_id("google_tag_manager")
    {
        let public = json::get(container, "publicId");
        let at = public.map_or_else(|| json::range(container), json::range);
        out.see(
            at,
            gtm,
            Kind::GtmContainer {
                public_id: public.and_then(json::string).map(str::to_string),
            },
        );
    }
    for tag in json::elements(json::get(version, "tag")) {
        let Some(kind_value) = json::get(tag, "type") else {
            continue;
        };
        let kind = json::string(kind_value).unwrap_or("");
        let name = json::get(tag, "name")
            .and_then(json::string)
            .map(str::to_string);
        let params = json::elements(json::get(tag, "parameter"));
        let param = |key: &str| {
            params
                .iter()
                .find(|p| json::get(p, "key").and_then(json::string) == Some(key))
                .and_then(|p| json::get(p, "value"))
        };
        let service = match kind {
            // The Google tag serves Analytics (G-…) and Ads (AW-…).
            "googtag" => match param("tagId").and_then(json::string) {
                Some(id) if id.starts_with("G-") => c.by_id("google_analytics"),
                Some(id) if id.starts_with("AW-") => c.by_id("google_doubleclick_ads"),
                _ => None,
            },
            _ => c.gtm_tag(kind),
        };
        if let Some(service) = service {
            out.see(
                json::range(kind_value),
                service,
                Kind::GtmTag {
                    tag_type: kind.to_string(),
                    name: name.clone(),
                },
            );
        }
        if kind == "html"
            && let Some(html) = param("html")
            && let Some(markup) = json::string(html)
        {
            // The markup is the string's unescaped value: sightings in it point at the whole
            // string in the export.
            let mut inner = Found {
                file: out.file(),
                sightings: Vec::new(),
                breaches: Vec::new(),
            };
            crate::html::html(markup, 0, &mut inner);
            for s in inner.sightings {
                out.see(json::range(html), s.service, s.kind);
            }
        }
        for p in params {
            url_params(json::get(p, "value"), kind, out);
        }
    }
}

/// URL strings with a catalogue host among a parameter's values (lists and maps included).
fn url_params(value: Option<&Value>, kind: &str, out: &mut Found) {
    match value {
        Some(Value::StringLit(s)) if kind != "html" => {
            if let Some((service, host)) = url_service(&s.value) {
                out.see(
                    s.range.start..s.range.end,
                    service,
                    Kind::Url {
                        host,
                        element: "a tag requesting",
                    },
                );
            }
        }
        Some(Value::Array(a)) => a
            .elements
            .iter()
            .for_each(|v| url_params(Some(v), kind, out)),
        Some(Value::Object(o)) => o
            .properties
            .iter()
            .for_each(|p| url_params(Some(&p.value), kind, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::catalogue;
    use crate::{FileKind, Options, scan_one};

    #[test]
    fn tags_of_an_export() {
        let text = r#"{"exportFormatVersion": 2, "containerVersion": {
  "container": {"publicId": "GTM-ABC123", "usageContext": ["WEB"]},
  "tag": [
    {"name": "GA4", "type": "gaawc", "parameter": [{"type": "TEMPLATE", "key": "measurementId", "value": "G-1"}]},
    {"name": "Pixel", "type": "html", "parameter": [{"type": "TEMPLATE", "key": "html", "value": "<script>fbq('init', '1');</script>"}]},
    {"name": "Ads", "type": "img", "parameter": [{"type": "TEMPLATE", "key": "url", "value": "https://ad.doubleclick.net/x"}]},
    {"name": "Unknown", "type": "cvt_123", "parameter": []}
  ]}}"#;
        let c = catalogue();
        let found: Vec<String> = scan_one(FileKind::Json, text, &Options::default())
            .sightings
            .iter()
            .map(|s| format!("{} {}", c.service(s.service).id, &text[s.range.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                "google_tag_manager \"GTM-ABC123\"",
                "google_analytics \"gaawc\"",
                "facebook \"<script>fbq('init', '1');</script>\"",
                "google_doubleclick_ads \"https://ad.doubleclick.net/x\"",
            ]
        );
        assert!(
            scan_one(FileKind::Json, "{\"name\": \"x\"}", &Options::default())
                .sightings
                .is_empty()
        );
    }
}
