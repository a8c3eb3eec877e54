//! `cargo run --release -p ropa-bench -- [--sizes 1000,10000,100000] [--out FILE] [--lsp-only]`
//! (`-- --scan-only [--scan-files N]`: only `ropa scan` on a generated project of N source files,
//! 5,000 by default; see `scan.rs`)
//!
//! Measures, for workspaces made by `../shared/bench/gen_workspace.py`: tree-sitter parse-only
//! time (all cores and one thread), the fast path's parse-only time (`ropa_syntax::parse_flat`),
//! `ropa check --format json` wall time (one thread and all cores) and peak RSS, `ropa fmt --check`, `ropa policy`, the language server's first-diagnostics time and
//! edit→diagnostics latency, and the peer comparison of `../shared/bench/compare.sh`. The ratios
//! of `check`, `fmt --check` and `policy` to the parse are taken run by run (each run right after
//! a parse-only run; the median of five), since the machine's speed drifts. Writes a
//! Markdown table (to stdout, and to FILE with `--out`; `docs/performance.md` quotes it). With
//! `--lsp-only`, only the language-server figures. Benchmarks measure; tests never time things.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde_json::{Value, json};

mod scan;

type Result<T> = std::result::Result<T, String>;

fn main() {
    if let Err(e) = run() {
        eprintln!("ropa-bench: {e}");
        std::process::exit(2);
    }
}

struct Args {
    sizes: Vec<usize>,
    out: Option<PathBuf>,
    ropa: PathBuf,
    shared: PathBuf,
    lsp_edits: usize,
    lsp_edit: EditKind,
    peers: bool,
    lsp: bool,
    /// Only the language-server figures (a quick loop while working on the server).
    lsp_only: bool,
    /// Only `ropa scan` on a generated project of this many source files.
    scan_only: Option<usize>,
}

/// What the language-server benchmark types, one character in, one out, alternately.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EditKind {
    /// Inside the purpose string of an activity in the middle of the file (`--lsp-edit
    /// string`, the default): typing text.
    InString,
    /// In the indentation before `profiling true` in an `ai` block in the middle of the file
    /// (`--lsp-edit syntax`): every other version of the file has a syntax error
    /// (`x  profiling true`), as while typing a new field.
    BreaksSyntax,
}

fn args() -> Result<Args> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut a = Args {
        sizes: vec![1_000, 10_000, 100_000],
        out: None,
        ropa: repo.join("target/release/ropa"),
        shared: repo.join("../shared"),
        lsp_edits: 60,
        lsp_edit: EditKind::InString,
        peers: true,
        lsp: true,
        lsp_only: false,
        scan_only: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--sizes" => {
                a.sizes = value()?
                    .split(',')
                    .map(|s| s.trim().parse().map_err(|_| format!("bad size {s}")))
                    .collect::<Result<_>>()?
            }
            "--out" => a.out = Some(PathBuf::from(value()?)),
            "--ropa" => a.ropa = PathBuf::from(value()?),
            "--shared" => a.shared = PathBuf::from(value()?),
            "--lsp-edits" => a.lsp_edits = value()?.parse().map_err(|_| "bad --lsp-edits")?,
            "--lsp-edit" => {
                a.lsp_edit = match value()?.as_str() {
                    "string" => EditKind::InString,
                    "syntax" => EditKind::BreaksSyntax,
                    other => return Err(format!("bad --lsp-edit {other}: string or syntax")),
                }
            }
            "--no-peers" => a.peers = false,
            "--no-lsp" => a.lsp = false,
            "--lsp-only" => a.lsp_only = true,
            "--scan-only" => a.scan_only = Some(5_000),
            "--scan-files" => a.scan_only = Some(value()?.parse().map_err(|_| "bad --scan-files")?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if !a.ropa.exists() {
        return Err(format!(
            "{} not found: run `cargo build --release -p ropa-cli` first",
            a.ropa.display()
        ));
    }
    Ok(a)
}

fn generate(shared: &Path, out: &Path, n: usize, per_file: usize) -> Result<()> {
    if out.join("controller.ropa").exists() {
        return Ok(());
    }
    let status = Command::new("python3")
        .arg(shared.join("bench/gen_workspace.py"))
        .arg(out)
        .args([
            "--activities",
            &n.to_string(),
            "--per-file",
            &per_file.to_string(),
        ])
        .status()
        .map_err(|e| format!("python3: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("gen_workspace.py failed".into())
    }
}

fn ropa_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "ropa") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i.min(v.len() - 1)]
}

/// Parse-only: read every file and parse it with tree-sitter (in parallel, or on one thread).
fn parse_only(files: &[PathBuf], parallel: bool) -> f64 {
    let start = Instant::now();
    let parse = |p: &PathBuf| {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        std::hint::black_box(ropa_syntax::parse(&text).errors.len())
    };
    let errors: usize = if parallel {
        files.par_iter().map(parse).sum()
    } else {
        files.iter().map(parse).sum()
    };
    assert_eq!(errors, 0, "the generated workspace parses without errors");
    start.elapsed().as_secs_f64()
}

