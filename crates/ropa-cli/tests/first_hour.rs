//! The traps a new user fell into in the first hour: the README's sample record and `ropa init`'s
//! template must pass `ropa check` and `ropa fmt --check` exactly as written; German units; a
//! missing AVV reported twice.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{repo_root, ropa, write};

/// The ```ropa blocks of a Markdown file, in order.
fn ropa_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_start() == "```ropa" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_start() == "```" => blocks.push(current.take().unwrap()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

#[test]
fn the_readme_record_passes_check_and_fmt() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let blocks = ropa_blocks(&readme);
    assert!(!blocks.is_empty(), "README.md has no ```ropa block");
    for (i, block) in blocks.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[("record.ropa", block)]);
        let check = ropa(dir.path(), &["check"]);
        assert_eq!(check.code, 0, "README block {i}: {check:?}");
        assert!(
            check.stdout.starts_with("No findings"),
            "README block {i} has findings:\n{}",
            check.stdout
        );
        let fmt = ropa(dir.path(), &["fmt", "--check"]);
        assert_eq!(fmt.code, 0, "README block {i} is not formatted: {fmt:?}");
    }
}

#[test]
fn ropa_init_creates_a_clean_formatted_record() {
    let dir = tempfile::tempdir().unwrap();
    let init = ropa(dir.path(), &["init", "my-record"]);
    assert_eq!(init.code, 0, "{init:?}");
    let fmt = ropa(dir.path(), &["fmt", "--check", "my-record"]);
    assert_eq!(fmt.code, 0, "the template is not formatted: {fmt:?}");
    assert_eq!(fmt.stdout, "");
    let check = ropa(dir.path(), &["check", "my-record"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(
        check.stdout.starts_with("No findings"),
        "the template has findings:\n{}",
        check.stdout
    );
    // And its policy and record generate without a warning in both languages.
    for lang in ["de", "en"] {
        let policy = ropa(dir.path(), &["policy", "my-record", "--lang", lang]);
        assert_eq!(policy.code, 0, "{policy:?}");
        assert_eq!(policy.stderr, "", "{lang}");
    }
}

/// `retention 3 Monate`: one `invalid-value` at the word, with the unit to write, and nothing
/// else — the fields after it are read as written (no swallowed key, no cascade).
#[test]
fn german_and_misspelt_units_are_one_precise_error() {
    let activity = |id: &str, retention: &str| {
        format!(
            "activity {id} {{\n  title       \"Ä {id}\"\n  purpose     \"Zweck\"\n  subjects    [customers]\n  data        [contact]\n  retention   {retention}\n  legal_basis contract\n  notice      \"Grüße.\"\n}}\n"
        )
    };
    let cases = [
        ("3 Monate", "Monate", "3 months", "months"),
        ("90 Tage", "Tage", "90 days", "days"),
        ("1 Jahr // „Frist“ 👋", "Jahr", "1 year", "year"),
        ("2 Wochen", "Wochen", "2 weeks", "weeks"),
        ("6 monts", "monts", "6 months", "months"),
        ("10 yeras", "yeras", "10 years", "years"),
    ];
    let mut text = support::CONTROLLER.to_string();
    for (i, (retention, ..)) in cases.iter().enumerate() {
        text.push('\n');
        text.push_str(&activity(&format!("a{i}"), retention));
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("record.ropa", &text)]);
    let run = ropa(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let json = run.json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), cases.len(), "{}", run.stdout);
    for (d, (_, word, written, unit)) in diagnostics.iter().zip(cases) {
        assert_eq!(d["rule"], "invalid-value");
        let message = d["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!(
                "`{word}` is not a unit of time: write `{written}`"
            )),
            "{message}"
        );
        // It points at the word (columns count characters).
        let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
        let column = d["range"]["start"]["column"].as_u64().unwrap() as usize;
        let shown: String = text
            .lines()
            .nth(line - 1)
            .unwrap()
            .chars()
            .skip(column - 1)
            .take(word.chars().count())
            .collect();
        assert_eq!(shown, word);
        assert_eq!(d["fixes"][0]["edits"][0]["text"], unit);
    }
    // Followed by a block-only field, the word parses without a syntax error (`Monate notice
    // { … }`): still one finding, on both ways of reading a file.
    let block = format!(
        "{}\nactivity b {{\n  title       \"B\"\n  purpose     \"Zweck\"\n  subjects    [customers]\n  data        [contact]\n  legal_basis contract\n  retention   6 Monate\n  notice {{ de \"Grüße.\" }}\n}}\n",
        support::CONTROLLER
    );
    let other = tempfile::tempdir().unwrap();
    write(other.path(), &[("b.ropa", &block)]);
    let run = ropa(other.path(), &["check", "--format", "json"]);
    assert_eq!(support::rules(&run), ["invalid-value"], "{}", run.stdout);
    // The formatter leaves such a file alone.
    let fmt = ropa(dir.path(), &["fmt", "record.ropa"]);
    assert_eq!(fmt.code, 2, "{fmt:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("record.ropa")).unwrap(),
        text
    );
}

