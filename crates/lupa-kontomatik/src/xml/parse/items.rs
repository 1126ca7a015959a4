//! The skippable list items: `owner`, `account`, `creditCard`, `moneyTransaction`.
//!
//! An item is **skipped** (moved to the nearest `skipped` list with its path, reason and raw XML)
//! when a required value is missing — `moneyTransaction` without `transactionOn` or
//! `currencyAmount`, `account` without `iban`, `owner` without `name` — or when **any** typed
//! value in it is invalid, optional ones included (a bad `bookedOn`, `currencyBalance`,
//! `partialDueToTimeout`, `birthDate`, …). Choice: keeping the item without the bad optional value
//! would silently drop data the bank sent; skipping keeps it, raw, for the analyst to see.
//! When an account or card is skipped, the items already skipped inside it are dropped from the
//! list: the container's raw XML holds them.

use super::super::ParseError;
use super::Path;
use super::cursor::{Cursor, Elem};
use super::split::{self, Split};
use super::values::{boolean, date, decimal, optional};
use crate::model::{Account, CreditCard, MoneyTransaction, Owner, Skipped};

/// The parse of one item: `Ok(item)` or `Err(reason)` to skip it.
pub(super) type Item<T> = Result<T, String>;

/// Reads one item (its start tag already read) up to its end tag; bad items inside it (an
/// account's transactions) go to the `skipped` list.
pub(super) type ParseItem<'a, T> =
    fn(&mut Cursor<'a>, &Elem<'a>, &Path<'_>, &mut Vec<Skipped>) -> Result<Item<T>, ParseError>;

/// Problems found while reading one item; any problem skips the item.
#[derive(Default)]
struct Problems(Option<String>);

impl Problems {
    /// Notes `field: reason`.
    fn add(&mut self, field: &str, reason: &str) {
        match &mut self.0 {
            None => self.0 = Some(format!("{field}: {reason}")),
            Some(all) => {
                all.push_str("; ");
                all.push_str(field);
                all.push_str(": ");
                all.push_str(reason);
            }
        }
    }

    /// The value, or `None` after noting the reason.
    fn check<T>(&mut self, field: &str, value: Result<T, String>) -> Option<T> {
        value.map_err(|reason| self.add(field, &reason)).ok()
    }

    /// An optional typed value: `None` when empty or invalid (invalid is noted).
    fn optional<T>(
        &mut self,
        field: &str,
        text: &str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.check(field, optional(text, parse)).flatten()
    }

    /// A required value that may be missing.
    fn require<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        let noted = |all: &str| {
            all.split("; ").any(|one| {
                one.strip_prefix(field)
                    .is_some_and(|rest| rest.starts_with(':'))
            })
        };
        if value.is_none() && !self.0.as_deref().is_some_and(noted) {
            self.add(field, "missing");
        }
        value
    }

    /// `Err(reasons)` when anything was noted.
    fn finish<T>(self, item: impl FnOnce() -> Option<T>) -> Item<T> {
        match self.0 {
            Some(reasons) => Err(reasons),
            None => item().ok_or_else(|| "missing required value".to_owned()),
        }
    }
}

/// Reads the list `list` of `item_name` elements with `parse`; other children are ignored. With
/// a `split`, the helper's second half is taken over when the cursor reaches it.
fn list<'a, T>(
    cur: &mut Cursor<'a>,
    list: &Elem<'a>,
    path: &Path<'_>,
    item_name: &'static str,
    skipped: &mut Vec<Skipped>,
    parse: ParseItem<'a, T>,
    mut split: Option<&mut Split<'_, T>>,
) -> Result<Vec<T>, ParseError> {
    let mut items = Vec::new();
    let mut index = 0;
    while let Some(child) = cur.next_child(list)? {
        if child.name() != item_name.as_bytes() {
            cur.skip(&child)?;
        } else {
            let item_path = path.item(item_name, index);
            index += 1;
            let mark = skipped.len();
            match parse(cur, &child, &item_path, skipped)? {
                Ok(item) => items.push(item),
                Err(reason) => {
                    skipped.truncate(mark);
                    skipped.push(skipped_item(item_path.render(), reason, cur.raw(&child)));
                }
            }
        }
        if let Some(split) = split.as_deref_mut()
            && let Some(half) = split.take_if_at(cur.pos())
        {
            for (position, reason, raw_xml) in half.skipped {
                let item_path = path.item(item_name, index + position);
                skipped.push(Skipped {
                    path: item_path.render(),
                    reason,
                    raw_xml,
                });
            }
            items.extend(half.items);
            index += half.count;
            cur.skip_to(half.end);
        }
    }
    Ok(items)
}

/// A [`Skipped`] entry for the item whose raw XML is `raw`.
fn skipped_item(path: String, reason: String, raw: &[u8]) -> Skipped {
    Skipped {
        path,
        reason,
        raw_xml: String::from_utf8_lossy(raw).into_owned(),
    }
}

