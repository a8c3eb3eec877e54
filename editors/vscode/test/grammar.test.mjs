// Tests for the TextMate grammar (syntaxes/ropa.tmLanguage.json).
//
//   npm test                      compare every tokenised file with its snapshot
//   UPDATE_SNAPSHOTS=1 npm test   rewrite the snapshots (review the diff before committing)
//
// Files tokenised: test/fixtures/**/*.ropa and every *.ropa under the repository's examples/
// directory. A snapshot is one line per token, `line:col text → scopes` (1-based; the column
// counts UTF-16 code units, like VS Code), without whitespace-only tokens and without the
// root scope `source.ropa`. A missing snapshot is written and the test passes.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionRoot = path.resolve(here, '..');
const grammarPath = path.join(extensionRoot, 'syntaxes', 'ropa.tmLanguage.json');
const fixturesDir = path.join(here, 'fixtures');
const examplesDir = path.resolve(extensionRoot, '..', '..', 'examples');
const snapshotsDir = path.join(here, 'snapshots');
const update = process.env.UPDATE_SNAPSHOTS === '1';

/** Scopes that, alone, mean a token was not classified. */
const CONTAINER_SCOPE = /^(source\.ropa|meta\.[\w.-]+)$/;

let grammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.ropa') {
        return null;
      }
      return vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath);
    },
  });
  grammar = await registry.loadGrammar('source.ropa');
  assert.ok(grammar, 'grammar source.ropa loads');
});

// ---------------------------------------------------------------------------------------------
// Tokenising

/** @returns {{line: number, col: number, text: string, scopes: string[]}[]} */
function tokenize(source) {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  const tokens = [];
  let ruleStack = vsctm.INITIAL;
  lines.forEach((lineText, index) => {
    const result = grammar.tokenizeLine(lineText, ruleStack);
    for (const token of result.tokens) {
      const text = lineText.slice(token.startIndex, token.endIndex);
      if (text.trim() === '') {
        continue;
      }
      tokens.push({ line: index + 1, col: token.startIndex + 1, text, scopes: token.scopes });
    }
    ruleStack = result.ruleStack;
  });
  return tokens;
}

function dump(tokens) {
  return (
    tokens
      .map((t) => {
        const scopes = t.scopes.filter((s) => s !== 'source.ropa').join(' ') || '(none)';
        return `${t.line}:${t.col} ${JSON.stringify(t.text)} → ${scopes}`;
      })
      .join('\n') + '\n'
  );
}

/** Minimal line diff (LCS), enough to read a failing snapshot. */
function diff(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(`- ${a[i++]}`);
    } else {
      out.push(`+ ${b[j++]}`);
    }
  }
  const limit = 200;
  return out.length > limit
    ? [...out.slice(0, limit), `… and ${out.length - limit} more changed lines`].join('\n')
    : out.join('\n');
}

function findRopaFiles(dir) {
  if (!existsSync(dir)) {
    return [];
  }
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) {
      continue;
    }
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...findRopaFiles(full));
    } else if (entry.isFile() && entry.name.endsWith('.ropa')) {
      found.push(full);
    }
  }
  return found.sort();
}

const toPosix = (p) => p.split(path.sep).join('/');

const suites = [
  { name: 'fixtures', dir: fixturesDir, files: findRopaFiles(fixturesDir) },
  { name: 'examples', dir: examplesDir, files: findRopaFiles(examplesDir) },
];

// ---------------------------------------------------------------------------------------------
// Snapshots

