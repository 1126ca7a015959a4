-- The review screens (F-REV-4, F-REV-5, F-REV-7): the analyst's stars and comments, every decision
-- and reopening with its reason, and saved transaction views.
CREATE TABLE transaction_notes (
    transaction_id INTEGER PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
    case_id        INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    starred        INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    comment        TEXT,
    set_at         TEXT NOT NULL
) STRICT;
CREATE INDEX transaction_notes_case ON transaction_notes (case_id);

-- The current decision stays on `cases`; this is its history, reopenings included.
CREATE TABLE case_decisions (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    action    TEXT NOT NULL CHECK (action IN ('approve', 'decline', 'refer', 'reopen')),
    rationale TEXT NOT NULL,
    analyst   TEXT NOT NULL,
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX case_decisions_case ON case_decisions (case_id);

-- A named filter of the transactions table (JSON, the UI's query), shared by every case.
CREATE TABLE saved_views (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    filter     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- The audit log learns the review's actions; SQLite cannot alter a CHECK, so the table is rebuilt.
CREATE TABLE audit_log_new (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN (
                  'case_created', 'import_started', 'session_claimed', 'command_started',
                  'raw_reply_saved', 'import_saved', 'import_failed', 'import_reingested',
                  'case_purged', 'override_set', 'override_cleared', 'transactions_edited',
                  'edit_undone', 'edit_redone', 'decision_recorded', 'case_reopened',
                  'view_saved', 'view_deleted')),
    case_id   INTEGER,
    import_id INTEGER
) STRICT;
INSERT INTO audit_log_new (id, at, action, case_id, import_id)
    SELECT id, at, action, case_id, import_id FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_case ON audit_log (case_id);
