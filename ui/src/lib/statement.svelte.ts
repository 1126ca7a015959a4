// PDF bank statements on the case screen (F-IMP-11): the upload of a dropped or picked file, its
// progress, the outcome, the confirm step for an inconsistent document (an account history), and
// the words and masks the statement components share. Only the functions here change the state.
import { tick } from "svelte";
import type { StatementOutcome } from "../bindings/statement";
import type { CheckOutcome, StatementCheck, StatementUploadRow } from "../bindings/store";
import type { IpcError } from "../bindings/workbench";
import * as api from "./api";
import { t, ui } from "./app.svelte";
import type { MessageKey } from "./i18n";
import { maskName, maskText } from "./redact";
import { isDecided, refresh, review } from "./review.svelte";

export type Phase = "idle" | "reading" | "sending";

export const statement = $state({
  /** The case the upload, outcome and error belong to. */
  caseId: null as number | null,
  phase: "idle" as Phase,
  /** The file being read or sent. */
  fileName: null as string | null,
  fileSize: 0,
  /** The last upload's outcome (imported or refused). */
  outcome: null as StatementOutcome | null,
  /** The last upload's failure (`bad_pdf`: Lupa did not send the file; nothing changed). */
  error: null as IpcError | null,
  /** The last upload was an inconsistent document: the confirm card is open. */
  confirming: false,
  /** More than one file was dropped: only the first was taken. */
  extraFiles: false,
  /** Uploads finished this run, whatever their end (tests wait on it). */
  attempts: 0,
});

/**
 * The window does not handle file drops natively (tauri.conf.json `dragDropEnabled: false`, so
 * the drop zone gets `File`s): a file dropped anywhere else would make the webview open it in
 * place of the app. Such drops are refused, on every screen, from the start.
 */
function refuseStrayFileDrop(event: DragEvent): void {
  if (![...(event.dataTransfer?.types ?? [])].includes("Files")) return;
  if (event.target instanceof Element && event.target.closest("#statement-drop")) return;
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = "none";
}
window.addEventListener("dragover", refuseStrayFileDrop);
window.addEventListener("drop", refuseStrayFileDrop);

/** The bytes of a refused inconsistent document, kept (outside the reactive state) to re-send. */
let held: { caseId: number; name: string; bytes: Uint8Array } | null = null;

/** Clears what belongs to another case (called when the case screen shows `caseId`). */
export function forCase(caseId: number): void {
  if (statement.caseId === caseId) return;
  if (statement.phase !== "idle") return; // an upload of the previous case is still on its way
  statement.caseId = caseId;
  statement.outcome = null;
  statement.error = null;
  statement.confirming = false;
  statement.extraFiles = false;
  held = null;
}

/** True when a statement can be added to the open case now. */
export function canUpload(): boolean {
  return review.caseId !== null && review.view !== null && !isDecided() && statement.phase === "idle";
}

/** Reads `file` and sends it to the open case. `others`: more files came with it (ignored). */
export async function uploadFile(file: File, others = false): Promise<void> {
  const caseId = review.caseId;
  if (caseId === null || !canUpload()) return;
  forCase(caseId);
  statement.caseId = caseId;
  statement.outcome = null;
  statement.error = null;
  statement.confirming = false;
  statement.extraFiles = others;
  held = null;
  statement.fileName = file.name;
  statement.fileSize = file.size;
  statement.phase = "reading";
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    statement.phase = "idle";
    statement.error = api.toFailure(error).toIpcError();
    statement.attempts += 1;
    return;
  }
  await send(caseId, file.name, bytes, false);
}

/** The confirm card's "Import, marked as inconsistent": the same bytes again, accepted. */
export async function acceptInconsistent(): Promise<void> {
  const pending = held;
  if (!pending || !statement.confirming || statement.phase !== "idle") return;
  if (review.caseId !== pending.caseId || isDecided()) return;
  statement.confirming = false;
  await send(pending.caseId, pending.name, pending.bytes, true);
}

/** The confirm card's "Don't import": the refusal stays on record, the bytes are dropped. */
export function declineInconsistent(): void {
  statement.confirming = false;
  held = null;
}

async function send(caseId: number, name: string, bytes: Uint8Array, accept: boolean): Promise<void> {
  statement.phase = "sending";
  statement.fileName = name;
  statement.fileSize = bytes.byteLength;
  let changed = true;
  try {
    const outcome = await api.import_statement(caseId, name, bytes, accept);
    statement.outcome = outcome;
    statement.error = null;
    if (outcome.verdict === "refused" && outcome.refusal === "inconsistent" && !accept) {
      held = { caseId, name, bytes };
      statement.confirming = true;
    } else {
      held = null;
    }
  } catch (error) {
    const failure = api.toFailure(error);
    statement.outcome = null;
    statement.error = failure.toIpcError();
    held = null;
    // Refused before anything was written (a bad file, a decided case, the lock).
    changed = !["bad_pdf", "case_decided", "locked", "invalid_input"].includes(failure.code);
  } finally {
    statement.phase = "idle";
    statement.attempts += 1;
  }
  // The imports table, counts and analysis: a saved or refused statement is an import of the case.
  if (changed && review.caseId === caseId) await refresh();
  if (statement.confirming) {
    await tick();
    document.getElementById("statement-accept-inconsistent")?.focus();
  }
}

