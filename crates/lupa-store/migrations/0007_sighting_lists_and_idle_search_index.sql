-- Two changes that take per-row work out of an import (docs/performance.md, issue 3).

-- 1. An import's sightings as one blob (postcard; layout in src/table/transaction_sightings.rs)
-- instead of one row each: a sighting is only ever read with the rest of its import's. The
-- migration's Rust step converts the rows of `transaction_sightings`, then drops that table.
CREATE TABLE sighting_lists (
    import_id          INTEGER PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
    -- How many sightings the blob holds (the integrity check compares it with the import's).
    transaction_count  INTEGER NOT NULL,
    body               BLOB NOT NULL
) STRICT;

-- 2. The full-text index catches up at idle or before a search instead of inside the import.
-- Rows with an id up to `indexed_upto` are in `transactions_fts`; rows above it are not yet.
-- The triggers therefore only follow deletes and text updates of indexed rows, and the ingest
-- lowers `indexed_upto` to the highest existing id before it inserts, so a reused id (after the
-- newest rows were purged) is never taken for indexed.
CREATE TABLE search_index_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_upto  INTEGER NOT NULL
) STRICT;
INSERT INTO search_index_state (id, indexed_upto)
    VALUES (1, (SELECT coalesce(max(id), 0) FROM transactions));

DROP TRIGGER transactions_fts_delete;
DROP TRIGGER transactions_fts_update;
CREATE TRIGGER transactions_fts_delete AFTER DELETE ON transactions
WHEN old.id <= (SELECT indexed_upto FROM search_index_state) BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, title, party, kind)
    VALUES ('delete', old.id, old.title, old.party, old.kind);
END;
CREATE TRIGGER transactions_fts_update AFTER UPDATE OF title, party, kind ON transactions
WHEN old.id <= (SELECT indexed_upto FROM search_index_state) BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, title, party, kind)
    VALUES ('delete', old.id, old.title, old.party, old.kind);
    INSERT INTO transactions_fts (rowid, title, party, kind) VALUES (new.id, new.title, new.party, new.kind);
END;
