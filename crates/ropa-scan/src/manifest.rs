//! Package manifests and lock files: the dependencies that run with the application (runtime
//! dependencies; development-only ones — `devDependencies`, `require-dev`,
//! `[dev-dependencies]`, `dev: true` lock entries, `// indirect` Go requirements — are skipped:
//! they do not process the users' data). Each sighting points at the package's name.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::catalogue::{Ecosystem, catalogue};
use crate::json::{self, Value};
use crate::{Found, Kind};

fn package(out: &mut Found, eco: Ecosystem, name: &str, range: Range<usize>) {
    if let Some(service) = catalogue().package(eco, name) {
        out.see(
            range,
            service,
            Kind::Package {
                ecosystem: eco,
                name: name.to_string(),
            },
        );
    }
}

/// The keys of the objects `sections` of a JSON manifest (`dependencies`, `require`).
fn json_keys(text: &str, sections: &[&str], eco: Ecosystem, out: &mut Found) {
    let Some(root) = json::parse(text) else {
        return;
    };
    for section in sections {
        if let Some(Value::Object(o)) = json::get(&root, section) {
            for p in &o.properties {
                let r = jsonc_parser::common::Ranged::range(&p.name);
                package(out, eco, p.name.as_str(), r.start..r.end);
            }
        }
    }
}

pub(crate) fn package_json(text: &str, out: &mut Found) {
    json_keys(
        text,
        &["dependencies", "optionalDependencies"],
        Ecosystem::Npm,
        out,
    );
}

pub(crate) fn composer_json(text: &str, out: &mut Found) {
    json_keys(text, &["require"], Ecosystem::Composer, out);
}

/// `package-lock.json` v2/v3 (`packages`, keyed by `node_modules/…` paths) and v1
/// (`dependencies`, nested).
pub(crate) fn package_lock(text: &str, out: &mut Found) {
    let Some(root) = json::parse(text) else {
        return;
    };
    let is_dev = |v: &Value| matches!(json::get(v, "dev"), Some(Value::BooleanLit(b)) if b.value);
    if let Some(Value::Object(packages)) = json::get(&root, "packages") {
        for p in &packages.properties {
            let path = p.name.as_str();
            let Some(i) = path.rfind("node_modules/") else {
                continue;
            };
            if is_dev(&p.value) {
                continue;
            }
            let r = jsonc_parser::common::Ranged::range(&p.name);
            package(
                out,
                Ecosystem::Npm,
                &path[i + "node_modules/".len()..],
                r.start..r.end,
            );
        }
        return;
    }
    fn v1(deps: &Value, out: &mut Found, is_dev: &dyn Fn(&Value) -> bool) {
        let Value::Object(o) = deps else { return };
        for p in &o.properties {
            if is_dev(&p.value) {
                continue;
            }
            let r = jsonc_parser::common::Ranged::range(&p.name);
            package(out, Ecosystem::Npm, p.name.as_str(), r.start..r.end);
            if let Some(inner) = json::get(&p.value, "dependencies") {
                v1(inner, out, is_dev);
            }
        }
    }
    if let Some(deps) = json::get(&root, "dependencies") {
        v1(deps, out, &is_dev);
    }
}

/// Lines of `text` with their start offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

/// The package name of a lock-file descriptor: `@scope/name@^1.0.0` → `@scope/name`,
/// `/name@1.0.0(peer)` → `name`, `name@npm:other@1` → `name`.
fn descriptor_name(d: &str) -> &str {
    let d = d.trim().trim_matches(['"', '\'']).trim_start_matches('/');
    let search_from = usize::from(d.starts_with('@'));
    match d[search_from..].find('@') {
        Some(i) => &d[..search_from + i],
        None => d,
    }
}

/// `pnpm-lock.yaml`: the keys of `packages:` (every version of every package).
pub(crate) fn pnpm_lock(text: &str, out: &mut Found) {
    let mut in_packages = false;
    for (at, line) in lines(text) {
        if !line.starts_with(' ') && !line.is_empty() {
            in_packages = line.trim_end() == "packages:";
            continue;
        }
        // Package keys are indented by exactly two spaces and end with `:`.
        if !in_packages || !line.starts_with("  ") || line.starts_with("   ") {
            continue;
        }
        let Some(key) = line.trim().strip_suffix(':') else {
            continue;
        };
        let name = descriptor_name(key);
        let start = at + line.find(name).unwrap_or(2);
        package(out, Ecosystem::Npm, name, start..start + name.len());
    }
}

/// `yarn.lock` (v1 and berry): unindented lines `"a@^1", a@^2:` name packages.
pub(crate) fn yarn_lock(text: &str, out: &mut Found) {
    for (at, line) in lines(text) {
        if line.starts_with([' ', '#']) || !line.ends_with(':') {
            continue;
        }
        let first = line.trim_end_matches(':').split(',').next().unwrap_or("");
        let name = descriptor_name(first);
        if name.is_empty() || name == "__metadata" {
            continue;
        }
        let start = at + line.find(name).unwrap_or(0);
        package(out, Ecosystem::Npm, name, start..start + name.len());
    }
}