for (const suite of suites) {
  describe(`snapshots: ${suite.name}`, () => {
    const expectedSnapshots = new Set();

    if (suite.files.length === 0) {
      test(`no .ropa files under ${suite.dir} yet`, { skip: 'nothing to tokenise' }, () => {});
    }

    for (const file of suite.files) {
      const relative = toPosix(path.relative(suite.dir, file));
      const snapshotPath = path.join(snapshotsDir, suite.name, `${relative}.snap`);
      expectedSnapshots.add(path.resolve(snapshotPath));

      test(relative, (t) => {
        const actual = dump(tokenize(readFileSync(file, 'utf8')));
        if (update || !existsSync(snapshotPath)) {
          mkdirSync(path.dirname(snapshotPath), { recursive: true });
          writeFileSync(snapshotPath, actual);
          t.diagnostic(`wrote ${toPosix(path.relative(extensionRoot, snapshotPath))}`);
          return;
        }
        const expected = readFileSync(snapshotPath, 'utf8');
        if (expected !== actual) {
          assert.fail(
            `tokens of ${relative} differ from ${toPosix(path.relative(extensionRoot, snapshotPath))}` +
              ' (- snapshot, + now; run `UPDATE_SNAPSHOTS=1 npm test` if the change is intended):\n' +
              diff(expected, actual),
          );
        }
      });

      test(`${relative}: every word and literal gets a scope`, () => {
        const unscoped = tokenize(readFileSync(file, 'utf8')).filter(
          (t) => /[\p{L}\p{N}_"]/u.test(t.text) && t.scopes.every((s) => CONTAINER_SCOPE.test(s)),
        );
        assert.deepEqual(
          unscoped.map((t) => `${t.line}:${t.col} ${JSON.stringify(t.text)}`),
          [],
          'tokens without a scope',
        );
      });
    }

    // Snapshots whose source file is gone: deleted when updating, reported otherwise.
    after(() => {
      const snapshotDir = path.join(snapshotsDir, suite.name);
      for (const snap of findFiles(snapshotDir, '.snap')) {
        if (!expectedSnapshots.has(path.resolve(snap))) {
          if (update) {
            rmSync(snap);
          } else {
            console.warn(`stale snapshot (no source file): ${toPosix(path.relative(extensionRoot, snap))}`);
          }
        }
      }
    });
  });
}

function findFiles(dir, suffix) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return [];
  }
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? findFiles(full, suffix) : entry.name.endsWith(suffix) ? [full] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Explicit assertions on key tokens

function fixtureTokens(name) {
  return tokenize(readFileSync(path.join(fixturesDir, name), 'utf8'));
}

/** The token on `line` (1-based) whose text is `text` (the `nth` such token, 0-based). */
function tokenAt(tokens, line, text, nth = 0) {
  const matches = tokens.filter((t) => t.line === line && t.text === text);
  assert.ok(matches.length > nth, `no token ${JSON.stringify(text)} on line ${line}: ${dump(tokens.filter((t) => t.line === line))}`);
  return matches[nth];
}

function assertScope(token, scope) {
  assert.ok(
    token.scopes.includes(scope),
    `${token.line}:${token.col} ${JSON.stringify(token.text)} should have ${scope}, has ${token.scopes.join(' ')}`,
  );
}

function assertNotScope(token, scope) {
  assert.ok(
    !token.scopes.includes(scope),
    `${token.line}:${token.col} ${JSON.stringify(token.text)} should not have ${scope}, has ${token.scopes.join(' ')}`,
  );
}

