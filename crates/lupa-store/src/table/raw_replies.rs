//! `raw_replies`: every reply exactly as received (F-STO-2), zstd-compressed, with its SHA-256.

use chrono::{DateTime, Utc};
use lupa_kontomatik::client::RawReply;
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::codec::{get_instant, instant_text};
use crate::error::{Error, Result};
use crate::ids::{ImportId, RawReplyId};

/// zstd level: level 1 compresses a 70 MB reply ~40× in ~45 ms; higher levels gain little on
/// this XML and cost twice the time.
const ZSTD_LEVEL: i32 = 1;

/// A stored raw reply's metadata (the body is read with [`body`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawReplyRow {
    /// Id.
    pub id: RawReplyId,
    /// Its import.
    pub import_id: ImportId,
    /// Method and path, e.g. `GET /v1/command/455026009.xml`; `FILE` for an imported file.
    pub call: String,
    /// HTTP status; 0 for a file.
    pub http_status: u16,
    /// When it was received (or read from the file).
    pub received_at: DateTime<Utc>,
    /// Lower-case hex SHA-256 of the uncompressed body: the evidence appendix's content hash.
    pub sha256: String,
    /// Uncompressed length in bytes.
    pub body_length: u64,
    /// Stored (compressed) length in bytes.
    pub stored_length: u64,
}

const SELECT: &str = "SELECT id, import_id, call, http_status, received_at, sha256, body_length, \
     length(body) FROM raw_replies";
const INSERT: &str = "INSERT INTO raw_replies (import_id, call, http_status, received_at, sha256, \
     body_length, compression, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'zstd', ?7)";
const BODY: &str = "SELECT sha256, body_length, compression, body FROM raw_replies WHERE id = ?1";

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<RawReplyRow> {
    Ok(RawReplyRow {
        id: row.get(0)?,
        import_id: row.get(1)?,
        call: row.get(2)?,
        http_status: row.get(3)?,
        received_at: get_instant(row, 4)?,
        sha256: row.get(5)?,
        body_length: row.get::<_, i64>(6)?.unsigned_abs(),
        stored_length: row.get::<_, i64>(7)?.unsigned_abs(),
    })
}

/// A body prepared for storage, computed outside the write transaction.
pub(crate) struct Packed {
    pub sha256: String,
    pub compressed: Vec<u8>,
}

/// Hashes and compresses a body.
pub(crate) fn pack(body: &[u8]) -> Result<Packed> {
    let sha256 = hex::encode(Sha256::digest(body));
    let compressed = zstd::bulk::compress(body, ZSTD_LEVEL)?;
    Ok(Packed { sha256, compressed })
}

/// Stores a packed reply.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    import_id: ImportId,
    reply: &RawReply,
    packed: &Packed,
) -> Result<RawReplyId> {
    tx.prepare_cached(INSERT)?.execute(params![
        import_id,
        reply.call,
        reply.http_status,
        instant_text(reply.received_at),
        packed.sha256,
        reply.body.len() as i64,
        packed.compressed,
    ])?;
    Ok(RawReplyId(tx.last_insert_rowid()))
}

/// An import's raw replies, in the order they were stored.
pub fn for_import(conn: &Connection, import_id: ImportId) -> Result<Vec<RawReplyRow>> {
    let sql = format!("{SELECT} WHERE import_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([import_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A reply's body, decompressed and checked against its stored SHA-256.
pub fn body(conn: &Connection, id: RawReplyId) -> Result<Vec<u8>> {
    let (sha256, length, compression, compressed): (String, i64, String, Vec<u8>) = super::found(
        conn.prepare_cached(BODY)?.query_row([id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        }),
        "raw reply",
        id.0,
    )?;
    if compression != "zstd" {
        return Err(Error::Corrupt(format!(
            "raw reply {id}: unknown compression"
        )));
    }
    unpack(&compressed, length, &sha256)
        .map_err(|reason| Error::Corrupt(format!("raw reply {id}: {reason}")))
}

/// Decompresses a stored body and checks its length and SHA-256; the error is the reason.
pub(crate) fn unpack(compressed: &[u8], length: i64, sha256: &str) -> Result<Vec<u8>, String> {
    let capacity = usize::try_from(length).map_err(|_| format!("length {length}"))?;
    let body = zstd::bulk::decompress(compressed, capacity).map_err(|error| error.to_string())?;
    if body.len() != capacity || hex::encode(Sha256::digest(&body)) != sha256 {
        return Err("body does not match its SHA-256".to_owned());
    }
    Ok(body)
}
