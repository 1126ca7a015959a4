// Names of the analysis' metrics (§5.2) and categories (§5.1) in both languages, keyed by the codes
// the Rust side sends. Unknown codes fall back to the code itself, so a new metric still shows.
import type { Locale } from "./i18n";

type Names = Record<string, readonly [en: string, pl: string]>;

const METRICS: Names = {
  income_90d_avg: ["Income, 90-day monthly average", "Dochód, średnio miesięcznie (90 dni)"],
  income_m0: ["Income this month so far", "Dochód w bieżącym miesiącu"],
  income_m1: ["Income last month", "Dochód w poprzednim miesiącu"],
  income_m2: ["Income two months ago", "Dochód dwa miesiące temu"],
  main_employer: ["Main employer", "Główny pracodawca"],
  employers_count: ["Employers (90 days)", "Pracodawcy (90 dni)"],
  salary_months: ["Months with a salary", "Miesiące z wynagrodzeniem"],
  income_cv: ["Income variability (CV)", "Zmienność dochodu (CV)"],
  income_trend: ["Income trend per month", "Trend dochodu na miesiąc"],
  days_since_last_income: ["Days since the last income", "Dni od ostatniego dochodu"],
  total_inflow_avg: ["All inflows, monthly average", "Wszystkie wpływy, średnio miesięcznie"],
  cash_deposit_to_income: ["Cash deposits to income", "Wpłaty gotówki do dochodu"],
  p2p_inflow_to_income: ["Private transfers in to income", "Przelewy od osób prywatnych do dochodu"],
  debt_service_avg: ["Debt service, monthly average", "Obsługa długu, średnio miesięcznie"],
  dsti: ["DSTI (debt service to income)", "DSTI (obsługa długu do dochodu)"],
  dsti_with_new_loan: ["DSTI with the new loan", "DSTI z nowym kredytem"],
  essential_exp_avg: ["Essential expenses, monthly average", "Wydatki niezbędne, średnio miesięcznie"],
  discretionary_exp_avg: ["Discretionary spending, monthly average", "Wydatki uznaniowe, średnio miesięcznie"],
  free_cash_flow_avg: ["Free cash flow, monthly average", "Wolne środki, średnio miesięcznie"],
  net_cash_flow: ["Net cash flow (90 days)", "Saldo przepływów (90 dni)"],
  nonbank_lenders_count: ["Non-bank lenders", "Pożyczkodawcy pozabankowi"],
  nonbank_repayment_share: ["Non-bank share of repayments", "Udział spłat pozabankowych"],
  loan_proceeds_90d: ["New loans received (90 days)", "Otrzymane nowe pożyczki (90 dni)"],
  days_since_last_loan_proceeds: ["Days since the last new loan", "Dni od ostatniej nowej pożyczki"],
  card_repayment_trend: ["Card repayment trend", "Trend spłat kart"],
  avg_daily_balance: ["Average daily balance", "Średnie saldo dzienne"],
  min_balance: ["Minimum balance", "Saldo minimalne"],
  min_balance_date: ["Date of the minimum balance", "Data salda minimalnego"],
  negative_balance_days: ["Days with a negative balance", "Dni z ujemnym saldem"],
  overdraft_max_depth: ["Deepest overdraft", "Największy debet"],
  balance_before_payday_avg: ["Balance before payday, average", "Saldo przed wypłatą, średnio"],
  end_balance: ["Closing balance", "Saldo końcowe"],
  gambling_out_sum_90d: ["Gambling outflows, last 90 days", "Wydatki na hazard, ostatnie 90 dni"],
  gambling_to_income: ["Gambling to income", "Hazard do dochodu"],
  gambling_months: ["Months with gambling", "Miesiące z hazardem"],
  gambling_net: ["Gambling net result", "Wynik netto hazardu"],
  bailiff_events: ["Bailiff events", "Zajęcia komornicze"],
  debt_collection_events: ["Debt collection events", "Windykacja"],
  returned_payments_count: ["Returned payments", "Zwrócone płatności"],
  penalty_fees_count: ["Penalty fees", "Opłaty karne"],
  cash_withdrawal_to_income: ["Cash withdrawals to income", "Wypłaty gotówki do dochodu"],
  large_unexplained_inflows: ["Large unexplained inflows", "Duże niewyjaśnione wpływy"],
  salary_passthrough: ["Salary passed straight on", "Wynagrodzenie od razu przelewane dalej"],
  round_tripping: ["Round-tripping", "Przelewy w kółko (round-tripping)"],
  self_employed_indicator: ["Self-employment signs", "Oznaki samozatrudnienia"],
  history_days: ["History length", "Długość historii"],
  full_months: ["Full months of history", "Pełne miesiące historii"],
  accounts_count: ["Accounts and cards", "Rachunki i karty"],
  co_owned_accounts: ["Joint accounts", "Rachunki wspólne"],
  uncategorised_share: ["Uncategorised share", "Udział bez kategorii"],
  gap_days_max: ["Longest gap without transactions", "Najdłuższa przerwa bez transakcji"],
  label_coverage: ["Kontomatik label coverage", "Pokrycie etykietami Kontomatik"],
  label_vs_local_disagreements: ["Label vs local disagreements", "Rozbieżności etykiet i reguł"],
  kontomatik_score: ["Kontomatik Score", "Kontomatik Score"],
  kontomatik_percentile: ["Kontomatik percentile", "Percentyl Kontomatik"],
  kontomatik_tier: ["Kontomatik tier", "Klasa Kontomatik"],
  kontomatik_model: ["Kontomatik model", "Model Kontomatik"],
};