/// A processor in `processors` that is also the `ai { provider }` (how every AI example is
/// written) and has no AVV: one `missing-avv` for the activity, at `processors`.
#[test]
fn a_missing_avv_is_reported_once_per_activity_and_processor() {
    let record = r#"processor openai {
  name           "OpenAI Ireland Ltd."
  country        IE
  certifications [iso27001]
}

activity chatbot {
  title       "Chatbot"
  purpose     "Beantwortung von Anfragen"
  subjects    [customers]
  data        [contact, chat_content]
  legal_basis contract
  processors  [openai, openai]
  retention   90 days
  notice      "Unser Chat wird von einem KI-Assistenten beantwortet."
  ai { chatbot true  provider openai  disclosure "Sie chatten mit einer KI." }
}
"#;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("controller.ropa", support::CONTROLLER),
            ("chatbot.ropa", record),
        ],
    );
    let run = ropa(dir.path(), &["check", "--format", "json"]);
    let avv: Vec<(u64, u64)> = support::findings(&run)
        .into_iter()
        .filter(|(rule, ..)| rule == "missing-avv")
        .map(|(_, line, column)| (line, column))
        .collect();
    assert_eq!(avv, [(13, 16)], "{}", run.stdout);
}

/// `ropa taxonomy` lists every built-in id a record can use without declaring it: a record using
/// all of them has no `unresolved-reference`, and the special categories say so.
#[test]
fn taxonomy_lists_the_built_in_categories_and_subjects() {
    let dir = tempfile::tempdir().unwrap();
    let run = ropa(dir.path(), &["taxonomy", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json = run.json();
    let ids = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (categories, subjects) = (ids("categories"), ids("subjects"));
    assert!(categories.contains(&"contact".to_string()));
    assert!(subjects.contains(&"customers".to_string()));
    let health = json["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "health")
        .unwrap();
    assert_eq!(health["special"], true);
    assert_eq!(health["de"], "Gesundheitsdaten");
    let record = format!(
        "activity all {{\n  title \"Alles\"\n  purpose \"Test\"\n  subjects [{}]\n  data [{}]\n}}\n",
        subjects.join(", "),
        categories.join(", ")
    );
    write(dir.path(), &[("all.ropa", &record)]);
    let check = ropa(dir.path(), &["check", "all.ropa", "--format", "json"]);
    assert!(
        !support::rules(&check).contains(&"unresolved-reference".to_string()),
        "{}",
        check.stdout
    );
    // The human table: one row per id, the labels in both languages, what is special.
    let human = ropa(dir.path(), &["taxonomy"]);
    assert_eq!(human.code, 0);
    let row = human
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("health "))
        .unwrap();
    assert!(row.contains("Gesundheitsdaten") && row.contains("data concerning health"));
    assert!(row.contains("Art. 9(1) GDPR"), "{row}");
    for id in categories.iter().chain(&subjects) {
        assert!(
            human
                .stdout
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{id} "))),
            "{id}"
        );
    }
}

/// `country UK` (and alpha-3 codes, lower case) name the ISO code meant, with a quick fix.
#[test]
fn country_aliases_suggest_the_iso_code() {
    let dir = tempfile::tempdir().unwrap();
    for (written, meant) in [("UK", "GB"), ("usa", "US"), ("DEU", "DE"), ("ie", "IE")] {
        let record = format!("processor p {{\n  name    \"P\"\n  country {written}\n}}\n");
        write(dir.path(), &[("p.ropa", &record)]);
        let run = ropa(dir.path(), &["check", "p.ropa", "--format", "json"]);
        let json = run.json();
        let d = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "invalid-value")
            .unwrap_or_else(|| panic!("{written}: {}", run.stdout))
            .clone();
        let message = d["message"].as_str().unwrap();
        assert!(message.contains(&format!("`{meant}`")), "{message}");
        assert_eq!(d["fixes"][0]["edits"][0]["text"], meant);
        assert_eq!(d["range"]["start"]["line"], 3);
        assert_eq!(d["range"]["start"]["column"], 11);
    }
    // `EL`, the EU's code for Greece, is accepted as it is.
    write(
        dir.path(),
        &[(
            "p.ropa",
            "processor p {\n  name    \"P\"\n  country EL\n}\n",
        )],
    );
    let run = ropa(dir.path(), &["check", "p.ropa", "--format", "json"]);
    assert!(!support::rules(&run).contains(&"invalid-value".to_string()));
}

/// `[policy] languages` names only the languages ropa can publish in (de, en): another code is
/// rejected with the reason, by every command, instead of being accepted by `ropa.toml` and then
/// refused by `ropa policy --lang`.
#[test]
fn configured_languages_are_the_ones_ropa_publishes_in() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("ropa.toml", "[policy]\nlanguages = [\"de\", \"fr\"]\n"),
            ("controller.ropa", support::CONTROLLER),
        ],
    );
    for command in ["check", "policy", "record"] {
        let run = ropa(dir.path(), &[command]);
        assert_eq!(run.code, 2, "{command}: {run:?}");
        assert_eq!(
            run.one_error_line(),
            "ropa: error: ropa.toml: `fr` in policy.languages: ropa writes the privacy policy and \
             the record in German (\"de\") and English (\"en\") only — its built-in sentences and \
             legal citations exist in these two — so texts in `fr` would never be published; use \
             [\"de\"], [\"en\"] or both"
        );
    }
    // Not a language at all: the ISO message.
    write(
        dir.path(),
        &[("ropa.toml", "[policy]\nlanguages = [\"xx\"]\n")],
    );
    let run = ropa(dir.path(), &["check"]);
    assert!(
        run.one_error_line()
            .contains("not an ISO 639-1 language code")
    );
    // de and en, in either order, are fine.
    write(
        dir.path(),
        &[("ropa.toml", "[policy]\nlanguages = [\"en\", \"de\"]\n")],
    );
    assert_eq!(ropa(dir.path(), &["check"]).code, 0);
}

