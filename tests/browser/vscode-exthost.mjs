// Opens code-server with VS Code's test payload so that the extension host runs the extension's
// integration tests (editors/vscode/integration) from the unpacked extension folder; waits
// for their result file (the browser gives no exit code).
//   node tests/browser/vscode-exthost.mjs BASE_URL FOLDER EXTENSION_DIR TESTS_MODULE RESULT_FILE
import fs from "node:fs";
import { launch, reporter } from "./common.mjs";

const [base, folder, extension, tests, result] = process.argv.slice(2);
const r = reporter();
const host = new URL(base).host;
const payload = [
  ["extensionDevelopmentPath", `vscode-remote://${host}${extension}`],
  ["extensionTestsPath", `vscode-remote://${host}${tests}`],
];
const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(url);
  const deadline = Date.now() + 180000;
  while (!fs.existsSync(result) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 500));
  r.check(fs.existsSync(result), "the extension host wrote its result");
  const text = fs.readFileSync(result, "utf8");
  for (const line of text.trim().split("\n")) r.log(line);
  r.check(text.trim().endsWith("PASS"), "the integration tests passed");
  r.finish();
} catch (e) {
  r.finish(e);
} finally {
  await browser.close();
}
