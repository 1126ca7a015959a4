// Kontomatik Score on request (F-SCO-1, F-SCO-2) for the open case: its status (latest models,
// ledger, warnings), the analyst's name, the confirm step and the request. The score panel and the
// palette's command share it; only the functions here change it.
import { tick } from "svelte";
import type { ScoreStatus } from "../bindings/score";
import * as api from "./api";
import { showBanner } from "./app.svelte";
import { isDecided, refresh, review } from "./review.svelte";

/** The decision panel's key: one name for every record the analyst signs. */
const ANALYST_KEY = "lupa.analyst";

function savedAnalyst(): string {
  try {
    return localStorage.getItem(ANALYST_KEY) ?? "";
  } catch {
    return "";
  }
}

function saveAnalyst(name: string): void {
  try {
    localStorage.setItem(ANALYST_KEY, name);
  } catch {
    // Storage unavailable: the name is asked again next time.
  }
}

export const score = $state({
  /** The case `status` belongs to. */
  caseId: null as number | null,
  status: null as ScoreStatus | null,
  /** The analyst's name, as typed (prefilled from the last one saved). */
  analyst: savedAnalyst(),
  /** The inline confirm card is open: the status has warnings. */
  confirming: false,
  /** The request was attempted without a name. */
  missingAnalyst: false,
  /** A request is on its way. */
  busy: false,
});

let loading = 0;

/** Loads the case's score status (again). */
export async function loadScore(caseId: number): Promise<void> {
  const ticket = ++loading;
  if (score.caseId !== caseId) {
    score.caseId = caseId;
    score.status = null;
    score.confirming = false;
    score.missingAnalyst = false;
  }
  try {
    const status = await api.score_status(caseId);
    if (ticket === loading && score.caseId === caseId) score.status = status;
  } catch (error) {
    if (ticket === loading) showBanner(error);
  }
}

/** True when the open case may get a new request now. */
export function canRequest(): boolean {
  return review.caseId !== null && !isDecided() && !score.busy;
}

/**
 * What the "Request score" button does: asks for a name when there is none, opens the confirm
 * card when the status has warnings, and otherwise sends the request.
 */
export async function beginRequest(): Promise<void> {
  const caseId = review.caseId;
  if (caseId === null || !canRequest()) return;
  if (score.analyst.trim() === "") {
    score.missingAnalyst = true;
    await tick();
    document.getElementById("score-analyst")?.focus();
    return;
  }
  score.missingAnalyst = false;
  if (score.caseId !== caseId || score.status === null) await loadScore(caseId);
  if (score.caseId !== caseId || score.status === null) return;
  if (score.status.warnings.length > 0) {
    score.confirming = true;
    await tick();
    document.getElementById("score-confirm-yes")?.focus();
    return;
  }
  await send(caseId, false);
}

/** The confirm card's "Request anyway". */
export function confirmRequest(): Promise<void> {
  const caseId = review.caseId;
  if (caseId === null || !score.confirming) return Promise.resolve();
  return send(caseId, true);
}

export function cancelRequest(): void {
  score.confirming = false;
}

async function send(caseId: number, confirmed: boolean): Promise<void> {
  if (score.busy) return;
  const analyst = score.analyst.trim();
  score.busy = true;
  score.confirming = false;
  saveAnalyst(analyst);
  try {
    const status = await api.request_score(caseId, analyst, confirmed);
    if (score.caseId === caseId) score.status = status;
    // The overview's score section now carries the models: reload it.
    if (review.caseId === caseId) await refresh();
  } catch (error) {
    const failure = api.toFailure(error);
    if (failure.code === "needs_confirmation") {
      // A warning appeared since the status was read (another window, the retention window).
      await loadScore(caseId);
      score.confirming = (score.status?.warnings.length ?? 0) > 0;
    } else {
      showBanner(failure);
    }
  } finally {
    score.busy = false;
  }
}
