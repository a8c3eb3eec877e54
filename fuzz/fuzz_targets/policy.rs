//! Policy generation from any record: the HTML never contains user markup unescaped.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ws = ropa_analysis::Workspace::from_files(vec![("fuzz.ropa".to_string(), data.to_vec())]);
    let languages = vec!["de".to_string(), "en".to_string()];
    let date = ropa_syntax::Date { year: 2026, month: 11, day: 22 };
    for lang in ["de", "en"] {
        let format = ropa_policy::PolicyFormat::Html { standalone: true };
        let Ok(html) = ropa_policy::PolicyRequest::new(&ws, lang, date).languages(&languages).format(format).generate() else { continue };
        let lower = html.to_lowercase();
        for needle in ["<script", "<img", "<iframe", "<svg", "javascript:", "<a href=\"javascript"] {
            assert!(!lower.contains(needle), "unescaped markup `{needle}` in the policy");
        }
        // Every tag in the output is one the templates write.
        for tag in lower.split('<').skip(1) {
            let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect();
            assert!(
                ["!doctype", "html", "head", "meta", "title", "style", "body", "main", "article", "section", "header", "footer", "nav", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "dl", "dt", "dd", "strong", "em", "a", "table", "thead", "tbody", "tr", "th", "td", "br", "div", "span", "address", "small", "time", "aside", "blockquote", "code", "hr", "caption", "abbr", "figure", "b", "i", "q", "cite", "details", "summary", "p"]
                    .contains(&name.as_str())
                    || tag.starts_with("!--"),
                "unexpected tag <{name}"
            );
        }
    }
});
