#!/usr/bin/env node
// Renders a .ropa file as HTML, coloured by the VS Code extension's own TextMate grammar
// (editors/vscode/syntaxes/ropa.tmLanguage.json) with the token colours of VS Code's "Dark+"
// theme. This is a picture of the grammar, not a VS Code window: no server, no semantic tokens.
//
//   node editors/scripts/tm-preview.mjs [file.ropa] [out.html]
//
// Defaults: examples/muster-marketing/activities/chatbot.ropa → /tmp/ropa-tm-preview.html.
// Needs editors/vscode/node_modules (`cd editors/vscode && npm ci`). The scopes are matched to
// colours by vscode-textmate's own theme engine (Registry.setTheme + tokenizeLine2), as VS Code
// does; the rules below are the subset of Dark+ (dark_vs.json + dark_plus.json) that applies to
// the scopes this grammar emits, plus the common generic ones.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const extensionRoot = path.join(repo, 'editors', 'vscode');
const require = createRequire(path.join(extensionRoot, 'package.json'));
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const input = path.resolve(process.argv[2] ?? path.join(repo, 'examples/muster-marketing/activities/chatbot.ropa'));
const output = path.resolve(process.argv[3] ?? '/tmp/ropa-tm-preview.html');
const grammarPath = path.join(extensionRoot, 'syntaxes', 'ropa.tmLanguage.json');

// Dark+ token colours (VS Code's dark_vs.json and dark_plus.json).
const darkPlus = {
  name: 'Dark+',
  settings: [
    { settings: { foreground: '#D4D4D4', background: '#1E1E1E' } },
    { scope: ['meta.embedded', 'source.groovy.embedded'], settings: { foreground: '#D4D4D4' } },
    { scope: 'emphasis', settings: { fontStyle: 'italic' } },
    { scope: 'strong', settings: { fontStyle: 'bold' } },
    { scope: 'comment', settings: { foreground: '#6A9955' } },
    { scope: 'constant.language', settings: { foreground: '#569CD6' } },
    { scope: ['constant.numeric', 'variable.other.enummember', 'keyword.operator.plus.exponent', 'keyword.operator.minus.exponent'], settings: { foreground: '#B5CEA8' } },
    { scope: 'constant.regexp', settings: { foreground: '#646695' } },
    { scope: 'entity.name.tag', settings: { foreground: '#569CD6' } },
    { scope: 'entity.other.attribute-name', settings: { foreground: '#9CDCFE' } },
    { scope: 'invalid', settings: { foreground: '#F44747' } },
    { scope: 'markup.underline', settings: { fontStyle: 'underline' } },
    { scope: 'markup.bold', settings: { fontStyle: 'bold', foreground: '#569CD6' } },
    { scope: 'markup.heading', settings: { fontStyle: 'bold', foreground: '#569CD6' } },
    { scope: 'markup.italic', settings: { fontStyle: 'italic' } },
    { scope: 'markup.inline.raw', settings: { foreground: '#CE9178' } },
    { scope: 'punctuation.definition.tag', settings: { foreground: '#808080' } },
    { scope: ['meta.preprocessor', 'entity.name.function.preprocessor'], settings: { foreground: '#569CD6' } },
    { scope: 'meta.preprocessor.string', settings: { foreground: '#CE9178' } },
    { scope: 'meta.preprocessor.numeric', settings: { foreground: '#B5CEA8' } },
    { scope: 'storage', settings: { foreground: '#569CD6' } },
    { scope: 'storage.type', settings: { foreground: '#569CD6' } },
    { scope: ['storage.modifier', 'keyword.operator.noexcept'], settings: { foreground: '#569CD6' } },
    { scope: ['string', 'meta.embedded.assembly'], settings: { foreground: '#CE9178' } },
    { scope: 'string.regexp', settings: { foreground: '#D16969' } },
    { scope: 'constant.character', settings: { foreground: '#569CD6' } },
    { scope: 'constant.character.escape', settings: { foreground: '#D7BA7D' } },
    { scope: 'keyword', settings: { foreground: '#569CD6' } },
    { scope: 'keyword.operator', settings: { foreground: '#D4D4D4' } },
    { scope: 'keyword.other.unit', settings: { foreground: '#B5CEA8' } },
    { scope: 'support.type.property-name.json', settings: { foreground: '#9CDCFE' } },
    // dark_plus.json
    { scope: ['entity.name.function', 'support.function', 'support.constant.handlebars', 'entity.name.operator.custom-literal'], settings: { foreground: '#DCDCAA' } },
    { scope: ['support.class', 'support.type', 'entity.name.type', 'entity.name.namespace', 'entity.other.attribute', 'entity.name.scope-resolution', 'entity.name.class', 'entity.other.inherited-class'], settings: { foreground: '#4EC9B0' } },
    { scope: ['keyword.control', 'keyword.other.using', 'keyword.other.operator', 'entity.name.operator'], settings: { foreground: '#C586C0' } },
    { scope: ['variable', 'meta.definition.variable.name', 'support.variable', 'entity.name.variable', 'constant.other.placeholder'], settings: { foreground: '#9CDCFE' } },
    { scope: ['variable.other.constant', 'variable.other.enummember'], settings: { foreground: '#4FC1FF' } },
    { scope: ['meta.object-literal.key'], settings: { foreground: '#9CDCFE' } },
    { scope: 'entity.name.label', settings: { foreground: '#C8C8C8' } },
  ],
};

