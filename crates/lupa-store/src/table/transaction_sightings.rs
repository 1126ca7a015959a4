//! `sighting_lists`: what each import saw of each transaction (status, booking date, balance,
//! descriptive-field hash), so diffs compare any two imports and an import's reply can be
//! re-derived with its own values.
//!
//! One row per import holds its sightings as one postcard blob, per account or card in reply
//! order. A sighting is only ever read with the rest of its import's (a diff, a re-derivation, an
//! import filter), so a B-tree entry per sighting bought nothing, and writing 100 000 of them was
//! a fifth of an ingest (see docs/performance.md, issue 3).

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::codec::from_minor;
use crate::error::{Error, Result};
use crate::ids::{AccountId, CardId, CaseId, ImportId, TransactionId};

/// A sighting: one transaction as one import saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SightingRow {
    /// The import.
    pub import_id: ImportId,
    /// The transaction it saw.
    pub transaction_id: TransactionId,
    /// Index in its account's or card's transaction list in the reply.
    pub position: i64,
    /// `status` as that import saw it.
    pub status: Option<String>,
    /// Pending in that import.
    pub pending: bool,
    /// `bookedOn` as that import saw it.
    pub booked_on: Option<NaiveDate>,
    /// `currencyBalance` as that import saw it.
    pub balance_after: Option<Decimal>,
    /// 64 bits of SHA-256 over the descriptive fields that import saw.
    pub details_hash: i64,
}

/// One account's or card's sightings by one import, in reply order (`position` = index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSightings {
    /// The account (exactly one of `account_id` and `card_id` is set).
    pub account_id: Option<AccountId>,
    /// The card.
    pub card_id: Option<CardId>,
    /// Its transactions as the import saw them.
    pub seen: Vec<SightingRow>,
}

/// A sighting as the ingest writes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Seen {
    pub transaction_id: i64,
    pub status: Option<String>,
    pub pending: bool,
    /// Days from 0001-01-01 (CE day 1).
    pub booked_on: Option<i32>,
    pub balance_after_minor: Option<i64>,
    pub details_hash: i64,
}

impl Seen {
    /// The stored form of a booking date.
    pub fn day(date: NaiveDate) -> i32 {
        date.num_days_from_ce()
    }
}

/// One source's list as the ingest writes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SeenList {
    pub account_id: Option<i64>,
    pub card_id: Option<i64>,
    pub seen: Vec<Seen>,
}

/// The blob's layout version; a reader refuses any other.
const FORMAT: u8 = 1;

#[derive(Serialize, Deserialize)]
struct Blob<L> {
    format: u8,
    lists: L,
}

const INSERT: &str = "INSERT INTO sighting_lists (import_id, transaction_count, body) \
     VALUES (?1, ?2, ?3)";
const FOR_IMPORT: &str = "SELECT body FROM sighting_lists WHERE import_id = ?1";
const FOR_CASE: &str = "SELECT l.import_id, l.body FROM sighting_lists l \
     JOIN imports i ON i.id = l.import_id WHERE i.case_id = ?1 ORDER BY l.import_id";
const ALL: &str = "SELECT import_id, transaction_count, body FROM sighting_lists \
     ORDER BY import_id";
const DELETE_FOR_IMPORT: &str = "DELETE FROM sighting_lists WHERE import_id = ?1";

/// Stores an import's sightings (one row, replacing none: re-ingest deletes first).
pub(crate) fn insert(tx: &Transaction<'_>, import_id: ImportId, lists: &[SeenList]) -> Result<()> {
    let count: usize = lists.iter().map(|list| list.seen.len()).sum();
    let body = postcard::to_allocvec(&Blob {
        format: FORMAT,
        lists,
    })
    .map_err(|error| Error::Corrupt(format!("cannot encode the sightings: {error}")))?;
    tx.prepare_cached(INSERT)?
        .execute(params![import_id, count as i64, body])?;
    Ok(())
}

