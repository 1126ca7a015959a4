//! The three checks Kontomatik asks its clients to make of a parsed statement
//! (kontomatik-pdf.md §2.4): the owner is the applicant, the IBAN is one of the case's accounts,
//! the period is the one asked for.

use chrono::{Datelike, Months, NaiveDate};
use lupa_kontomatik::model::Statement;
use lupa_store::{CheckOutcome, StatementCheck};

/// How many days a statement's first or last transaction may sit inside the period asked for
/// and still count as covering it (a quiet first or last day is normal).
const PERIOD_SLACK_DAYS: i64 = 7;

/// What the case already knows, to compare a statement with.
#[derive(Debug, Clone, Default)]
pub struct CaseFacts {
    /// The applicant's names: the case's display name and its owners' names.
    pub names: Vec<String>,
    /// The IBANs of the case's accounts from other imports.
    pub ibans: Vec<String>,
}

/// The period a statement is expected to cover when the analyst names none: the three whole
/// calendar months before the upload's month.
pub fn default_period(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let month_start = today.with_day(1).unwrap_or(today);
    let from = month_start
        .checked_sub_months(Months::new(3))
        .unwrap_or(month_start);
    let to = month_start.pred_opt().unwrap_or(month_start);
    (from, to)
}

/// The period a statement covers: its first and last transaction dates (the reply names no
/// period in any known shape).
pub fn statement_period(statement: &Statement) -> Option<(NaiveDate, NaiveDate)> {
    let dates = statement
        .accounts
        .iter()
        .flatten()
        .flat_map(|account| account.money_transactions.iter().flatten())
        .map(|tx| tx.transaction_on);
    let (mut min, mut max) = (None::<NaiveDate>, None::<NaiveDate>);
    for date in dates {
        min = Some(min.map_or(date, |m| m.min(date)));
        max = Some(max.map_or(date, |m| m.max(date)));
    }
    Some((min?, max?))
}

/// Runs the three checks.
pub fn run(
    statement: &Statement,
    facts: &CaseFacts,
    expected: (NaiveDate, NaiveDate),
) -> Vec<StatementCheck> {
    vec![
        owner_check(statement, facts),
        iban_check(statement, facts),
        period_check(statement_period(statement), expected),
    ]
}

fn check(check: &str, outcome: CheckOutcome, detail: String) -> StatementCheck {
    StatementCheck {
        check: check.to_owned(),
        outcome,
        detail,
    }
}

/// A name's words, upper-case, without diacritics, sorted: "Dąbrowska Anna" = "ANNA DABROWSKA".
pub(crate) fn name_key(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.chars().map(fold).collect::<String>().to_uppercase())
        .collect();
    words.sort();
    words
}

fn fold(c: char) -> char {
    match c {
        'ą' | 'Ą' => 'A',
        'ć' | 'Ć' => 'C',
        'ę' | 'Ę' => 'E',
        'ł' | 'Ł' => 'L',
        'ń' | 'Ń' => 'N',
        'ó' | 'Ó' => 'O',
        'ś' | 'Ś' => 'S',
        'ź' | 'Ź' | 'ż' | 'Ż' => 'Z',
        other => other,
    }
}

