//! The playground (`playground/`, built by `playground/build.sh` into `playground/dist`) in
//! headless Chromium, opened from `file://` and from a static server on 127.0.0.1: the sample's
//! finding shows, fixing the record clears it, the policy pane follows, the formatter runs
//! (`tests/browser/playground.mjs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use ropa_e2e::{repo, run_browser_script, skip};

fn page() -> Option<std::path::PathBuf> {
    let page = repo().join("playground/dist/index.html");
    if page.exists() {
        Some(page)
    } else {
        skip("playground/dist/index.html is not built (playground/build.sh)")
    }
}

#[test]
fn playground_works_from_file_url() {
    let Some(page) = page() else { return };
    let url = format!("file://{}", page.display());
    if let Some(report) = run_browser_script("playground.mjs", &[&url]) {
        eprintln!("{report}");
    }
}

#[test]
fn playground_works_from_a_static_server() {
    let Some(page) = page() else { return };
    let body = std::fs::read(&page).unwrap();
    // A static server as small as they come: every GET answers the page.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut stream = &stream;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    let url = format!("http://127.0.0.1:{port}/index.html");
    if let Some(report) = run_browser_script("playground.mjs", &[&url]) {
        eprintln!("{report}");
    }
}
