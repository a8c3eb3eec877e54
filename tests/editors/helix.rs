//! Helix, as `editors/helix/README.md` sets it up: the README's step-2 block runs exactly as
//! written (with a temporary `HOME`), then Helix in tmux opens the fixture workspace and shows
//! the findings, a hover, and applies a quick fix from `space a`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use ropa_e2e::{TODAY, Tmux, find_tool, fixture_workspace, path_with, repo, ropa_on_path, skip};

/// The shell block that follows the marker comment in the README.
fn readme_block() -> String {
    let readme = std::fs::read_to_string(repo().join("editors/helix/README.md")).unwrap();
    let after = readme
        .split("<!-- tests/editors/helix.rs runs this block -->")
        .nth(1)
        .expect("the README marks the block the test runs");
    let start = after
        .find("```sh\n")
        .expect("a sh block follows the marker")
        + 6;
    let end = after[start..].find("```").expect("the block ends") + start;
    after[start..end].to_string()
}

/// `text` without its ANSI colour sequences (`ESC [ … m`).
fn without_colours(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find(|c: char| c.is_ascii_alphabetic()) {
            Some(end) => rest = &after[end + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn helix_as_the_readme_says_shows_findings_hover_and_a_quick_fix() {
    let mut tools = Vec::new();
    for (name, install) in [
        ("hx", "tests/install-tools.sh helix"),
        ("tmux", "apt-get install tmux"),
        ("tree-sitter", "cargo install tree-sitter-cli"),
        ("cc", "apt-get install gcc"),
    ] {
        match find_tool(name) {
            Some(tool) => tools.push(tool),
            None => return skip(&format!("{name} is not installed ({install})")).unwrap_or(()),
        }
    }
    let hx = &tools[0];
    let dir = fixture_workspace();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let bin = ropa_on_path(dir.path());
    let hx_dir = hx.parent().unwrap();
    let path = path_with(&[&bin, hx_dir]);

    // Step 2 of the README, as written, from the checkout.
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &readme_block()])
        .current_dir(repo())
        .env("HOME", &home)
        .env("PATH", &path)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_DATA_HOME")
        // `cargo test` sets it, and Helix would build the grammar into its `../runtime`.
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .unwrap();
    // `hx --health` colours its marks even into a pipe (crossterm): read the text without them.
    let stdout = without_colours(&String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the README's block failed:\n{stdout}\n{stderr}"
    );
    // `hx --health ropa`: the server found, the parser and the queries too.
    for line in [
        "Configured language servers:",
        "ropa:",
        "Tree-sitter parser: ✓",
        "Highlight queries: ✓",
    ] {
        assert!(
            stdout.contains(line),
            "hx --health ropa lacks {line:?}:\n{stdout}"
        );
    }
    assert!(!stdout.contains("ropa: 'ropa' not found"), "{stdout}");

    // Messages at the end of the line, as the README's step 3 suggests.
    std::fs::write(
        home.join(".config/helix/config.toml"),
        "[editor]\nend-of-line-diagnostics = \"hint\"\n[editor.inline-diagnostics]\ncursor-line = \"hint\"\n",
    )
    .unwrap();
    let ws = dir.path().join("ws");
    let command = format!(
        "env HOME='{}' PATH='{}' ROPA_TODAY={TODAY} '{}' activities/ads.ropa",
        home.display(),
        path.to_string_lossy(),
        hx.display()
    );
    let term = Tmux::start(&tools[1], &ws, &command);
    term.wait_for("processors [pixelwerk, hetzer]");
    // Both findings of line 18: the gutter, the count in the status line, and on the cursor's
    // line every message (the end of a line shows only one of them).
    term.wait_for("● 2");
    term.keys(&[":18", "Enter"]);
    let screen = term.wait_for("which has no AVV");
    assert!(
        screen.contains("●  18"),
        "a diagnostic sign on line 18:\n{screen}"
    );
    term.wait_for("there is no processor `hetzer`");

    // Hover on the key `legal_basis`.
    term.keys(&["/", "legal_basis", "Enter"]);
    term.keys(&["Space", "k"]);
    term.wait_for("Art. 6(1)");
    term.keys(&["Escape"]);

    // The quick fix for the typo, from the code action menu; saved to disk.
    // The selection must not touch `pixelwerk`, or its missing-avv fix is offered first.
    term.keys(&["/", "hetzer]", "Enter"]);
    term.keys(&["Space", "a"]);
    term.wait_for("Replace `hetzer` with `hetzner`");
    term.keys(&["Enter"]);
    term.wait_for("processors [pixelwerk, hetzner]");
    term.keys(&[":w", "Enter"]);
    let file = ws.join("activities/ads.ropa");
    for _ in 0..100 {
        if std::fs::read_to_string(&file)
            .unwrap()
            .contains("processors [pixelwerk, hetzner]")
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("processors [pixelwerk, hetzner]"), "{saved}");
    term.keys(&[":q!", "Enter"]);
}
