// Redaction for screen sharing (F-EXP-3): names, IBANs and account numbers masked on screen.
// `maskName`, `maskIban` and `maskText` are pure; `name`, `iban` and `text` mask only while the
// analyst has redaction on (`ui.redact`), and are reactive where they are read.
import { ui } from "./app.svelte";

const DASH = "—";
const BULLET = "•";

/** A word of a name: letters (Polish ones included), combining marks and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ALNUM = /[A-Za-z0-9]/g;
/** Two letters, two check digits, then 10..30 alphanumerics: compact, or in groups of four. */
const IBAN_LIKE = /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{10,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)(?![A-Za-z0-9])/g;
/** 8 or more digits, single (also non-breaking) spaces allowed between them. */
const DIGIT_RUN = /\d(?:[ \u00A0\u202F]?\d){7,}/g;

/** `value` with every letter and digit bulleted except the first `head` and the last `tail`. */
function bulletAlnum(value: string, head: number, tail: number): string {
  const total = value.match(ALNUM)?.length ?? 0;
  // Too short to keep anything without giving most of it away.
  const keepTail = total > head + tail ? tail : 0;
  let index = 0;
  return value.replace(ALNUM, (char) => {
    const at = index++;
    return at < head || at >= total - keepTail ? char : BULLET;
  });
}

/** `Jan Kowalski` → `J** K*******`: the first letter of each word. Empty → `—`. */
export function maskName(text: string | null | undefined): string {
  const value = (text ?? "").normalize("NFC").trim();
  if (!value) return DASH;
  return value.replace(WORD, (word) => {
    const [first = "", ...rest] = Array.from(word);
    return first + "*".repeat(rest.length);
  });
}

/**
 * `PL61 1090 1014 0000 0712 1981 2874` → `PL•• •••• •••• •••• •••• •••• 2874`: the country code
 * and the last 4 characters; spacing as given, so a formatted IBAN stays formatted. Empty → `—`.
 */
export function maskIban(iban: string | null | undefined): string {
  const value = (iban ?? "").trim();
  if (!value) return DASH;
  return bulletAlnum(value, /^[A-Za-z]{2}/.test(value) ? 2 : 0, 4);
}

/** Free text (a transaction's title): IBAN-like tokens and runs of 8+ digits bulleted but the last 4. */
export function maskText(text: string | null | undefined): string {
  if (!text) return "";
  return text
    .replace(IBAN_LIKE, (token) => bulletAlnum(token, 0, 4))
    .replace(DIGIT_RUN, (digits) => bulletAlnum(digits, 0, 4));
}

/** A person's or employer's name, masked while redaction is on; empty → `—`. */
export function name(text: string | null | undefined): string {
  if (ui.redact) return maskName(text);
  return text?.trim() ? text : DASH;
}

/** An IBAN (formatted or not), masked while redaction is on; empty → `—`. */
export function iban(text: string | null | undefined): string {
  if (ui.redact) return maskIban(text);
  return text?.trim() ? text : DASH;
}

/** Free text, its account numbers masked while redaction is on; empty → `""`. */
export function text(value: string | null | undefined): string {
  if (ui.redact) return maskText(value);
  return value ?? "";
}
