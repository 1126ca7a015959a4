// The only module that talks to the Rust shell: one typed function per Tauri command, and the
// two events. Every failure is rethrown as an `IpcFailure` carrying the shell's `{code, detail,
// message}`, so screens branch on `code` and never match strings.
import { invoke, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AppInfo,
  CaseView,
  CatalogView,
  ImportStatus,
  IpcCode,
  IpcError,
  KeyCheck,
  KeyStatus,
  LockStatus,
  SessionPreview,
  Settings,
} from "../bindings/workbench";
import type { Environment } from "../bindings/kontomatik";
import type { AuditRow, CaseQuery, CaseSummary, Decision, PurgeReport, SavedViewRow } from "../bindings/store";
import type { ScoreStatus } from "../bindings/score";
import type { ExportRequest, ExportSummary } from "../bindings/export";
import type { StatementOutcome } from "../bindings/statement";
import type {
  ChartRequest,
  DiffView,
  Edit,
  EditOutcome,
  ReviewState,
  TxFilter,
  TxPage,
} from "../bindings/review";

const IPC_CODES: readonly IpcCode[] = [
  "invalid_session_input",
  "invalid_input",
  "session_already_used",
  "session_expired",
  "needs_new_login",
  "unauthorized",
  "missing_api_key",
  "retry_later",
  "command_not_available",
  "failed",
  "interrupted",
  "not_found",
  "keychain",
  "database",
  "wrong_database_key",
  "file",
  "case_decided",
  "needs_confirmation",
  "locked",
  "bad_pdf",
];

/** A failed command, as the shell reported it (or as close as the UI can tell). */
export class IpcFailure extends Error implements IpcError {
  readonly code: IpcCode;
  readonly detail: string;

  constructor(error: IpcError) {
    super(error.message);
    this.name = "IpcFailure";
    this.code = error.code;
    this.detail = error.detail;
  }

  /** The plain `{code, detail, message}` triple. */
  toIpcError(): IpcError {
    return { code: this.code, detail: this.detail, message: this.message };
  }
}

function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.code === "string" &&
    (IPC_CODES as readonly string[]).includes(record.code) &&
    typeof record.message === "string"
  );
}

/** Turns anything a promise rejected with into an `IpcFailure`. */
export function toFailure(error: unknown): IpcFailure {
  if (error instanceof IpcFailure) return error;
  if (isIpcError(error)) {
    return new IpcFailure({
      code: error.code,
      detail: typeof error.detail === "string" ? error.detail : error.code,
      message: error.message,
    });
  }
  // Not the shell's shape: a bridge failure (no Tauri, a missing command) or a bug in the UI.
  const message = error instanceof Error ? error.message : String(error);
  return new IpcFailure({ code: "failed", detail: "ui", message });
}

let onLocked: (() => void) | null = null;

/**
 * Registers what runs when any command fails with `locked` (F-UX-4): the shell refuses every
 * case command while the app is locked, so such a failure means the window must show the lock
 * screen. It runs before the caller sees the failure.
 */
export function onLockedFailure(handler: () => void): void {
  onLocked = handler;
}

async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (error) {
    const failure = toFailure(error);
    if (failure.code === "locked") onLocked?.();
    throw failure;
  }
}

export const start = () => call<AppInfo>("start");
export const app_info = () => call<AppInfo>("app_info");
export const settings = () => call<Settings>("settings");
export const set_environment = (environment: Environment) =>
  call<AppInfo>("set_environment", { environment });
export const set_proxy = (proxy: string | null) => call<Settings>("set_proxy", { proxy });

export const key_status = () => call<KeyStatus[]>("key_status");
export const set_api_key = (environment: Environment, key: string) =>
  call<KeyStatus>("set_api_key", { environment, key });
export const delete_api_key = (environment: Environment) =>
  call<KeyStatus>("delete_api_key", { environment });
export const check_api_key = (environment: Environment) =>
  call<KeyCheck>("check_api_key", { environment });

export const preview_session = (text: string) => call<SessionPreview>("preview_session", { text });
export const start_import = (text: string) => call<ImportStatus>("start_import", { text });
export const list_imports = () => call<ImportStatus[]>("list_imports");
export const refresh_import = (caseId: number) => call<ImportStatus>("refresh_import", { caseId });
export const revoke_multiple_access = (caseId: number) =>
  call<null>("revoke_multiple_access", { caseId });