/// `owners/owner*`.
pub(super) fn owners<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<Owner>, ParseError> {
    list(cur, elem, path, "owner", skipped, owner, None)
}

/// `accounts/account*`.
pub(super) fn accounts<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<Account>, ParseError> {
    list(cur, elem, path, "account", skipped, account, None)
}

/// `creditCards/creditCard*`.
pub(super) fn credit_cards<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<CreditCard>, ParseError> {
    list(cur, elem, path, "creditCard", skipped, credit_card, None)
}

/// `moneyTransactions/moneyTransaction*`; a long list in two halves on two threads ([`split`]).
pub(super) fn transactions<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<MoneyTransaction>, ParseError> {
    if elem.empty || !cur.worth_splitting() {
        return list(cur, elem, path, TRANSACTION, skipped, transaction, None);
    }
    split::in_two(cur, elem, TRANSACTION, transaction, |cur, split| {
        list(cur, elem, path, TRANSACTION, skipped, transaction, split)
    })
}

const TRANSACTION: &str = "moneyTransaction";

/// Text of a child as an owned string.
fn string<'a>(cur: &mut Cursor<'a>, elem: &Elem<'a>) -> Result<Option<String>, ParseError> {
    Ok(Some(cur.text(elem)?.into_owned()))
}

fn owner<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    _path: &Path<'_>,
    _skipped: &mut Vec<Skipped>,
) -> Result<Item<Owner>, ParseError> {
    let mut problems = Problems::default();
    let mut name = None;
    let mut owner = Owner::default();
    while let Some(child) = cur.next_child(elem)? {
        match child.name() {
            b"name" => name = string(cur, &child)?,
            b"address" => owner.address = string(cur, &child)?,
            b"polishPesel" => owner.polish_pesel = string(cur, &child)?,
            b"polishNip" => owner.polish_nip = string(cur, &child)?,
            b"polishRegon" => owner.polish_regon = string(cur, &child)?,
            b"phone" => owner.phone = string(cur, &child)?,
            b"email" => owner.email = string(cur, &child)?,
            b"citizenship" => owner.citizenship = string(cur, &child)?,
            b"nationality" => owner.nationality = string(cur, &child)?,
            b"personalDocumentType" => owner.personal_document_type = string(cur, &child)?,
            b"personalDocumentNumber" => owner.personal_document_number = string(cur, &child)?,
            b"birthDate" => {
                let text = cur.text(&child)?;
                owner.birth_date = problems.optional("birthDate", &text, date);
            }
            b"birthPlace" => owner.birth_place = string(cur, &child)?,
            b"kind" => owner.kind = string(cur, &child)?,
            _ => cur.skip(&child)?,
        }
    }
    let name = problems.require("name", name);
    Ok(problems.finish(|| {
        Some(Owner {
            name: name?,
            ..owner
        })
    }))
}

/// The `partialDueToTimeout` attribute of accounts and cards.
fn partial_due_to_timeout(
    cur: &Cursor<'_>,
    elem: &Elem<'_>,
    problems: &mut Problems,
) -> Result<Option<bool>, ParseError> {
    let mut partial = None;
    cur.attributes(elem, |key, value| {
        if key == b"partialDueToTimeout" {
            partial = problems.optional("@partialDueToTimeout", &value, boolean);
        }
        Ok(())
    })?;
    Ok(partial)
}

/// `<directDebit available="true"/>`.
fn direct_debit<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    problems: &mut Problems,
) -> Result<Option<bool>, ParseError> {
    let mut available = None;
    cur.attributes(elem, |key, value| {
        if key == b"available" {
            available = problems.optional("directDebit/@available", &value, boolean);
        }
        Ok(())
    })?;
    cur.skip(elem)?;
    Ok(available)
}

fn account<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
    skipped: &mut Vec<Skipped>,
) -> Result<Item<Account>, ParseError> {
    let mut problems = Problems::default();
    let mut account = Account {
        partial_due_to_timeout: partial_due_to_timeout(cur, elem, &mut problems)?,
        ..Account::default()
    };
    let mut iban = None;
    while let Some(child) = cur.next_child(elem)? {
        match child.name() {
            b"name" => account.name = string(cur, &child)?,
            b"friendlyName" => account.friendly_name = string(cur, &child)?,
            b"iban" => iban = string(cur, &child)?,
            b"currencyBalance" => {
                let text = cur.text(&child)?;
                account.currency_balance = problems.optional("currencyBalance", &text, decimal);
            }
            b"currencyFundsAvailable" => {
                let text = cur.text(&child)?;
                account.currency_funds_available =
                    problems.optional("currencyFundsAvailable", &text, decimal);
            }
            b"currencyName" => account.currency_name = string(cur, &child)?,
            b"owner" => account.owner = string(cur, &child)?,
            b"activeSinceAtLeast" => {
                let text = cur.text(&child)?;
                account.active_since_at_least =
                    problems.optional("activeSinceAtLeast", &text, date);
            }
            b"directDebit" => account.direct_debit = direct_debit(cur, &child, &mut problems)?,
            b"moneyTransactions" => {
                account.money_transactions = Some(transactions(
                    cur,
                    &child,
                    &path.child("moneyTransactions"),
                    skipped,
                )?);
            }
            b"owners" => {
                account.owners = Some(owners(cur, &child, &path.child("owners"), skipped)?);
            }
            _ => cur.skip(&child)?,
        }
    }
    let iban = problems.require("iban", iban);
    Ok(problems.finish(|| {
        Some(Account {
            iban: iban?,
            ..account
        })
    }))
}

