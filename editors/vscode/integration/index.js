// The extension's integration tests, run inside the real VS Code extension host (code-server's
// Node host, started by tests/editors/vscode.rs through VS Code's `extensionTestsPath`), on the
// fixture workspace tests/fixtures/ws. The browser that opened the window returns no exit code,
// so the result goes to the file $ROPA_VSCODE_RESULT: `ok: …` lines, then PASS or FAIL.
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value || Date.now() > deadline) return value;
    await sleep(200);
  }
}
const code = (d) => (typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);

exports.run = async function run() {
  const lines = [];
  const check = (cond, msg) => {
    lines.push((cond ? 'ok: ' : 'failed: ') + msg);
    if (!cond) throw new Error(msg);
  };
  let failure;
  try {
    const ext = vscode.extensions.getExtension('ropa.ropa');
    check(ext !== undefined, 'the extension is loaded');
    const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
    const uri = vscode.Uri.file(path.join(folder, 'activities', 'ads.ropa'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    check(doc.languageId === 'ropa', 'languageId ropa');
    await ext.activate();
    check(ext.isActive, 'the extension is active');

    // Diagnostics at their places (0-based: line 17, characters 14 and 25).
    const diags = await until(() => {
      const all = vscode.languages.getDiagnostics(uri);
      return all.some((d) => code(d) === 'missing-avv') && all.some((d) => code(d) === 'unresolved-reference') && all;
    });
    check(diags, 'missing-avv and unresolved-reference arrive');
    const avv = diags.find((d) => code(d) === 'missing-avv');
    check(avv.range.start.line === 17 && avv.range.start.character === 14 && avv.source === 'ropa',
      `missing-avv at 17:14 from ropa (${avv.range.start.line}:${avv.range.start.character} ${avv.source})`);
    check(avv.severity === vscode.DiagnosticSeverity.Error, 'missing-avv is an error');

    // Hover on `legal_basis` (line 13).
    const col = doc.lineAt(13).text.indexOf('legal_basis');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(13, col + 2));
    const hover = hovers.flatMap((h) => h.contents.map((c) => c.value || String(c))).join('\n');
    check(/legal_basis/.test(hover) && /Art\. 6/.test(hover), 'hover on legal_basis: ' + hover.slice(0, 80).replace(/\n/g, ' '));

    // The quick fix for the typo, applied as the light bulb would.
    const typo = diags.find((d) => code(d) === 'unresolved-reference');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, typo.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Replace `hetzer` with `hetzner`');
    check(fix !== undefined, 'quick fixes: ' + actions.map((a) => a.title).join(' | '));
    check(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    check(doc.lineAt(17).text.includes('[pixelwerk, hetzner]'), 'the line reads ' + doc.lineAt(17).text.trim());
    check(await until(() => !vscode.languages.getDiagnostics(uri).some((d) => code(d) === 'unresolved-reference')),
      'unresolved-reference is gone after the fix');

    // Formatting through the server: the fixture is formatted, so the edits change nothing.
    const before = doc.getText();
    const edits = (await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true })) || [];
    if (edits.length > 0) {
      const wedit = new vscode.WorkspaceEdit();
      wedit.set(uri, edits);
      check(await vscode.workspace.applyEdit(wedit), `the ${edits.length} formatting edits apply`);
    }
    check(doc.getText() === before, 'formatting leaves the formatted file as it is');

    // The policy preview command with its arguments given (no quick pick).
    await vscode.commands.executeCommand('ropa.generatePolicy', { lang: 'en', format: 'md' });
    const preview = await until(() => vscode.workspace.textDocuments.find((d) => d.isUntitled && /Pixelwerk Agentur GmbH/.test(d.getText())));
    check(preview !== undefined, 'ropa.generatePolicy opens the policy (Markdown, English)');
    check(preview.languageId === 'markdown' && /## /.test(preview.getText()), 'the preview is Markdown with sections');
  } catch (e) {
    failure = e;
    lines.push(String(e && e.stack || e));
  }
  fs.writeFileSync(process.env.ROPA_VSCODE_RESULT, lines.join('\n') + '\n' + (failure ? 'FAIL' : 'PASS') + '\n');
  if (failure) throw failure;
};
