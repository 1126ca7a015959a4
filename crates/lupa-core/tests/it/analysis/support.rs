//! Helpers: sandbox personas as analysis input, metric accessors, small synthetic inputs.

use chrono::NaiveDate;
use lupa_core::analysis::{
    AccountInput, Analysis, AnalysisInput, AnalysisOptions, Categorized, CurrencyAnalysis, Events,
    MetricValue, TxInput, analyze,
};
use lupa_kontomatik::model::CommandResult;
use lupa_sandbox::personas::{Generated, find, generate};
use rust_decimal::{Decimal, RoundingStrategy};

/// The seed every persona test uses.
pub const SEED: u64 = 2026;

/// The sandbox clock's date in these tests, also the as-of date.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// A date literal.
pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// A decimal literal.
pub fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// `numerator / denominator` rounded like ratios (4 places, half away from zero).
pub fn ratio4(numerator: Decimal, denominator: Decimal) -> Decimal {
    (numerator / denominator).round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
}

/// The default import's result for a persona's data, as the sandbox would send it.
pub fn command_result(generated: &Generated) -> CommandResult {
    CommandResult {
        owners: Some(generated.owners.clone()),
        accounts: Some(generated.accounts.clone()),
        credit_cards: (!generated.credit_cards.is_empty()).then(|| generated.credit_cards.clone()),
        ..CommandResult::default()
    }
}

/// A persona analysed as of [`today`].
pub struct Case {
    /// The persona's data, as generated.
    #[allow(dead_code)]
    pub generated: Generated,
    pub input: AnalysisInput,
    pub analysis: Analysis,
}

impl Case {
    /// Generates, converts and analyses persona `id`.
    pub fn of(id: &str) -> Case {
        Case::with_options(id, AnalysisOptions::new(today()))
    }

    /// Like [`Case::of`] with other options.
    pub fn with_options(id: &str, options: AnalysisOptions) -> Case {
        let generated = generate(find(id).expect("persona"), SEED, today());
        let input = AnalysisInput::from_command_result(&command_result(&generated));
        let analysis = analyze(&input, &options);
        Case {
            generated,
            input,
            analysis,
        }
    }

    /// The results of a currency.
    pub fn currency(&self, code: &str) -> &CurrencyAnalysis {
        self.analysis
            .currency(code)
            .unwrap_or_else(|| panic!("no {code} results"))
    }

    /// The PLN results.
    pub fn pln(&self) -> &CurrencyAnalysis {
        self.currency("PLN")
    }

    /// Every transaction with its result.
    pub fn all(&self) -> impl Iterator<Item = (&TxInput, &Categorized)> {
        self.input
            .transactions
            .iter()
            .zip(&self.analysis.transactions)
    }

    /// Transactions whose title starts with `prefix`.
    pub fn titled(&self, prefix: &str) -> Vec<(&TxInput, &Categorized)> {
        self.all()
            .filter(|(tx, _)| tx.title.as_deref().unwrap_or("").starts_with(prefix))
            .collect()
    }

    /// Transactions whose party contains `needle`.
    pub fn with_party(&self, needle: &str) -> Vec<(&TxInput, &Categorized)> {
        self.all()
            .filter(|(tx, _)| tx.party.as_deref().unwrap_or("").contains(needle))
            .collect()
    }

    /// Transactions on the account named `name`.
    pub fn on_account(&self, name: &str) -> Vec<(&TxInput, &Categorized)> {
        let id = self
            .input
            .accounts
            .iter()
            .find(|account| account.name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no account {name}"))
            .id;
        self.all().filter(|(tx, _)| tx.account_id == id).collect()
    }
}

/// The sum of the amounts of `list`.
pub fn sum(list: &[(&TxInput, &Categorized)]) -> Decimal {
    list.iter().map(|(tx, _)| tx.amount).sum()
}

/// The value of a metric that must be an amount.
pub fn amount(results: &CurrencyAnalysis, name: &str) -> Decimal {
    match results.value(name) {
        Some(MetricValue::Amount(value)) => *value,
        other => panic!("{name} is {other:?}, not an amount"),
    }
}

/// The value of a metric that must be a ratio.
pub fn ratio(results: &CurrencyAnalysis, name: &str) -> Decimal {
    match results.value(name) {
        Some(MetricValue::Ratio(value)) => *value,
        other => panic!("{name} is {other:?}, not a ratio"),
    }
}

/// The value of a metric that must be a count.
pub fn count(results: &CurrencyAnalysis, name: &str) -> u64 {
    match results.value(name) {
        Some(MetricValue::Count(value)) => *value,
        other => panic!("{name} is {other:?}, not a count"),
    }
}

/// The value of a metric that must be a number of days.
pub fn days(results: &CurrencyAnalysis, name: &str) -> i64 {
    match results.value(name) {
        Some(MetricValue::Days(value)) => *value,
        other => panic!("{name} is {other:?}, not days"),
    }
}

/// The value of a metric that must be events.
pub fn events(results: &CurrencyAnalysis, name: &str) -> Events {
    match results.value(name) {
        Some(MetricValue::Events(value)) => value.clone(),
        other => panic!("{name} is {other:?}, not events"),
    }
}

/// The value of a metric that must be a flag.
pub fn flag(results: &CurrencyAnalysis, name: &str) -> bool {
    match results.value(name) {
        Some(MetricValue::Flag(value)) => *value,
        other => panic!("{name} is {other:?}, not a flag"),
    }
}

/// The value of a metric that must be text.
pub fn text(results: &CurrencyAnalysis, name: &str) -> String {
    match results.value(name) {
        Some(MetricValue::Text(value)) => value.clone(),
        other => panic!("{name} is {other:?}, not text"),
    }
}

/// A PLN account for synthetic inputs.
pub fn account(id: i64, iban: &str) -> AccountInput {
    AccountInput {
        id,
        iban: iban.to_owned(),
        name: Some(format!("Konto {id}")),
        currency: "PLN".to_owned(),
        balance: None,
        co_owned: false,
        is_card: false,
    }
}

/// A synthetic transaction: no balance, party, IBAN, kind or labels unless set afterwards.
pub fn tx(id: i64, account_id: i64, on: NaiveDate, amount: &str, title: &str) -> TxInput {
    TxInput {
        id,
        account_id,
        transaction_on: on,
        booked_on: Some(on),
        amount: dec(amount),
        balance_after: None,
        title: Some(title.to_owned()),
        party: None,
        party_iban: None,
        kind: None,
        status: Some("DONE".to_owned()),
        labels: Vec::new(),
    }
}
