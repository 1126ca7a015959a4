// Issue 7: Kontomatik Score on request and the case's exports. The salaried applicant (`test`) is
// scored with two models, asked again (the repeat warning's confirm card) and has a ledger of two;
// the thin file gets NoDataToCalculateScore and a busy service `retry later`, both in words. The
// memo (PDF), the table's view (CSV) and the whole case (JSON) are written to LUPA_EXPORT_DIR and
// checked as files: the PDF's text (pdftotext) and pages (pdftoppm, saved beside the screenshots),
// the CSV's BOM and header, the JSON's format, and a redacted JSON without the accounts' IBANs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { until, sleep } from "./wd.mjs";
import {
  launch, widgetUrl, signIn, pasteAndPreview, startAndWait, shootBoth, setLocale, setTheme,
  withFailureShot, SCREENSHOTS,
} from "./support.mjs";

const EXPORTS = process.env.LUPA_EXPORT_DIR;
const ANALYST = "Ewa Zielińska";
const OWNERS = { test: "e2e-score-test", thin: "e2e-score-thin", busy: "e2e-score-busy" };

let app;
let widget;
before(async () => {
  app = await launch();
  widget = await widgetUrl(app);
});
after(async () => app?.quit());

async function importPersona(login, owner) {
  const session = await signIn(widget, login, { ownerExternalId: owner });
  await pasteAndPreview(app, session.json);
  const row = await startAndWait(app, ["saved", "failed", "retry_later", "needs_new_login"], 240000);
  assert.equal(row.phase, "saved", row.text);
}

/** The case list, leaving an open case. */
async function caseList() {
  await app.click("#nav-cases");
  if ((await app.findAll("#case-back")).length > 0) await app.click("#case-back");
}

/** Opens the case of `owner` (unique to this file) and waits for its overview. */
async function openCase(owner, name) {
  await withFailureShot(app, `open-${owner}`, async () => {
    await caseList();
    await app.setValue("#case-search", owner);
    // Read through the page: WebKitWebDriver calls these table cells not displayed.
    await until(
      async () => app.execute(
        `const rows = [...document.querySelectorAll(".case-row")];
         return rows.length === 1 && rows[0].querySelector(".case-owner")?.textContent.trim() === arguments[0];`,
        [owner]),
      `the one case row of ${owner}`,
    );
    await app.click(".case-row");
    await app.waitForText("#case-name", new RegExp(name), 60000);
    await app.waitFor(".metric-row", 60000);
    await app.waitFor("#score-panel");
  });
}

/** The ledger, newest first, read through the page (table cells, see above). */
const ledger = () => app.execute(
  `return [...document.querySelectorAll("#score-ledger .score-ledger-row")]
     .map((row) => ({ outcome: row.dataset.outcome, text: row.innerText }));`);

/** Types the analyst's name and presses "Request score". */
async function request() {
  await app.setValue("#score-analyst", ANALYST);
  await app.click("#score-request");
}

/** Waits until the ledger has `rows` rows and returns it. */
async function ledgerOf(rows) {
  return until(async () => {
    const current = await ledger();
    return current.length === rows && (await app.execute('return document.querySelector("#score-panel").dataset.busy')) === "false"
      ? current : null;
  }, `a ledger of ${rows}`, 60000);
}

async function showScorePanel() {
  await app.execute('document.querySelector(".score-section").scrollIntoView({ block: "start" })');
}

const WORDS = {
  pl: { no_data: /za mało danych/i, retry_later: /chwilowo niedostępn/i, probability: /prawdopodobieństwo spłaty/ },
  en: { no_data: /too little data/i, retry_later: /temporarily unavailable/i, probability: /probability of repayment/ },
};