/// Parse-only with the fast path `ropa check` takes for error-free files (all cores).
fn fast_parse_only(files: &[PathBuf]) -> f64 {
    let start = Instant::now();
    let declined: usize = files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            usize::from(std::hint::black_box(ropa_syntax::parse_flat(&text)).is_none())
        })
        .sum();
    assert_eq!(declined, 0, "the fast path reads every generated file");
    start.elapsed().as_secs_f64()
}

/// Wall time and peak RSS (KB) of a command, via /usr/bin/time.
fn timed(cmd: &mut Command) -> Result<(f64, u64)> {
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("/usr/bin/time: {e}"))?;
    let wall = start.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&out.stderr);
    let rss = err
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    Ok((wall, rss))
}

fn best_of(runs: usize, mut f: impl FnMut() -> Result<(f64, u64)>) -> Result<(f64, u64)> {
    let mut best = (f64::MAX, 0);
    for _ in 0..runs {
        let (t, rss) = f()?;
        if t < best.0 {
            best = (t, rss);
        }
    }
    Ok(best)
}

// ---- the language server over stdio -------------------------------------------------------

struct Lsp {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    rx: std::sync::mpsc::Receiver<Value>,
    id: i64,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = 0;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse().ok()?;
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Lsp {
    fn start(ropa: &Path) -> Result<Lsp> {
        let mut child = Command::new(ropa)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Ok(Lsp {
            child,
            stdin,
            rx,
            id: 0,
        })
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.id += 1;
        let id = self.id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let Ok(v) = self.rx.recv_timeout(Duration::from_secs(120)) else {
                return Value::Null;
            };
            if v["id"] == json!(id) && v.get("method").is_none() {
                return v;
            }
            if v.get("method").is_some() && v.get("id").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": v["id"], "result": null});
                self.send(reply);
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for diagnostics for `uri` with the given version (any version when `None`).
    fn wait_diagnostics(&mut self, uri: &str, version: Option<i64>) -> Result<()> {
        loop {
            let v = self
                .rx
                .recv_timeout(Duration::from_secs(120))
                .map_err(|_| "no diagnostics within 120 s")?;
            if v.get("method").is_some() && v.get("id").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": v["id"], "result": null});
                self.send(reply);
                continue;
            }
            if v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && version.is_none_or(|n| v["params"]["version"] == json!(n))
            {
                return Ok(());
            }
        }
    }

    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

/// Where to type (line, column in bytes = UTF-16 units: the generated text is ASCII there):
/// the first fitting line from line 600 on (the middle of a 500-activity file), else the last
/// before it.
fn edit_place(text: &str, kind: EditKind) -> Result<(u32, u32)> {
    let fits = |l: &str| match kind {
        EditKind::InString => (l.trim_start().strip_prefix("purpose"))
            .is_some_and(|rest| rest.trim_start().starts_with('"')),
        // `profiling true` in an `ai` block (an indented line of prose would be inside a text
        // block, where an `x` breaks nothing).
        EditKind::BreaksSyntax => (l.strip_prefix("    profiling"))
            .is_some_and(|rest| rest.trim_start().starts_with("true")),
    };
    let lines: Vec<&str> = text.lines().collect();
    let line = (600..lines.len())
        .chain((0..600.min(lines.len())).rev())
        .find(|&i| fits(lines[i]))
        .ok_or(format!("no line to edit ({kind:?})"))?;
    let col = match kind {
        // After the opening quote and one character.
        EditKind::InString => lines[line].find('"').map_or(0, |c| c + 2),
        // Inside the indentation: `  x  key …` does not parse.
        EditKind::BreaksSyntax => 2,
    };
    Ok((line as u32, col as u32))
}

fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

struct LspFigures {
    first: f64,
    p50: f64,
    p95: f64,
    rss_first: u64,
    rss_last: u64,
    /// RSS in KB after every tenth of the edits (to tell a plateau from a leak).
    rss_series: Vec<u64>,
}

/// initialize → first diagnostics; then single-character edits inside a 500-activity file.
fn lsp(ropa: &Path, root: &Path, edits: usize, kind: EditKind) -> Result<LspFigures> {
    let mut lsp = Lsp::start(ropa)?;
    let start = Instant::now();
    let root_uri = file_uri(root);
    lsp.request("initialize", json!({"processId": null, "rootUri": root_uri, "workspaceFolders": [{"uri": root_uri, "name": "bench"}], "capabilities": {}}));
    lsp.notify("initialized", json!({}));
    let file = root.join("activities/a00000.ropa");
    let uri = file_uri(&file);
    lsp.wait_diagnostics(&uri, None)?;
    let first = start.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ropa", "version": 0, "text": text}}),
    );
    lsp.wait_diagnostics(&uri, Some(0))?;
    let (line, col) = edit_place(&text, kind)?;
    let mut latencies = Vec::new();
    let mut rss_first = 0;
    let mut rss_series = Vec::new();
    for i in 1..=edits {
        let change = if i % 2 == 1 {
            json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": ""})
        };
        let t = Instant::now();
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": i}, "contentChanges": [change]}),
        );
        lsp.wait_diagnostics(&uri, Some(i as i64))?;
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        if i == 1 {
            rss_first = lsp.rss_kb();
        }
        if i % (edits / 10).max(1) == 0 {
            rss_series.push(lsp.rss_kb());
        }
    }
    let rss_last = lsp.rss_kb();
    lsp.request("shutdown", Value::Null);
    lsp.notify("exit", Value::Null);
    let _ = lsp.child.wait();
    Ok(LspFigures {
        first,
        p50: percentile(latencies.clone(), 0.5),
        p95: percentile(latencies, 0.95),
        rss_first,
        rss_last,
        rss_series,
    })
}

