//! Matching one account's or card's incoming transactions against the stored ones (F-STO-4).
//!
//! Pass 1 matches by fingerprint (source, date, amount, currency, normalised title, balance
//! after, occurrence). Rows store 64 bits of it, so a stored row matches only if its date,
//! amount, normalised title and balance are equal too: a 64-bit collision can at most pair two
//! transactions that agree on everything but the occurrence counter, i.e. identical twins. Pass 2 pairs what is left by (date, amount, normalised title) when at
//! least one side is pending: a pending transaction that got booked (new booking date and
//! balance) updates its row instead of adding one. Pass 2 also pairs a transaction that comes
//! without a balance (an account history parsed from a PDF prints none) with a stored one that
//! has it; that row keeps its values. Everything unmatched is inserted. A stored row is matched at
//! most once per import, so nothing is ever duplicated or merged.

use std::collections::HashMap;

use chrono::NaiveDate;

use lupa_kontomatik::model::MoneyTransaction;
use lupa_kontomatik::protocol::STATUS_DONE;
use rusqlite::{Transaction, params};

use crate::codec::{date_text, labels_text, to_minor, to_minor_opt};
use crate::error::Result;
use crate::fingerprint::{
    MatchKey, details_hash, fingerprint, normalize_title, stored_fingerprint,
};
use crate::ids::{AccountId, CardId, CaseId, ImportId, TransactionId};
use crate::table::transaction_sightings::{Seen, SeenList};
use crate::table::transactions::{self, Stored};

/// Where a list of transactions comes from.
pub(crate) struct Source<'a> {
    pub case_id: CaseId,
    pub import_id: ImportId,
    pub account_id: Option<AccountId>,
    pub card_id: Option<CardId>,
    /// The account's IBAN or the card's identity: part of every fingerprint.
    pub key: String,
    pub currency: &'a str,
}

/// What matching did, summed over sources.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub seen: usize,
    pub inserted: usize,
    pub matched: usize,
    pub pending_matched: usize,
    pub pending_to_booked: usize,
    /// The lowest and highest id of the inserted rows.
    pub inserted_ids: Option<(i64, i64)>,
}

/// Pending means a status other than `DONE` (protocol decision; no status means booked).
pub(crate) fn is_pending(tx: &MoneyTransaction) -> bool {
    tx.status
        .as_deref()
        .is_some_and(|status| status != STATUS_DONE)
}

struct Incoming<'a> {
    tx: &'a MoneyTransaction,
    key: MatchKey,
    /// [`stored_fingerprint`] of the full fingerprint.
    fingerprint: i64,
    balance_minor: Option<i64>,
    pending: bool,
    details_hash: i64,
    /// [`labels_text`], computed on the hashing threads.
    labels: Option<String>,
}

/// What [`prepare`] computes of one transaction without looking at the others.
struct Hashed {
    key: MatchKey,
    balance_minor: Option<i64>,
    /// The fingerprint with occurrence 0.
    first: [u8; 32],
    details_hash: i64,
    pending: bool,
    labels: Option<String>,
}

fn hash_row(source: &Source<'_>, tx: &MoneyTransaction) -> Result<Hashed> {
    let key = MatchKey {
        transaction_on: tx.transaction_on,
        amount_minor: to_minor(tx.currency_amount, "moneyTransaction/currencyAmount")?,
        title: normalize_title(tx.title.as_deref()),
    };
    let balance_minor = to_minor_opt(tx.currency_balance, "moneyTransaction/currencyBalance")?;
    let first = fingerprint(&source.key, &key, source.currency, balance_minor, 0);
    Ok(Hashed {
        key,
        balance_minor,
        first,
        details_hash: details_hash(tx),
        pending: is_pending(tx),
        labels: labels_text(tx.labels.as_ref()),
    })
}

/// Lists at least this long are hashed in two halves on two threads (the second core is
/// otherwise idle during an ingest; 100 000 transactions: ~0.18 s of normalising and hashing).
const HASH_IN_TWO_FROM: usize = 8192;

fn hash_all(source: &Source<'_>, list: &[MoneyTransaction]) -> Result<Vec<Hashed>> {
    // Short lists first: `available_parallelism` reads the cgroup's CPU quota on Linux.
    if list.len() < HASH_IN_TWO_FROM
        || !std::thread::available_parallelism().is_ok_and(|cores| cores.get() > 1)
    {
        return list.iter().map(|tx| hash_row(source, tx)).collect();
    }
    let (front, back) = list.split_at(list.len() / 2);
    std::thread::scope(|scope| {
        let back = scope.spawn(|| {
            back.iter()
                .map(|tx| hash_row(source, tx))
                .collect::<Result<Vec<_>>>()
        });
        let front = front
            .iter()
            .map(|tx| hash_row(source, tx))
            .collect::<Result<Vec<_>>>();
        let back = back
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut rows = front?;
        rows.extend(back?);
        Ok(rows)
    })
}

