// English messages of PDF bank statements on the case screen (st_, F-IMP-11).
import type { Entry } from "./i18n";

export const statement_en = {
  st_title: "PDF bank statements",
  st_intro:
    "Add the applicant's statement as downloaded from online banking (Polish banks, PDF). Kontomatik parses it and checks it for tampering; Lupa then compares the owner, the account and the period with the case.",
  st_drop: "Drop a PDF statement here",
  st_drop_or: "or",
  st_pick: "Choose a file…",
  st_drop_active: "Release to add the statement",
  st_drop_hint: "One file at a time, up to 20 MB. The file's SHA-256 is kept as evidence.",
  st_decided: "The case is decided and read-only: reopen it to add a statement.",
  st_reading: "Reading {name}…",
  st_sending: "Sending to Kontomatik, parsing takes up to a minute…",
  st_sending_file: "{name} ({size})",
  st_one_file: "Only the first of the dropped files was taken: add the others one by one.",

  st_verdict_imported: "Statement imported",
  st_verdict_imported_inconsistent: "Statement imported, marked as inconsistent",
  st_verdict_refused: "Statement refused",
  st_refusal_tampered:
    "Kontomatik found signs that the PDF was altered after the bank produced it. Do not rely on it: ask for the original, or import the applicant's bank data directly.",
  st_refusal_inconsistent: "This is an account history (no balances, possibly filtered).",
  st_refusal_unsupported_layout:
    "Kontomatik does not recognise this statement's layout (an unsupported bank or document type).",
  st_refusal_corporate_account:
    "It is a company account's statement: only personal accounts and sole proprietors' accounts are parsed.",
  st_refusal_unsupported_language: "Only statements in Polish are parsed: ask for the Polish version.",
  st_refusal_encrypted: "The PDF is password-protected: ask for an unprotected copy.",
  st_refusal_not_a_pdf: "Kontomatik could not read the file as a PDF.",
  st_refusal_other: "Kontomatik refused the statement.",
  st_refused_recorded: "Nothing was imported; the attempt is recorded with the case.",
  st_counts: "{transactions} in the statement: {new} new, {known} already known from other imports.",
  st_tx: { one: "{n} transaction", other: "{n} transactions" },
  st_inconsistent_risk: "A filtered history can hide transactions: weigh it accordingly.",
  st_detail: "In the core's words",

  st_confirm_title: "Import it anyway?",
  st_confirm_text:
    "This is an account history (no balances, possibly filtered). Import it anyway, marked as inconsistent?",
  st_confirm_yes: "Import, marked as inconsistent",
  st_confirm_no: "Don't import",

  st_bad_pdf: "Lupa did not send this file: nothing was changed.",
  st_bad_pdf_empty: "The file is empty: nothing was sent or changed.",
  st_bad_pdf_too_large: "The file is larger than Lupa's 20 MB limit for a statement: nothing was sent or changed.",
  st_bad_pdf_not_a_pdf: "This is not a PDF (or it is damaged): nothing was sent or changed.",
  st_bad_pdf_encrypted: "The PDF is password-protected, which Kontomatik does not accept: ask for an unprotected copy; nothing was sent or changed.",
  st_bad_pdf_no_text_layer: "The PDF holds only images (a scan or a photo), which Kontomatik does not accept: nothing was sent or changed.",
  st_failed: "The statement could not be added.",

  st_failed_verifications: "Kontomatik's failed verifications",
  st_checks: "Lupa's checks",
  st_check_owner_name: "Owner is the applicant",
  st_check_iban: "Account is known to the case",
  st_check_period: "Period as asked",
  st_outcome_pass: "pass",
  st_outcome_warn: "warning",
  st_outcome_fail: "fail",
  st_outcome_unknown: "unknown",

  st_list_title: "Statements of this case",
  st_list_empty: "No statement was added to this case.",
  st_col_file: "File",
  st_col_size: "Size",
  st_col_uploaded: "Uploaded",
  st_col_sha: "SHA-256",
  st_col_period: "Period",
  st_col_verdict: "Verdict",
  st_badge_accepted: "accepted",
  st_badge_accepted_inconsistent: "accepted, inconsistent",
  st_badge_refused: "refused",
  st_badge_failed: "failed",
  st_badge_pending: "in progress",
  st_badge_inconsistent_title: "A filtered history can hide transactions.",
  st_sha_title: "SHA-256 of the file: {sha}",
  st_accepted_knowingly: "Accepted as inconsistent by the analyst.",

  st_flow: "PDF statement",
  st_flag_inconsistent: "Inconsistent PDF statement",
  st_flag_inconsistent_title:
    "An accepted statement is an account history without balances, possibly filtered: it can hide transactions.",

  st_cmd_add: "Add PDF statement",
  st_kw_add: "pdf statement upload file bank wyciąg plik dodaj historia rachunku kontomatik",

  // The audit log's lines of statements (the au_action_ family lives in messages-lock-*.ts).
  au_action_statement_uploaded: "PDF statement imported",
  au_action_statement_refused: "PDF statement refused",
} satisfies Record<string, Entry>;