fn decode(import_id: ImportId, body: &[u8]) -> Result<Vec<SourceSightings>> {
    let corrupt = |why: String| {
        Error::Corrupt(format!(
            "the sightings of import {} do not decode: {why}",
            import_id.0
        ))
    };
    let blob: Blob<Vec<SeenList>> =
        postcard::from_bytes(body).map_err(|error| corrupt(error.to_string()))?;
    if blob.format != FORMAT {
        return Err(corrupt(format!("unknown format {}", blob.format)));
    }
    blob.lists
        .into_iter()
        .map(|list| {
            let seen = list
                .seen
                .into_iter()
                .enumerate()
                .map(|(position, seen)| {
                    let booked_on = seen
                        .booked_on
                        .map(|day| {
                            NaiveDate::from_num_days_from_ce_opt(day)
                                .ok_or_else(|| corrupt(format!("day {day} is out of range")))
                        })
                        .transpose()?;
                    Ok(SightingRow {
                        import_id,
                        transaction_id: TransactionId(seen.transaction_id),
                        position: position as i64,
                        status: seen.status,
                        pending: seen.pending,
                        booked_on,
                        balance_after: seen.balance_after_minor.map(from_minor),
                        details_hash: seen.details_hash,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(SourceSightings {
                account_id: list.account_id.map(AccountId),
                card_id: list.card_id.map(CardId),
                seen,
            })
        })
        .collect()
}

/// An import's sightings, per account or card; empty when it has none (not saved).
pub(crate) fn for_import(conn: &Connection, import_id: ImportId) -> Result<Vec<SourceSightings>> {
    let body: Option<Vec<u8>> = conn
        .prepare_cached(FOR_IMPORT)?
        .query_row([import_id], |row| row.get(0))
        .optional()?;
    body.map_or(Ok(Vec::new()), |body| decode(import_id, &body))
}

/// The sightings of every import of a case, by import.
pub(crate) fn for_case(
    conn: &Connection,
    case_id: CaseId,
) -> Result<Vec<(ImportId, Vec<SourceSightings>)>> {
    let mut stmt = conn.prepare_cached(FOR_CASE)?;
    let mut rows = stmt.query([case_id])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let import_id: ImportId = row.get(0)?;
        let body: Vec<u8> = row.get(1)?;
        out.push((import_id, decode(import_id, &body)?));
    }
    Ok(out)
}

/// One stored list as the integrity check reads it.
pub(crate) struct StoredList {
    pub import_id: ImportId,
    /// The count column, written with the blob.
    pub transaction_count: i64,
    /// The decoded lists, or why they do not decode.
    pub lists: Result<Vec<SourceSightings>>,
}

/// Every import's sightings (the integrity check).
pub(crate) fn all(conn: &Connection) -> Result<Vec<StoredList>> {
    let mut stmt = conn.prepare(ALL)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let import_id: ImportId = row.get(0)?;
        let body: Vec<u8> = row.get(2)?;
        out.push(StoredList {
            import_id,
            transaction_count: row.get(1)?,
            lists: decode(import_id, &body),
        });
    }
    Ok(out)
}

/// Deletes an import's sightings (re-ingest).
pub(crate) fn delete_for_import(tx: &Transaction<'_>, import_id: ImportId) -> Result<()> {
    tx.prepare_cached(DELETE_FOR_IMPORT)?.execute([import_id])?;
    Ok(())
}

/// Migration 0007's step: converts the rows of the old `transaction_sightings` table (one per
/// sighting) into one list per import, then drops that table. A row whose transaction is
/// missing (which the integrity check reported as a problem) has no account or card to go
/// under and is dropped.
pub(crate) fn convert_rows_to_lists(tx: &Transaction<'_>) -> Result<()> {
    let mut lists: Vec<(ImportId, Vec<SeenList>)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT s.import_id, t.account_id, t.card_id, s.transaction_id, s.status, s.pending, \
             s.booked_on, s.balance_after_minor, s.details_hash FROM transaction_sightings s \
             JOIN transactions t ON t.id = s.transaction_id \
             ORDER BY s.import_id, t.account_id, t.card_id, s.position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let import_id: ImportId = row.get(0)?;
            let account_id: Option<i64> = row.get(1)?;
            let card_id: Option<i64> = row.get(2)?;
            let booked_on = crate::codec::get_date_opt(row, 6)?.map(Seen::day);
            let seen = Seen {
                transaction_id: row.get(3)?,
                status: row.get(4)?,
                pending: row.get(5)?,
                booked_on,
                balance_after_minor: row.get(7)?,
                details_hash: row.get(8)?,
            };
            if lists.last().is_none_or(|(import, _)| *import != import_id) {
                lists.push((import_id, Vec::new()));
            }
            let (_, sources) = lists.last_mut().expect("pushed above");
            match sources.last_mut() {
                Some(list) if list.account_id == account_id && list.card_id == card_id => {
                    list.seen.push(seen);
                }
                _ => sources.push(SeenList {
                    account_id,
                    card_id,
                    seen: vec![seen],
                }),
            }
        }
    }
    for (import_id, sources) in &lists {
        insert(tx, *import_id, sources)?;
    }
    tx.execute_batch("DROP TABLE transaction_sightings;")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_round_trips_and_positions_follow_the_reply_order() {
        let lists = vec![
            SeenList {
                account_id: Some(3),
                card_id: None,
                seen: vec![
                    Seen {
                        transaction_id: 10,
                        status: Some("PENDING".into()),
                        pending: true,
                        booked_on: None,
                        balance_after_minor: Some(-1234),
                        details_hash: i64::MIN,
                    },
                    Seen {
                        transaction_id: 7,
                        status: None,
                        pending: false,
                        booked_on: Some(Seen::day(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap())),
                        balance_after_minor: None,
                        details_hash: 42,
                    },
                ],
            },
            SeenList {
                account_id: None,
                card_id: Some(1),
                seen: Vec::new(),
            },
        ];
        let body = postcard::to_allocvec(&Blob {
            format: FORMAT,
            lists: &lists,
        })
        .unwrap();
        let decoded = decode(ImportId(5), &body).unwrap();
        assert_eq!(decoded.len(), 2);
        assert_eq!(decoded[0].account_id, Some(AccountId(3)));
        assert_eq!(decoded[1].card_id, Some(CardId(1)));
        let second = &decoded[0].seen[1];
        assert_eq!(second.import_id, ImportId(5));
        assert_eq!(second.transaction_id, TransactionId(7));
        assert_eq!(second.position, 1);
        assert_eq!(second.booked_on, NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(decoded[0].seen[0].balance_after, Some(from_minor(-1234)));
        assert_eq!(decoded[0].seen[0].details_hash, i64::MIN);
    }

    #[test]
    fn a_damaged_or_unknown_blob_is_a_clear_error() {
        let body = postcard::to_allocvec(&Blob::<Vec<SeenList>> {
            format: 9,
            lists: Vec::new(),
        })
        .unwrap();
        let error = decode(ImportId(2), &body).unwrap_err().to_string();
        assert!(
            error.contains("import 2") && error.contains("format 9"),
            "{error}"
        );
        let error = decode(ImportId(2), &[1, 1, 0xff]).unwrap_err().to_string();
        assert!(error.contains("do not decode"), "{error}");
    }
}
