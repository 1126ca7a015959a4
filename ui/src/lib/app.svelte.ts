// The UI's shared state: preferences, the running app's facts, the screen, the import draft and
// the live imports. Screens read it; only the functions here and in App.svelte change it.
import type { AppInfo, ImportStatus, IpcError, SessionPreview } from "../bindings/workbench";
import * as api from "./api";
import { initialLocale, saveLocale, translate, type Locale, type MessageKey, type Vars } from "./i18n";

export type Screen = "import" | "cases" | "catalog" | "keys" | "settings";
export const SCREENS: readonly Screen[] = ["import", "cases", "catalog", "keys", "settings"];
export type Theme = "light" | "dark";

const THEME_KEY = "lupa.theme";
const REDACT_KEY = "lupa.redact";

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === "light" || saved === "dark") return saved;
  } catch {
    // Storage may be unavailable; follow the system.
  }
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Redaction (F-EXP-3) stays on across restarts once the analyst turns it on: off by default. */
function initialRedact(): boolean {
  try {
    return localStorage.getItem(REDACT_KEY) === "on";
  } catch {
    // Storage may be unavailable; start unredacted.
    return false;
  }
}

export const ui = $state({
  locale: initialLocale() as Locale,
  theme: initialTheme() as Theme,
  /** Screen-sharing mode: names and account numbers masked (see redact.ts). */
  redact: initialRedact(),
  screen: "import" as Screen,
  /** The case open in the case view, on the Cases screen. */
  openCaseId: null as number | null,
  /** The app lock (F-UX-4) is engaged: only the lock screen is rendered (see lock.svelte.ts). */
  locked: false,
});

export const app = $state({
  info: null as AppInfo | null,
  /** A failure that stops the app (database or keychain): shown full screen. */
  fatal: null as IpcError | null,
  /** A failure outside any screen (starting, switching environments, events), shown under the header. */
  banner: null as IpcError | null,
});

/** The Import screen's paste box and confirm card; kept here so a deep link can fill them. */
export const draft = $state({
  text: "",
  preview: null as SessionPreview | null,
  error: null as IpcError | null,
  busy: false,
});

/** Every import this run knows of, newest first, updated in place by `import-changed`. */
export const imports = $state({ list: [] as ImportStatus[] });

/** The message `key` in the current locale (reactive where it is read). */
export function t(key: MessageKey, vars?: Vars): string {
  return translate(ui.locale, key, vars);
}

export function applyPreferences(): void {
  document.documentElement.lang = ui.locale;
  document.documentElement.dataset.theme = ui.theme;
  if (ui.redact) document.documentElement.dataset.redact = "on";
  else delete document.documentElement.dataset.redact;
}

export function setLocale(locale: Locale): void {
  ui.locale = locale;
  saveLocale(locale);
  applyPreferences();
}

export function toggleTheme(): void {
  ui.theme = ui.theme === "dark" ? "light" : "dark";
  try {
    localStorage.setItem(THEME_KEY, ui.theme);
  } catch {
    // Not persisted; the choice still holds for this run.
  }
  applyPreferences();
}

export function toggleRedact(): void {
  ui.redact = !ui.redact;
  try {
    localStorage.setItem(REDACT_KEY, ui.redact ? "on" : "off");
  } catch {
    // Not persisted; the choice still holds for this run.
  }
  applyPreferences();
}

export function openCase(caseId: number): void {
  ui.openCaseId = caseId;
  ui.screen = "cases";
}

export function upsertImport(status: ImportStatus): void {
  const index = imports.list.findIndex((known) => known.import_id === status.import_id);
  // A command's reply can arrive after the events that followed it: keep the newest revision.
  if (index >= 0 && (imports.list[index]?.revision ?? 0) > status.revision) return;
  if (index >= 0) imports.list[index] = status;
  else imports.list.unshift(status);
}

export function replaceImports(list: ImportStatus[]): void {
  // Keep statuses that events delivered while the list was loading and are newer.
  const known = imports.list;
  imports.list = list.map((status) => {
    const live = known.find((candidate) => candidate.import_id === status.import_id);
    return live && live.revision > status.revision ? live : status;
  });
}

export function showBanner(error: unknown): void {
  const failure = api.toFailure(error);
  // A command refused while locked: the lock screen already says so, and the screen reloads after
  // unlocking.
  if (failure.code === "locked") return;
  app.banner = failure.toIpcError();
}

/** Reads the paste box into the confirm card. */
export async function readSession(): Promise<void> {
  const text = draft.text.trim();
  draft.preview = null;
  draft.error = null;
  if (!text) return;
  draft.busy = true;
  try {
    draft.preview = await api.preview_session(text);
  } catch (error) {
    draft.error = api.toFailure(error).toIpcError();
  } finally {
    draft.busy = false;
  }
}

/** Starts the import the confirm card shows, then clears the box and the card. */
export async function startImport(): Promise<void> {
  draft.busy = true;
  draft.error = null;
  try {
    const status = await api.start_import(draft.text.trim());
    upsertImport(status);
    draft.text = "";
    draft.preview = null;
  } catch (error) {
    draft.error = api.toFailure(error).toIpcError();
  } finally {
    draft.busy = false;
  }
}

export function cancelPreview(): void {
  draft.preview = null;
  draft.error = null;
}

/**
 * Takes the `lupa://` links delivered to the app and shows the newest in the confirm card. While
 * the app is locked they stay with the shell; unlocking takes them.
 */
export async function drainDeepLinks(): Promise<void> {
  if (ui.locked) return;
  try {
    const links = await api.take_deep_links();
    const newest = links.at(-1);
    if (!newest) return;
    ui.screen = "import";
    draft.text = newest;
    await readSession();
  } catch (error) {
    showBanner(error);
  }
}