fn prepare<'a>(source: &Source<'_>, list: &'a [MoneyTransaction]) -> Result<Vec<Incoming<'a>>> {
    let hashed = hash_all(source, list)?;
    // Identical transactions of one list get occurrence 1, 2, …: in list order, so sequential.
    let mut occurrences: HashMap<[u8; 32], u32> = HashMap::with_capacity(list.len());
    Ok(list
        .iter()
        .zip(hashed)
        .map(|(tx, hashed)| {
            let seen = occurrences.entry(hashed.first).or_insert(0);
            let fingerprint = match *seen {
                0 => hashed.first,
                occurrence => fingerprint(
                    &source.key,
                    &hashed.key,
                    source.currency,
                    hashed.balance_minor,
                    occurrence,
                ),
            };
            *seen += 1;
            Incoming {
                tx,
                key: hashed.key,
                fingerprint: stored_fingerprint(&fingerprint),
                balance_minor: hashed.balance_minor,
                pending: hashed.pending,
                details_hash: hashed.details_hash,
                labels: hashed.labels,
            }
        })
        .collect())
}

#[derive(Clone, Copy)]
enum Match {
    New,
    Fingerprint(usize),
    Pending(usize),
    /// Paired by date, amount and title because the incoming side has no balance.
    Unbalanced(usize),
}

fn match_all(incoming: &[Incoming<'_>], stored: &[Stored]) -> Vec<Match> {
    let mut matches = vec![Match::New; incoming.len()];
    if stored.is_empty() {
        return matches;
    }
    let mut used = vec![false; stored.len()];
    // Unique per account or card and date (the unique index).
    let by_fingerprint: HashMap<(NaiveDate, i64), usize> = stored
        .iter()
        .enumerate()
        .map(|(index, row)| ((row.transaction_on, row.fingerprint), index))
        .collect();
    for (slot, inc) in matches.iter_mut().zip(incoming) {
        if let Some(&index) = by_fingerprint.get(&(inc.key.transaction_on, inc.fingerprint))
            && !used[index]
            && same_fingerprinted_fields(&stored[index], inc)
        {
            used[index] = true;
            *slot = Match::Fingerprint(index);
        }
    }
    if !matches.iter().any(|slot| matches!(slot, Match::New)) {
        return matches;
    }
    let mut by_key: HashMap<MatchKey, Vec<usize>> = HashMap::new();
    for (index, row) in stored.iter().enumerate().filter(|(index, _)| !used[*index]) {
        let key = MatchKey {
            transaction_on: row.transaction_on,
            amount_minor: row.amount_minor,
            title: normalize_title(row.title.as_deref()),
        };
        by_key.entry(key).or_default().push(index);
    }
    for (slot, inc) in matches.iter_mut().zip(incoming) {
        if !matches!(slot, Match::New) {
            continue;
        }
        let Some(candidates) = by_key.get(&inc.key) else {
            continue;
        };
        let found = candidates
            .iter()
            .copied()
            .find(|&index| !used[index] && (stored[index].pending || inc.pending));
        if let Some(index) = found {
            used[index] = true;
            *slot = Match::Pending(index);
            continue;
        }
        if inc.balance_minor.is_none() {
            let found = candidates
                .iter()
                .copied()
                .find(|&index| !used[index] && stored[index].balance_after_minor.is_some());
            if let Some(index) = found {
                used[index] = true;
                *slot = Match::Unbalanced(index);
            }
        }
    }
    matches
}

/// Whether a stored row whose 64-bit fingerprint equals an incoming one's also agrees on the
/// fields the fingerprint covers (the source and the date are equal already).
fn same_fingerprinted_fields(row: &Stored, inc: &Incoming<'_>) -> bool {
    row.amount_minor == inc.key.amount_minor
        && row.balance_after_minor == inc.balance_minor
        && normalize_title(row.title.as_deref()) == inc.key.title
}

/// One source's transactions, matched against the stored ones and ready to write.
pub(crate) struct Plan<'a> {
    source: Source<'a>,
    incoming: Vec<Incoming<'a>>,
    stored: Vec<Stored>,
    matches: Vec<Match>,
}

