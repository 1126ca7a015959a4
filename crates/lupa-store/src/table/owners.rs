//! `owners`: the owners each import listed, for the import itself, an account or a card.

use lupa_kontomatik::model::Owner;
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;

use crate::codec::{date_text, get_date_opt};
use crate::error::Result;
use crate::ids::{ImportId, OwnerId};
use ts_rs::TS;

/// What an owner belongs to within its import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub enum OwnerOf {
    /// `result/owners`.
    Import,
    /// An account snapshot's `owners` (id of the `account_snapshots` row).
    Account(i64),
    /// A card snapshot's `owners` (id of the `card_snapshots` row).
    Card(i64),
}

/// An owner row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct OwnerRow {
    /// Id.
    pub id: OwnerId,
    /// The import that listed it.
    pub import_id: ImportId,
    /// Where it was listed.
    pub of: OwnerOf,
    /// Its index in that list.
    pub position: i64,
    /// Every field as received.
    pub owner: Owner,
}

const SELECT: &str = "SELECT id, import_id, account_snapshot_id, card_snapshot_id, position, name, \
     address, polish_pesel, polish_nip, polish_regon, phone, email, citizenship, nationality, \
     personal_document_type, personal_document_number, birth_date, birth_place, kind FROM owners";
const INSERT: &str = "INSERT INTO owners (import_id, account_snapshot_id, card_snapshot_id, \
     position, name, address, polish_pesel, polish_nip, polish_regon, phone, email, citizenship, \
     nationality, personal_document_type, personal_document_number, birth_date, birth_place, kind) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
const DELETE_FOR_IMPORT: &str = "DELETE FROM owners WHERE import_id = ?1";

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<OwnerRow> {
    let account: Option<i64> = row.get(2)?;
    let card: Option<i64> = row.get(3)?;
    let of = match (account, card) {
        (Some(id), _) => OwnerOf::Account(id),
        (None, Some(id)) => OwnerOf::Card(id),
        (None, None) => OwnerOf::Import,
    };
    Ok(OwnerRow {
        id: row.get(0)?,
        import_id: row.get(1)?,
        of,
        position: row.get(4)?,
        owner: Owner {
            name: row.get(5)?,
            address: row.get(6)?,
            polish_pesel: row.get(7)?,
            polish_nip: row.get(8)?,
            polish_regon: row.get(9)?,
            phone: row.get(10)?,
            email: row.get(11)?,
            citizenship: row.get(12)?,
            nationality: row.get(13)?,
            personal_document_type: row.get(14)?,
            personal_document_number: row.get(15)?,
            birth_date: get_date_opt(row, 16)?,
            birth_place: row.get(17)?,
            kind: row.get(18)?,
        },
    })
}

/// Stores a list of owners.
pub(crate) fn insert_all(
    tx: &Transaction<'_>,
    import_id: ImportId,
    of: OwnerOf,
    owners: &[Owner],
) -> Result<()> {
    let (account, card) = match of {
        OwnerOf::Import => (None, None),
        OwnerOf::Account(id) => (Some(id), None),
        OwnerOf::Card(id) => (None, Some(id)),
    };
    let mut stmt = tx.prepare_cached(INSERT)?;
    for (position, owner) in owners.iter().enumerate() {
        stmt.execute(params![
            import_id,
            account,
            card,
            position as i64,
            owner.name,
            owner.address,
            owner.polish_pesel,
            owner.polish_nip,
            owner.polish_regon,
            owner.phone,
            owner.email,
            owner.citizenship,
            owner.nationality,
            owner.personal_document_type,
            owner.personal_document_number,
            owner.birth_date.map(date_text),
            owner.birth_place,
            owner.kind,
        ])?;
    }
    Ok(())
}

/// Every owner an import listed, by list and position.
pub fn for_import(conn: &Connection, import_id: ImportId) -> Result<Vec<OwnerRow>> {
    let sql = format!(
        "{SELECT} WHERE import_id = ?1 \
         ORDER BY account_snapshot_id NULLS FIRST, card_snapshot_id NULLS FIRST, position"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([import_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Deletes an import's owners (re-ingest).
pub(crate) fn delete_for_import(tx: &Transaction<'_>, import_id: ImportId) -> Result<()> {
    tx.prepare_cached(DELETE_FOR_IMPORT)?.execute([import_id])?;
    Ok(())
}
