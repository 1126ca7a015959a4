//! One primary category per transaction (F-ANA-1), with flags and the category's source.
//!
//! Precedence, strongest first:
//! 1. the analyst's override;
//! 2. an own transfer whose counterparty IBAN is a case account (or a card repayment into a case
//!    card);
//! 3. the Kontomatik label that maps to a category for the amount's sign (a generic `loan` is
//!    refined by a more specific local debt rule such as a mortgage);
//! 4. the local result: an own transfer paired by amount and date, the winning keyword/IBAN rule
//!    (with monthly pay from one employer upgraded to `INC_SALARY`), the private-person fallback
//!    (`INC_P2P`/`OUT_P2P`), else `INC_OTHER`/`OTHER`.
//!
//! The local result is always kept beside the final one, so the label-versus-local disagreements
//! can be reviewed.

use std::sync::Arc;

use chrono::Datelike;

use super::category::{Categorized, Category, CategorySource, Channel, Flags, is_credit};
use super::input::AnalysisInput;
use super::own_transfers::{self, Candidate, OwnLink};
use super::recurrence::{self, Item};
use super::rules::{FALLBACK_RULE, Field, Hits, LabelOutcome, RuleSet, Tag, normalize_iban};
use super::text::fold_into;

mod cache;

use cache::{FastMap, FieldCache, FieldEntry};

/// Per-transaction facts the metrics need beyond [`Categorized`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    /// Index into `input.accounts`.
    pub account: Option<usize>,
    /// Index into [`Prepared::currencies`].
    pub currency: usize,
    /// True for credit-card transactions.
    pub is_card: bool,
    /// `transaction_on` as days since the common era.
    pub day: i32,
    /// `transaction_on` as `year * 12 + month0`.
    pub month: i32,
    /// Interned counterparty (IBAN, else the party's or title's leading words).
    pub counterparty: u32,
    /// The matching local rule was tagged `nonbank_lender`.
    pub nonbank_lender: bool,
    /// The matching local rule was tagged `social_insurance`.
    pub social_insurance: bool,
    /// Excluded from every metric (verification transfers).
    pub excluded: bool,
}

/// Everything the metrics need about the input, computed once.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub facts: Vec<Facts>,
    /// Distinct currencies, in the order of the accounts.
    pub currencies: Vec<String>,
}

/// Categorises every transaction of `input` (same order) with `rules`.
pub fn categorize(input: &AnalysisInput, rules: &RuleSet) -> Vec<Categorized> {
    categorize_full(input, rules).0
}