fn owner_check(statement: &Statement, facts: &CaseFacts) -> StatementCheck {
    let mut owners: Vec<&str> = statement
        .owners
        .iter()
        .flatten()
        .chain(
            statement
                .accounts
                .iter()
                .flatten()
                .flat_map(|account| account.owners.iter().flatten()),
        )
        .map(|owner| owner.name.as_str())
        .filter(|name| !name.trim().is_empty())
        .collect();
    // The statement's owners and each account's owners list the same people.
    let mut seen = Vec::new();
    owners.retain(|name| {
        let key = name_key(name);
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    if owners.is_empty() {
        return check(
            "owner_name",
            CheckOutcome::Unknown,
            "The statement names no owner.".to_owned(),
        );
    }
    let known: Vec<Vec<String>> = facts
        .names
        .iter()
        .map(|name| name_key(name))
        .filter(|key| !key.is_empty())
        .collect();
    if known.is_empty() {
        return check(
            "owner_name",
            CheckOutcome::Unknown,
            format!(
                "The statement's owner is {}; the case has no name to compare with yet.",
                owners.join(", ")
            ),
        );
    }
    let matching = owners.iter().any(|owner| known.contains(&name_key(owner)));
    if matching {
        check(
            "owner_name",
            CheckOutcome::Pass,
            format!(
                "The statement's owner ({}) is the applicant.",
                owners.join(", ")
            ),
        )
    } else {
        check(
            "owner_name",
            CheckOutcome::Fail,
            format!(
                "The statement's owner ({}) is not the applicant ({}).",
                owners.join(", "),
                facts.names.join(", ")
            ),
        )
    }
}

fn compact_iban(iban: &str) -> String {
    iban.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

fn iban_check(statement: &Statement, facts: &CaseFacts) -> StatementCheck {
    let ibans: Vec<String> = statement
        .accounts
        .iter()
        .flatten()
        .map(|account| compact_iban(&account.iban))
        .collect();
    if ibans.is_empty() {
        return check(
            "iban",
            CheckOutcome::Unknown,
            "The statement names no account.".to_owned(),
        );
    }
    let known: Vec<String> = facts.ibans.iter().map(|iban| compact_iban(iban)).collect();
    if known.is_empty() {
        return check(
            "iban",
            CheckOutcome::Unknown,
            format!(
                "The statement is of account {}; the case has no bank import to compare with.",
                ibans.join(", ")
            ),
        );
    }
    let unknown: Vec<&String> = ibans.iter().filter(|iban| !known.contains(iban)).collect();
    if unknown.is_empty() {
        check(
            "iban",
            CheckOutcome::Pass,
            format!(
                "Account {} is one of the case's bank-imported accounts.",
                ibans.join(", ")
            ),
        )
    } else {
        check(
            "iban",
            CheckOutcome::Warn,
            format!(
                "Account {} is not among the case's bank-imported accounts: ask the applicant \
                 about it.",
                unknown
                    .iter()
                    .map(|iban| iban.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    }
}

fn period_check(
    period: Option<(NaiveDate, NaiveDate)>,
    (from, to): (NaiveDate, NaiveDate),
) -> StatementCheck {
    let Some((first, last)) = period else {
        return check(
            "period",
            CheckOutcome::Unknown,
            "The statement holds no transactions, so its period is unknown.".to_owned(),
        );
    };
    let covers = (first - from).num_days() <= PERIOD_SLACK_DAYS
        && (to - last).num_days() <= PERIOD_SLACK_DAYS;
    let overlaps = first <= to && last >= from;
    let detail =
        format!("Transactions from {first} to {last}; the period asked for is {from} to {to}.");
    let outcome = if covers {
        CheckOutcome::Pass
    } else if overlaps {
        CheckOutcome::Warn
    } else {
        CheckOutcome::Fail
    };
    check("period", outcome, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn names_match_whatever_the_case_order_and_diacritics() {
        assert_eq!(name_key("Anna Dąbrowska"), name_key("DABROWSKA  ANNA"));
        assert_ne!(name_key("Anna Dąbrowska"), name_key("Anna Nowak"));
    }

    #[test]
    fn the_default_period_is_the_three_months_before_this_one() {
        assert_eq!(
            default_period(date("2026-11-26")),
            (date("2026-08-01"), date("2026-10-31"))
        );
        assert_eq!(
            default_period(date("2026-01-05")),
            (date("2025-10-01"), date("2025-12-31"))
        );
    }

    #[test]
    fn a_period_covers_with_slack_overlaps_or_misses() {
        let asked = (date("2026-08-01"), date("2026-10-31"));
        let outcome = |a: &str, b: &str| period_check(Some((date(a), date(b))), asked).outcome;
        assert_eq!(outcome("2026-08-03", "2026-10-30"), CheckOutcome::Pass);
        assert_eq!(outcome("2026-09-01", "2026-10-30"), CheckOutcome::Warn);
        assert_eq!(outcome("2026-01-01", "2026-03-31"), CheckOutcome::Fail);
        assert_eq!(period_check(None, asked).outcome, CheckOutcome::Unknown);
    }
}