/// Prepares and matches one source's transactions (no writes).
pub(crate) fn plan<'a>(
    tx: &Transaction<'_>,
    source: Source<'a>,
    list: &'a [MoneyTransaction],
) -> Result<Plan<'a>> {
    let incoming = prepare(&source, list)?;
    let (sql, source_id) = match (source.account_id, source.card_id) {
        (Some(account), _) => (transactions::FOR_MATCH_ACCOUNT, account.0),
        (None, Some(card)) => (transactions::FOR_MATCH_CARD, card.0),
        (None, None) => unreachable!("a source is an account or a card"),
    };
    let mut select = tx.prepare_cached(sql)?;
    let stored = transactions::for_match(&mut select, source_id)?;
    let matches = match_all(&incoming, &stored);
    Ok(Plan {
        source,
        incoming,
        stored,
        matches,
    })
}

/// Writes every planned transaction, oldest first across all sources: new rows then get ids in
/// date order and the date indexes are appended to at their right edge (packed pages) instead of
/// split at the left (the wire is newest first). Returns this import's sightings of them, per
/// source in reply order, for [`crate::table::transaction_sightings::insert`].
pub(crate) fn write(
    tx: &Transaction<'_>,
    plans: &[Plan<'_>],
    counts: &mut Counts,
) -> Result<Vec<SeenList>> {
    let mut order: Vec<(usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(plan, p)| (0..p.incoming.len()).map(move |position| (plan, position)))
        .collect();
    order.sort_by_key(|&(plan, position)| {
        let day = plans[plan].incoming[position].key.transaction_on;
        (day, plan, std::cmp::Reverse(position))
    });
    let mut ids: Vec<Vec<TransactionId>> = plans
        .iter()
        .map(|plan| vec![TransactionId(0); plan.incoming.len()])
        .collect();
    let mut insert = tx.prepare_cached(transactions::INSERT)?;
    for (plan, position) in order {
        let Plan {
            source,
            incoming,
            stored,
            matches,
        } = &plans[plan];
        let inc = &incoming[position];
        let booked_on = inc.tx.booked_on.map(date_text);
        ids[plan][position] = match matches[position] {
            Match::New => {
                insert.execute(params![
                    source.case_id,
                    source.account_id,
                    source.card_id,
                    date_text(inc.key.transaction_on),
                    booked_on,
                    inc.key.amount_minor,
                    source.currency,
                    inc.balance_minor,
                    inc.tx.title,
                    inc.tx.party,
                    inc.tx.party_iban,
                    inc.tx.kind,
                    inc.tx.status,
                    inc.labels,
                    inc.tx.variable_symbol,
                    inc.tx.constant_symbol,
                    inc.pending,
                    inc.fingerprint,
                    inc.details_hash,
                    source.import_id,
                ])?;
                counts.inserted += 1;
                let id = tx.last_insert_rowid();
                counts.inserted_ids = Some(match counts.inserted_ids {
                    None => (id, id),
                    Some((first, last)) => (first.min(id), last.max(id)),
                });
                TransactionId(id)
            }
            Match::Unbalanced(index) => {
                let row = &stored[index];
                tx.prepare_cached(transactions::UPDATE_SEEN)?
                    .execute(params![row.id, source.import_id])?;
                counts.pending_matched += 1;
                row.id
            }
            found @ (Match::Fingerprint(index) | Match::Pending(index)) => {
                let row = &stored[index];
                update(tx, source.import_id, inc, row, booked_on.as_deref())?;
                if matches!(found, Match::Pending(_)) {
                    counts.pending_matched += 1;
                } else {
                    counts.matched += 1;
                }
                if row.pending && !inc.pending {
                    counts.pending_to_booked += 1;
                }
                row.id
            }
        };
        counts.seen += 1;
    }
    Ok(plans
        .iter()
        .zip(ids)
        .map(|(plan, ids)| SeenList {
            account_id: plan.source.account_id.map(|id| id.0),
            card_id: plan.source.card_id.map(|id| id.0),
            seen: plan
                .incoming
                .iter()
                .zip(ids)
                .map(|(inc, id)| Seen {
                    transaction_id: id.0,
                    status: inc.tx.status.clone(),
                    pending: inc.pending,
                    booked_on: inc.tx.booked_on.map(Seen::day),
                    balance_after_minor: inc.balance_minor,
                    details_hash: inc.details_hash,
                })
                .collect(),
        })
        .collect())
}

/// Updates a matched row: the newest import's values win; an older one only widens the range.
fn update(
    tx: &Transaction<'_>,
    import_id: ImportId,
    inc: &Incoming<'_>,
    row: &Stored,
    booked_on: Option<&str>,
) -> Result<()> {
    if import_id < row.last_import_id {
        tx.prepare_cached(transactions::UPDATE_FIRST)?
            .execute(params![row.id, import_id])?;
        return Ok(());
    }
    tx.prepare_cached(transactions::UPDATE_LATEST)?
        .execute(params![
            row.id,
            booked_on,
            inc.balance_minor,
            inc.tx.status,
            inc.pending,
            import_id,
        ])?;
    if row.fingerprint != inc.fingerprint {
        tx.prepare_cached(transactions::UPDATE_FINGERPRINT)?
            .execute(params![row.id, inc.fingerprint])?;
    }
    if row.details_hash != inc.details_hash {
        tx.prepare_cached(transactions::UPDATE_DETAILS)?
            .execute(params![
                row.id,
                inc.tx.title,
                inc.tx.party,
                inc.tx.party_iban,
                inc.tx.kind,
                inc.labels,
                inc.tx.variable_symbol,
                inc.tx.constant_symbol,
                inc.details_hash,
            ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
    }

    fn stored(amount_minor: i64, balance: Option<i64>, title: &str) -> Stored {
        Stored {
            id: TransactionId(1),
            fingerprint: 42,
            pending: false,
            transaction_on: day(),
            amount_minor,
            title: Some(title.into()),
            last_import_id: ImportId(1),
            details_hash: 0,
            balance_after_minor: balance,
        }
    }

    #[test]
    fn equal_64_bit_fingerprints_match_only_when_the_fingerprinted_fields_agree() {
        let tx = MoneyTransaction {
            transaction_on: day(),
            title: Some("Biedronka  1234".into()),
            ..MoneyTransaction::default()
        };
        let incoming = || Incoming {
            tx: &tx,
            key: MatchKey {
                transaction_on: day(),
                amount_minor: -1000,
                title: normalize_title(tx.title.as_deref()),
            },
            fingerprint: 42,
            balance_minor: Some(5000),
            pending: false,
            details_hash: 0,
            labels: None,
        };
        let same = stored(-1000, Some(5000), "BIEDRONKA 1234");
        assert!(matches!(
            match_all(&[incoming()], &[same])[0],
            Match::Fingerprint(0)
        ));
        // A collision of the stored 64 bits with a different transaction: a new row.
        for other in [
            stored(-999, Some(5000), "Biedronka 1234"),
            stored(-1000, Some(4999), "Biedronka 1234"),
            stored(-1000, None, "Biedronka 1234"),
            stored(-1000, Some(5000), "Lidl"),
        ] {
            assert!(matches!(match_all(&[incoming()], &[other])[0], Match::New));
        }
    }

    #[test]
    fn hashing_in_two_halves_gives_the_sequential_fingerprints() {
        // 16 384 transactions, each identical to one beside it and to two in the other half.
        let list: Vec<MoneyTransaction> = (0..2 * HASH_IN_TWO_FROM)
            .map(|index| MoneyTransaction {
                transaction_on: day(),
                title: Some(format!("Przelew {}", (index % HASH_IN_TWO_FROM) / 2)),
                currency_amount: rust_decimal::Decimal::new(-100, 2),
                ..MoneyTransaction::default()
            })
            .collect();
        let source = Source {
            case_id: CaseId(1),
            import_id: ImportId(1),
            account_id: Some(AccountId(1)),
            card_id: None,
            key: "PL61109010140000071219812874".into(),
            currency: "PLN",
        };
        let prepared = prepare(&source, &list).unwrap();
        let mut occurrences: HashMap<String, u32> = HashMap::new();
        for (tx, inc) in list.iter().zip(&prepared) {
            let key = MatchKey {
                transaction_on: tx.transaction_on,
                amount_minor: -100,
                title: normalize_title(tx.title.as_deref()),
            };
            let occurrence = occurrences.entry(key.title.clone()).or_insert(0);
            let expected = fingerprint(&source.key, &key, "PLN", None, *occurrence);
            *occurrence += 1;
            assert_eq!(inc.fingerprint, stored_fingerprint(&expected));
            assert_eq!(inc.details_hash, details_hash(tx));
        }
        assert_eq!(occurrences.values().max(), Some(&4));
    }
}