test("the salaried applicant is scored with two models; a repeat asks first; the ledger has both", () =>
  withFailureShot(app, "score-test", async () => {
    await importPersona("test", OWNERS.test);
    await setLocale(app, "pl");
    await openCase(OWNERS.test, "Sochacka");
    await app.waitFor("#score-not-requested");
    assert.equal((await ledger()).length, 0);

    // The first request: no warnings, so no confirm card; the pending state shows while it runs.
    await request();
    await until(async () => (await app.findAll(".score-model")).length === 2, "two score models", 60000);
    const [first] = await ledgerOf(1);
    assert.equal(first.outcome, "scored");
    assert.equal((await app.findAll("#score-confirm")).length, 0, "no confirm card without warnings");
    const models = await app.execute(
      `return [...document.querySelectorAll(".score-model")].map((m) => ({
         id: m.dataset.modelId, value: m.querySelector(".score-value").textContent.trim(),
         label: m.querySelector(".score-label").textContent, percentile: m.querySelector(".score-percentile")?.textContent ?? "",
         tier: m.querySelector(".score-tier")?.textContent.trim() }));`);
    assert.deepEqual(models.map((m) => m.tier), ["A", "B"]);
    assert.match(models[0].value, /^86,1\s?%$/);
    assert.match(models[0].label, WORDS.pl.probability);
    assert.match(models[0].label, new RegExp(models[0].id));
    assert.match(models[0].percentile, /91\s?%/);
    assert.match(first.text, new RegExp(ANALYST));
    // The review overview was reloaded: the analysis now carries the score's figures.
    await until(
      () => app.execute('return !!document.querySelector(\'.metric-row[data-name="kontomatik_score"]\')'),
      "the overview's score figures");
    // The analyst's name is kept for the next request (and the decision panel).
    assert.equal(await app.execute('return localStorage.getItem("lupa.analyst")'), ANALYST);

    await showScorePanel();
    await shootBoth(app, "score-panel");
    await setLocale(app, "en");
    await showScorePanel();
    await shootBoth(app, "score-panel");

    // Again: the repeat warning's confirm card comes first; Cancel sends nothing.
    await app.click("#score-request");
    await app.waitFor("#score-confirm");
    const warnings = await app.execute(
      'return [...document.querySelectorAll("#score-confirm .score-warning")].map((w) => [w.dataset.kind, w.textContent])');
    assert.deepEqual(warnings.map(([kind]) => kind), ["repeat"]);
    assert.match(warnings[0][1], /already requested/);
    await app.execute('document.querySelector("#score-confirm").scrollIntoView({ block: "center" })');
    await shootBoth(app, "score-confirm");
    await setLocale(app, "pl");
    await shootBoth(app, "score-confirm");
    await app.click("#score-confirm-no");
    await until(async () => (await app.findAll("#score-confirm")).length === 0, "the confirm card closes");
    await sleep(300);
    assert.equal((await ledger()).length, 1, "cancel sends nothing");
    await app.click("#score-request");
    await app.click("#score-confirm-yes");
    const rows = await ledgerOf(2);
    assert.deepEqual(rows.map((row) => row.outcome), ["scored", "scored"]);
    assert.equal((await app.findAll(".score-model")).length, 2);
  }));

test("the thin file's score is NoDataToCalculateScore, in words", () =>
  withFailureShot(app, "score-thin", async () => {
    await importPersona("thin", OWNERS.thin);
    await setLocale(app, "pl");
    await openCase(OWNERS.thin, "Mazur");
    await request();
    const [row] = await ledgerOf(1);
    assert.equal(row.outcome, "no_data");
    const outcome = await app.text('#score-outcome[data-outcome="no_data"]');
    assert.match(outcome, WORDS.pl.no_data);
    assert.equal((await app.findAll(".score-model")).length, 0);
    await showScorePanel();
    await shootBoth(app, "score-no-data");
  }));

test("a busy score service (fault score-busy) is `retry later`, in words", () =>
  withFailureShot(app, "score-busy", async () => {
    await importPersona("gambler+score-busy", OWNERS.busy);
    await setLocale(app, "en");
    await openCase(OWNERS.busy, "Kowalczyk");
    await request();
    const [row] = await ledgerOf(1);
    assert.equal(row.outcome, "retry_later");
    assert.match(row.text, /temporarily unavailable/i);
    const outcome = await app.text('#score-outcome[data-outcome="retry_later"]');
    assert.match(outcome, WORDS.en.retry_later);
    assert.match(outcome, /try again later/i);
    await showScorePanel();
    await shootBoth(app, "score-retry-later");
  }));

/** Picks `format` in the export menu; returns the written file's path, as the result line shows it. */
async function exportAs(format, previous = null) {
  await app.click("#export-menu");
  await app.waitFor("#export-list");
  await app.click(`#export-${format}`);
  const result = await until(
    () => app.execute(
      `const r = document.querySelector("#export-result");
       return r && r.dataset.format === arguments[0] && r.dataset.name !== arguments[1]
         ? { name: r.dataset.name, bytes: Number(r.dataset.bytes), transactions: Number(r.dataset.transactions),
             path: r.querySelector(".name").title, text: r.innerText }
         : null;`,
      [format, previous]),
    `the ${format} export`, 120000);
  assert.equal(basename(result.path), result.name);
  assert.match(result.name, new RegExp(`^lupa-case-\\d+-(memo|transactions|case)-\\d{8}-\\d{6}\\.${format}$`));
  if (EXPORTS) assert.equal(dirname(result.path), EXPORTS, "the file is in LUPA_EXPORT_DIR");
  assert.ok(existsSync(result.path), `${result.path} exists`);
  assert.equal(statSync(result.path).size, result.bytes);
  assert.ok(result.bytes > 0);
  assert.equal((await app.findAll("#app-error")).length, 0, "no error banner");
  return result;
}

