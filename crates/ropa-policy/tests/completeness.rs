//! The policy says everything the record knows that Art. 13/14 require, with exact citations.
//!
//! The test walks the typed model of every activity itself (not the generator's facts), works
//! out what the notice must contain, and looks for it in the generated section; then it checks
//! that every piece of the document reaches the Markdown and HTML output, and that every
//! citation has the exact German or English form.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{DATE, example, fixture, html_text, load, norm};
use ropa_analysis::Workspace;
use ropa_analysis::geo;
use ropa_analysis::model::{
    Activity, BasisKind, CategoryRef, Mechanism, Retention, SubjectRef, Target, Text, flag,
};
use ropa_analysis::taxonomy;
use ropa_policy::{Block, Document, PolicyFormat, PolicyRequest, Templates};
use ropa_syntax::TimeUnit;

struct Ctx<'a> {
    ws: &'a Workspace,
    lang: &'a str,
    first: &'a str,
}

impl Ctx<'_> {
    fn de(&self) -> bool {
        self.lang == "de"
    }

    fn text(&self, t: &Text) -> String {
        norm(t.best(self.lang, self.first).unwrap_or_default())
    }

    fn paragraphs(&self, t: &Text) -> Vec<String> {
        t.best(self.lang, self.first)
            .unwrap_or_default()
            .split("\n\n")
            .map(norm)
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// `Art. 6 Abs. 1 lit. a DSGVO` / `Art. 6(1)(a) GDPR`, written out independently.
    fn art(&self, article: u32, paragraph: Option<u32>, letter: Option<char>) -> String {
        if self.de() {
            let mut s = format!("Art. {article}");
            if let Some(p) = paragraph {
                s += &format!(" Abs. {p}");
            }
            if let Some(l) = letter {
                s += &format!(" lit. {l}");
            }
            s + " DSGVO"
        } else {
            let mut s = format!("Art. {article}");
            if let Some(p) = paragraph {
                s += &format!("({p})");
            }
            if let Some(l) = letter {
                s += &format!("({l})");
            }
            s + " GDPR"
        }
    }

    fn duration(&self, amount: u64, unit: TimeUnit) -> String {
        let one = amount == 1;
        let w = match (self.de(), unit) {
            (true, TimeUnit::Day) => ["Tag", "Tage"],
            (true, TimeUnit::Week) => ["Woche", "Wochen"],
            (true, TimeUnit::Month) => ["Monat", "Monate"],
            (true, TimeUnit::Year) => ["Jahr", "Jahre"],
            (false, TimeUnit::Day) => ["day", "days"],
            (false, TimeUnit::Week) => ["week", "weeks"],
            (false, TimeUnit::Month) => ["month", "months"],
            (false, TimeUnit::Year) => ["year", "years"],
        };
        format!("{amount} {}", if one { w[0] } else { w[1] })
    }

    /// Everything the notice of `a` must say, as (what, text) pairs.
    fn expectations(&self, a: &Activity) -> Vec<(&'static str, String)> {
        let mut e: Vec<(&'static str, String)> = Vec::new();
        let ws = self.ws;
        if let Some(p) = &a.purpose {
            e.extend(self.paragraphs(p).into_iter().map(|p| ("purpose", p)));
        }
        for r in a.subjects.iter().flatten() {
            let label = match r.target {
                Some(Target::Subject(SubjectRef::Builtin(b))) => {
                    if self.de() { b.de } else { b.en }.to_string()
                }
                Some(Target::Subject(SubjectRef::Declared(d))) => {
                    self.text(ws.subject(d).label.as_ref().unwrap())
                }
                _ => continue,
            };
            e.push(("data subject", label));
        }
        for r in a.data.iter().flatten() {
            let label = match r.target {
                Some(Target::Category(CategoryRef::Builtin(b))) => {
                    if self.de() { b.de } else { b.en }.to_string()
                }
                Some(Target::Category(CategoryRef::Declared(d))) => {
                    self.text(ws.category(d).label.as_ref().unwrap())
                }
                _ => continue,
            };
            e.push(("data category", label));
        }
        if let Some(b) = a.first_basis() {
            let kind = b.kind.as_ref().unwrap().value;
            e.push(("legal basis", self.art(6, Some(1), Some(kind.letter()))));
            match kind {
                BasisKind::Consent => {
                    e.push(("withdrawal right", self.art(7, Some(3), None)));
                    if let Some(w) = &b.withdrawal {
                        e.push(("how to withdraw", self.text(w)));
                    }
                }
                BasisKind::LegitimateInterest => {
                    e.push(("interest", self.text(b.interest.as_ref().unwrap())));
                }
                BasisKind::LegalObligation => {
                    e.push(("law", self.text(b.law.as_ref().unwrap())));
                }
                BasisKind::Contract => {
                    if let Some(c) = &b.contract {
                        e.push(("contract", self.text(c)));
                    }
                }
                _ => {}
            }
        }
        if let Some(sb) = a.special_grounds().next() {
            let letter = match sb {
                "explicit_consent" => 'a',
                "employment" => 'b',
                "vital_interests" => 'c',
                "non_profit" => 'd',
                "made_public" => 'e',
                "legal_claims" => 'f',
                "substantial_public_interest" => 'g',
                "health_care" => 'h',
                "public_health" => 'i',
                _ => 'j',
            };
            e.push(("Art. 9(2) ground", self.art(9, Some(2), Some(letter))));
        }
        // Recipients: processors, their sub-processors, the AI provider.
        let mut stack: Vec<_> = a
            .processors
            .iter()
            .flatten()
            .chain(a.ai.as_ref().and_then(|ai| ai.provider.as_ref()))
            .filter_map(|r| match r.target {
                Some(Target::Processor(p)) => Some(p),
                _ => None,
            })
            .collect();
        let mut seen = Vec::new();
        while let Some(p) = stack.pop() {
            if seen.contains(&p) {
                continue;
            }
            seen.push(p);
            let proc = ws.processor(p);
            e.push(("recipient", proc.name.clone().unwrap()));
            if let Some(s) = &proc.service {
                e.push(("recipient's service", self.text(s)));
            }
            for s in &proc.subprocessors {
                if let Some(Target::Processor(sp)) = s.target {
                    stack.push(sp);
                }
            }
            let country = proc.country.as_ref().and_then(|c| c.get()).unwrap();
            if geo::is_eea(country) {
                continue;
            }
            let mechanism = proc
                .transfer
                .as_ref()
                .and_then(|t| t.mechanism.as_ref())
                .map(|m| m.value);
            let decision = |c: &str| geo::adequacy(c).unwrap().citation(self.de());
            match mechanism {
                Some(Mechanism::Scc) => {
                    e.push(("SCC", self.art(46, Some(2), Some('c'))));
                    e.push(("copy", (if self.de() { "Kopie" } else { "copy" }).into()));
                }
                Some(Mechanism::Bcr) => {
                    e.push((
                        "BCR",
                        self.art(46, Some(2), Some('b'))
                            .replace(" DSGVO", "")
                            .replace(" GDPR", ""),
                    ));
                    e.push((
                        "BCR",
                        if self.de() {
                            "Art. 47 DSGVO"
                        } else {
                            "Art. 47 GDPR"
                        }
                        .into(),
                    ));
                    e.push(("copy", (if self.de() { "Kopie" } else { "copy" }).into()));
                }
                Some(Mechanism::CodeOfConduct) => {
                    e.push((
                        "code of conduct",
                        self.art(46, Some(2), Some('e'))
                            .replace(" DSGVO", "")
                            .replace(" GDPR", ""),
                    ));
                    e.push(("copy", (if self.de() { "Kopie" } else { "copy" }).into()));
                }
                Some(Mechanism::Certification) => {
                    e.push((
                        "certification",
                        self.art(46, Some(2), Some('f'))
                            .replace(" DSGVO", "")
                            .replace(" GDPR", ""),
                    ));
                    e.push(("copy", (if self.de() { "Kopie" } else { "copy" }).into()));
                }
                Some(Mechanism::AdHoc) => {
                    e.push(("ad hoc clauses", self.art(46, Some(3), Some('a'))));
                    e.push(("copy", (if self.de() { "Kopie" } else { "copy" }).into()));
                }
                Some(Mechanism::Dpf) => {
                    e.push(("DPF", "EU-US Data Privacy Framework".into()));
                    e.push(("DPF decision", decision("US")));
                }
                Some(Mechanism::Adequacy) => {
                    e.push(("adequacy", self.art(45, None, None)));
                    e.push(("adequacy decision", decision(country)));
                }
                Some(Mechanism::Derogation) => {
                    e.push(("derogation", self.art(49, Some(1), None)));
                }
                None => {
                    if geo::adequacy(country).is_some() && country != "US" {
                        e.push(("adequacy decision", decision(country)));
                    }
                }
            }
        }
        e.extend(a.recipients.iter().map(|r| ("other recipient", r.clone())));
        match a.retention.first().and_then(|r| r.get()) {
            Some(Retention::Duration { amount, unit }) => {
                e.push(("retention", self.duration(*amount, *unit)));
            }
            Some(Retention::Text(t)) => e.push(("retention", norm(&self.text(t)))),
            None => {}
        }
        if a.is_indirect() {
            e.push(("source", self.text(a.source.as_ref().unwrap())));
            e.push(("Art. 14", self.art(14, None, None)));
        }
        if let Some(d) = &a.device_access {
            if let Some(t) = &d.technology {
                e.push(("device access", self.text(t)));
            }
            let cite = match (self.de(), d.strictly_necessary == Some(true)) {
                (true, true) => "§ 25 Abs. 2 Nr. 2 TDDDG",
                (true, false) => "§ 25 Abs. 1 TDDDG",
                (false, true) => "Section 25(2) no. 2 TDDDG",
                (false, false) => "Section 25(1) TDDDG",
            };
            e.push(("TDDDG", cite.into()));
        }
        if let Some(ai) = &a.ai {
            if let Some(s) = &ai.system {
                e.push(("AI system", self.text(s)));
            }
            let adm = ai
                .automated_decision
                .as_ref()
                .and_then(|k| k.get())
                .copied();
            if flag(&ai.profiling) || adm == Some(true) {
                if let Some(l) = &ai.logic {
                    e.extend(self.paragraphs(l).into_iter().map(|p| ("logic", p)));
                }
                let cite = if a.is_indirect() {
                    self.art(14, Some(2), Some('g'))
                } else {
                    self.art(13, Some(2), Some('f'))
                };
                e.push(("Art. 13(2)(f)", cite));
            }
            if adm.is_some() {
                e.push(("Art. 22", self.art(22, None, None)));
            }
            if let (Some(true), Some(h)) = (adm, &ai.human_review) {
                e.push(("human review", self.text(h)));
            }
            let act = |p: u32| {
                if self.de() {
                    format!("Art. 50 Abs. {p} KI-VO")
                } else {
                    format!("Art. 50({p}) AI Act")
                }
            };
            if flag(&ai.chatbot) {
                e.push(("AI Act 50(1)", act(1)));
                if let Some(d) = &ai.disclosure {
                    e.push(("AI disclosure", self.text(d)));
                }
            }
            if flag(&ai.generates_content) {
                e.push((
                    "AI Act 50(2), (4)",
                    if self.de() {
                        "vgl. Art. 50 KI-VO"
                    } else {
                        "cf. Art. 50 AI Act"
                    }
                    .into(),
                ));
                if let Some(l) = &ai.labelling {
                    e.extend(self.paragraphs(l).into_iter().map(|p| ("labelling", p)));
                }
            }
            if flag(&ai.emotion_recognition) || flag(&ai.biometric_categorisation) {
                e.push(("AI Act 50(3)", act(3)));
            }
        }
        if let Some(n) = a.notice.as_ref().and_then(|n| n.get()) {
            e.extend(self.paragraphs(n).into_iter().map(|p| ("notice", p)));
        }
        for r in a.processors.iter().flatten() {
            if let Some(Target::Processor(p)) = r.target {
                let proc = ws.processor(p);
                if proc.role == ropa_analysis::model::Role::JointController {
                    e.push(("Art. 26(2)", self.art(26, Some(2), None)));
                    if let Some(es) = proc
                        .joint_agreement
                        .as_ref()
                        .and_then(|j| j.essence.as_ref())
                    {
                        e.extend(
                            self.paragraphs(es)
                                .into_iter()
                                .map(|p| ("joint essence", p)),
                        );
                    }
                }
            }
        }
        e
    }
}

fn section_text(doc: &Document, id: &str) -> String {
    let s = doc
        .sections
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id}"));
    norm(&s.paragraphs.join(" "))
}