/// An AI that generates product images processes no personal data: `data []` says so, and then
/// no subjects, legal basis, notice, retention, AVV or DPIA are asked for — the AI Act's duties
/// (here: labelling generated content) still apply. Neither the policy nor the record lists it.
#[test]
fn ai_without_personal_data_needs_no_invented_facts() {
    let images = r#"processor imagegen {
  name    "Bildgenerator GmbH"
  country US
}

activity product_images {
  title   "KI-Produktbilder"
  purpose "Erzeugung von Produktfotos für den Online-Shop"
  data    []
  ai {
    provider          imagegen
    generates_content true
    labelling         "Die Bilder sind als KI-generiert gekennzeichnet (C2PA)."
  }
}
"#;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("controller.ropa", support::CONTROLLER),
            ("images.ropa", images),
        ],
    );
    let run = ropa(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(support::findings(&run), [], "{}", run.stdout);
    for command in ["policy", "record"] {
        let out = ropa(dir.path(), &[command]);
        assert_eq!(out.code, 0, "{out:?}");
        assert!(
            !out.stdout.contains("Produktbilder"),
            "{command}:\n{}",
            out.stdout
        );
    }
    // The policy names no recipient for it either (the record's table of processors lists every
    // processor declared).
    let policy = ropa(dir.path(), &["policy"]);
    assert!(
        !policy.stdout.contains("Bildgenerator"),
        "{}",
        policy.stdout
    );
    // Without labelling: as a deployer's product images, no AI Act duty (legal review M2)…
    let unlabelled = images.replace("    labelling", "    // labelling");
    write(dir.path(), &[("images.ropa", &unlabelled)]);
    let run = ropa(dir.path(), &["check", "--format", "json"]);
    assert_eq!(support::rules(&run), Vec::<String>::new(), "{}", run.stdout);
    // … but images that pass for real ones (deepfakes) must be disclosed: the AI Act still applies
    // without personal data.
    write(
        dir.path(),
        &[(
            "images.ropa",
            &unlabelled.replace("    // labelling", "    deepfake true\n    // labelling"),
        )],
    );
    let run = ropa(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        support::rules(&run),
        ["unlabelled-generated-content"],
        "{}",
        run.stdout
    );
    // With personal data named, the GDPR's duties are back.
    write(
        dir.path(),
        &[(
            "images.ropa",
            &images.replace("data    []", "data    [images]"),
        )],
    );
    let rules = support::rules(&ropa(dir.path(), &["check", "--format", "json"]));
    for rule in [
        "missing-field",
        "missing-legal-basis",
        "missing-privacy-notice",
        "missing-avv",
    ] {
        assert!(rules.contains(&rule.to_string()), "{rule}: {rules:?}");
    }
}