export const list_cases = (query: CaseQuery) => call<CaseSummary[]>("list_cases", { query });
export const case_overview = (caseId: number) => call<CaseView>("case_overview", { caseId });

export const review_overview = (caseId: number, instalment: string | null, instalmentCurrency: string | null) =>
  call<ReviewState>("review_overview", { caseId, instalment, instalmentCurrency });
export const review_transactions = (caseId: number, filter: TxFilter, offset: number, limit: number) =>
  call<TxPage>("review_transactions", { caseId, filter, offset, limit });
export const review_transaction_ids = (caseId: number, filter: TxFilter) =>
  call<number[]>("review_transaction_ids", { caseId, filter });
export const edit_transactions = (caseId: number, transactionIds: number[], edit: Edit) =>
  call<EditOutcome>("edit_transactions", { caseId, transactionIds, edit });
export const undo_edit = (caseId: number) => call<EditOutcome>("undo_edit", { caseId });
export const redo_edit = (caseId: number) => call<EditOutcome>("redo_edit", { caseId });
export const record_decision = (caseId: number, decision: Decision, rationale: string, analyst: string) =>
  call<null>("record_decision", { caseId, decision, rationale, analyst });
export const reopen_case = (caseId: number, reason: string, analyst: string) =>
  call<null>("reopen_case", { caseId, reason, analyst });
export const case_chart = (caseId: number, request: ChartRequest) => call<string>("case_chart", { caseId, request });
export const import_diff = (earlier: number, later: number) => call<DiffView>("import_diff", { earlier, later });
export const saved_views = () => call<SavedViewRow[]>("saved_views");
export const save_view = (name: string, filter: TxFilter) => call<number>("save_view", { name, filter });
export const delete_view = (id: number) => call<null>("delete_view", { id });

export const score_status = (caseId: number) => call<ScoreStatus>("score_status", { caseId });
export const request_score = (caseId: number, analyst: string, confirmed: boolean) =>
  call<ScoreStatus>("request_score", { caseId, analyst, confirmed });
export const set_score_retention = (hours: number) => call<Settings>("set_score_retention", { hours });
export const export_case = (caseId: number, request: ExportRequest) =>
  call<ExportSummary>("export_case", { caseId, request });
export const reveal_export = (path: string) => call<null>("reveal_export", { path });

/**
 * Sends a PDF statement to the case (F-IMP-11). The bytes are the request's raw body (no JSON for
 * megabytes); the case, the file's name (percent-encoded) and whether an inconsistent document
 * (an account history) is accepted travel as headers. A file Lupa will not send fails with
 * `bad_pdf`; Kontomatik's refusals are a `refused` outcome.
 */
export const import_statement = (caseId: number, fileName: string, pdf: Uint8Array, acceptInconsistent: boolean) =>
  call<StatementOutcome>("import_statement", pdf, {
    headers: {
      "lupa-case-id": String(caseId),
      "lupa-file-name": encodeURIComponent(fileName),
      "lupa-accept-inconsistent": String(acceptInconsistent),
    },
  });

export const catalog = (refresh: boolean) => call<CatalogView>("catalog", { refresh });

export const lock_status = () => call<LockStatus>("lock_status");
/** `passphrase` null turns the lock off; otherwise at least 8 characters. `idleMinutes` 1–240. */
export const set_app_lock = (passphrase: string | null, idleMinutes: number) =>
  call<LockStatus>("set_app_lock", { passphrase, idleMinutes });
export const unlock = (passphrase: string) => call<LockStatus>("unlock", { passphrase });
export const lock_now = () => call<LockStatus>("lock_now");
export const purge_expired = () => call<PurgeReport>("purge_expired");
export const audit_log = (caseId: number | null, limit: number) =>
  call<AuditRow[]>("audit_log", { caseId, limit });

export const take_deep_links = () => call<string[]>("take_deep_links");
export const open_widget = () => call<string>("open_widget");

/** `import-changed`: one import's new status, sent on every change. */
export function onImportChanged(handler: (status: ImportStatus) => void): Promise<UnlistenFn> {
  return listen<ImportStatus>("import-changed", (event) => handler(event.payload));
}

/** `deep-link`: a `lupa://` link arrived; fetch it with `take_deep_links`. */
export function onDeepLink(handler: () => void): Promise<UnlistenFn> {
  return listen("deep-link", () => handler());
}