fn check_workspace(dir: &std::path::Path) {
    let (ws, languages) = load(dir);
    for lang in ["de", "en"] {
        let ctx = Ctx {
            ws: &ws,
            lang,
            first: &languages[0],
        };
        let doc = PolicyRequest::new(&ws, lang, DATE)
            .languages(&languages)
            .document()
            .unwrap();
        let mut missing = Vec::new();
        for (_, a) in ws.activities() {
            let id = a.header.id();
            let sid = format!("activity-{id}");
            let text = section_text(&doc, &sid).to_lowercase();
            let heading = &doc.sections.iter().find(|s| s.id == sid).unwrap().heading;
            assert_eq!(*heading, ctx.text(a.title.as_ref().unwrap()));
            for (what, expected) in ctx.expectations(a) {
                if !text.contains(&norm(&expected).to_lowercase()) {
                    missing.push(format!("{lang} {id}: {what}: {expected}"));
                }
            }
        }
        // Controller, DPO, rights.
        let c = ws.controller().unwrap();
        let controller = section_text(&doc, "controller");
        for v in [&c.name, &c.email, &c.phone, &c.website]
            .into_iter()
            .flatten()
        {
            assert!(
                controller.contains(v.as_str()),
                "{lang}: controller lacks {v}"
            );
        }
        if let Some(r) = &c.representative {
            assert!(controller.contains(r.name.as_deref().unwrap()));
            assert!(controller.contains(&ctx.art(27, None, None)));
        }
        if let Some(d) = &c.dpo {
            let dpo = section_text(&doc, "dpo");
            assert!(dpo.contains(d.name.as_deref().unwrap()));
            assert!(dpo.contains(d.email.as_deref().unwrap()));
        }
        let rights = section_text(&doc, "rights");
        for art in [15, 16, 17, 18, 20, 77] {
            assert!(
                rights.contains(&ctx.art(art, None, None)),
                "{lang}: Art. {art}"
            );
        }
        let any = |k: BasisKind| ws.activities().any(|(_, a)| a.has_basis(k));
        if any(BasisKind::Consent) {
            assert!(rights.contains(&ctx.art(7, Some(3), None)));
        }
        if let Some(sa) = &c.supervisory_authority {
            assert!(
                rights.contains(sa.name(lang == "de")),
                "{lang}: supervisory authority"
            );
        }
        let objection = any(BasisKind::LegitimateInterest) || any(BasisKind::PublicTask);
        assert_eq!(
            doc.sections.iter().any(|s| s.id == "objection"),
            objection,
            "{lang}: the objection block exists exactly when (e) or (f) is used"
        );
        if objection {
            let o = section_text(&doc, "objection");
            assert!(o.contains(&ctx.art(21, Some(1), None)));
            let marketing = if ctx.de() {
                "Art. 21 Abs. 2 und 3 DSGVO"
            } else {
                "Art. 21(2) and (3) GDPR"
            };
            assert!(o.contains(marketing), "{lang}: direct marketing");
            for (_, a) in ws.activities() {
                if a.has_basis(BasisKind::LegitimateInterest) || a.has_basis(BasisKind::PublicTask)
                {
                    assert!(o.contains(&ctx.text(a.title.as_ref().unwrap())));
                }
            }
        }
        let intro = section_text(&doc, "intro");
        let date = if ctx.de() {
            "Stand: 22. November 2026"
        } else {
            "Last updated: 22 November 2026"
        };
        assert!(intro.contains(date), "{lang}: {intro}");
        assert!(
            missing.is_empty(),
            "missing from the policy:\n{}",
            missing.join("\n")
        );

        check_rendering(&doc);
    }
}

