-- PDF bank statements (F-IMP-11): the evidence of each statement uploaded to Kontomatik's PDF
-- Parsing API, one row per import. The import itself is an ordinary `imports` row with flow
-- 'file' (the data came from a file; `imports.flow`'s CHECK cannot grow without rebuilding a table
-- that others reference): this row is what makes it a PDF statement.
--
-- The upload's facts (hash, name, size, time, API and mode) are written with the import, before
-- anything is sent; what the reply said (statement id, consistency, failed verifications, the
-- period) and Lupa's own checks are written after the raw reply is stored, with the data or the
-- refusal.
CREATE TABLE statement_uploads (
    import_id             INTEGER PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
    sha256                TEXT    NOT NULL,
    file_name             TEXT    NOT NULL,
    size                  INTEGER NOT NULL,
    uploaded_at           TEXT    NOT NULL,
    -- Which adapter sent it ('xml-v1' today) and in which mode ('standard'; 'trusted' is JSON-only).
    api                   TEXT    NOT NULL,
    mode                  TEXT    NOT NULL CHECK (mode IN ('standard', 'trusted')),
    accept_inconsistent   INTEGER NOT NULL,
    -- From the reply.
    statement_id          TEXT,
    is_consistent         INTEGER,
    period_from           TEXT,
    period_to             TEXT,
    -- JSON: [{"name": …, "message": …}] exactly as Kontomatik listed them.
    failed_verifications  TEXT    NOT NULL DEFAULT '[]',
    -- JSON: Lupa's checks (owner name, IBAN, period) as shown to the analyst at upload time.
    checks                TEXT    NOT NULL DEFAULT '[]',
    -- Set when Kontomatik (or Lupa, before sending) refused the statement.
    refusal               TEXT
) STRICT;
CREATE INDEX statement_uploads_sha ON statement_uploads (sha256);

-- The audit log learns statement uploads.
CREATE TABLE audit_log_new (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN (
                  'case_created', 'import_started', 'session_claimed', 'command_started',
                  'raw_reply_saved', 'import_saved', 'import_failed', 'import_reingested',
                  'case_purged', 'override_set', 'override_cleared', 'transactions_edited',
                  'edit_undone', 'edit_redone', 'decision_recorded', 'case_reopened',
                  'view_saved', 'view_deleted', 'score_requested', 'case_exported',
                  'statement_uploaded', 'statement_refused')),
    case_id   INTEGER,
    import_id INTEGER
) STRICT;
INSERT INTO audit_log_new (id, at, action, case_id, import_id)
    SELECT id, at, action, case_id, import_id FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_case ON audit_log (case_id);
