// The open case's review state: which tab, the overview, the table's filter, and the actions
// every panel shares (drill-down, edits with undo/redo, reloading after a change). Panels read
// it; only the functions here change it.
import type { CaseView, IpcError } from "../bindings/workbench";
import type { Edit, EditOutcome, Evidence, ReviewState, TxFilter } from "../bindings/review";
import * as api from "./api";
import { showBanner } from "./app.svelte";

export type Tab = "overview" | "transactions" | "charts" | "checklist" | "imports" | "decision";
export const TABS: readonly Tab[] = ["overview", "transactions", "charts", "checklist", "imports", "decision"];

export function emptyFilter(): TxFilter {
  return {
    account_id: null,
    from: null,
    to: null,
    direction: null,
    min_amount: null,
    max_amount: null,
    categories: [],
    label: null,
    flag: null,
    text: null,
    evidence: null,
    sort: "date",
    descending: true,
  };
}

export const review = $state({
  caseId: null as number | null,
  tab: "overview" as Tab,
  /** Owners, accounts, imports, the case row with its decision. */
  view: null as CaseView | null,
  /** Figures, checklist, what-if, accounts, decisions; `can_undo` / `can_redo`. */
  state: null as ReviewState | null,
  error: null as IpcError | null,
  filter: emptyFilter(),
  /** The what-if's proposed instalment, as typed. */
  instalment: "",
  /** Increases after every change the table must show (edits, undo, redo, a decision). */
  revision: 0,
  busy: false,
});

/** True while the case is decided: every edit control is disabled. */
export function isDecided(): boolean {
  return review.view?.overview.case.decision != null;
}

let loading = 0;

/** Loads (or reloads) the case's screens. */
export async function loadCase(caseId: number): Promise<void> {
  const ticket = ++loading;
  if (review.caseId !== caseId) {
    review.caseId = caseId;
    review.view = null;
    review.state = null;
    review.filter = emptyFilter();
    review.tab = "overview";
    review.instalment = "";
  }
  review.error = null;
  try {
    const [view, state] = await Promise.all([
      api.case_overview(caseId),
      api.review_overview(caseId, review.instalment.trim() || null, currencyOf()),
    ]);
    if (ticket !== loading) return;
    review.view = view;
    review.state = state;
  } catch (error) {
    if (ticket === loading) review.error = api.toFailure(error).toIpcError();
  }
}

function currencyOf(): string | null {
  return review.state?.overview.currencies[0]?.currency ?? null;
}

/** Reloads after a change; the table refetches on `revision`. */
export async function refresh(): Promise<void> {
  if (review.caseId === null) return;
  review.revision += 1;
  await loadCase(review.caseId);
}

/** Opens the transactions behind a figure (F-REV-3). */
export function drill(evidence: Evidence): void {
  review.filter = { ...emptyFilter(), evidence };
  review.tab = "transactions";
}

/** Sets the what-if's instalment and recomputes the overview. */
export async function setInstalment(text: string): Promise<void> {
  review.instalment = text;
  if (review.caseId === null) return;
  try {
    review.state = await api.review_overview(review.caseId, text.trim() || null, currencyOf());
  } catch (error) {
    showBanner(api.toFailure(error));
  }
}

async function change(run: () => Promise<EditOutcome>): Promise<EditOutcome | null> {
  if (review.busy) return null;
  review.busy = true;
  try {
    const outcome = await run();
    await refresh();
    return outcome;
  } catch (error) {
    showBanner(api.toFailure(error));
    return null;
  } finally {
    review.busy = false;
  }
}

/** Applies an edit to transactions of the open case. */
export function edit(ids: number[], what: Edit): Promise<EditOutcome | null> {
  const caseId = review.caseId;
  if (caseId === null || ids.length === 0) return Promise.resolve(null);
  return change(() => api.edit_transactions(caseId, ids, what));
}

export function undo(): Promise<EditOutcome | null> {
  const caseId = review.caseId;
  if (caseId === null || !review.state?.can_undo) return Promise.resolve(null);
  return change(() => api.undo_edit(caseId));
}

export function redo(): Promise<EditOutcome | null> {
  const caseId = review.caseId;
  if (caseId === null || !review.state?.can_redo) return Promise.resolve(null);
  return change(() => api.redo_edit(caseId));
}