fn credit_card<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
    skipped: &mut Vec<Skipped>,
) -> Result<Item<CreditCard>, ParseError> {
    let mut problems = Problems::default();
    let mut card = CreditCard {
        partial_due_to_timeout: partial_due_to_timeout(cur, elem, &mut problems)?,
        ..CreditCard::default()
    };
    while let Some(child) = cur.next_child(elem)? {
        match child.name() {
            b"name" => card.name = string(cur, &child)?,
            b"cardId" => card.card_id = string(cur, &child)?,
            b"iban" => card.iban = string(cur, &child)?,
            b"number" => card.number = string(cur, &child)?,
            b"currencyBalance" => {
                let text = cur.text(&child)?;
                card.currency_balance = problems.optional("currencyBalance", &text, decimal);
            }
            b"currencyFundsAvailable" => {
                let text = cur.text(&child)?;
                card.currency_funds_available =
                    problems.optional("currencyFundsAvailable", &text, decimal);
            }
            b"currencyName" => card.currency_name = string(cur, &child)?,
            b"owner" => card.owner = string(cur, &child)?,
            b"limit" => {
                let text = cur.text(&child)?;
                card.limit = problems.optional("limit", &text, decimal);
            }
            b"interests" | b"interest" => {
                let text = cur.text(&child)?;
                card.interests = problems.optional("interests", &text, decimal);
            }
            b"dueDate" => {
                let text = cur.text(&child)?;
                card.due_date = problems.optional("dueDate", &text, date);
            }
            b"moneyTransactions" => {
                card.money_transactions = Some(transactions(
                    cur,
                    &child,
                    &path.child("moneyTransactions"),
                    skipped,
                )?);
            }
            b"owners" => card.owners = Some(owners(cur, &child, &path.child("owners"), skipped)?),
            _ => cur.skip(&child)?,
        }
    }
    Ok(problems.finish(|| Some(card)))
}

/// `<moneyTransaction>`: the hot path of a large import.
fn transaction<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    _path: &Path<'_>,
    _skipped: &mut Vec<Skipped>,
) -> Result<Item<MoneyTransaction>, ParseError> {
    let mut problems = Problems::default();
    let (mut transaction_on, mut currency_amount) = (None, None);
    let mut tx = MoneyTransaction::default();
    while let Some(child) = cur.next_child(elem)? {
        match child.name() {
            b"transactionOn" => {
                let text = cur.text(&child)?;
                transaction_on = problems.optional("transactionOn", &text, date);
            }
            b"bookedOn" => {
                let text = cur.text(&child)?;
                tx.booked_on = problems.optional("bookedOn", &text, date);
            }
            b"currencyAmount" => {
                let text = cur.text(&child)?;
                currency_amount = problems.optional("currencyAmount", &text, decimal);
            }
            b"currencyBalance" => {
                let text = cur.text(&child)?;
                tx.currency_balance = problems.optional("currencyBalance", &text, decimal);
            }
            b"title" => tx.title = string(cur, &child)?,
            b"party" => tx.party = string(cur, &child)?,
            b"partyIban" => tx.party_iban = string(cur, &child)?,
            b"kind" => tx.kind = string(cur, &child)?,
            b"status" => tx.status = string(cur, &child)?,
            b"variableSymbol" => tx.variable_symbol = string(cur, &child)?,
            b"constantSymbol" => tx.constant_symbol = string(cur, &child)?,
            b"labels" => tx.labels = Some(labels(cur, &child)?),
            _ => cur.skip(&child)?,
        }
    }
    let transaction_on = problems.require("transactionOn", transaction_on);
    let currency_amount = problems.require("currencyAmount", currency_amount);
    Ok(problems.finish(|| {
        Some(MoneyTransaction {
            transaction_on: transaction_on?,
            currency_amount: currency_amount?,
            ..tx
        })
    }))
}

/// `labels/label*`, verbatim.
fn labels<'a>(cur: &mut Cursor<'a>, elem: &Elem<'a>) -> Result<Vec<String>, ParseError> {
    let mut labels = Vec::new();
    while let Some(child) = cur.next_child(elem)? {
        if child.name() == b"label" {
            labels.push(cur.text(&child)?.into_owned());
        } else {
            cur.skip(&child)?;
        }
    }
    Ok(labels)
}