/// Undoes the Markdown escaping (a backslash before ASCII punctuation).
fn md_text(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    norm(&out)
}

/// Every piece of the document appears in the Markdown and in the HTML.
fn check_rendering(doc: &Document) {
    let templates = Templates::builtin();
    let md = md_text(&doc.render(PolicyFormat::Markdown, &templates).unwrap());
    let html = doc
        .render(PolicyFormat::Html { standalone: false }, &templates)
        .unwrap();
    let html_plain = html_text(&html);
    for s in &doc.sections {
        assert!(html.contains(&format!("<h2 id=\"{}\"", s.id)), "{}", s.id);
        let mut pieces = vec![s.heading.clone()];
        for b in &s.blocks {
            match b {
                Block::Paragraph { text } | Block::Lead { text } | Block::Draft { text } => {
                    pieces.push(text.clone())
                }
                Block::Facts { items } => {
                    for f in items {
                        pieces.push(f.label.clone());
                        pieces.extend(f.paragraphs.iter().cloned());
                        pieces.extend(f.items.iter().map(|i| i.plain()));
                    }
                }
                Block::List { items } | Block::Address { lines: items } => {
                    pieces.extend(items.iter().map(|i| i.plain()));
                }
            }
        }
        for p in pieces {
            let p = norm(&p);
            assert!(md.contains(&p), "Markdown lacks: {p}");
            assert!(html_plain.contains(&p), "HTML lacks: {p}");
        }
    }
}

