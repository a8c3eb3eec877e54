// Shared by the browser tests: Debian's Chromium through playwright-core (which downloads no
// browser), and a report that the Rust test reads (`ok: …` lines, then PASS or FAIL).
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.ROPA_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

export function reporter() {
  const lines = [];
  return {
    lines,
    check(cond, msg) {
      lines.push((cond ? "ok: " : "failed: ") + msg);
      if (!cond) throw new Error("failed: " + msg);
    },
    log(msg) {
      lines.push("  " + msg);
    },
    finish(error) {
      if (error) lines.push(String(error.stack || error));
      console.log(lines.join("\n") + "\n" + (error ? "FAIL" : "PASS"));
      process.exitCode = error ? 1 : 0;
    },
  };
}