const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) =>
    scopeName === 'source.ropa' ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
});
registry.setTheme(darkPlus);
const colorMap = registry.getColorMap();
const grammar = await registry.loadGrammar('source.ropa');

// tokenizeLine2's metadata word (vscode-textmate's EncodedTokenAttributes, not exported):
// bits 11-14 font style, bits 15-23 foreground colour index into getColorMap().
function decode(meta) {
  return { fg: (meta >>> 15) & 0x1ff, style: (meta >>> 11) & 0xf };
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const source = readFileSync(input, 'utf8').replace(/\r\n?/g, '\n').replace(/\n$/, '');
const lines = source.split('\n');
let state = vsctm.INITIAL;
const rows = [];
const used = new Map();
lines.forEach((line, i) => {
  const r = grammar.tokenizeLine2(line, state);
  const t = r.tokens;
  let html = '';
  for (let k = 0; k < t.length; k += 2) {
    const start = t[k];
    const end = k + 2 < t.length ? t[k + 2] : line.length;
    const { fg, style } = decode(t[k + 1]);
    const text = line.slice(start, end);
    if (!text) continue;
    const css = [`color:${colorMap[fg]}`];
    if (style & 1) css.push('font-style:italic');
    if (style & 2) css.push('font-weight:bold');
    if (style & 4) css.push('text-decoration:underline');
    html += `<span style="${css.join(';')}">${esc(text)}</span>`;
    used.set(colorMap[fg], (used.get(colorMap[fg]) ?? 0) + 1);
  }
  rows.push(`<div class="l"><span class="n">${i + 1}</span><span class="c">${html}</span></div>`);
  state = r.ruleStack;
});

const title = path.relative(repo, input);
const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
  body { margin: 0; background: #1E1E1E; }
  .tab { background: #252526; color: #FFFFFF; font: 13px 'DejaVu Sans', sans-serif; padding: 8px 16px;
         border-bottom: 1px solid #3C3C3C; }
  .tab span { color: #969696; }
  .code { font: 14px/19px 'DejaVu Sans Mono', 'Droid Sans Mono', monospace; padding: 6px 0; }
  .l { display: flex; }
  .n { color: #858585; width: 48px; text-align: right; padding-right: 22px; flex: none; }
  .c { color: #D4D4D4; white-space: pre; }
</style></head>
<body><div class="tab">${esc(path.basename(input))} <span>— ${esc(title)} · ropa TextMate grammar, Dark+ colours</span></div>
<div class="code">${rows.join('')}</div></body></html>
`;
writeFileSync(output, page);
console.error(`wrote ${output} (${lines.length} lines; colours used: ${[...used.keys()].join(' ')})`);
