//! [`Store::check_integrity`]: the store's invariants, checked from the data. An empty list
//! means the database is whole: what a crash, a bug or a hand edit broke is named here.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use crate::error::Result;
use crate::ids::{CaseId, ImportId, TransactionId};
use crate::store::Store;
use crate::table::transaction_sightings;
use crate::types::ImportState;

/// Each query returns one text column per problem found.
const CHECKS: &[(&str, &str)] = &[
    (
        "transaction with an unknown first or last import",
        "SELECT 'transaction ' || t.id FROM transactions t \
         WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = t.first_import_id AND i.case_id = t.case_id) \
            OR NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = t.last_import_id AND i.case_id = t.case_id)",
    ),
    (
        "transaction in another case than its account or card",
        "SELECT 'transaction ' || t.id FROM transactions t \
         LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN credit_cards c ON c.id = t.card_id \
         WHERE coalesce(a.case_id, c.case_id) IS NOT t.case_id",
    ),
    (
        "transaction outside its case's id range",
        "SELECT 'transaction ' || t.id FROM transactions t JOIN cases c ON c.id = t.case_id \
         WHERE c.first_transaction_id IS NULL OR t.id < c.first_transaction_id \
            OR t.id > c.last_transaction_id",
    ),
    (
        "account or card with an unknown first or last import",
        "SELECT 'account ' || a.id FROM accounts a WHERE \
             a.first_import_id NOT IN (SELECT id FROM imports WHERE case_id = a.case_id) \
          OR a.last_import_id NOT IN (SELECT id FROM imports WHERE case_id = a.case_id) \
         UNION ALL SELECT 'card ' || c.id FROM credit_cards c WHERE \
             c.first_import_id NOT IN (SELECT id FROM imports WHERE case_id = c.case_id) \
          OR c.last_import_id NOT IN (SELECT id FROM imports WHERE case_id = c.case_id)",
    ),
    (
        "account or card no import lists",
        "SELECT 'account ' || a.id FROM accounts a WHERE NOT EXISTS \
         (SELECT 1 FROM account_snapshots s WHERE s.account_id = a.id) \
         UNION ALL SELECT 'card ' || c.id FROM credit_cards c WHERE NOT EXISTS \
         (SELECT 1 FROM card_snapshots s WHERE s.card_id = c.id)",
    ),
    (
        "saved import without a raw reply",
        "SELECT 'import ' || i.id FROM imports i WHERE i.state = 'saved' AND NOT EXISTS \
         (SELECT 1 FROM raw_replies r WHERE r.import_id = i.id)",
    ),
    (
        "derived rows of an import that is not saved",
        "SELECT 'import ' || i.id FROM imports i WHERE i.state <> 'saved' AND ( \
             EXISTS (SELECT 1 FROM sighting_lists l WHERE l.import_id = i.id) \
          OR EXISTS (SELECT 1 FROM account_snapshots s WHERE s.import_id = i.id) \
          OR EXISTS (SELECT 1 FROM card_snapshots s WHERE s.import_id = i.id) \
          OR EXISTS (SELECT 1 FROM owners o WHERE o.import_id = i.id))",
    ),
    (
        "import in another environment than its case",
        "SELECT 'import ' || i.id FROM imports i JOIN cases c ON c.id = i.case_id \
         WHERE i.environment <> c.environment",
    ),
    (
        "used session pointing at a missing import",
        "SELECT 'session row ' || u.id FROM used_sessions u WHERE u.import_id IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = u.import_id)",
    ),
];