test("the memo (PDF), the view (CSV) and the case (JSON) are written; redaction masks the IBANs", () =>
  withFailureShot(app, "export", async () => {
    await setLocale(app, "pl");
    await openCase(OWNERS.test, "Sochacka");

    // The menu, in both languages and themes (the theme button closes it: reopen per shot).
    for (const locale of ["pl", "en"]) {
      await setLocale(app, locale);
      for (const theme of ["light", "dark"]) {
        await setTheme(app, theme);
        await app.click("#export-menu");
        await app.waitFor("#export-pdf");
        await app.screenshot(resolve(SCREENSHOTS, `export-menu-${locale}-${theme}.png`));
        await app.execute('document.querySelector("#export-list").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }))');
        await until(async () => (await app.findAll("#export-list")).length === 0, "the menu closes");
      }
    }
    await setLocale(app, "pl");

    // The memo, in Polish.
    const memo = await exportAs("pdf");
    assert.equal(readFileSync(memo.path).subarray(0, 5).toString("latin1"), "%PDF-");
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", memo.path, "-"], { encoding: "utf8" });
    assert.match(text, /Notatka kredytowa/);
    assert.match(text, /Wnioskodawca/);
    assert.match(text, /Sochacka/);
    execFileSync("pdftoppm", ["-png", "-r", "50", memo.path, resolve(SCREENSHOTS, "memo-page")]);
    const pages = readdirSync(SCREENSHOTS).filter((file) => /^memo-page-\d+\.png$/.test(file));
    assert.ok(pages.length >= 1, `memo pages rendered: ${pages}`);
    await shootBoth(app, "export-result");
    // "Show in folder" hands the file to the file manager (none runs here: nothing fails).
    await app.click("#export-reveal");
    await sleep(500);
    assert.equal((await app.findAll("#app-error")).length, 0, "reveal reports no error");

    // The CSV is the table's current view: outgoing transactions only.
    await app.click("#tab-transactions");
    await app.waitFor('.panel[data-tab="transactions"]');
    const total = () => app.execute('return Number(document.querySelector("#tx-panel")?.dataset.total ?? -1)');
    await until(async () => (await total()) > 0, "the table's rows");
    const all = await total();
    await app.setValue("#tx-direction", "out");
    await until(async () => { const n = await total(); return n > 0 && n < all; }, "the outgoing rows");
    const outgoing = await total();
    const csv = await exportAs("csv");
    const bytes = readFileSync(csv.path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
    const lines = bytes.subarray(3).toString("utf8").split(/\r?\n/).filter(Boolean);
    assert.match(lines[0], /^id,transaction_on,/);
    assert.equal(csv.transactions, outgoing, "the CSV has the view's rows");
    assert.equal(lines.length - 1, outgoing);
    await app.click("#tx-clear");

    // The whole case, then again with redaction on: no account's IBAN is left in it.
    const json = await exportAs("json");
    const whole = JSON.parse(readFileSync(json.path, "utf8"));
    assert.equal(whole.format, "lupa-case-export");
    assert.equal(whole.redacted, false);
    assert.equal(whole.case.ownerExternalId, OWNERS.test);
    assert.equal(whole.transactions.length, all);
    assert.ok(whole.scores.length >= 2, "the score requests are in the case");
    const ibans = whole.accounts.map((account) => account.iban.replace(/\s/g, ""));
    assert.ok(ibans.length > 0 && ibans.every((iban) => /^PL\d{26}$/.test(iban)), String(ibans));
    await sleep(1100); // file names carry seconds: the redacted export gets a name of its own
    await app.click("#redact-toggle");
    await app.waitFor("#redact-badge");
    const redacted = await exportAs("json", json.name);
    assert.match(redacted.text, /dane ukryte/);
    const masked = readFileSync(redacted.path, "utf8");
    assert.equal(JSON.parse(masked).redacted, true);
    const flat = masked.replace(/\s/g, "");
    assert.deepEqual(ibans.filter((iban) => flat.includes(iban)), [], "no IBAN in the redacted export");
    await app.click("#redact-toggle");
    await until(async () => (await app.findAll("#redact-badge")).length === 0, "redaction off");
  }));

test("the palette offers the score and the exports, and the help lists their shortcuts", () =>
  withFailureShot(app, "score-palette", async () => {
    await setLocale(app, "en");
    const key = (init) => app.execute(
      "(document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { ...arguments[0], bubbles: true }))",
      [init]);
    await key({ key: "k", code: "KeyK", ctrlKey: true });
    await app.waitFor("#palette");
    await app.setValue("#palette-input", "export");
    for (const id of ["case.export.pdf", "case.export.csv", "case.export.json"]) {
      await app.waitFor(`.palette-item[data-command-id="${id}"]`);
    }
    await app.setValue("#palette-input", "kontomatik score");
    await app.waitFor('.palette-item[data-command-id="case.score.request"]');
    await key({ key: "Escape" });
    await until(async () => (await app.findAll("#palette")).length === 0, "palette closed");
    await key({ key: "F1" });
    await app.waitFor("#help-overlay");
    const help = await app.execute('return document.querySelector("#help-overlay").innerText');
    assert.match(help, /Request Kontomatik Score/);
    assert.match(help, /Export memo \(PDF\)/);
    await key({ key: "Escape" });
    await until(async () => (await app.findAll("#help-overlay")).length === 0, "help closed");
  }));