/// `requirements*.txt`: one requirement per line (options, comments and includes skipped).
pub(crate) fn requirements(text: &str, out: &mut Found) {
    for (at, line) in lines(text) {
        let content = line.split('#').next().unwrap_or("");
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('-') {
            continue;
        }
        let name = requirement_name(trimmed);
        let start = at + (content.len() - trimmed.len());
        package(out, Ecosystem::Pypi, name, start..start + name.len());
    }
}

/// The distribution name at the start of a PEP 508 requirement (`openai[extra]>=1 ; …`).
fn requirement_name(req: &str) -> &str {
    let end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(req.len());
    &req[..end]
}

fn toml_table(text: &str) -> Option<toml::Spanned<DeTable<'_>>> {
    DeTable::parse(text).ok()
}

fn table_at<'t, 'i>(root: &'t DeTable<'i>, path: &[&str]) -> Option<&'t DeTable<'i>> {
    let mut t = root;
    for key in path {
        t = t.get(*key)?.get_ref().as_table()?;
    }
    Some(t)
}

/// `pyproject.toml`: `[project] dependencies` and `optional-dependencies` (PEP 621), and
/// `[tool.poetry.dependencies]`.
pub(crate) fn pyproject(text: &str, out: &mut Found) {
    let Some(root) = toml_table(text) else { return };
    let root = root.get_ref();
    let mut lists = Vec::new();
    if let Some(project) = table_at(root, &["project"]) {
        if let Some(deps) = project.get("dependencies") {
            lists.push(deps);
        }
        if let Some(optional) = project
            .get("optional-dependencies")
            .and_then(|o| o.get_ref().as_table())
        {
            lists.extend(optional.values());
        }
    }
    for list in lists {
        for item in list.get_ref().as_array().into_iter().flatten() {
            if let DeValue::String(req) = item.get_ref() {
                let name = requirement_name(req.trim_start());
                // The string's span includes its quote; requirements are plain strings.
                let span = item.span();
                let start = span.start + 1 + (req.len() - req.trim_start().len());
                package(out, Ecosystem::Pypi, name, start..start + name.len());
            }
        }
    }
    if let Some(deps) = table_at(root, &["tool", "poetry", "dependencies"]) {
        for (key, _) in deps {
            if key.get_ref() != "python" {
                package(out, Ecosystem::Pypi, key.get_ref(), key.span());
            }
        }
    }
}

/// `poetry.lock`: `name = "…"` of every `[[package]]` that is not a development dependency.
pub(crate) fn poetry_lock(text: &str, out: &mut Found) {
    let Some(root) = toml_table(text) else { return };
    for p in root
        .get_ref()
        .get("package")
        .and_then(|p| p.get_ref().as_array())
        .into_iter()
        .flatten()
    {
        let Some(t) = p.get_ref().as_table() else {
            continue;
        };
        let dev = t
            .get("category")
            .and_then(|c| c.get_ref().as_str())
            .is_some_and(|c| c == "dev");
        if let Some(name) = t.get("name").filter(|_| !dev)
            && let DeValue::String(s) = name.get_ref()
        {
            let span = name.span();
            package(out, Ecosystem::Pypi, s, span.start + 1..span.end - 1);
        }
    }
}

/// `Cargo.toml`: `[dependencies]` and `[target.*.dependencies]` (not dev or build).
pub(crate) fn cargo_toml(text: &str, out: &mut Found) {
    let Some(root) = toml_table(text) else { return };
    let root = root.get_ref();
    let mut tables: Vec<&DeTable> = table_at(root, &["dependencies"]).into_iter().collect();
    if let Some(targets) = table_at(root, &["target"]) {
        for (_, t) in targets {
            if let Some(d) = t
                .get_ref()
                .as_table()
                .and_then(|t| t.get("dependencies"))
                .and_then(|d| d.get_ref().as_table())
            {
                tables.push(d);
            }
        }
    }
    for deps in tables {
        for (key, value) in deps {
            // `alias = { package = "real-name" }` depends on `real-name`.
            let real = value
                .get_ref()
                .as_table()
                .and_then(|t| t.get("package"))
                .and_then(|p| p.get_ref().as_str());
            package(
                out,
                Ecosystem::Cargo,
                real.unwrap_or(key.get_ref()),
                key.span(),
            );
        }
    }
}

/// `Gemfile.lock`: the gems under `specs:` (four spaces of indentation).
pub(crate) fn gemfile_lock(text: &str, out: &mut Found) {
    for (at, line) in lines(text) {
        let Some(rest) = line.strip_prefix("    ") else {
            continue;
        };
        if rest.starts_with(' ') {
            continue;
        }
        let name = rest.split([' ', '(']).next().unwrap_or("");
        package(out, Ecosystem::Rubygems, name, at + 4..at + 4 + name.len());
    }
}