fn compare(shared: &Path, ropa: &Path, n: usize) -> Result<(f64, f64, f64)> {
    let out = Command::new("bash")
        .arg(shared.join("bench/compare.sh"))
        .arg(ropa)
        .arg(n.to_string())
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let secs = |prefix: &str| {
        text.lines()
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l[34..].split_whitespace().next()?.parse::<f64>().ok())
    };
    let ropa_s = secs("ropa check").ok_or(format!(
        "compare.sh gave no ropa time:\n{text}{}",
        String::from_utf8_lossy(&out.stderr)
    ))?;
    let rego_s = secs("regorus").ok_or(format!("compare.sh gave no regorus time:\n{text}"))?;
    Ok((ropa_s, rego_s, rego_s / ropa_s.max(1e-3)))
}

fn run() -> Result<()> {
    let a = args()?;
    // Outside the repository: its `.gitignore` (which lists `target/`) and its `ropa.toml` would
    // apply to a workspace generated below it, and `ropa check` would find no files to check.
    let work = std::env::temp_dir().join("ropa-bench");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let work = std::fs::canonicalize(&work).map_err(|e| e.to_string())?;
    let machine = format!(
        "{} cores, {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(
                |c| c.lines().find(|l| l.starts_with("model name")).map(|l| l
                    .split(':')
                    .nth(1)
                    .unwrap_or("")
                    .trim()
                    .to_string())
            )
            .unwrap_or_default()
    );
    if let Some(files) = a.scan_only {
        return scan::measure(&a.ropa, &work, files);
    }
    let mut rows = Vec::new();
    for &n in &a.sizes {
        eprintln!("== {n} activities");
        if a.lsp_only {
            let lsp_ws = work.join(format!("ws-{n}-per-file-500"));
            generate(&a.shared, &lsp_ws, n, 500)?;
            let f = lsp(&a.ropa, &lsp_ws, a.lsp_edits, a.lsp_edit)?;
            println!(
                "{n}: first diagnostics {:.3} s, edit→diagnostics ({:?}) p50 {:.1} ms, p95 {:.1} ms, RSS {} → {} MB",
                f.first,
                a.lsp_edit,
                f.p50,
                f.p95,
                f.rss_first / 1024,
                f.rss_last / 1024
            );
            let series: Vec<String> = f
                .rss_series
                .iter()
                .map(|kb| (kb / 1024).to_string())
                .collect();
            println!(
                "   RSS (MB) after each tenth of the edits: {}",
                series.join(", ")
            );
            continue;
        }
        let ws = work.join(format!("ws-{n}"));
        generate(&a.shared, &ws, n, 50)?;
        let files = ropa_files(&ws);
        let mb = files
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum::<u64>() as f64
            / 1e6;
        let parse_all = median((0..5).map(|_| parse_only(&files, true)).collect());
        let parse_one = median((0..3).map(|_| parse_only(&files, false)).collect());
        let fast_parse = median((0..5).map(|_| fast_parse_only(&files)).collect());
        let check = |threads: Option<&str>| {
            let mut cmd = Command::new(&a.ropa);
            cmd.args(["check"])
                .arg(&ws)
                .args(["--format", "json", "--today", "2026-11-22"]);
            if let Some(t) = threads {
                cmd.env("RAYON_NUM_THREADS", t);
            }
            timed(&mut cmd)
        };
        // The ratios to the parse: each run right after a parse-only run, the median of the
        // five ratios (the machine's speed drifts by tens of percent within a minute).
        let paired = |f: &mut dyn FnMut() -> Result<(f64, u64)>| -> Result<(f64, u64, f64)> {
            let mut best = (f64::MAX, 0);
            let mut ratios = Vec::new();
            for _ in 0..5 {
                let parse = parse_only(&files, true);
                let (t, rss) = f()?;
                ratios.push(t / parse);
                if t < best.0 {
                    best = (t, rss);
                }
            }
            Ok((best.0, best.1, median(ratios)))
        };
        let (check_all, rss, check_ratio) = paired(&mut || check(None))?;
        let (check_one, _) = best_of(3, || check(Some("1")))?;
        let (fmt, _, fmt_ratio) =
            paired(&mut || timed(Command::new(&a.ropa).args(["fmt", "--check"]).arg(&ws)))?;
        let (policy, _, policy_ratio) = paired(&mut || {
            // The generated workspace has findings of severity error on purpose: a plain
            // `ropa policy` refuses it, a draft generates every section.
            timed(
                Command::new(&a.ropa)
                    .args(["policy", "--draft"])
                    .arg(&ws)
                    .args(["--lang", "de", "--date", "2026-11-22"]),
            )
        })?;
        let ratios = (check_ratio, fmt_ratio, policy_ratio);
        let lsp_ws = work.join(format!("ws-{n}-per-file-500"));
        generate(&a.shared, &lsp_ws, n, 500)?;
        let lsp = if a.lsp {
            lsp(&a.ropa, &lsp_ws, a.lsp_edits, a.lsp_edit)?
        } else {
            LspFigures {
                first: f64::NAN,
                p50: f64::NAN,
                p95: f64::NAN,
                rss_first: 0,
                rss_last: 0,
                rss_series: Vec::new(),
            }
        };
        let peer = if a.peers {
            compare(&a.shared, &a.ropa, n).ok()
        } else {
            None
        };
        let baseline_file = work.join(format!("baseline-{n}.json"));
        let _ = Command::new(&a.ropa)
            .arg("check")
            .arg(&ws)
            .arg("--write-baseline")
            .arg(&baseline_file)
            .args(["--today", "2026-11-22"])
            .stderr(Stdio::null())
            .status();
        let (with_baseline, _) = best_of(5, || {
            timed(
                Command::new(&a.ropa)
                    .arg("check")
                    .arg(&ws)
                    .arg("--baseline")
                    .arg(&baseline_file)
                    .args(["--format", "json", "--today", "2026-11-22"]),
            )
        })?;
        rows.push((
            n,
            mb,
            parse_all,
            parse_one,
            fast_parse,
            check_all,
            check_one,
            rss,
            fmt,
            policy,
            lsp,
            peer,
            with_baseline,
            ratios,
        ));
    }
    if a.lsp_only {
        return Ok(());
    }
    let mut md = String::new();
    md.push_str(&format!("Machine: {machine}. Release build; times are wall clock (best of 3–5 runs; parse-only is the median); a ratio to the parse is the median of five, each run right after a parse-only run.\n\n"));
    md.push_str("| activities | MB | parse-only, all cores | parse-only, 1 thread | fast-path parse-only | `ropa check` all cores | ÷ parse | `ropa check` 1 thread | per activity | peak RSS | RSS ÷ sources | `--baseline` (full) | `fmt --check` | `policy` | LSP first diagnostics | edit→diagnostics p50 / p95 | LSP RSS first → last edit | regorus / ropa |\n");
    md.push_str(
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (n, mb, pa, p1, pf, ca, c1, rss, fmt, policy, lsp, peer, bl, ratios) in &rows {
        let (check_ratio, fmt_ratio, policy_ratio) = ratios;
        let peer = match peer {
            Some((r, g, ratio)) => format!("{g:.2} s / {r:.2} s = **{ratio:.2}×**"),
            None => "–".into(),
        };
        md.push_str(&format!(
            "| {n} | {mb:.1} | {pa:.3} s | {p1:.3} s | {pf:.3} s | {ca:.3} s | {:.2}× | {c1:.3} s | {:.1} µs | {:.0} MB | {:.1}× | {bl:.3} s (+{:.0} %) | {fmt:.3} s ({:.2}× parse) | {policy:.3} s ({:.2}× parse) | {:.3} s | {:.1} / {:.1} ms | {:.0} → {:.0} MB | {peer} |\n",
            check_ratio,
            ca / *n as f64 * 1e6,
            *rss as f64 / 1024.0,
            *rss as f64 / 1024.0 / mb,
            (bl / ca - 1.0) * 100.0,
            fmt_ratio,
            policy_ratio,
            lsp.first,
            lsp.p50,
            lsp.p95,
            lsp.rss_first as f64 / 1024.0,
            lsp.rss_last as f64 / 1024.0,
        ));
    }
    println!("{md}");
    if let Some(out) = a.out {
        std::fs::write(&out, md).map_err(|e| e.to_string())?;
    }
    Ok(())
}
