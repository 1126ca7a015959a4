// Issue 9: PDF bank statements on the case screen (F-IMP-11). The salaried applicant (`test`) is
// imported through the bank flow, then the sandbox's PDFs of the same applicant are dropped on the
// Imports tab: the genuine statement is imported with Lupa's three checks passing and nothing new
// (every transaction is already known); a tampered one is refused with the failed verification; an
// account history is refused as inconsistent, then accepted knowingly and flagged; files Lupa will
// not send (empty, not a PDF, encrypted, a scan, 50 MB) change nothing. The memo lists the
// statement's SHA-256; the palette's "Add PDF statement" opens the picker; a decided case refuses.
//
// Files reach the page as a synthetic drop: a script builds a `File` from base64 bytes and
// dispatches dragenter/dragover/drop with a `DataTransfer` on the drop zone (the window's native
// file-drop handling is off: tauri.conf.json `dragDropEnabled: false`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { until, sleep } from "./wd.mjs";
import {
  launch, widgetUrl, signIn, pasteAndPreview, startAndWait, shootBoth, setLocale, withFailureShot, SCREENSHOTS,
} from "./support.mjs";

const OWNER = "e2e-pdf-test";
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
/** Parsing is a network round trip through the sandbox: generous, as for imports. */
const UPLOAD_TIMEOUT = 120000;

