//! `ropa scan` on a generated project: `--scan-only [--scan-files N]` (default 5,000 files).
//!
//! The project mixes what a real repository holds: JS/TS modules (some importing SDKs, some
//! loading scripts), Python modules, HTML pages with tags and snippets, package manifests and
//! lock files, requirements files, a Tag Manager export and HAR recordings; a `node_modules`
//! folder that must be skipped; and a record that declares some of the services.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::{Result, best_of, timed};

/// Writes the project (deterministic: file `i` is always the same) and returns its size in MB.
pub fn generate(root: &Path, files: usize) -> Result<f64> {
    let _ = std::fs::remove_dir_all(root);
    let write = |rel: &str, text: &str| -> Result<u64> {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
        std::fs::write(&p, text).map_err(|e| e.to_string())?;
        Ok(text.len() as u64)
    };
    let mut bytes = 0;
    bytes += write("record/ropa.toml", "[policy]\nlanguages = [\"de\"]\n")?;
    bytes += write(
        "record/record.ropa",
        "controller {\n  name \"Muster GmbH\"\n  address \"Musterstraße 1, 10115 Berlin\"\n  email \"datenschutz@muster.de\"\n}\n\nprocessor openai {\n  name \"OpenAI Ireland Ltd.\"\n  country IE\n  avv { signed 2024-03-01 }\n}\n\nprocessor google {\n  name \"Google Ireland Limited\"\n  country IE\n  avv { signed 2024-03-01 }\n  services [google_analytics, google_tag_manager]\n}\n",
    )?;
    let sdks = [
        "openai",
        "stripe",
        "@anthropic-ai/sdk",
        "react",
        "lodash",
        "fbjs",
        "express",
    ];
    for i in 0..files {
        let dir = format!("app/src/module{:03}", i / 50);
        let (rel, text) = match i % 20 {
            0 => (
                format!("app/packages/p{i}/package.json"),
                format!(
                    "{{\n  \"name\": \"p{i}\",\n  \"dependencies\": {{\n    \"{}\": \"^1.0.0\",\n    \"react\": \"^18.3.1\"\n  }},\n  \"devDependencies\": {{ \"vitest\": \"^2.0.0\" }}\n}}\n",
                    sdks[i % sdks.len()]
                ),
            ),
            1 => (
                format!("app/services/s{i}/requirements.txt"),
                "fastapi==0.111.0\nopenai>=1.30\npydantic>=2\n".to_string(),
            ),
            2..=4 => (format!("{dir}/page{i}.html"), html(i)),
            5..=7 => (format!("{dir}/worker{i}.py"), python(i)),
            _ => (
                format!(
                    "{dir}/component{i}.{}",
                    if i % 2 == 0 { "tsx" } else { "js" }
                ),
                javascript(i, sdks[i % sdks.len()]),
            ),
        };
        bytes += write(&rel, &text)?;
    }
    bytes += write("app/gtm/GTM-BENCH.json", &gtm())?;
    for k in 0..3 {
        bytes += write(&format!("app/recordings/visit{k}.har"), &har(200))?;
    }
    // Other people's code: skipped by the scan.
    for k in 0..200 {
        bytes += write(
            &format!("app/node_modules/dep{k}/index.js"),
            "module.exports = require('fbjs');\n",
        )?;
    }
    Ok(bytes as f64 / 1e6)
}

fn javascript(i: usize, sdk: &str) -> String {
    let mut s = format!("import {{ useState }} from \"react\";\nimport client from \"{sdk}\";\n\n");
    for k in 0..40 {
        let _ = writeln!(
            s,
            "export function handler{k}(input) {{\n  // step {k} of module {i}\n  const url = \"https://api.example.org/v1/items/{k}\";\n  return fetch(url).then((r) => r.json()).then((x) => client.process?.(x, input));\n}}\n"
        );
    }
    s
}

fn python(i: usize) -> String {
    let mut s = String::from("import os\nimport openai\nfrom anthropic import Anthropic\n\n");
    for k in 0..40 {
        let _ = writeln!(
            s,
            "def task_{k}(payload):\n    \"\"\"Step {k} of worker {i}.\"\"\"\n    url = os.environ.get(\"ENDPOINT\", \"https://api.example.org\")\n    return openai.chat.completions.create(model=\"gpt-4o-mini\", messages=[payload])\n"
        );
    }
    s
}

