-- Analyst overrides of a transaction's category and of its inclusion in income (F-ANA-1, F-REV-5).
-- They win over labels and rules; removing the transaction (a purge) removes its override.
CREATE TABLE category_overrides (
    transaction_id    INTEGER PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
    case_id           INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    category          TEXT,
    include_in_income INTEGER CHECK (include_in_income IN (0, 1)),
    set_at            TEXT NOT NULL
) STRICT;
CREATE INDEX category_overrides_case ON category_overrides (case_id);

-- The audit log learns two actions; SQLite cannot alter a CHECK, so the table is rebuilt.
CREATE TABLE audit_log_new (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN (
                  'case_created', 'import_started', 'session_claimed', 'command_started',
                  'raw_reply_saved', 'import_saved', 'import_failed', 'import_reingested',
                  'case_purged', 'override_set', 'override_cleared')),
    case_id   INTEGER,
    import_id INTEGER
) STRICT;
INSERT INTO audit_log_new (id, at, action, case_id, import_id)
    SELECT id, at, action, case_id, import_id FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_case ON audit_log (case_id);