/// The checks of the sightings, which are stored as one blob per import: every list decodes
/// and agrees with its import's count, every sighting's transaction exists in the import's case,
/// and every transaction is seen by some import.
fn sighting_problems(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let case_of: HashMap<TransactionId, CaseId> = conn
        .prepare("SELECT id, case_id FROM transactions")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let imports: HashMap<ImportId, (CaseId, String, Option<i64>)> = conn
        .prepare("SELECT id, case_id, state, transaction_count FROM imports")?
        .query_map([], |row| {
            Ok((row.get(0)?, (row.get(1)?, row.get(2)?, row.get(3)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut unseen: HashSet<TransactionId> = case_of.keys().copied().collect();
    let mut counted: HashSet<ImportId> = HashSet::new();
    for stored in transaction_sightings::all(conn)? {
        let import = stored.import_id;
        let lists = match stored.lists {
            Ok(lists) => lists,
            Err(error) => {
                problems.push(format!("sightings that do not decode: {error}"));
                continue;
            }
        };
        let seen: Vec<_> = lists.iter().flat_map(|list| &list.seen).collect();
        if seen.len() as i64 != stored.transaction_count {
            problems.push(format!(
                "sightings that do not add up to their own count: import {}",
                import.0
            ));
        }
        if let Some((_, state, expected)) = imports.get(&import)
            && state == ImportState::Saved.as_str()
        {
            counted.insert(import);
            if *expected != Some(seen.len() as i64) {
                problems.push(format!(
                    "saved import whose sightings do not add up to its transaction count: \
                     import {}: {} expected, {} stored",
                    import.0,
                    expected.map_or("NULL".to_owned(), |count| count.to_string()),
                    seen.len()
                ));
            }
        }
        let import_case = imports.get(&import).map(|(case, _, _)| *case);
        for sighting in seen {
            let id = sighting.transaction_id;
            unseen.remove(&id);
            match case_of.get(&id) {
                None => problems.push(format!(
                    "sighting of a missing transaction: import {}, transaction {}",
                    import.0, id.0
                )),
                Some(case) if Some(*case) != import_case => problems.push(format!(
                    "sighting by an import of another case: import {}, transaction {}",
                    import.0, id.0
                )),
                Some(_) => {}
            }
        }
    }
    let mut without_list: Vec<_> = imports
        .iter()
        .filter(|(import, (_, state, expected))| {
            state == ImportState::Saved.as_str()
                && !counted.contains(import)
                && *expected != Some(0)
        })
        .collect();
    without_list.sort_by_key(|(import, _)| **import);
    for (import, (_, _, expected)) in without_list {
        problems.push(format!(
            "saved import whose sightings do not add up to its transaction count: \
             import {}: {} expected, 0 stored",
            import.0,
            expected.map_or("NULL".to_owned(), |count| count.to_string()),
        ));
    }
    let mut unseen: Vec<_> = unseen.into_iter().collect();
    unseen.sort();
    for id in unseen {
        problems.push(format!("transaction no import sees: transaction {}", id.0));
    }
    Ok(())
}

fn collect(conn: &Connection, sql: &str, problems: &mut Vec<String>, label: &str) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let detail: String = row.get(0)?;
        problems.push(format!("{label}: {detail}"));
    }
    Ok(())
}

impl Store {
    /// Checks SQLite's own integrity, foreign keys, the FTS index against the transactions, and
    /// the store's invariants (no orphans, every saved import has its raw reply and all its
    /// sightings). Returns one line per problem; empty when all is well.
    pub fn check_integrity(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let line: String = row.get(0)?;
            if line != "ok" {
                problems.push(format!("integrity_check: {line}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let table: String = row.get(0)?;
            let rowid: Option<i64> = row.get(1)?;
            let parent: String = row.get(2)?;
            problems.push(format!(
                "foreign_key_check: {table} row {} refers to a missing {parent}",
                rowid.map_or("?".to_owned(), |id| id.to_string())
            ));
        }
        // The index is checked against the rows, so the rows waiting for it are indexed first.
        crate::search_index::catch_up(&self.conn)?;
        if let Err(error) = self.conn.execute(
            "INSERT INTO transactions_fts (transactions_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            problems.push(format!(
                "full-text index out of sync with transactions: {error}"
            ));
        }
        for (label, sql) in CHECKS {
            collect(&self.conn, sql, &mut problems, label)?;
        }
        sighting_problems(&self.conn, &mut problems)?;
        Ok(problems)
    }
}