const CATEGORIES: Names = {
  INC_SALARY: ["Salary", "Wynagrodzenie"],
  INC_OTHER_WORK: ["Other work income", "Inny dochód z pracy"],
  INC_BUSINESS: ["Business income", "Dochód z działalności"],
  INC_PENSION: ["Pension", "Emerytura / renta"],
  INC_BENEFITS: ["Benefits", "Świadczenia"],
  INC_ALIMONY: ["Alimony received", "Alimenty otrzymane"],
  INC_RENTAL: ["Rental income", "Dochód z najmu"],
  INC_INTEREST_INVEST: ["Interest and investments", "Odsetki i inwestycje"],
  INC_REFUND: ["Refund", "Zwrot"],
  INC_LOAN_PROCEEDS: ["Loan proceeds", "Wypłata pożyczki"],
  INC_GAMBLING_PAYOUT: ["Gambling payout", "Wygrana hazardowa"],
  INC_CASH_DEPOSIT: ["Cash deposit", "Wpłata gotówki"],
  INC_P2P: ["Private transfer in", "Przelew od osoby prywatnej"],
  INC_OWN_TRANSFER: ["Own transfer in", "Przelew własny (wpływ)"],
  INC_OTHER: ["Other inflow", "Inny wpływ"],
  EXP_HOUSING_RENT: ["Housing and rent", "Mieszkanie i czynsz"],
  EXP_UTILITIES: ["Utilities", "Media"],
  EXP_TELECOM_MEDIA: ["Telecom and media", "Telekomunikacja i media"],
  EXP_INSURANCE: ["Insurance", "Ubezpieczenia"],
  EXP_GROCERIES: ["Groceries", "Zakupy spożywcze"],
  EXP_HEALTH: ["Health", "Zdrowie"],
  EXP_EDU_CHILD: ["Education and children", "Edukacja i dzieci"],
  EXP_TRANSPORT: ["Transport", "Transport"],
  EXP_TAX_SOCIAL: ["Taxes and social security", "Podatki i ZUS"],
  EXP_ALIMONY_PAID: ["Alimony paid", "Alimenty płacone"],
  DEBT_MORTGAGE: ["Mortgage", "Kredyt hipoteczny"],
  DEBT_BANK_LOAN: ["Bank loan", "Kredyt bankowy"],
  DEBT_CARD_REPAYMENT: ["Card repayment", "Spłata karty"],
  DEBT_NONBANK: ["Non-bank loan", "Pożyczka pozabankowa"],
  DEBT_BNPL_LEASING: ["BNPL and leasing", "Odroczone płatności i leasing"],
  DISC_SHOPPING: ["Shopping", "Zakupy"],
  DISC_DINING: ["Dining", "Restauracje"],
  DISC_LEISURE: ["Leisure", "Rozrywka i wypoczynek"],
  DISC_TRAVEL: ["Travel", "Podróże"],
  DISC_SUBSCRIPTIONS: ["Subscriptions", "Subskrypcje"],
  RISK_GAMBLING: ["Gambling", "Hazard"],
  RISK_BAILIFF: ["Bailiff", "Komornik"],
  RISK_DEBT_COLLECTION: ["Debt collection", "Windykacja"],
  RISK_PENALTY_FEES: ["Penalty fees", "Opłaty karne"],
  RISK_RETURNED_PAYMENT: ["Returned payment", "Zwrócona płatność"],
  OUT_CASH_WITHDRAWAL: ["Cash withdrawal", "Wypłata gotówki"],
  OUT_OWN_TRANSFER: ["Own transfer out", "Przelew własny (wypływ)"],
  OUT_SAVINGS_INVEST: ["Savings and investments", "Oszczędności i inwestycje"],
  OUT_P2P: ["Private transfer out", "Przelew do osoby prywatnej"],
  FEE_BANK: ["Bank fees", "Opłaty bankowe"],
  OTHER: ["Other", "Inne"],
};

function pick(names: Names, code: string, locale: Locale): string | null {
  const entry = names[code];
  if (!entry) return null;
  return locale === "pl" ? entry[1] : entry[0];
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
