//! Vim with ALE and the linter definition of `editors/vim`, in tmux: ALE starts `ropa lsp` and
//! lists the fixture's findings at their places (`vim/e2e.vim` writes them out).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ropa_e2e::{TODAY, Tmux, find_tool, fixture_workspace, path_with, repo, ropa_on_path, skip};

#[test]
fn vim_ale_lists_the_findings() {
    let ale = std::path::Path::new("/usr/share/vim-ale");
    let (Some(vim), Some(tmux)) = (find_tool("vim"), find_tool("tmux")) else {
        return skip("vim or tmux is not installed (apt-get install vim tmux)").unwrap_or(());
    };
    if !ale.exists() {
        return skip("ALE is not installed (apt-get install vim-ale)").unwrap_or(());
    }
    let dir = fixture_workspace();
    let ws = dir.path().join("ws");
    let bin = ropa_on_path(dir.path());
    let out = dir.path().join("findings.txt");
    let vimrc = dir.path().join("vimrc");
    std::fs::write(
        &vimrc,
        format!(
            "set nocompatible\nset runtimepath^={ale}\nset runtimepath+={ale}/after\nset runtimepath+={plugin}\nfiletype plugin on\n",
            ale = ale.display(),
            plugin = repo().join("editors/vim").display()
        ),
    )
    .unwrap();
    let command = format!(
        "env HOME='{}' PATH='{}' ROPA_TODAY={TODAY} ROPA_TEST_OUT='{}' '{}' -u '{}' -i NONE -S '{}' activities/ads.ropa",
        dir.path().display(),
        path_with(&[&bin]).to_string_lossy(),
        out.display(),
        vim.display(),
        vimrc.display(),
        repo().join("tests/editors/vim/e2e.vim").display()
    );
    // The shell stays a moment after Vim, so that a failure shows the screen.
    let term = Tmux::start(&tmux, &ws, &format!("{command}; sleep 5"));
    let mut findings = String::new();
    for _ in 0..300 {
        findings = std::fs::read_to_string(&out).unwrap_or_default();
        if findings.lines().count() > 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        findings.starts_with("filetype=ropa\n"),
        "{findings}\n{}",
        term.screen()
    );
    for expected in ["missing-avv@18:15 E", "unresolved-reference@18:26 E"] {
        assert!(
            findings.contains(expected),
            "ALE lacks {expected}:\n{findings}"
        );
    }
}