pub(crate) fn categorize_full(
    input: &AnalysisInput,
    rules: &RuleSet,
) -> (Vec<Categorized>, Prepared) {
    let mut account_ids: Vec<(i64, usize)> = input
        .accounts
        .iter()
        .enumerate()
        .map(|(index, account)| (account.id, index))
        .collect();
    account_ids.sort_unstable();
    let mut currencies: Vec<String> = Vec::new();
    for account in &input.accounts {
        if !currencies.contains(&account.currency) {
            currencies.push(account.currency.clone());
        }
    }
    let account_currency: Vec<usize> = input
        .accounts
        .iter()
        .map(|account| {
            currencies
                .iter()
                .position(|code| *code == account.currency)
                .unwrap_or_default()
        })
        .collect();
    let unknown_currency = currencies.len();
    let mut case_ibans: Vec<(String, usize)> = input
        .accounts
        .iter()
        .enumerate()
        .map(|(index, account)| (normalize_iban(&account.iban), index))
        .filter(|(iban, _)| !iban.is_empty())
        .collect();
    case_ibans.sort();

    let count = input.transactions.len();
    let mut scans = Vec::with_capacity(count);
    let mut label_outcomes = Vec::with_capacity(count);
    let mut candidates = Vec::with_capacity(count);
    let mut facts = Vec::with_capacity(count);
    let mut cache = FieldCache::default();
    let mut title_text = String::new();
    let mut title_hits = Hits::default();
    let empty = FieldEntry::default();
    let mut iban_rules: Vec<u16> = Vec::new();
    let mut label_outcomes_cache: FastMap<&[String], (LabelOutcome, LabelOutcome)> =
        FastMap::default();
    for tx in &input.transactions {
        let credit = is_credit(tx.amount);
        title_text.clear();
        fold_into(tx.title.as_deref().unwrap_or(""), &mut title_text);
        rules.hits(&title_text, Field::Title, &mut title_hits);
        let kind = cache.field(rules, Field::Kind, tx.kind.as_deref());
        let party = cache.field(rules, Field::Party, tx.party.as_deref());
        let (counterparty, target, matched) = cache.counterparty(
            rules,
            tx.party_iban.as_deref(),
            party,
            &title_text,
            &case_ibans,
        );
        iban_rules.clear();
        iban_rules.extend_from_slice(matched);
        let (kind, party) = (
            kind.map_or(&empty, |index| &cache.entries[index]),
            party.map_or(&empty, |index| &cache.entries[index]),
        );
        let scan = rules.combine([&kind.hits, &title_hits, &party.hits], credit, &iban_rules);
        let labels = {
            let (debit_outcome, credit_outcome) = label_outcomes_cache
                .entry(tx.labels.as_slice())
                .or_insert_with(|| {
                    (
                        rules.labels(&tx.labels, false),
                        rules.labels(&tx.labels, true),
                    )
                });
            if credit {
                credit_outcome.clone()
            } else {
                debit_outcome.clone()
            }
        };
        let account = account_ids
            .binary_search_by_key(&tx.account_id, |(id, _)| *id)
            .ok()
            .map(|position| account_ids[position].1);
        let currency = account.map_or(unknown_currency, |index| account_currency[index]);
        let rule = scan.rule.map(|index| rules.rule(index));
        let verification = labels.verification
            || (scan.verification_keyword
                && !tx.amount.is_zero()
                && tx.amount.abs() <= rules.verification_max());
        let channel = if scan.channel == Some(Channel::Atm) || scan.channel == Some(Channel::Blik) {
            scan.channel
        } else if labels.payment_processor {
            Some(Channel::PaymentProcessor)
        } else {
            scan.channel
        };
        let person = party.person_like
            && !matches!(
                channel,
                Some(Channel::Card | Channel::Blik | Channel::Atm | Channel::PaymentProcessor)
            );
        let day = tx.transaction_on.num_days_from_ce();
        facts.push(Facts {
            account,
            currency,
            is_card: account.is_some_and(|index| input.accounts[index].is_card),
            day,
            month: tx.transaction_on.year() * 12 + tx.transaction_on.month0() as i32,
            counterparty,
            nonbank_lender: rule.is_some_and(|rule| rule.has(Tag::NonbankLender)),
            social_insurance: rule.is_some_and(|rule| rule.has(Tag::SocialInsurance)),
            excluded: verification,
        });
        candidates.push(Candidate {
            account,
            day,
            channel,
            target,
        });
        scans.push((scan, channel, person));
        label_outcomes.push(labels);
    }
    if facts.iter().any(|fact| fact.currency == unknown_currency) {
        currencies.push("XXX".to_owned());
    }

    let links = own_transfers::detect(input, &candidates);

    let mut items: Vec<Item> = input
        .transactions
        .iter()
        .zip(&facts)
        .enumerate()
        .filter(|(_, (tx, fact))| !fact.excluded && !tx.amount.is_zero())
        .map(|(index, (tx, fact))| Item {
            group: u64::from(fact.counterparty) * 2 + u64::from(is_credit(tx.amount)),
            day: fact.day,
            amount: tx.amount.abs(),
            index,
        })
        .collect();
    let mut recurring = vec![false; count];
    recurrence::mark(&mut items, &mut recurring);

    let mut overrides: Vec<(i64, usize)> = input
        .overrides
        .iter()
        .enumerate()
        .map(|(position, edit)| (edit.transaction_id, position))
        .collect();
    overrides.sort_unstable();

    // Shared strings: every transaction with the same rule or label set points to one copy.
    let ids = LocalIds::default();
    let mut label_sets: FastMap<&[String], Arc<[String]>> = FastMap::default();
    let no_labels: Arc<[String]> = Arc::from(Vec::new());
    let mut result = Vec::with_capacity(count);
    for (index, tx) in input.transactions.iter().enumerate() {
        let credit = is_credit(tx.amount);
        let (scan, channel, person) = &scans[index];
        let labels = &label_outcomes[index];
        let counterpart = |other: Option<usize>| other.map(|other| input.transactions[other].id);

        // The local result.
        let (mut local_category, mut local_rule, own_counterpart, own_by_iban) = match links[index]
        {
            OwnLink::CardRepayment { counterpart: other } => (
                Category::DebtCardRepayment,
                ids.card_repayment.clone(),
                counterpart(other),
                true,
            ),
            OwnLink::Own {
                counterpart: other,
                by_iban,
            } => (
                if credit {
                    Category::IncOwnTransfer
                } else {
                    Category::OutOwnTransfer
                },
                if by_iban {
                    ids.own_iban.clone()
                } else {
                    ids.own_pair.clone()
                },
                counterpart(other),
                by_iban,
            ),
            OwnLink::None => match scan.rule.map(|rule| rules.rule(rule)) {
                Some(rule) => (
                    rule.credit
                        .filter(|_| credit)
                        .or(rule.debit.filter(|_| !credit))
                        .expect("scan picks fitting rules"),
                    rule.id.clone(),
                    None,
                    false,
                ),
                None if *person => (
                    if credit {
                        Category::IncP2p
                    } else {
                        Category::OutP2p
                    },
                    ids.p2p.clone(),
                    None,
                    false,
                ),
                None => (
                    Category::uncategorised(credit),
                    ids.fallback.clone(),
                    None,
                    false,
                ),
            },
        };
        let salary_candidate = matches!(links[index], OwnLink::None)
            && scan
                .rule
                .is_some_and(|rule| rules.rule(rule).salary_candidate);
        if salary_candidate && credit && recurring[index] {
            local_category = Category::IncSalary;
            local_rule = ids.salary.clone();
        }

        let label_category = labels
            .category
            .as_ref()
            .filter(|(category, _)| category.fits(credit));
        let (mut category, mut source) = match label_category {
            _ if own_by_iban => (local_category, CategorySource::Rule(local_rule.clone())),
            Some((label_category, _))
                if *label_category == Category::DebtBankLoan
                    && local_category.is_debt()
                    && local_category != Category::DebtBankLoan =>
            {
                (local_category, CategorySource::Rule(local_rule.clone()))
            }
            Some((label_category, label)) => (
                *label_category,
                CategorySource::KontomatikLabel(label.clone()),
            ),
            None => (local_category, CategorySource::Rule(local_rule.clone())),
        };
        let mut include_in_income = None;
        let first = overrides.partition_point(|(id, _)| *id < tx.id);
        for (_, position) in overrides[first..].iter().take_while(|(id, _)| *id == tx.id) {
            let edit = &input.overrides[*position];
            if let Some(edited) = edit.category {
                category = edited;
                source = CategorySource::Analyst;
            }
            if let Some(include) = edit.include_in_income {
                include_in_income = Some(include);
            }
        }
        result.push(Categorized {
            transaction_id: tx.id,
            category,
            source,
            flags: Flags {
                recurring: recurring[index] || labels.recurring,
                channel: *channel,
                verification_microtransfer: facts[index].excluded,
                pending: tx.is_pending(),
                fx: scan.fx,
                kontomatik_labels: if tx.labels.is_empty() {
                    no_labels.clone()
                } else {
                    label_sets
                        .entry(tx.labels.as_slice())
                        .or_insert_with(|| Arc::from(tx.labels.as_slice()))
                        .clone()
                },
            },
            include_in_income: include_in_income.unwrap_or(category.is_income()),
            own_transfer_counterpart: own_counterpart,
            label_category: label_category.map(|(category, _)| *category),
            local_category,
            local_rule,
        });
    }
    (result, Prepared { facts, currencies })
}

/// True when a label and the local rules name different categories (a refinement of a generic
/// `loan` into a more specific debt is not a disagreement, nor is a local "don't know").
pub fn label_disagrees(categorized: &Categorized) -> bool {
    match categorized.label_category {
        Some(label) => {
            let local = categorized.local_category;
            !local.is_uncategorised()
                && local != label
                && !(label == Category::DebtBankLoan && local.is_debt())
        }
        None => false,
    }
}

/// The ids of the local results that are not rules of the file.
struct LocalIds {
    card_repayment: Arc<str>,
    own_iban: Arc<str>,
    own_pair: Arc<str>,
    p2p: Arc<str>,
    fallback: Arc<str>,
    salary: Arc<str>,
}

impl Default for LocalIds {
    fn default() -> Self {
        LocalIds {
            card_repayment: "card_repayment_case_card".into(),
            own_iban: "own_transfer_iban".into(),
            own_pair: "own_transfer_pair".into(),
            p2p: "p2p_person".into(),
            fallback: FALLBACK_RULE.into(),
            salary: "salary_recurrence".into(),
        }
    }
}
