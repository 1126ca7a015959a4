// A tiny typed dictionary: English defines the keys, Polish must have every one of them.
// Entries are plain strings with `{name}` placeholders, or plural forms chosen by
// Intl.PluralRules on the `n` variable.
import { en as mainEn } from "./messages-en";
import { pl as mainPl } from "./messages-pl";
import { statement_en } from "./messages-statement-en";
import { statement_pl } from "./messages-statement-pl";

export type Locale = "pl" | "en";
export type Plural = { one: string; few?: string; many?: string; other: string };
export type Entry = string | Plural;
/** The main dictionary's keys: what messages-pl.ts must define. */
export type Messages = Record<keyof typeof mainEn, Entry>;

// PDF statements (st_) keep their own pair of files, merged here; messages-statement-pl.ts must
// define every key of messages-statement-en.ts.
const en = { ...mainEn, ...statement_en };
const pl: Record<keyof typeof en, Entry> = { ...mainPl, ...statement_pl };

export type MessageKey = keyof typeof en;

export const LOCALES: readonly Locale[] = ["pl", "en"];

const dictionaries: Record<Locale, Record<MessageKey, Entry>> = { en, pl };

/** The BCP 47 tag Intl formats with. */
export function intlTag(locale: Locale): string {
  return locale === "pl" ? "pl-PL" : "en-GB";
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralForm(locale: Locale, entry: Plural, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(intlTag(locale));
    pluralRules.set(locale, rules);
  }
  switch (rules.select(n)) {
    case "one":
      return entry.one;
    case "few":
      return entry.few ?? entry.other;
    case "many":
      return entry.many ?? entry.other;
    default:
      return entry.other;
  }
}

export type Vars = Record<string, string | number>;

/** The message `key` in `locale`, with `{name}` placeholders filled from `vars`. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const entry = dictionaries[locale][key];
  const text =
    typeof entry === "string" ? entry : pluralForm(locale, entry, Number(vars?.n ?? 0));
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? value.toLocaleString(intlTag(locale)) : value;
  });
}

const STORAGE_KEY = "lupa.locale";

/** The saved locale, else the system's language (Polish for Polish systems, English otherwise). */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "pl" || saved === "en") return saved;
  } catch {
    // Storage may be unavailable; fall back to the system language.
  }
  return navigator.language.toLowerCase().startsWith("pl") ? "pl" : "en";
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted; the choice still holds for this run.
  }
}
