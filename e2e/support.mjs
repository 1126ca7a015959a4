// Shared steps of the end-to-end tests: launching the real app, playing the applicant at the
// sandbox's widget stand-in over HTTP, themes, locales, screenshots and recorded figures.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { Session, until } from "./wd.mjs";

export const ROOT = resolve(import.meta.dirname, "..");
export const APP = process.env.LUPA_APP ?? resolve(ROOT, "target/debug/lupa");
export const ARTIFACTS = resolve(ROOT, process.env.LUPA_E2E_ARTIFACTS ?? "e2e-artifacts");
export const SCREENSHOTS = resolve(ARTIFACTS, "screenshots");

/** True while an app process (this build) is running. */
const appRunning = () => spawnSync("pgrep", ["-f", `^${APP}( |$)`]).status === 0;

/** Launches the app and waits until it is interactive; `launchMs` is launch-to-interactive. */
export async function launch(args = []) {
  // Single instance: an app started while the previous one (quit by the last test) still holds
  // its D-Bus name hands over to it, and fails when that one is going away. Wait until it is gone.
  await until(() => !appRunning(), "the previous app to exit", 30000, 200).catch(() => {});
  const started = Date.now();
  const session = await Session.launch(APP, args);
  await session.waitFor('body[data-ready="true"]', 30000);
  session.driverLaunchMs = Date.now() - started;
  // From the app process's start to interactive, as the app measured it.
  session.launchMs = Number(await session.attribute("body", "data-launch-ms"));
  return session;
}

/** The sandbox's widget URL, as the Import screen shows it. */
export async function widgetUrl(session) {
  await session.click("#nav-import");
  await session.click("#open-widget");
  const text = await session.waitForText("#widget-url", /^\s*http:\/\/127\.0\.0\.1:\d+/);
  return text.trim();
}

const unescape = (html) =>
  html
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** Signs in at the widget stand-in as `login` (`extra`: more form fields, e.g. a `target`):
 *  returns the session JSON text and the link. */
export async function signIn(widget, login, extra = {}) {
  const response = await fetch(new URL("signin", widget), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login, password: "any", ...extra }),
  });
  const html = await response.text();
  const json = html.match(/<pre id="session-json">([\s\S]*?)<\/pre>/);
  const link = html.match(/<code id="deep-link-text">([\s\S]*?)<\/code>/);
  if (!json || !link) throw new Error(`the widget did not sign in ${login}: ${html.slice(0, 300)}`);
  return { json: unescape(json[1]), link: unescape(link[1]) };
}

/** Pastes session data, reads it into the confirm card and returns the card's text. */
export async function pasteAndPreview(session, text) {
  await session.click("#nav-import");
  // A card left from an earlier paste must not be mistaken for this one.
  await session.execute('document.querySelector("#confirm-cancel")?.click()');
  await until(async () => (await session.findAll("#confirm-card")).length === 0, "no confirm card");
  await session.setValue("#paste-box", text);
  await session.click("#paste-read");
  const owner = ownerOf(text);
  await session.waitForText("#confirm-owner", (shown) => shown.trim() === owner);
  return session.text("#confirm-card");
}

/** The ownerExternalId in session JSON or a lupa:// link. */
export function ownerOf(text) {
  return text.trim().startsWith("{")
    ? JSON.parse(text).ownerExternalId
    : new URL(text.trim()).searchParams.get("ownerExternalId");
}

const NEWEST = `const rows = [...document.querySelectorAll("#imports .import-row")];
  const row = rows.sort((a, b) => b.dataset.importId - a.dataset.importId)[0];`;

/** Clicks the confirm card's start and waits until a new import (a higher id) reaches `phases`. */
export async function startAndWait(session, phases, timeout = 60000) {
  const before = await session.execute(`${NEWEST} return row ? Number(row.dataset.importId) : 0;`);
  await session.click("#confirm-start");
  return withFailureShot(session, "start", () => until(
    () =>
      session.execute(
        `${NEWEST}
         return row && Number(row.dataset.importId) > arguments[1] && arguments[0].includes(row.dataset.phase)
           ? { id: row.dataset.importId, phase: row.dataset.phase, text: row.innerText } : null;`,
        [phases, before],
      ),
    `a new import to reach ${phases}`,
    timeout,
  ));
}

/** Runs `step`; when it fails, saves a screenshot of the window beside the others. */
export async function withFailureShot(session, name, step) {
  try {
    return await step();
  } catch (error) {
    await session.screenshot(resolve(SCREENSHOTS, `FAILED-${name}-${Date.now()}.png`)).catch(() => {});
    throw error;
  }
}

export async function setTheme(session, theme) {
  const current = await session.execute("return document.documentElement.dataset.theme");
  if (current !== theme) await session.click("#theme-toggle");
  await until(
    async () => (await session.execute("return document.documentElement.dataset.theme")) === theme,
    `theme ${theme}`,
  );
}

export async function setLocale(session, locale) {
  await session.setValue("#locale-select", locale);
  await until(async () => (await session.execute("return document.documentElement.lang")) === locale, `lang ${locale}`);
}

/** Screenshots of the current screen in light and dark, named `<name>-<locale>-<theme>.png`. */
export async function shootBoth(session, name) {
  const locale = await session.execute("return document.documentElement.lang");
  for (const theme of ["light", "dark"]) {
    await setTheme(session, theme);
    await session.screenshot(resolve(SCREENSHOTS, `${name}-${locale}-${theme}.png`));
  }
}

/** Adds figures to e2e-artifacts/perf.json (read by docs/performance.md's author). */
export async function record(figures) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = resolve(ARTIFACTS, "perf.json");
  const current = JSON.parse(await readFile(file, "utf8").catch(() => "{}"));
  await writeFile(file, JSON.stringify({ ...current, ...figures }, null, 2));
}