let app;
let widget;
before(async () => {
  app = await launch();
  widget = await widgetUrl(app);
});
after(async () => app?.quit());

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** A statement of the salaried applicant from the sandbox: its bytes and the download's name. */
async function download(variant) {
  const response = await fetch(new URL(`statements/test.pdf?variant=${variant}`, widget));
  assert.ok(response.ok, `statement ${variant}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = disposition.match(/filename="?([^";]+)"?/)?.[1] ?? `wyciag-${variant}.pdf`;
  return { bytes, name };
}

/** Upload attempts the section has finished (its `data-attempts`). */
const attempts = () =>
  app.execute('return Number(document.querySelector("#statement-upload")?.dataset.attempts ?? -1)');

/**
 * Drops `bytes` as a file named `name` on the drop zone; `padTo` pads it with spaces, in the page,
 * to that many bytes (a 50 MB file need not cross WebDriver).
 */
async function drop(bytes, name, { padTo = 0, type = "application/pdf" } = {}) {
  await app.waitFor("#statement-drop");
  const before = await attempts();
  const how = await app.execute(
    `const [base64, name, type, padTo] = arguments;
     const raw = atob(base64);
     const bytes = new Uint8Array(Math.max(raw.length, padTo));
     for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
     if (padTo > raw.length) bytes.fill(0x20, raw.length);
     const file = new File([bytes], name, { type });
     const data = new DataTransfer();
     data.items.add(file);
     const zone = document.querySelector("#statement-drop");
     let how = "DragEvent";
     for (const kind of ["dragenter", "dragover", "drop"]) {
       let event;
       try {
         event = new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: data });
       } catch {
         event = null;
       }
       if (!event || event.dataTransfer !== data) {
         how = "Event";
         event = new Event(kind, { bubbles: true, cancelable: true });
         Object.defineProperty(event, "dataTransfer", { value: data });
       }
       zone.dispatchEvent(event);
     }
     return how;`,
    [Buffer.from(bytes).toString("base64"), name, type, padTo],
  );
  return finished(before, how);
}

/** Waits until an upload after `before` finished; returns what the section shows. */
async function finished(before, how = "") {
  return until(
    () => app.execute(
      `const section = document.querySelector("#statement-upload");
       if (!section || Number(section.dataset.attempts) <= arguments[0] || section.dataset.phase !== "idle") return null;
       const outcome = section.querySelector("#statement-outcome");
       const evidence = section.querySelector("#statement-outcome-evidence");
       const error = section.querySelector("#statement-error");
       return {
         how: arguments[1],
         verdict: outcome?.dataset.verdict ?? null,
         refusal: outcome?.dataset.refusal ?? null,
         consistent: outcome?.dataset.consistent ?? null,
         importId: outcome ? Number(outcome.dataset.importId) : null,
         text: outcome?.innerText ?? "",
         error: error ? { code: error.dataset.code, detail: error.querySelector("strong")?.dataset.detail ?? null, text: error.innerText } : null,
         checks: [...(evidence?.querySelectorAll(".statement-check") ?? [])].map((c) => ({ check: c.dataset.check, outcome: c.dataset.outcome, text: c.innerText })),
         failed: [...(evidence?.querySelectorAll(".statement-failed") ?? [])].map((f) => ({ name: f.dataset.name, text: f.innerText })),
         counts: (() => { const c = section.querySelector("#statement-counts"); return c ? { transactions: Number(c.dataset.transactions), fresh: Number(c.dataset.new), known: Number(c.dataset.known) } : null; })(),
         confirm: !!section.querySelector("#statement-confirm"),
       };`,
      [before, how]),
    "the statement upload to finish", UPLOAD_TIMEOUT);
}

/** The case's transaction count as the facts line shows it, and the imports table's rows. */
const facts = () => app.execute(
  `return {
     transactions: Number(document.querySelector("#case-facts-line")?.dataset.transactions ?? -1),
     imports: document.querySelectorAll(".case-import-row").length,
     statements: [...document.querySelectorAll(".statement-row")].map((r) => ({
       id: Number(r.dataset.importId), state: r.dataset.state, sha: r.dataset.sha256, text: r.innerText,
       shaTitle: r.querySelector(".sha")?.title ?? "", shaShown: r.querySelector(".sha")?.textContent ?? "" })),
     flows: Object.fromEntries([...document.querySelectorAll(".case-import-row")].map((r) => [r.dataset.importId, r.querySelector(".flow")?.textContent.trim()])),
   };`);

/**
 * Waits until the statements list shows `count` statements (the case was reloaded), in `states`
 * when given; fails with what the list and the imports table last showed.
 */
async function statementsShown(count, states = null) {
  let last = null;
  try {
    return await until(async () => {
      last = await facts();
      const ready = last.statements.length === count &&
        (!states || JSON.stringify(last.statements.map((s) => s.state)) === JSON.stringify(states));
      return ready ? last : null;
    }, `${count} statements listed${states ? ` as ${states}` : ""}`, 30000);
  } catch (error) {
    const rows = await app.execute(
      'return [...document.querySelectorAll(".case-import-row")].map((r) => [r.dataset.importId, r.dataset.state, r.dataset.statement])');
    throw new Error(`${error.message}; shown: ${JSON.stringify(last?.statements.map((s) => [s.id, s.state]))}; imports: ${JSON.stringify(rows)}`, { cause: error });
  }
}

async function imports() {
  await app.click("#tab-imports");
  await app.waitFor("#statement-drop");
}

/** Scrolls `css` to the top of the view before a screenshot. */
const scrollTo = (css) => app.execute(`document.querySelector(arguments[0])?.scrollIntoView({ block: "start" })`, [css]);

async function shootLocales(name, css) {
  for (const locale of ["pl", "en"]) {
    await setLocale(app, locale);
    await scrollTo(css);
    await shootBoth(app, name);
  }
}

const WORDS = {
  pl: { tampered: /przerobienia/, flow: "Wyciąg PDF", inconsistent: /historia rachunku/i, bad: /niczego nie (wysłano|zmieniono)/i },
  en: { tampered: /altered/, flow: "PDF statement", inconsistent: /account history/i, bad: /nothing was (sent|changed)/i },
};

let genuine;
let baseline;

test("the genuine statement of an imported applicant: imported, checks pass, nothing new", () =>
  withFailureShot(app, "statement-genuine", async () => {
    const session = await signIn(widget, "test", { ownerExternalId: OWNER });
    await pasteAndPreview(app, session.json);
    const row = await startAndWait(app, ["saved", "failed", "retry_later", "needs_new_login"], 240000);
    assert.equal(row.phase, "saved", row.text);

    await setLocale(app, "pl");
    await app.click("#nav-cases");
    await app.setValue("#case-search", OWNER);
    await until(
      () => app.execute(
        `const rows = [...document.querySelectorAll(".case-row")];
         return rows.length === 1 && rows[0].querySelector(".case-owner")?.textContent.trim() === arguments[0];`,
        [OWNER]),
      "the case row");
    await app.click(".case-row");
    await app.waitForText("#case-name", /Sochacka/, 60000);
    await imports();
    baseline = await facts();
    assert.ok(baseline.transactions > 0);
    assert.equal(baseline.statements.length, 0);
    assert.equal((await app.findAll("#statement-list-empty")).length, 1);
    assert.equal((await app.findAll("#statement-inconsistent-flag")).length, 0);
    await shootLocales("statement-upload-empty", "#statement-upload");
    await setLocale(app, "pl");

    genuine = await download("genuine");
    assert.equal(genuine.bytes.subarray(0, 5).toString("latin1"), "%PDF-");
    const result = await drop(genuine.bytes, genuine.name);
    assert.equal(result.error, null, JSON.stringify(result));
    assert.equal(result.verdict, "imported", result.text);
    assert.equal(result.consistent, "true");
    assert.deepEqual(result.checks.map((c) => [c.check, c.outcome]), [["owner_name", "pass"], ["iban", "pass"], ["period", "pass"]],
      JSON.stringify(result.checks));
    assert.ok(result.counts.transactions > 0);
    assert.equal(result.counts.fresh, 0, "every transaction is already known from the bank import");
    assert.equal(result.counts.known, result.counts.transactions);
    assert.match(result.text, /Wyciąg zaimportowany/);

    const shown = await statementsShown(1, ["accepted"]);
    assert.equal(shown.transactions, baseline.transactions, "the case's transaction count is unchanged");
    assert.equal(shown.imports, baseline.imports + 1, "the statement is an import of the case");
    const [listed] = shown.statements;
    const expected = sha256(genuine.bytes);
    assert.equal(listed.sha, expected, "the SHA-256 of the dropped bytes");
    assert.match(listed.shaTitle, new RegExp(expected));
    assert.ok(expected.startsWith(listed.shaShown.slice(0, 8)) && expected.endsWith(listed.shaShown.slice(-8)), listed.shaShown);
    assert.equal(listed.state, "accepted");
    assert.match(listed.text, new RegExp(genuine.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    assert.equal(shown.flows[String(result.importId)], WORDS.pl.flow);

    await shootLocales("statement-imported", "#statement-upload");
    await shootLocales("statement-list", "#statement-list");
    await setLocale(app, "pl");
  }));

test("the tampered statement is refused with the failed verification; nothing changes", () =>
  withFailureShot(app, "statement-tampered", async () => {
    const before = await facts();
    const tampered = await download("tampered");
    const result = await drop(tampered.bytes, tampered.name);
    assert.equal(result.verdict, "refused", result.text);
    assert.equal(result.refusal, "tampered");
    assert.match(result.text, WORDS.pl.tampered);
    assert.ok(result.failed.length >= 1, "a failed verification is listed");
    assert.ok(result.failed.every((item) => item.name && item.text.includes(item.name)));
    const shown = await statementsShown(2, ["accepted", "refused"]);
    assert.equal(shown.transactions, before.transactions, "no data change");
    assert.equal(shown.statements[1].state, "refused");
    assert.equal(shown.statements[1].sha, sha256(tampered.bytes));
    await setLocale(app, "en");
    const english = await app.execute('return document.querySelector("#statement-outcome").innerText');
    assert.match(english, WORDS.en.tampered);
    await shootLocales("statement-tampered", "#statement-upload");
    await setLocale(app, "pl");
  }));

test("an account history asks first; accepted, it is marked inconsistent and flagged", () =>
  withFailureShot(app, "statement-history", async () => {
    const history = await download("history");
    const result = await drop(history.bytes, history.name);
    assert.equal(result.verdict, "refused", result.text);
    assert.equal(result.refusal, "inconsistent");
    assert.ok(result.confirm, "the confirm card");
    const card = await app.text("#statement-confirm");
    assert.match(card, WORDS.pl.inconsistent);
    assert.equal((await app.findAll("#statement-inconsistent-flag")).length, 0);
    await shootLocales("statement-confirm", "#statement-upload");
    await setLocale(app, "pl");

    const before = await attempts();
    await app.click("#statement-accept-inconsistent");
    const accepted = await finished(before);
    assert.equal(accepted.verdict, "imported", accepted.text);
    assert.equal(accepted.consistent, "false");
    assert.equal(accepted.confirm, false);
    assert.match(accepted.text, /niespójny/);
    const shown = await statementsShown(4, ["accepted", "refused", "refused", "accepted_inconsistent"]);
    assert.equal(shown.statements[3].sha, sha256(history.bytes));
    await app.waitFor("#statement-inconsistent-flag");
    assert.match(await app.text("#statement-inconsistent-flag"), /Niespójny wyciąg PDF/);
    await shootLocales("statement-accepted-inconsistent", "#case-view");
    await shootLocales("statement-list-all", "#statement-list");
    await setLocale(app, "pl");

    // Redaction (F-EXP-3): the checks quote the owner's name and the IBAN; file names are masked.
    const panel = () => app.execute('return document.querySelector("#imports-panel").innerText');
    const plain = await panel();
    const iban = plain.match(/PL\d{26}/)?.[0];
    assert.ok(iban, "the IBAN check names the account");
    assert.match(plain, /Sochacka/);
    await app.click("#redact-toggle");
    await app.waitFor("#redact-badge");
    const masked = await panel();
    assert.ok(!masked.includes(iban), "no IBAN while redacted");
    assert.doesNotMatch(masked, /Sochacka|Krajowy/);
    assert.doesNotMatch(masked, /wyciag-salaried/);
    await scrollTo("#statement-list");
    await shootBoth(app, "statement-list-redacted");
    await app.click("#redact-toggle");
    await until(async () => (await app.findAll("#redact-badge")).length === 0, "redaction off");
  }));

test("files Lupa does not send (empty, not a PDF, encrypted, a scan, 50 MB) change nothing", () =>
  withFailureShot(app, "statement-bad", async () => {
    await setLocale(app, "pl");
    const before = await facts();
    const files = [
      { label: "empty", problem: "empty", bytes: Buffer.alloc(0), name: "pusty.pdf" },
      { label: "not-a-pdf", problem: "not_a_pdf", ...(await download("not-a-pdf")) },
      { label: "encrypted", problem: "encrypted", ...(await download("encrypted")) },
      { label: "scan", problem: "no_text_layer", ...(await download("scan")) },
      { label: "50 MB", problem: "too_large", bytes: genuine.bytes, name: "duzy.pdf", padTo: 50 * 1024 * 1024 },
    ];
    for (const file of files) {
      const started = Date.now();
      const result = await drop(file.bytes, file.name, { padTo: file.padTo ?? 0 });
      assert.equal(result.error?.code, "bad_pdf", `${file.label}: ${JSON.stringify(result)}`);
      assert.equal(result.error.detail, file.problem, `${file.label}: the problem is named`);
      assert.match(result.error.text, WORDS.pl.bad, file.label);
      assert.ok(result.error.text.length > 60, `${file.label}: the core's words are shown: ${result.error.text}`);
      assert.equal(result.verdict, null, file.label);
      const now = await facts();
      assert.equal(now.imports, before.imports, `${file.label}: the imports table is unchanged`);
      assert.equal(now.statements.length, before.statements.length, `${file.label}: no statement is added`);
      assert.equal(now.transactions, before.transactions);
      if (file.label === "50 MB") {
        assert.match(result.error.text, /20 MB/);
        console.warn(`a 50 MB file was refused in ${Date.now() - started} ms`);
      }
      if (file.label === "encrypted") await shootLocales("statement-bad-pdf", "#statement-upload");
      await setLocale(app, "pl");
    }
  }));