/** The palette's "Add PDF statement": the Imports tab, with the file picker focused. */
export async function focusPicker(): Promise<void> {
  review.tab = "imports";
  await tick();
  const picker = document.getElementById("statement-file");
  picker?.scrollIntoView({ block: "nearest" });
  picker?.focus();
}

// ---- words and masks shared by the upload section and the list ----

export type Tone = "ok" | "warn" | "bad";

export const CHECK_TONE: Record<CheckOutcome, Tone | ""> = { pass: "ok", warn: "warn", fail: "bad", unknown: "" };

/** How a stored statement ended: accepted (consistent or not), refused, failed, or still running. */
export type StatementState = "accepted" | "accepted_inconsistent" | "refused" | "failed" | "pending";

/** `importState`: the state of the statement's import (`saved`, `failed`, `running`), when known. */
export function stateOf(row: StatementUploadRow, importState?: string): StatementState {
  if (row.refusal !== null) return "refused";
  if (importState === "failed") return "failed";
  if (importState === "running") return "pending";
  return row.is_consistent === false ? "accepted_inconsistent" : "accepted";
}

export const STATE_TONE: Record<StatementState, Tone | ""> = {
  accepted: "ok",
  accepted_inconsistent: "warn",
  refused: "bad",
  failed: "bad",
  pending: "",
};

const REFUSALS = [
  "tampered",
  "inconsistent",
  "unsupported_layout",
  "corporate_account",
  "unsupported_language",
  "encrypted",
  "not_a_pdf",
];

/** A refusal's reason in the UI's language. */
const BAD_PDF_PROBLEMS = ["empty", "too_large", "not_a_pdf", "encrypted", "no_text_layer"] as const;

/** A file Lupa refused before sending, in words: by the problem the shell names in `detail`. */
export function badPdfText(detail: string): string {
  const problem = BAD_PDF_PROBLEMS.find((known) => known === detail);
  return problem ? t(`st_bad_pdf_${problem}`) : t("st_bad_pdf");
}

export function refusalText(code: string | null): string {
  return code && REFUSALS.includes(code) ? t(`st_refusal_${code}` as MessageKey) : t("st_refusal_other");
}

export function checkLabel(check: string): string {
  return ["owner_name", "iban", "period"].includes(check) ? t(`st_check_${check}` as MessageKey) : check;
}

export function outcomeLabel(outcome: CheckOutcome): string {
  return t(`st_outcome_${outcome}`);
}

/** True when any accepted statement of the open case is inconsistent (a possibly filtered history). */
export function hasInconsistent(rows: readonly StatementUploadRow[] | undefined): boolean {
  return (rows ?? []).some((row) => row.refusal === null && row.is_consistent === false);
}

/** A file's name, its stem masked like a name while redaction is on (names often end up in it). */
export function fileLabel(name: string): string {
  if (!ui.redact) return name;
  const dot = name.lastIndexOf(".");
  return dot > 0 ? maskName(name.slice(0, dot)) + name.slice(dot) : maskName(name);
}

/** The case's owner names, longest first (masked inside free text while redaction is on). */
function caseNames(): string[] {
  const overview = review.view?.overview;
  if (!overview) return [];
  const names = [overview.case.display_name ?? "", ...overview.owners.map((row) => row.owner.name)];
  return [...new Set(names.map((name) => name.trim()).filter((name) => name.length > 1))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * Free text from the core (a check's detail, a refusal's words), masked while redaction is on:
 * the case's names, any name in parentheses (the owner check quotes names there), IBANs and long
 * digit runs.
 */
export function detailText(text: string | null | undefined, check?: StatementCheck): string {
  const value = text ?? "";
  if (!ui.redact) return value;
  let masked = value;
  for (const name of caseNames()) masked = masked.split(name).join(maskName(name));
  if (check?.check === "owner_name") {
    masked = masked
      .replace(/\(([^)]*)\)/g, (_whole, inner: string) => `(${maskName(inner)})`)
      .replace(/owner is ([^;]+);/, (_whole, inner: string) => `owner is ${maskName(inner)};`);
  }
  return maskText(masked);
}

/** `0123abcd…ef89`: the head and tail of a SHA-256. */
export function shortSha(sha: string): string {
  return sha.length > 16 ? `${sha.slice(0, 8)}…${sha.slice(-8)}` : sha;
}
