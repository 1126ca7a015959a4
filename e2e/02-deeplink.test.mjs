// Issue 5: a lupa:// link delivered to the running app (a second launch forwards it through
// single-instance; the desktop's xdg-open finds the registered handler) shows the confirm card.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { APP, launch, widgetUrl, signIn } from "./support.mjs";

let app;
let widget;
before(async () => {
  app = await launch();
  widget = await widgetUrl(app);
});
after(async () => app?.quit());

test("a second launch with a link forwards it to the running app", async () => {
  const { link } = await signIn(widget, "gambler");
  await app.click("#nav-cases");
  const second = spawnSync(APP, [link], { timeout: 20000, encoding: "utf8" });
  assert.equal(second.status, 0, `second instance: ${second.stderr}`);
  await app.waitFor("#confirm-card");
  const owner = new URL(link).searchParams.get("ownerExternalId");
  assert.equal((await app.text("#confirm-owner")).trim(), owner);
  await app.click("#confirm-cancel");
});

test("xdg-open hands a link to the registered handler, which forwards it", async () => {
  const { link } = await signIn(widget, "pensioner");
  const opened = spawnSync("xdg-open", [link], { timeout: 20000, encoding: "utf8" });
  assert.equal(opened.status, 0, `xdg-open: ${opened.stderr}`);
  const owner = new URL(link).searchParams.get("ownerExternalId");
  await app.waitForText("#confirm-owner", (text) => text.trim() === owner);
  await app.click("#confirm-cancel");
});

test("the window may call only Lupa's own commands", async () => {
  const attempt = (command, args) =>
    app.execute(
      `return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
         .then(() => "allowed", (error) => "refused: " + String(error));`,
      [command, args],
    );
  // A plugin command no capability grants: the page cannot open URLs in the browser itself.
  assert.match(await attempt("plugin:opener|open_url", { url: "https://example.com/" }), /^refused: .*not allowed/i);
  // Lupa's own commands are granted one by one.
  assert.equal(await attempt("app_info", {}), "allowed");
});