test("the picker takes a file through WebDriver (when the driver can), and the palette focuses it", () =>
  withFailureShot(app, "statement-picker", async () => {
    await setLocale(app, "en");
    // The palette's "Add PDF statement" opens the Imports tab with the picker focused.
    await app.click("#tab-overview");
    await app.waitFor('.panel[data-tab="overview"]');
    const key = (init) => app.execute(
      "(document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { ...arguments[0], bubbles: true }))",
      [init]);
    await key({ key: "k", code: "KeyK", ctrlKey: true });
    await app.waitFor("#palette");
    await app.setValue("#palette-input", "pdf statement");
    await app.waitFor('.palette-item[data-command-id="case.statement.add"]');
    await app.setValue("#palette-input", "wyciąg");
    await app.waitFor('.palette-item[data-command-id="case.statement.add"]');
    await app.click('.palette-item[data-command-id="case.statement.add"]');
    await until(async () => (await app.findAll("#palette")).length === 0, "the palette closes");
    await app.waitFor('.panel[data-tab="imports"]');
    await until(() => app.execute('return document.activeElement?.id === "statement-file"'), "the picker focused");

    // WebDriver's "send keys" to a file input: not every driver supports it. The genuine PDF again
    // (a new upload: the same statement once more, nothing new).
    const dir = mkdtempSync(join(tmpdir(), "lupa-e2e-"));
    const path = join(dir, genuine.name);
    writeFileSync(path, genuine.bytes);
    const before = await attempts();
    const transactions = (await facts()).transactions;
    const element = await app.find("#statement-file");
    const response = await fetch(`${DRIVER}/session/${app.id}/element/${element}/value`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: path }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      console.warn(`send keys to the file input is not supported here: ${body.value?.error} ${body.value?.message ?? ""}`);
      return;
    }
    let result;
    try {
      result = await until(async () => ((await attempts()) > before ? finished(before, "send-keys") : null),
        "an upload through the picker", 15000);
    } catch {
      console.warn("send keys to the file input was accepted but started no upload");
      return;
    }
    assert.equal(result.verdict, "imported", result.text);
    assert.equal(result.counts.fresh, 0);
    const shown = await statementsShown(5, ["accepted", "refused", "refused", "accepted_inconsistent", "accepted"]);
    assert.equal(shown.statements[4].sha, sha256(genuine.bytes));
    assert.equal(shown.transactions, transactions);
    console.warn("send keys to #statement-file uploaded the genuine statement again");
  }));

