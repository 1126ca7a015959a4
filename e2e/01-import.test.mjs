// Issue 5: keys, a pasted sandbox session imported to "saved", the case found by name, and the
// right words for an already-used and an expired session.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, widgetUrl, signIn, pasteAndPreview, startAndWait, shootBoth, record,
} from "./support.mjs";

let app;
let widget;
before(async () => {
  app = await launch();
  await record({ launch_to_interactive_ms_first: app.launchMs });
  widget = await widgetUrl(app);
});
after(async () => app?.quit());

test("the sandbox is the default environment and its badge is visible", async () => {
  assert.match(await app.text("#env-badge"), /sandbox|piaskownica/i);
  await shootBoth(app, "import-empty");
});

test("an API key is set, checked, refused when wrong, and deleted", async () => {
  await app.click("#nav-keys");
  await app.type("#key-input-sandbox", "definitely-wrong-key");
  await app.click("#key-save-sandbox");
  await app.waitForText("#key-status-sandbox", /20/); // masked: "de…ey (20 chars)"
  assert.doesNotMatch(await app.text("#key-status-sandbox"), /definitely-wrong-key/);
  await app.click("#key-check-sandbox");
  await app.waitFor('#key-result-sandbox[data-code="unauthorized"]');
  assert.match(await app.text("#key-result-sandbox"), /IP/);

  await app.type("#key-input-sandbox", "sandbox-key");
  await app.click("#key-save-sandbox");
  await app.click("#key-check-sandbox");
  await app.waitForText("#key-result-sandbox", /\d+/);
  assert.equal(await app.attribute("#key-result-sandbox", "data-code"), null);
  await shootBoth(app, "keys");

  await app.click("#key-delete-sandbox");
  // Deleted: the sandbox falls back to its built-in key.
  await app.waitForText("#key-status-sandbox", /built-in|wbudowany/i);
});

test("after an import at a bank that supports it, Lupa signs out of the bank session", async () => {
  // eSKOK is one of the catalog's targets listing SignOutCommand (F-IMP-8).
  const session = await signIn(widget, "thin", { target: "ESkok" });
  await pasteAndPreview(app, session.json);
  const row = await startAndWait(app, ["saved", "failed", "needs_new_login", "retry_later"]);
  assert.equal(row.phase, "saved", row.text);
  const note = await app.text(`.import-row[data-import-id="${row.id}"] .import-signed-out`);
  assert.match(note, /signed out|wylogowan/i);
  assert.doesNotMatch(note, /fail|nie udało/i);
});

let used;
test("a pasted sandbox session is confirmed, imported and saved", async () => {
  used = await signIn(widget, "test");
  const card = await pasteAndPreview(app, used.json);
  assert.match(card, /KontoBank/);
  assert.match(await app.text("#confirm-owner"), /\S/);
  await shootBoth(app, "import-confirm");
  const row = await startAndWait(app, ["saved", "failed", "needs_new_login", "retry_later"]);
  assert.equal(row.phase, "saved", row.text);
  await shootBoth(app, "import-saved");
});

test("the case is found by the applicant's name and opens", async () => {
  await app.click("#nav-cases");
  await app.setValue("#case-search", "Sochacka");
  await app.waitFor(".case-row");
  const rows = await app.findAll(".case-row");
  assert.equal(rows.length, 1);
  await shootBoth(app, "cases");
  await app.click(".case-row");
  await app.waitForText("#case-name", /Sochacka/);
  await app.waitFor(".account-row");
  await app.waitFor('.headline-metric[data-name="income_90d_avg"]');
  await shootBoth(app, "case");
});

test("an already-used session is refused with a new-login explanation", async () => {
  await pasteAndPreview(app, used.link);
  await app.waitFor("#confirm-used");
  await app.click("#confirm-start");
  await app.waitFor('#paste-error[data-code="session_already_used"]');
  assert.match(await app.text("#paste-error"), /sign in|zaloguj/i);
  await app.click("#confirm-cancel").catch(() => {});
});

test("an expired session ends in needs-a-new-bank-login", async () => {
  const expired = await signIn(widget, "test+expired");
  await pasteAndPreview(app, expired.json);
  const row = await startAndWait(app, ["needs_new_login", "saved", "failed"]);
  assert.equal(row.phase, "needs_new_login", row.text);
  await app.waitFor('.import-row[data-phase="needs_new_login"] .import-error[data-code="session_expired"]');
  await shootBoth(app, "import-expired");
});