#[test]
fn muster_marketing_policy_is_complete() {
    check_workspace(&example());
}

#[test]
fn every_field_reaches_the_policy() {
    check_workspace(&fixture("everything"));
}

/// Validates the citation that starts at `s` ("Art. …" up to the law's name).
fn citation_ok(s: &str, de: bool) -> Result<usize, String> {
    let laws: &[&str] = if de {
        &[" DSGVO", " KI-VO"]
    } else {
        &[" GDPR", " AI Act"]
    };
    let end = laws
        .iter()
        .filter_map(|l| s.find(l).map(|i| i + l.len()))
        .min()
        .filter(|e| *e <= 70)
        .ok_or_else(|| {
            format!(
                "no law name after `{}`",
                s.chars().take(50).collect::<String>()
            )
        })?;
    let body = &s[..end];
    let law_at = laws.iter().filter_map(|l| body.rfind(l)).max().unwrap();
    let tokens: Vec<&str> = body[..law_at].split(' ').collect();
    let num = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let letter = |t: &str| t.len() == 1 && t.bytes().all(|b| b.is_ascii_lowercase());
    let en_ref = |t: &str| {
        // 6(1)(a), (4), (f)
        let head: String = t.chars().take_while(char::is_ascii_digit).collect();
        let mut rest = &t[head.len()..];
        if rest.is_empty() {
            return !head.is_empty();
        }
        while let Some(r) = rest.strip_prefix('(') {
            let Some(close) = r.find(')') else {
                return false;
            };
            let inner = &r[..close];
            if !(num(inner) || letter(inner)) {
                return false;
            }
            rest = &r[close + 1..];
        }
        rest.is_empty()
    };
    let mut i = 0;
    let mut expect_ref = true;
    while i < tokens.len() {
        let t = tokens[i];
        if expect_ref {
            if t == "Art." {
                i += 1;
                continue;
            }
            let ok = if de { num(t) || letter(t) } else { en_ref(t) };
            if !ok {
                return Err(format!("bad reference `{t}` in `{body}`"));
            }
            expect_ref = false;
        } else {
            match (de, t) {
                (true, "Abs." | "Nr." | "lit.") => {
                    let next = tokens.get(i + 1).copied().unwrap_or_default();
                    let ok = if t == "lit." { letter(next) } else { num(next) };
                    if !ok {
                        return Err(format!("`{t}` without a valid value in `{body}`"));
                    }
                    i += 1;
                }
                (true, "und" | "oder" | "bis") | (false, "and" | "or" | "to") => expect_ref = true,
                _ => return Err(format!("unexpected `{t}` in `{body}`")),
            }
        }
        i += 1;
    }
    if expect_ref {
        return Err(format!("incomplete citation `{body}`"));
    }
    Ok(end)
}