test("the memo's appendix lists the statement's SHA-256", () =>
  withFailureShot(app, "statement-memo", async () => {
    await setLocale(app, "pl");
    await app.click("#export-menu");
    await app.waitFor("#export-list");
    await app.click("#export-pdf");
    const result = await until(
      () => app.execute(
        `const r = document.querySelector("#export-result");
         return r && r.dataset.format === "pdf" ? { path: r.querySelector(".name").title } : null;`),
      "the memo export", 120000);
    assert.ok(existsSync(result.path), result.path);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", result.path, "-"], { encoding: "utf8" });
    const flat = text.replace(/\s/g, "");
    assert.ok(flat.includes(sha256(genuine.bytes)), "the genuine statement's SHA-256 is in the memo");
    execFileSync("pdftoppm", ["-png", "-r", "50", result.path, resolve(SCREENSHOTS, "statement-memo-page")]);
  }));

test("a decided case refuses statements: the drop zone is disabled", () =>
  withFailureShot(app, "statement-decided", async () => {
    await setLocale(app, "en");
    await app.click("#tab-decision");
    await app.click('input[name="decision"][value="refer"]');
    await app.setValue("#decision-rationale", "The account history may be filtered: ask for monthly statements.");
    await app.setValue("#decision-analyst", "Anna Nowak");
    await app.click("#decision-submit");
    await app.waitFor("#case-decision-badge");
    await imports();
    await app.waitFor("#statement-decided");
    assert.equal(await app.attribute("#statement-drop", "data-disabled"), "true");
    assert.equal(await app.execute('return document.querySelector("#statement-file").disabled'), true);
    const before = await facts();
    const attemptsBefore = await attempts();
    // A drop on the disabled zone does nothing.
    await app.execute(
      `const data = new DataTransfer();
       data.items.add(new File([new Uint8Array([37, 80, 68, 70, 45])], "x.pdf", { type: "application/pdf" }));
       const event = new Event("drop", { bubbles: true, cancelable: true });
       Object.defineProperty(event, "dataTransfer", { value: data });
       document.querySelector("#statement-drop").dispatchEvent(event);`);
    await sleep(1000);
    assert.equal(await attempts(), attemptsBefore);
    assert.equal((await facts()).imports, before.imports);
    await shootLocales("statement-decided", "#statement-upload");
  }));
