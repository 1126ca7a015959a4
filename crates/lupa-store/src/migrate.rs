//! Schema migrations: append-only SQL files under `migrations/`, embedded at compile time,
//! tracked with `PRAGMA user_version`, each applied in its own transaction. A migration whose
//! data change SQL cannot express also names a Rust step, run after its SQL in the same
//! transaction.
//!
//! Never edit a shipped migration; add `NNNN_name.sql` and a line below.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// A data change in Rust, run after its migration's SQL, inside the same transaction.
type Step = fn(&Transaction<'_>) -> Result<()>;

/// Every migration in order; migration `i` (0-based) brings the schema to version `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../migrations/0001_initial.sql"),
    ),
    (
        "0002_category_overrides",
        include_str!("../migrations/0002_category_overrides.sql"),
    ),
    (
        "0003_multiple_access",
        include_str!("../migrations/0003_multiple_access.sql"),
    ),
    ("0004_review", include_str!("../migrations/0004_review.sql")),
    ("0005_scores", include_str!("../migrations/0005_scores.sql")),
    (
        "0006_statements",
        include_str!("../migrations/0006_statements.sql"),
    ),
    (
        "0007_sighting_lists_and_idle_search_index",
        include_str!("../migrations/0007_sighting_lists_and_idle_search_index.sql"),
    ),
    (
        "0008_case_transaction_range",
        include_str!("../migrations/0008_case_transaction_range.sql"),
    ),
];

/// The Rust steps, by migration name.
const STEPS: &[(&str, Step)] = &[(
    "0007_sighting_lists_and_idle_search_index",
    crate::table::transaction_sightings::convert_rows_to_lists,
)];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies the missing migrations. The version is read inside each migration's `IMMEDIATE`
/// transaction, so two processes opening the same new file do not both apply it.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        let target = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version > latest_version() {
            return Err(Error::SchemaTooNew {
                found: version,
                supported: latest_version(),
            });
        }
        if version < target {
            tx.execute_batch(sql)?;
            if let Some((_, step)) = STEPS.iter().find(|(step, _)| step == name) {
                step(&tx)?;
            }
            tx.pragma_update(None, "user_version", target)?;
        }
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_without_gaps() {
        for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let expected = format!("{:04}_", index + 1);
            assert!(
                name.starts_with(&expected),
                "{name} should start with {expected}"
            );
            assert!(!sql.trim().is_empty(), "{name} is empty");
        }
        for (name, _) in STEPS {
            assert!(
                MIGRATIONS.iter().any(|(migration, _)| migration == name),
                "the step {name} names no migration"
            );
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let files = std::fs::read_dir(dir).unwrap().count();
        assert_eq!(
            files,
            MIGRATIONS.len(),
            "every file in migrations/ is listed in MIGRATIONS"
        );
    }
}
