// The playground's script. ROPA_WASM (the module, base64) is put in front of it by build.sh.
// The module exports ropa_alloc / ropa_free / ropa_call / ropa_result_len (playground/src/ffi.rs)
// and answers JSON requests; everything runs in this page, nothing is sent anywhere.
"use strict";
(async function main() {
  const $ = (id) => document.getElementById(id);
  const editor = $("editor"), status = $("status");
  const params = new URLSearchParams(location.search);
  $("today").value = params.get("today") || new Date().toISOString().slice(0, 10);

  let ropa;
  try {
    const bytes = Uint8Array.from(atob(ROPA_WASM), (c) => c.charCodeAt(0));
    const { instance } = await WebAssembly.instantiate(bytes, {});
    ropa = instance.exports;
  } catch (e) {
    status.textContent = "Fehler: WebAssembly konnte nicht geladen werden (" + e + ")";
    return;
  }
  const encoder = new TextEncoder(), decoder = new TextDecoder();
  function call(request) {
    const input = encoder.encode(JSON.stringify(request));
    const ptr = ropa.ropa_alloc(input.length);
    new Uint8Array(ropa.memory.buffer, ptr, input.length).set(input);
    const out = ropa.ropa_call(ptr, input.length);
    const text = decoder.decode(new Uint8Array(ropa.memory.buffer, out, ropa.ropa_result_len()));
    ropa.ropa_free(ptr, input.length);
    return JSON.parse(text);
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(answer) {
    const list = $("findings");
    list.replaceChildren();
    if (answer.error) {
      status.textContent = "Fehler: " + answer.error;
      return;
    }
    $("summary").textContent =
      `(${answer.errors} Fehler, ${answer.warnings} Warnungen, ${answer.infos} Hinweise)`;
    if (answer.findings.length === 0) {
      list.append(el("li", "none", "Keine Befunde."));
    }
    for (const f of answer.findings) {
      const item = el("li", "finding");
      item.dataset.rule = f.rule;
      item.append(el("span", "sev " + f.severity, f.severity), " ",
        el("span", "rule", f.rule), " ", el("span", "pos", `${f.line}:${f.column}`), " ",
        el("span", "message", f.message));
      if (f.reference) item.append(" ", el("span", "ref", f.reference));
      // Clicking selects the finding's place (UTF-16 offsets, as the textarea counts).
      item.addEventListener("click", () => { editor.focus(); editor.setSelectionRange(f.from, f.to); });
      list.append(item);
    }
    // The generated HTML escapes the record's strings; the frame is sandboxed all the same.
    const policy = answer.policy.Ok !== undefined
      ? answer.policy.Ok
      : "<p><strong>Keine Vorschau:</strong> " + escapeHtml(answer.policy.Err) + "</p>";
    $("policy").srcdoc = "<!doctype html><meta charset=utf-8><style>body{font:14px/1.5 system-ui,sans-serif;margin:12px}</style>" + policy;
    status.textContent = "geprüft";
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function check() {
    render(call({
      op: "check",
      text: editor.value,
      today: $("today").value,
      languages: $("languages").value.split(","),
      lang: $("lang").value,
    }));
  }

  let timer;
  editor.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 150); });
  for (const id of ["languages", "lang", "today"]) $(id).addEventListener("change", check);
  $("format").addEventListener("click", () => {
    const answer = call({ op: "format", text: editor.value });
    if (answer.formatted && answer.formatted.Ok !== undefined) {
      editor.value = answer.formatted.Ok;
      check();
    } else {
      status.textContent = "Nicht formatiert: " + (answer.formatted ? answer.formatted.Err : answer.error);
    }
  });
  check();
  document.body.dataset.ready = "true";
})();
