// Issue 5: every main screen in light and dark, Polish and English; and the figures measured in
// the e2e run: launch to interactive, and the app's memory after opening a 100 000-transaction case.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import {
  APP, launch, widgetUrl, signIn, pasteAndPreview, startAndWait, shootBoth, setLocale, record,
} from "./support.mjs";

let app;
before(async () => {
  app = await launch();
  await record({
    launch_to_interactive_ms: app.launchMs,
    launch_including_webdriver_ms: app.driverLaunchMs,
  });
});
after(async () => app?.quit());

test("catalog, keys, settings and cases in both locales and themes", async () => {
  for (const locale of ["pl", "en"]) {
    await setLocale(app, locale);
    await app.click("#nav-catalog");
    await app.waitFor(".catalog-row");
    await shootBoth(app, "catalog");
    await app.click("#nav-keys");
    await app.waitFor("#key-status-production");
    await shootBoth(app, "keys");
    await app.click("#nav-settings");
    await app.waitFor("#proxy-input");
    await shootBoth(app, "settings");
    await app.click("#nav-import");
    await app.waitFor("#paste-box");
    await shootBoth(app, "import");
    await app.click("#nav-cases");
    await app.waitFor("#case-search");
    await shootBoth(app, "cases");
  }
  assert.match(await app.text("#env-badge"), /sandbox/i);
});

/** Resident memory (kB) of a process and of its whole tree (WebKit runs the page in children). */
function memory(pid) {
  const rss = (p) => Number(readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  const children = (p) =>
    execFileSync("ps", ["-o", "pid=", "--ppid", String(p)], { encoding: "utf8" })
      .split("\n").map((s) => s.trim()).filter(Boolean);
  let tree = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try { tree += rss(p); stack.push(...children(p)); } catch { /* gone */ }
  }
  return { app: rss(pid), tree };
}

test("the 100 000-transaction applicant imports and opens; memory is recorded", async () => {
  const widget = await widgetUrl(app);
  const large = await signIn(widget, "large");
  await pasteAndPreview(app, large.json);
  const started = Date.now();
  const row = await startAndWait(app, ["saved", "failed", "retry_later", "needs_new_login"], 240000);
  assert.equal(row.phase, "saved", row.text);
  const importMs = Date.now() - started;
  await app.quit();

  // A fresh start, so the figure is the case's, not the import's (nor the in-process sandbox's).
  app = await launch();
  const appPid = () => Number(execFileSync("pgrep", ["-n", "-f", `^${APP}`], { encoding: "utf8" }).trim());
  const idle = memory(appPid());
  await app.click("#nav-cases");
  await app.setValue("#case-search", "Pawlak");
  await app.waitFor(".case-row");
  const opened = Date.now();
  await app.click(".case-row");
  await app.waitForText("#case-name", /Pawlak/, 60000);
  await app.waitFor('.headline-metric[data-name="income_90d_avg"]', 60000);
  const openMs = Date.now() - opened;
  await shootBoth(app, "case-large");
  const kb = memory(appPid());
  await record({
    large_import_ms: importMs,
    large_case_open_ms: openMs,
    idle_rss_app_mb: Math.round(idle.app / 1024),
    idle_rss_tree_mb: Math.round(idle.tree / 1024),
    large_case_rss_app_mb: Math.round(kb.app / 1024),
    large_case_rss_tree_mb: Math.round(kb.tree / 1024),
  });
  assert.ok(kb.app > 0);
});