/// `[policy] order` puts the named activities first, in that order; the rest keep their place.
/// A misspelt or repeated id is a one-line error, never a silently ignored setting.
#[test]
fn policy_order_puts_the_named_activities_first() {
    let record = |order: &str| {
        let dir = tempfile::tempdir().unwrap();
        let activity = |id: &str, title: &str| {
            format!(
                "activity {id} {{\n  title     \"{title}\"\n  purpose   \"Zweck {title}\"\n  data      [contact]\n  subjects  [customers]\n  legal_basis contract\n  retention 1 year\n}}\n"
            )
        };
        let body = format!(
            "controller {{\n  name    \"Muster GmbH\"\n  address \"Musterweg 1, 10115 Berlin\"\n  email   \"datenschutz@example.de\"\n}}\n\n{}\n{}\n{}",
            activity("alpha", "Alpha"),
            activity("beta", "Beta"),
            activity("gamma", "Gamma"),
        );
        write(
            dir.path(),
            &[
                ("record.ropa", &body),
                ("ropa.toml", &format!("[policy]\norder = {order}\n")),
            ],
        );
        dir
    };
    let headings = |dir: &tempfile::TempDir| {
        let run = ropa(dir.path(), &["policy", "--draft", "."]);
        assert_eq!(run.code, 0, "{run:?}");
        run.stdout
            .lines()
            .filter(|l| ["## Alpha", "## Beta", "## Gamma"].contains(l))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        headings(&record(r#"["gamma", "alpha"]"#)),
        ["## Gamma", "## Alpha", "## Beta"]
    );
    assert_eq!(headings(&record("[]")), ["## Alpha", "## Beta", "## Gamma"]);

    let misspelt = ropa(record(r#"["gama"]"#).path(), &["policy", "."]);
    assert_eq!(misspelt.code, 2, "{misspelt:?}");
    assert_eq!(
        misspelt.one_error_line(),
        "ropa: error: ropa.toml: [policy] order names `gama`, which is not an activity of this record; did you mean `gamma`?"
    );
    let twice = ropa(record(r#"["beta", "beta"]"#).path(), &["check", "."]);
    assert_eq!(twice.code, 2, "{twice:?}");
    assert!(
        twice
            .one_error_line()
            .contains("`beta` is named twice in policy.order"),
        "{twice:?}"
    );
}

/// The blocks of `docs/tutorial.md` that follow a line starting with `opening` (```ropa,
/// ```console), with their indentation removed.
fn tutorial_blocks(opening: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("docs/tutorial.md")).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_start() == opening => {
                current = Some((line.len() - line.trim_start().len(), String::new()));
            }
            None => {}
            Some(_) if line.trim_start() == "```" => blocks.push(current.take().unwrap().1),
            Some((indent, block)) => {
                block.push_str(line.get(*indent..).unwrap_or("").trim_end());
                block.push('\n');
            }
        }
    }
    blocks
}

/// `docs/tutorial.md` says "every command below was run as shown; the output is pasted as it
/// came": this runs it — init, the new processor and activity, the findings as printed, the
/// fixes, a clean check and `fmt --check`, the English policy's section.
#[test]
fn the_tutorial_runs_as_written() {
    let ropa_blocks = tutorial_blocks("```ropa");
    let consoles = tutorial_blocks("```console");
    let [processor, activity, avv, notice] = &ropa_blocks[..] else {
        panic!("the tutorial's ropa blocks changed: {ropa_blocks:#?}")
    };
    let dir = tempfile::tempdir().unwrap();
    let shop = dir.path().join("shop");
    let run = |args: &[&str]| support::ropa_env(&shop, args, &[("ROPA_TODAY", "2026-12-07")]);
    // The commands of a console block and what each printed.
    let steps = |block: &str| -> Vec<(String, String)> {
        let mut steps: Vec<(String, String)> = Vec::new();
        for line in block.lines() {
            match line.strip_prefix("$ ") {
                Some(command) => steps.push((command.to_string(), String::new())),
                None => {
                    let (_, out) = steps.last_mut().unwrap();
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        steps
    };

    // 2. ropa init, then check in the new folder.
    let init = steps(&consoles[0]);
    let created = ropa(dir.path(), &["init", "shop"]);
    assert_eq!(created.code, 0, "{created:?}");
    assert_eq!(
        created.stdout,
        init[0].1.trim_end_matches('\n').to_string() + "\n"
    );
    assert_eq!(run(&["check"]).stdout, init[2].1);

    // 3. The processor and the activity, as the tutorial shows them.
    let processors = shop.join("processors.ropa");
    let mut text = std::fs::read_to_string(&processors).unwrap();
    text.push('\n');
    text.push_str(processor);
    std::fs::write(&processors, text).unwrap();
    std::fs::write(shop.join("activities/contact.ropa"), activity).unwrap();

    // 4. The findings, exactly as pasted.
    let check = steps(&consoles[1]);
    let found = run(&["check"]);
    assert_eq!(found.code, 1);
    assert_eq!(found.stdout, check[0].1);

    // The fixes the tutorial describes, then a clean record.
    let text = std::fs::read_to_string(&processors).unwrap();
    let end = text.rfind('}').unwrap();
    std::fs::write(
        &processors,
        format!("{}{}{}", &text[..end], avv, &text[end..]),
    )
    .unwrap();
    let contact = shop.join("activities/contact.ropa");
    let text = std::fs::read_to_string(&contact)
        .unwrap()
        .replace("6 Monate", "6 months");
    let end = text.rfind('}').unwrap();
    std::fs::write(
        &contact,
        format!("{}{}{}", &text[..end], notice, &text[end..]),
    )
    .unwrap();
    let clean = steps(&consoles[2]);
    assert_eq!(run(&["check"]).stdout, clean[0].1);
    let fmt = run(&["fmt", "--check"]);
    assert_eq!((fmt.code, fmt.stdout.as_str()), (0, ""), "{fmt:?}");

    // 5. The English policy holds the section as pasted (between the `…` lines).
    let publish = steps(&consoles[3]);
    let (command, pasted) = &publish[1];
    assert_eq!(command, "ropa policy --lang en");
    let policy = run(&["policy", "--lang", "en"]);
    assert_eq!(policy.code, 0, "{policy:?}");
    let section = pasted.trim_matches(|c| c == '…' || c == '\n');
    assert!(
        policy.stdout.contains(section),
        "{section}\n---\n{}",
        policy.stdout
    );
    for (command, _) in [&publish[0], &publish[2]] {
        let args: Vec<&str> = command.split(' ').skip(1).collect();
        let out = run(&args);
        assert_eq!(out.code, 0, "{command}: {out:?}");
    }
}