fn html(i: usize) -> String {
    let mut s = format!(
        "<!doctype html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>Seite {i}</title>\n<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-BENCH\"></script>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('config','G-BENCH');</script>\n<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css2?family=Inter\">\n</head><body>\n"
    );
    for k in 0..60 {
        let _ = writeln!(
            s,
            "<section id=\"s{k}\"><h2>Abschnitt {k}</h2><p>Text über Datenschutz, Größe und Maße – „Zitat“ {k}.</p><a href=\"https://www.facebook.com/muster\">Facebook</a><img src=\"/img/{k}.png\" alt=\"\"></section>"
        );
    }
    s.push_str(
        "<iframe src=\"https://www.youtube-nocookie.com/embed/abc\"></iframe>\n</body></html>\n",
    );
    s
}

fn gtm() -> String {
    let mut tags = Vec::new();
    for k in 0..50 {
        tags.push(format!(
            "{{\"tagId\": \"{k}\", \"name\": \"Tag {k}\", \"type\": \"{}\", \"parameter\": [{{\"type\": \"TEMPLATE\", \"key\": \"html\", \"value\": \"<script>fbq('track', 'E{k}');</script>\"}}]}}",
            if k % 2 == 0 { "html" } else { "gaawe" }
        ));
    }
    format!(
        "{{\"exportFormatVersion\": 2, \"containerVersion\": {{\"container\": {{\"publicId\": \"GTM-BENCH\"}}, \"tag\": [{}]}}}}\n",
        tags.join(",\n")
    )
}

fn har(entries: usize) -> String {
    let hosts = [
        "www.muster.de",
        "www.googletagmanager.com",
        "region1.google-analytics.com",
        "connect.facebook.net",
        "fonts.gstatic.com",
    ];
    let mut list = Vec::new();
    for k in 0..entries {
        list.push(format!(
            "{{\"startedDateTime\": \"2026-11-02T10:{:02}:{:02}.000Z\", \"request\": {{\"method\": \"GET\", \"url\": \"https://{}/r/{k}\", \"cookies\": [{{\"name\": \"_ga\", \"value\": \"GA1.1.{k}\"}}]}}, \"response\": {{\"status\": 200, \"cookies\": []}}}}",
            k / 60 % 60,
            k % 60,
            hosts[k % hosts.len()]
        ));
    }
    format!(
        "{{\"log\": {{\"version\": \"1.2\", \"entries\": [{}]}}}}\n",
        list.join(",\n")
    )
}

/// Generates the project and times `ropa scan app --record record --format json` (best of
/// five, wall time and peak RSS).
pub fn measure(ropa: &Path, work: &Path, files: usize) -> Result<()> {
    let root = work.join(format!("scan-{files}"));
    let mb = generate(&root, files)?;
    let run = || {
        let mut cmd = Command::new(ropa);
        cmd.arg("scan")
            .arg(root.join("app"))
            .arg("--record")
            .arg(root.join("record"))
            .args(["--format", "json"]);
        timed(&mut cmd)
    };
    let (first, _) = run()?; // also warms the file cache
    if first < 0.05 {
        return Err("ropa scan ended at once: run it by hand to see why".into());
    }
    let (wall, rss) = best_of(5, run)?;
    let (user, system) = cpu_seconds(ropa, &root)?;
    println!(
        "ropa scan: {files} source files ({mb:.1} MB, plus 200 in node_modules, skipped): {wall:.3} s wall (best of 5), {user:.2} s user + {system:.2} s system CPU, peak RSS {} MB",
        rss / 1024
    );
    Ok(())
}

/// The CPU time of one scan (user, system), which a busy machine does not inflate as it does
/// the wall time.
fn cpu_seconds(ropa: &Path, root: &Path) -> Result<(f64, f64)> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%U %S"])
        .arg(ropa)
        .arg("scan")
        .arg(root.join("app"))
        .arg("--record")
        .arg(root.join("record"))
        .args(["--format", "json"])
        .stdout(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("/usr/bin/time: {e}"))?;
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().last().unwrap_or("");
    let mut parts = line
        .split_whitespace()
        .map(|x| x.parse::<f64>().unwrap_or(0.0));
    Ok((parts.next().unwrap_or(0.0), parts.next().unwrap_or(0.0)))
}
