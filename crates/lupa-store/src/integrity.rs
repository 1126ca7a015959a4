//! [`Store::check_integrity`]: the store's invariants, checked from the data. An empty list
//! means the database is whole: what a crash, a bug or a hand edit broke is named here.

use rusqlite::Connection;

use crate::error::Result;
use crate::store::Store;

/// Each query returns one text column per problem found.
const CHECKS: &[(&str, &str)] = &[
    (
        "transaction with an unknown first or last import",
        "SELECT 'transaction ' || t.id FROM transactions t \
         WHERE NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = t.first_import_id AND i.case_id = t.case_id) \
            OR NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = t.last_import_id AND i.case_id = t.case_id)",
    ),
    (
        "transaction no import sees",
        "SELECT 'transaction ' || t.id FROM transactions t \
         WHERE t.id NOT IN (SELECT transaction_id FROM transaction_sightings)",
    ),
    (
        "sighting of a missing transaction",
        "SELECT 'import ' || s.import_id || ', transaction ' || s.transaction_id \
         FROM transaction_sightings s WHERE NOT EXISTS \
         (SELECT 1 FROM transactions t WHERE t.id = s.transaction_id)",
    ),
    (
        "transaction in another case than its account or card",
        "SELECT 'transaction ' || t.id FROM transactions t \
         LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN credit_cards c ON c.id = t.card_id \
         WHERE coalesce(a.case_id, c.case_id) IS NOT t.case_id",
    ),
    (
        "sighting by an import of another case",
        "SELECT 'import ' || s.import_id || ', transaction ' || s.transaction_id \
         FROM transaction_sightings s JOIN imports i ON i.id = s.import_id \
         JOIN transactions t ON t.id = s.transaction_id WHERE i.case_id <> t.case_id",
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
        "saved import whose sightings do not add up to its transaction count",
        "SELECT 'import ' || i.id || ': ' || coalesce(i.transaction_count, 'NULL') || ' expected, ' \
             || (SELECT count(*) FROM transaction_sightings s WHERE s.import_id = i.id) || ' stored' \
         FROM imports i WHERE i.state = 'saved' AND i.transaction_count IS NOT \
             (SELECT count(*) FROM transaction_sightings s WHERE s.import_id = i.id)",
    ),
    (
        "derived rows of an import that is not saved",
        "SELECT 'import ' || i.id FROM imports i WHERE i.state <> 'saved' AND ( \
             EXISTS (SELECT 1 FROM transaction_sightings s WHERE s.import_id = i.id) \
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
        Ok(problems)
    }
}