fn check_citations(text: &str, de: bool) {
    let mut errors = Vec::new();
    for (i, _) in text.match_indices("Art. ") {
        if let Err(e) = citation_ok(&text[i..], de) {
            errors.push(e);
        }
    }
    let (good, bad): (&[&str], &[&str]) = if de {
        (
            &["§ 25 Abs. 1 TDDDG", "§ 25 Abs. 2 Nr. 2 TDDDG", "§ 25 TDDDG"],
            &["GDPR", "Section 25", "AI Act"],
        )
    } else {
        (
            &[
                "Section 25(1) TDDDG",
                "Section 25(2) no. 2 TDDDG",
                "Section 25 TDDDG",
            ],
            &["DSGVO", "§ 25", "KI-VO", " Abs. "],
        )
    };
    let marker = if de { "§ 25" } else { "Section 25" };
    for (i, _) in text.match_indices(marker) {
        if !good.iter().any(|g| text[i..].starts_with(g)) {
            errors.push(format!(
                "bad TDDDG citation at `{}`",
                &text[i..(i + 30).min(text.len())]
            ));
        }
    }
    for b in bad {
        if text.contains(b) {
            errors.push(format!(
                "`{b}` in the {} text",
                if de { "German" } else { "English" }
            ));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_citation_has_the_exact_form() {
    // The fixture's own strings contain no citations, so every citation in the output is the
    // generator's.
    let (ws, languages) = load(&fixture("everything"));
    for (lang, de) in [("de", true), ("en", false)] {
        let doc = PolicyRequest::new(&ws, lang, DATE)
            .languages(&languages)
            .document()
            .unwrap();
        let text = norm(
            &doc.sections
                .iter()
                .flat_map(|s| s.paragraphs.clone())
                .chain(doc.sections.iter().map(|s| s.heading.clone()))
                .collect::<Vec<_>>()
                .join(" "),
        );
        check_citations(&text, de);
        // The forms the brief names, verbatim.
        let must: &[&str] = if de {
            &[
                "Art. 6 Abs. 1 lit. a DSGVO",
                "Art. 6 Abs. 1 lit. f DSGVO",
                "Art. 9 Abs. 2 lit. a DSGVO",
                "Art. 46 Abs. 2 lit. c DSGVO",
                "Art. 47 DSGVO",
                "Art. 49 Abs. 1 DSGVO",
                "Art. 13 Abs. 2 lit. f DSGVO",
                "Art. 22 Abs. 3 DSGVO",
                "Art. 26 Abs. 2 DSGVO",
                "Art. 50 Abs. 1 KI-VO",
                "vgl. Art. 50 KI-VO",
                "Art. 50 Abs. 3 KI-VO",
                "§ 25 Abs. 2 Nr. 2 TDDDG",
                "Art. 7 Abs. 3 DSGVO",
                "Art. 77 DSGVO",
                "Art. 6 Abs. 1 lit. e oder f DSGVO",
                "Art. 21 Abs. 2 und 3 DSGVO",
            ]
        } else {
            &[
                "Art. 6(1)(a) GDPR",
                "Art. 6(1)(f) GDPR",
                "Art. 9(2)(a) GDPR",
                "Art. 46(2)(c) GDPR",
                "Art. 47 GDPR",
                "Art. 49(1) GDPR",
                "Art. 13(2)(f) GDPR",
                "Art. 22(3) GDPR",
                "Art. 26(2) GDPR",
                "Art. 50(1) AI Act",
                "cf. Art. 50 AI Act",
                "Art. 50(3) AI Act",
                "Section 25(2) no. 2 TDDDG",
                "Art. 7(3) GDPR",
                "Art. 77 GDPR",
                "Art. 6(1)(e) or (f) GDPR",
                "Art. 21(2) and (3) GDPR",
            ]
        };
        for m in must {
            assert!(text.contains(m), "{lang}: `{m}` missing");
        }
    }
    // In the example, the German policy never uses English forms (its strings are German).
    let (ws, languages) = load(&example());
    let doc = PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .document()
        .unwrap();
    let text = doc
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.clone())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!text.contains("GDPR") && !text.contains("AI Act"));
    assert!(!text.contains("6(1)"));
}

#[test]
fn the_validator_rejects_wrong_forms() {
    assert!(citation_ok("Art. 6 Abs. 1 lit. a DSGVO", true).is_ok());
    assert!(citation_ok("Art. 6(1)(a) DSGVO", true).is_err());
    assert!(citation_ok("Art. 6 Abs. 1 a DSGVO", true).is_err());
    assert!(citation_ok("Art. 6 Abs. 1 lit. a GDPR", false).is_err());
    assert!(citation_ok("Art. 6(1)(a) GDPR", false).is_ok());
    assert!(citation_ok("Art. 6 (1)(a) GDPR", false).is_err());
    assert!(citation_ok("Art. 50(2) and (4) AI Act", false).is_ok());
    let _ = taxonomy::CATEGORIES.len();
}
