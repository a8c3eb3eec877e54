//! A small LSP client for tests: JSON-RPC framing over any async byte streams (an in-process
//! duplex pipe or a child process's stdio). Requests from the server (like
//! `client/registerCapability`) are answered with `null`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

pub struct Client {
    /// Whole frames (or deliberately broken bytes) to write.
    out: mpsc::UnboundedSender<Vec<u8>>,
    inbox: mpsc::UnboundedReceiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for responses.
    pub notifications: Vec<Value>,
    /// How long to wait for a response or for diagnostics.
    pub patience: Duration,
}

pub async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

pub fn frame(v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

impl Client {
    pub fn new<R, W>(reader: R, mut writer: W) -> Client
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();
        let (in_tx, in_rx) = mpsc::unbounded_channel::<Value>();
        tokio::spawn(async move {
            while let Some(bytes) = out_rx.recv().await {
                if writer.write_all(&bytes).await.is_err() {
                    break;
                }
                let _ = writer.flush().await;
            }
        });
        let answer = out_tx.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(reader);
            while let Some(v) = read_frame(&mut reader).await {
                if v.get("method").is_some() && v.get("id").is_some() {
                    let reply = json!({ "jsonrpc": "2.0", "id": v["id"], "result": null });
                    let _ = answer.send(frame(&reply));
                    continue;
                }
                if in_tx.send(v).is_err() {
                    break;
                }
            }
        });
        Client {
            out: out_tx,
            inbox: in_rx,
            next_id: 0,
            notifications: Vec::new(),
            patience: Duration::from_secs(30),
        }
    }

    pub fn send_raw(&self, v: Value) {
        let _ = self.out.send(frame(&v));
    }

    /// Writes bytes as they are (for malformed frames).
    pub fn send_bytes(&self, bytes: impl Into<Vec<u8>>) {
        let _ = self.out.send(bytes.into());
    }

    /// Waits for the next message that is not a `publishDiagnostics` notification or a
    /// log/show message (e.g. the error response to a malformed frame).
    pub async fn next_message(&mut self) -> Value {
        loop {
            let v = tokio::time::timeout(self.patience, self.inbox.recv())
                .await
                .expect("a message in time")
                .expect("server alive");
            let method = v["method"].as_str().unwrap_or("");
            if method.is_empty() {
                return v;
            }
            self.notifications.push(v);
        }
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send_raw(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (the whole response object).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send_raw(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let v = tokio::time::timeout(self.patience, self.inbox.recv())
                .await
                .expect("response in time")
                .expect("server alive");
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                return v;
            }
            self.notifications.push(v);
        }
    }

    /// Sends a request and returns its `result` (panics on an error response).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let v = self.request_raw(method, params).await;
        assert!(v.get("error").is_none(), "{method} failed: {v}");
        v["result"].clone()
    }

    pub async fn initialize(&mut self, root: &std::path::Path, extra: Value) -> Value {
        let uri = uri(root);
        let mut params = json!({
            "processId": null,
            "rootUri": uri,
            "workspaceFolders": [{ "uri": uri, "name": "ws" }],
            "capabilities": {
                "general": { "positionEncodings": ["utf-16"] },
                "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
                "textDocument": {
                    "publishDiagnostics": { "relatedInformation": true, "versionSupport": true },
                    "completion": { "completionItem": { "snippetSupport": true } }
                }
            }
        });
        merge(&mut params, extra);
        let result = self.request("initialize", params).await;
        self.notify("initialized", json!({}));
        result
    }

    /// Waits for the next `publishDiagnostics` for a URI ending in `suffix` that satisfies
    /// `accept` (notifications already received count).
    pub async fn diagnostics_where(
        &mut self,
        suffix: &str,
        accept: impl Fn(&Value) -> bool,
    ) -> Value {
        let matches = |v: &Value| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with(suffix))
                && accept(&v["params"])
        };
        if let Some(i) = self.notifications.iter().rposition(&matches) {
            let v = self.notifications.remove(i);
            return v["params"].clone();
        }
        loop {
            let v = tokio::time::timeout(self.patience, self.inbox.recv())
                .await
                .unwrap_or_else(|_| panic!("no diagnostics for {suffix} in time"))
                .expect("server alive");
            if matches(&v) {
                return v["params"].clone();
            }
            self.notifications.push(v);
        }
    }

    pub async fn diagnostics(&mut self, suffix: &str) -> Value {
        self.diagnostics_where(suffix, |_| true).await
    }

    pub async fn shutdown(&mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null);
    }
}

pub fn uri(path: &std::path::Path) -> String {
    let p = path.to_string_lossy().replace('\\', "/");
    let encoded: String = p
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("file://{encoded}")
}

fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (a, b) if !b.is_null() => *a = b,
        _ => {}
    }
}

/// Codes (rule names) of a publishDiagnostics params object.
pub fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| d["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}