/// `go.mod`: `require` lines and blocks, without `// indirect` ones.
pub(crate) fn go_mod(text: &str, out: &mut Found) {
    let mut in_block = false;
    for (at, line) in lines(text) {
        let trimmed = line.trim();
        let spec = if in_block {
            if trimmed.starts_with(')') {
                in_block = false;
                continue;
            }
            trimmed
        } else if let Some(rest) = trimmed.strip_prefix("require") {
            let rest = rest.trim_start();
            if rest.starts_with('(') {
                in_block = true;
                continue;
            }
            rest
        } else {
            continue;
        };
        if spec.contains("// indirect") {
            continue;
        }
        let module = spec.split_whitespace().next().unwrap_or("");
        if module.is_empty() || module.starts_with("//") {
            continue;
        }
        let start = at + line.find(module).unwrap_or(0);
        package(out, Ecosystem::Go, module, start..start + module.len());
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::catalogue;
    use crate::{FileKind, Options, scan_one};

    fn found(kind: FileKind, text: &str) -> Vec<String> {
        let c = catalogue();
        scan_one(kind, text, &Options::default())
            .sightings
            .iter()
            .map(|s| format!("{} {}", c.service(s.service).id, &text[s.range.clone()]))
            .collect()
    }

    #[test]
    fn npm() {
        let pkg = r#"{"dependencies": {"openai": "^4", "fbjs": "3", "@sendgrid/mail": "8"},
  "devDependencies": {"stripe": "1"}}"#;
        assert_eq!(
            found(FileKind::PackageJson, pkg),
            ["openai \"openai\"", "sendgrid \"@sendgrid/mail\""]
        );
        let lock = r#"{"lockfileVersion": 3, "packages": {"": {},
  "node_modules/stripe": {"version": "14.0.0"},
  "node_modules/a/node_modules/openai": {"version": "4.0.0", "dev": true}}}"#;
        assert_eq!(
            found(FileKind::PackageLock, lock),
            ["stripe \"node_modules/stripe\""]
        );
        let pnpm = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      openai:\n        specifier: ^4\npackages:\n  openai@4.20.0:\n    resolution: {}\n  '@anthropic-ai/sdk@0.9.0':\n    resolution: {}\n";
        assert_eq!(
            found(FileKind::PnpmLock, pnpm),
            ["openai openai", "anthropic @anthropic-ai/sdk"]
        );
        let yarn = "# yarn lockfile v1\n\n\"@stripe/stripe-js@^2.0.0\":\n  version \"2.1.0\"\n\nreact-share@^5.0.0, react-share@^5.1.0:\n  version \"5.1.0\"\n";
        assert_eq!(
            found(FileKind::YarnLock, yarn),
            ["stripe @stripe/stripe-js"]
        );
    }

    #[test]
    fn python_and_others() {
        let req = "# AI\nopenai>=1.0\n-r base.txt\n  anthropic[bedrock]==0.30 ; python_version>'3.8'\nrequests\n";
        assert_eq!(
            found(FileKind::Requirements, req),
            ["openai openai", "anthropic anthropic"]
        );
        let py = "[project]\nname = \"x\"\ndependencies = [\"openai>=1\", \"httpx\"]\n[project.optional-dependencies]\nai = [\"anthropic\"]\n[tool.poetry.dependencies]\npython = \"^3.11\"\nstripe = \"^7\"\n";
        assert_eq!(
            found(FileKind::Pyproject, py),
            ["openai openai", "anthropic anthropic", "stripe stripe"]
        );
        let gomod = "module x\n\ngo 1.22\n\nrequire github.com/openai/openai-go v0.1.0\nrequire (\n\tgithub.com/stripe/stripe-go/v76 v76.0.0\n\tgithub.com/sendgrid/sendgrid-go v3.0.0 // indirect\n)\n";
        assert_eq!(
            found(FileKind::GoMod, gomod),
            [
                "openai github.com/openai/openai-go",
                "stripe github.com/stripe/stripe-go/v76"
            ]
        );
        let cargo = "[package]\nname = \"x\"\n[dependencies]\nasync-openai = \"0.20\"\nserde = \"1\"\n[dev-dependencies]\nsentry = \"0.30\"\n";
        assert_eq!(found(FileKind::CargoToml, cargo), ["openai async-openai"]);
        let gems = "GEM\n  remote: https://rubygems.org/\n  specs:\n    stripe (10.1.0)\n    rack (3.0.0)\n      stripe\n";
        assert_eq!(found(FileKind::GemfileLock, gems), ["stripe stripe"]);
        let composer =
            r#"{"require": {"stripe/stripe-php": "^13"}, "require-dev": {"sentry/sentry": "4"}}"#;
        assert_eq!(
            found(FileKind::ComposerJson, composer),
            ["stripe \"stripe/stripe-php\""]
        );
        let poetry = "[[package]]\nname = \"openai\"\nversion = \"1.0\"\n\n[[package]]\nname = \"sentry-sdk\"\ncategory = \"dev\"\n";
        assert_eq!(found(FileKind::PoetryLock, poetry), ["openai openai"]);
    }
}