describe('key tokens', () => {
  let example;
  before(() => {
    example = fixtureTokens('language-example.ropa');
  });

  test('item keywords and ids', () => {
    assertScope(tokenAt(example, 1, 'controller'), 'keyword.declaration.ropa');
    assertScope(tokenAt(example, 8, 'processor'), 'keyword.declaration.ropa');
    assertScope(tokenAt(example, 8, 'openai'), 'entity.name.type.ropa');
    assertScope(tokenAt(example, 24, 'activity'), 'keyword.declaration.ropa');
    assertScope(tokenAt(example, 24, 'support_chatbot'), 'entity.name.type.ropa');
    assertScope(tokenAt(example, 24, '{'), 'punctuation.section.block.begin.ropa');
  });

  test('keys, including a second key on the same line after a complete value', () => {
    assertScope(tokenAt(example, 2, 'name'), 'variable.other.property.ropa');
    // dpo { name "Dr. Erika Beispiel"  email "dsb@muster.de" }
    assertScope(tokenAt(example, 5, 'dpo'), 'variable.other.property.ropa');
    assertScope(tokenAt(example, 5, 'name'), 'variable.other.property.ropa');
    assertScope(tokenAt(example, 5, 'email'), 'variable.other.property.ropa');
    // avv { signed 2024-03-01  document "…" }
    assertScope(tokenAt(example, 12, 'signed'), 'variable.other.property.ropa');
    assertScope(tokenAt(example, 12, 'document'), 'variable.other.property.ropa');
    // title { de "…"  en "…" }
    assertScope(tokenAt(example, 25, 'de'), 'variable.other.property.ropa');
    assertScope(tokenAt(example, 25, 'en'), 'variable.other.property.ropa');
  });

  test('values: references, countries, transfer mechanisms', () => {
    assertScope(tokenAt(example, 10, 'IE'), 'constant.other.country.ropa');
    assertScope(tokenAt(example, 14, 'azure'), 'variable.other.reference.ropa');
    assertScope(tokenAt(example, 13, 'iso27001'), 'variable.other.reference.ropa');
    assertScope(tokenAt(example, 20, 'dpf'), 'constant.language.transfer.ropa');
    assertScope(tokenAt(example, 34, 'openai'), 'variable.other.reference.ropa');
    assertNotScope(tokenAt(example, 34, 'openai'), 'variable.other.property.ropa');
  });

  test('date', () => {
    assertScope(tokenAt(example, 12, '2024-03-01'), 'constant.numeric.date.ropa');
  });

  test('duration: integer and unit', () => {
    assertScope(tokenAt(example, 31, '90'), 'constant.numeric.integer.ropa');
    assertScope(tokenAt(example, 31, 'days'), 'keyword.other.unit.ropa');
    assertScope(tokenAt(example, 54, '13'), 'constant.numeric.integer.ropa');
    assertScope(tokenAt(example, 54, 'months'), 'keyword.other.unit.ropa');
  });

  test('legal-basis keywords as values', () => {
    assertScope(tokenAt(example, 29, 'contract'), 'constant.language.legal-basis.ropa');
    assertScope(tokenAt(example, 50, 'consent'), 'constant.language.legal-basis.ropa');
    // … and the keys of the consent block are keys.
    assertScope(tokenAt(example, 51, 'mechanism'), 'variable.other.property.ropa');
    const values = fixtureTokens('values.ropa');
    for (const basis of ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interest']) {
      const token = values.find((t) => t.text === basis && t.scopes.includes('constant.language.legal-basis.ropa'));
      assert.ok(token, `${basis} is scoped as a legal basis`);
    }
  });

  test('booleans', () => {
    assertScope(tokenAt(example, 35, 'true'), 'constant.language.boolean.ropa');
    const values = fixtureTokens('values.ropa');
    assertScope(values.find((t) => t.text === 'false'), 'constant.language.boolean.ropa');
  });

  test('comments and suppressions', () => {
    const comment = tokenAt(example, 44, '//');
    assertScope(comment, 'comment.line.double-slash.ropa');
    assertScope(comment, 'punctuation.definition.comment.ropa');
    const keyword = tokenAt(example, 44, 'ropa-ignore');
    assertScope(keyword, 'keyword.other.suppression.ropa');
    assertScope(keyword, 'comment.line.double-slash.ropa');
    assertScope(tokenAt(example, 44, 'processor-without-certification'), 'constant.other.rule.ropa');

    const suppressions = fixtureTokens('suppressions.ropa');
    // `ropa-ignore` in the middle of a comment is not a suppression.
    assert.ok(!suppressions.some((t) => t.line === 1 && t.scopes.includes('keyword.other.suppression.ropa')));
    assertScope(tokenAt(suppressions, 10, 'ropa-ignore'), 'keyword.other.suppression.ropa');
    assertScope(tokenAt(suppressions, 6, 'missing-transfer-safeguard'), 'constant.other.rule.ropa');
    // a trailing comment after a value
    assertScope(tokenAt(suppressions, 5, 'DE'), 'constant.other.country.ropa');
    assertScope(tokenAt(suppressions, 5, '//'), 'comment.line.double-slash.ropa');
  });

  test('escapes inside strings', () => {
    const escapes = fixtureTokens('escapes.ropa');
    for (const escape of ['\\"', '\\\\', '\\n', '\\t', '\\u{1F600}']) {
      const token = tokenAt(escapes, 2, escape);
      assertScope(token, 'constant.character.escape.ropa');
      assertScope(token, 'string.quoted.double.ropa');
    }
    for (const escape of ['\\x', "\\'", '\\u', '\\u{}', '\\u{XYZ}']) {
      assertScope(tokenAt(escapes, 3, escape), 'invalid.illegal.escape.ropa');
    }
    // the string on line 5 is not terminated; line 6 starts afresh with a key
    assertScope(tokenAt(escapes, 6, 'website'), 'variable.other.property.ropa');
  });

  test('text block spanning lines', () => {
    // notice """ … """ (lines 38–41)
    assertScope(tokenAt(example, 38, 'notice'), 'variable.other.property.ropa');
    assertScope(tokenAt(example, 38, '"""'), 'string.quoted.triple.ropa');
    assertScope(tokenAt(example, 38, '"""'), 'punctuation.definition.string.begin.ropa');
    for (const line of [39, 40]) {
      const body = example.filter((t) => t.line === line);
      assert.equal(body.length, 1, `line ${line} is one token`);
      assertScope(body[0], 'string.quoted.triple.ropa');
    }
    assertScope(tokenAt(example, 41, '"""'), 'punctuation.definition.string.end.ropa');
    // the closing brace and the next item are outside the text block again
    assertScope(tokenAt(example, 42, '}'), 'punctuation.section.block.end.ropa');
    assertScope(tokenAt(example, 45, 'activity'), 'keyword.declaration.ropa');

    const blocks = fixtureTokens('text-blocks.ropa');
    // quotes, comment markers, braces and values inside a text block are text
    for (const line of [3, 4, 5]) {
      for (const token of blocks.filter((t) => t.line === line)) {
        assertScope(token, 'string.quoted.triple.ropa');
        assertNotScope(token, 'constant.character.escape.ropa');
      }
    }
    assertScope(tokenAt(blocks, 18, 'retention'), 'variable.other.property.ropa');
  });

  test('one-line items', () => {
    const oneLine = fixtureTokens('one-line.ropa');
    assertScope(tokenAt(oneLine, 1, 'email', 1), 'variable.other.property.ropa');
    assertScope(tokenAt(oneLine, 3, 'country'), 'variable.other.property.ropa');
    assertScope(tokenAt(oneLine, 3, 'US'), 'constant.other.country.ropa');
    assertScope(tokenAt(oneLine, 3, 'scc'), 'constant.language.transfer.ropa');
    assertScope(tokenAt(oneLine, 3, 'avv'), 'variable.other.property.ropa');
    assertScope(tokenAt(oneLine, 3, ';'), 'punctuation.terminator.ropa');
    assertScope(tokenAt(oneLine, 6, 'special'), 'variable.other.property.ropa');
    assertScope(tokenAt(oneLine, 8, 'retention'), 'variable.other.property.ropa');
    assertScope(tokenAt(oneLine, 10, 'provider'), 'variable.other.property.ropa');
    assertScope(tokenAt(oneLine, 10, 'cdn', 1), 'variable.other.reference.ropa');
  });
});
