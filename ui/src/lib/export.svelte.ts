// Exports of the open case (F-EXP-1..3): the credit memo (PDF), the transactions of the table's
// current view (CSV) and the whole case (JSON), in the UI's language and redaction mode. The
// export menu and the palette's commands share it.
import { tick } from "svelte";
import type { ExportFormat, ExportSummary } from "../bindings/export";
import * as api from "./api";
import { showBanner, ui } from "./app.svelte";
import { review } from "./review.svelte";

export const FORMATS: readonly ExportFormat[] = ["pdf", "csv", "json"];

export type ExportResult = {
  caseId: number;
  format: ExportFormat;
  summary: ExportSummary;
  /** The file name without its folder. */
  name: string;
  redacted: boolean;
};

export const exporting = $state({
  /** The format being written, if any. */
  busy: null as ExportFormat | null,
  /** The last file written. */
  result: null as ExportResult | null,
  /** The menu in the case header is open. */
  menu: false,
});

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Opens the case header's export menu with its first item focused. */
export async function openExportMenu(): Promise<void> {
  if (exporting.busy !== null) return;
  exporting.menu = true;
  await tick();
  document.querySelector<HTMLButtonElement>("#export-list .export-item")?.focus();
}

/** Writes the open case as `format` into the export folder. */
export async function exportCase(format: ExportFormat): Promise<void> {
  const caseId = review.caseId;
  if (caseId === null || exporting.busy !== null) return;
  exporting.menu = false;
  exporting.busy = format;
  const redact = ui.redact;
  try {
    const summary = await api.export_case(caseId, {
      format,
      // The CSV is "the view": the table's current filter, as the analyst left it.
      filter: format === "csv" ? $state.snapshot(review.filter) : null,
      redact,
      locale: ui.locale,
    });
    exporting.result = { caseId, format, summary, name: baseName(summary.path), redacted: redact };
  } catch (error) {
    showBanner(error);
  } finally {
    exporting.busy = null;
  }
}

/** Shows the last export in the system's file manager. */
export async function revealExport(): Promise<void> {
  const result = exporting.result;
  if (!result) return;
  try {
    await api.reveal_export(result.summary.path);
  } catch (error) {
    showBanner(error);
  }
}
