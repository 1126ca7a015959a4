// Formatting through Intl with the UI's locale. Money arrives as decimal strings and is handed
// to Intl as a string, so engines with Intl.NumberFormat v3 format it exactly.
import { intlTag, type Locale } from "./i18n";

const DASH = "—";

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlTag(locale), options);
    cache.set(key, format);
  }
  return format as Intl.NumberFormat;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(locale), options);
    cache.set(key, format);
  }
  return format as Intl.DateTimeFormat;
}

const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

/** How many fraction digits a decimal string carries. */
function scaleOf(value: string): number {
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
}

function asNumeric(value: string): Intl.StringNumericLiteral {
  return value as Intl.StringNumericLiteral;
}

/** A decimal amount with its currency (`"1234.5"`, `"PLN"` → `1 234,50 zł`), at least 2 decimals. */
export function formatAmount(locale: Locale, value: string | null, currency?: string | null): string {
  if (value === null || value === "") return DASH;
  const trimmed = value.trim();
  if (!DECIMAL.test(trimmed)) return value;
  const digits = Math.min(Math.max(scaleOf(trimmed), 2), 20);
  const base: Intl.NumberFormatOptions = { minimumFractionDigits: 2, maximumFractionDigits: digits };
  if (currency) {
    try {
      return numberFormat(locale, { ...base, style: "currency", currency }).format(asNumeric(trimmed));
    } catch {
      // Not an ISO 4217 code Intl knows: show the number and the code as sent.
      return `${numberFormat(locale, base).format(asNumeric(trimmed))} ${currency}`;
    }
  }
  return numberFormat(locale, base).format(asNumeric(trimmed));
}

/** A whole number with the locale's grouping. */
export function formatCount(locale: Locale, value: number | null): string {
  if (value === null) return DASH;
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A ratio string (`"0.3512"`) as a percentage (`35,1 %`). */
export function formatRatio(locale: Locale, value: string): string {
  const trimmed = value.trim();
  if (!DECIMAL.test(trimmed)) return value;
  return numberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    asNumeric(trimmed),
  );
}

/** Kontomatik's progress value (0..1 or 0..100), as shown. */
export function formatProgress(locale: Locale, value: number): string {
  const ratio = value > 1 ? value / 100 : value;
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

/** A calendar day `YYYY-MM-DD`, without any time-zone shift. */
export function formatDate(locale: Locale, day: string | null): string {
  if (!day) return DASH;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" }).format(date);
}

/** An RFC 3339 instant in local time, to the second. */
export function formatInstant(locale: Locale, instant: string | null): string {
  if (!instant) return DASH;
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return dateFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(date);
}

/** Milliseconds as `m:ss` or `h:mm:ss`. */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** Milliseconds since an RFC 3339 instant (0 when it cannot be read). */
export function millisSince(instant: string, now: number): number {
  const start = Date.parse(instant);
  return Number.isNaN(start) ? 0 : now - start;
}

/** An IBAN in groups of four: `PL61 1090 1014 0000 0712 1981 2874`. */
export function formatIban(iban: string): string {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, "$1 ");
}

/** A range of days, `a – b`, or a dash. */
export function formatDateRange(locale: Locale, from: string | null, to: string | null): string {
  if (!from && !to) return DASH;
  return `${formatDate(locale, from)} – ${formatDate(locale, to)}`;
}

/** The calendar day of an RFC 3339 instant, in local time. */
export function formatDay(locale: Locale, instant: string | null): string {
  if (!instant) return DASH;
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return dateFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** A 0–1 percentile string (`"0.9104"`) as whole percent, rounded down (`91 %`): never overstated. */
export function formatPercentile(locale: Locale, value: string): string {
  const trimmed = value.trim();
  if (!DECIMAL.test(trimmed)) return value;
  const whole = Math.floor(Number(trimmed) * 100 + 1e-9);
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(whole / 100);
}

/** A file size: `812 B`, `45,2 kB`, `1,3 MB` (decimal units). */
export function formatBytes(locale: Locale, bytes: number): string {
  if (bytes < 1000) return `${formatCount(locale, bytes)} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${units[unit] ?? "GB"}`;
}
