// The playground in headless Chromium, as a DPO uses it: the page opens (from file:// or from a
// static server: the URL is the first argument), the sample record shows its finding, fixing
// the record clears it, and the policy pane follows the edit. A screenshot goes to $2 if given.
//   node tests/browser/playground.mjs URL [screenshot.png]
import { launch, reporter } from "./common.mjs";

const [url, shot] = process.argv.slice(2);
const r = reporter();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url + (url.includes("?") ? "&" : "?") + "today=2026-11-22");
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  r.check(errors.length === 0, "the page loads without errors " + errors.join("; "));

  const rules = async () => page.$$eval("#findings li.finding", (items) => items.map((i) => i.dataset.rule));
  r.check((await rules()).includes("missing-avv"), "the sample shows missing-avv: " + (await rules()));
  const text = await page.$eval("#findings li.finding", (li) => li.textContent);
  r.check(/ 26:21 /.test(text), "at line 26, column 21: " + text);
  const policy = () => page.$eval("#policy", (f) => f.srcdoc);
  r.check((await policy()).includes("Pixelwerk Agentur GmbH"), "the policy names the processor");
  if (shot) await page.screenshot({ path: shot });

  // Clicking the finding selects `pixelwerk` in the record (UTF-16 offsets; the text has umlauts).
  await page.click("#findings li.finding");
  const selected = await page.$eval("#editor", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  r.check(selected === "pixelwerk", "clicking the finding selects `" + selected + "`");

  // Fix it: record the AVV. The finding goes, the policy pane follows an edit of the title.
  const fixed = (await page.inputValue("#editor"))
    .replace("  certifications [iso27001]\n}", '  avv { signed 2024-01-15  document "vertraege/pixelwerk-avv.pdf" }\n  certifications [iso27001]\n}')
    .replace("Werbeanzeigen für Bestandskunden", "Anzeigen für Stammkundinnen und Stammkunden");
  await page.fill("#editor", fixed);
  await page.waitForFunction(() => !document.querySelector("#findings li.finding[data-rule='missing-avv']"), null, { timeout: 10000 });
  r.check(!(await rules()).includes("missing-avv"), "after the fix missing-avv is gone: " + (await rules()));
  await page.waitForFunction(() => document.querySelector("#policy").srcdoc.includes("Stammkundinnen"), null, { timeout: 10000 });
  r.check(true, "the policy pane shows the new title");

  // English policy, and the formatter.
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => document.querySelector("#policy").srcdoc.includes('lang="en"'), null, { timeout: 10000 });
  r.check((await policy()).includes("Your rights"), "the policy switches to English");
  await page.click("#format");
  const aligned = await page.inputValue("#editor");
  await page.fill("#editor", aligned.replace(/\n  country +DE/, "\n  country DE"));
  await page.click("#format");
  r.check((await page.inputValue("#editor")) === aligned, "Format (ropa fmt) aligns the values again");
  r.finish();
} catch (e) {
  r.finish(e);
} finally {
  await browser.close();
}
