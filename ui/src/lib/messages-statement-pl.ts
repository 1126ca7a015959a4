// Polish messages of PDF bank statements on the case screen (st_, F-IMP-11).
import type { Entry } from "./i18n";
import type { statement_en } from "./messages-statement-en";

export const statement_pl: Record<keyof typeof statement_en, Entry> = {
  st_title: "Wyciągi bankowe PDF",
  st_intro:
    "Dodaj wyciąg wnioskodawcy w takiej postaci, w jakiej pobrał go z bankowości internetowej (polskie banki, PDF). Kontomatik go odczyta i sprawdzi, czy nie był przerabiany, a Lupa porówna właściciela, rachunek i okres z danymi sprawy.",
  st_drop: "Upuść tutaj wyciąg w PDF",
  st_drop_or: "albo",
  st_pick: "Wybierz plik…",
  st_drop_active: "Puść, aby dodać wyciąg",
  st_drop_hint: "Jeden plik naraz, do 20 MB. Skrót SHA-256 pliku zostaje zapisany jako dowód.",
  st_decided: "Sprawa ma decyzję i jest tylko do odczytu: otwórz ją ponownie, by dodać wyciąg.",
  st_reading: "Wczytywanie pliku {name}…",
  st_sending: "Wysyłanie do Kontomatik, odczyt wyciągu trwa do minuty…",
  st_sending_file: "{name} ({size})",
  st_one_file: "Wzięto tylko pierwszy z upuszczonych plików: pozostałe dodaj po kolei.",

  st_verdict_imported: "Wyciąg zaimportowany",
  st_verdict_imported_inconsistent: "Wyciąg zaimportowany i oznaczony jako niespójny",
  st_verdict_refused: "Wyciąg odrzucony",
  st_refusal_tampered:
    "Kontomatik wykrył ślady przerobienia pliku po wygenerowaniu go przez bank. Nie opieraj się na nim: poproś o oryginał albo zaimportuj dane wnioskodawcy bezpośrednio z banku.",
  st_refusal_inconsistent: "To historia rachunku (bez sald, być może przefiltrowana).",
  st_refusal_unsupported_layout:
    "Kontomatik nie rozpoznaje układu tego wyciągu (nieobsługiwany bank albo rodzaj dokumentu).",
  st_refusal_corporate_account:
    "To wyciąg z rachunku firmowego: odczytywane są tylko rachunki osobiste i rachunki jednoosobowych działalności gospodarczych.",
  st_refusal_unsupported_language: "Odczytywane są tylko wyciągi po polsku: poproś o polską wersję.",
  st_refusal_encrypted: "Plik PDF jest chroniony hasłem: poproś o kopię bez hasła.",
  st_refusal_not_a_pdf: "Kontomatik nie odczytał tego pliku jako PDF.",
  st_refusal_other: "Kontomatik odrzucił wyciąg.",
  st_refused_recorded: "Niczego nie zaimportowano; próba została zapisana w sprawie.",
  st_counts: "W wyciągu {transactions}: nowych {new}, znanych już z innych importów {known}.",
  st_tx: { one: "{n} transakcja", few: "{n} transakcje", many: "{n} transakcji", other: "{n} transakcji" },
  st_inconsistent_risk: "Przefiltrowana historia może ukrywać transakcje: weź to pod uwagę w ocenie.",
  st_detail: "Komunikat systemu (po angielsku)",

  st_confirm_title: "Zaimportować mimo to?",
  st_confirm_text:
    "To historia rachunku (bez sald, być może przefiltrowana). Zaimportować ją mimo to, z oznaczeniem jako niespójna?",
  st_confirm_yes: "Importuj jako niespójną",
  st_confirm_no: "Nie importuj",

  st_bad_pdf: "Lupa nie wysłała tego pliku: niczego nie zmieniono.",
  st_bad_pdf_empty: "Plik jest pusty: niczego nie wysłano ani nie zmieniono.",
  st_bad_pdf_too_large: "Plik przekracza limit Lupy (20 MB) dla wyciągu: niczego nie wysłano ani nie zmieniono.",
  st_bad_pdf_not_a_pdf: "To nie jest plik PDF (albo jest uszkodzony): niczego nie wysłano ani nie zmieniono.",
  st_bad_pdf_encrypted: "PDF jest chroniony hasłem, czego Kontomatik nie przyjmuje: poproś o kopię bez hasła; niczego nie wysłano ani nie zmieniono.",
  st_bad_pdf_no_text_layer: "PDF zawiera tylko obrazy (skan lub zdjęcie), czego Kontomatik nie przyjmuje: niczego nie wysłano ani nie zmieniono.",
  st_failed: "Nie udało się dodać wyciągu.",

  st_failed_verifications: "Weryfikacje Kontomatik zakończone niepowodzeniem",
  st_checks: "Kontrole Lupy",
  st_check_owner_name: "Właściciel to wnioskodawca",
  st_check_iban: "Rachunek znany w sprawie",
  st_check_period: "Okres zgodny z oczekiwanym",
  st_outcome_pass: "zgodne",
  st_outcome_warn: "uwaga",
  st_outcome_fail: "niezgodne",
  st_outcome_unknown: "nie wiadomo",

  st_list_title: "Wyciągi w tej sprawie",
  st_list_empty: "Do tej sprawy nie dodano jeszcze żadnego wyciągu.",
  st_col_file: "Plik",
  st_col_size: "Rozmiar",
  st_col_uploaded: "Dodano",
  st_col_sha: "SHA-256",
  st_col_period: "Okres",
  st_col_verdict: "Wynik",
  st_badge_accepted: "przyjęty",
  st_badge_accepted_inconsistent: "przyjęty, niespójny",
  st_badge_refused: "odrzucony",
  st_badge_failed: "nieudany",
  st_badge_pending: "w toku",
  st_badge_inconsistent_title: "Przefiltrowana historia może ukrywać transakcje.",
  st_sha_title: "SHA-256 pliku: {sha}",
  st_accepted_knowingly: "Przyjęty przez analityka jako niespójny.",

  st_flow: "Wyciąg PDF",
  st_flag_inconsistent: "Niespójny wyciąg PDF",
  st_flag_inconsistent_title:
    "Przyjęty wyciąg to historia rachunku bez sald, być może przefiltrowana: może ukrywać transakcje.",

  st_cmd_add: "Dodaj wyciąg PDF",
  st_kw_add: "wyciąg pdf dodaj plik wgraj bank historia rachunku kontomatik statement upload add file",

  // The audit log's lines of statements (the au_action_ family lives in messages-lock-*.ts).
  au_action_statement_uploaded: "Zaimportowano wyciąg PDF",
  au_action_statement_refused: "Odrzucono wyciąg PDF",
};
