// Names of the analysis' metrics (§5.2) and categories (§5.1) in both languages (labels.json, shared
// with the PDF memo), keyed by the codes the Rust side sends. Unknown codes fall back to the code itself, so a new metric still shows.
import type { Locale } from "./i18n";

import labels from "./labels.json";

type Names = Record<string, readonly string[]>;

const METRICS: Names = labels.metrics;
const CATEGORIES: Names = labels.categories;

function pick(names: Names, code: string, locale: Locale): string | null {
  const entry = names[code];
  if (!entry) return null;
  return (locale === "pl" ? entry[1] : entry[0]) ?? null;
}

/** The name of a §5.1 category code. */
export function categoryLabel(code: string, locale: Locale): string {
  return pick(CATEGORIES, code, locale) ?? code;
}

/** The name of a §5.2 metric; `income_by_category_X` is named after its category. */
export function metricLabel(name: string, locale: Locale): string {
  const direct = pick(METRICS, name, locale);
  if (direct) return direct;
  const prefix = "income_by_category_";
  if (name.startsWith(prefix)) {
    const category = categoryLabel(name.slice(prefix.length), locale);
    return locale === "pl" ? `Dochód: ${category}, średnio miesięcznie` : `Income: ${category}, monthly average`;
  }
  return name;
}
