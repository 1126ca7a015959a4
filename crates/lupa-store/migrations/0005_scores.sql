-- Kontomatik Score on request (F-SCO-1, F-SCO-2): the ledger of every request with who asked,
-- when, in which environment and what came back (models or the error), and the raw reply.
CREATE TABLE score_requests (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    owner_external_id TEXT NOT NULL,
    environment       TEXT NOT NULL,
    analyst           TEXT NOT NULL,
    requested_at      TEXT NOT NULL,
    outcome           TEXT NOT NULL CHECK (outcome IN (
                          'scored', 'no_data', 'unknown_owner', 'unauthorized', 'retry_later',
                          'failed')),
    -- Kontomatik's exception name, or the client's error code when there was none.
    error_name        TEXT,
    -- The analyst-facing sentence (never holds the API key).
    error_message     TEXT,
    -- The raw reply, when one came (NULL after a network failure): as in raw_replies.
    http_status       INTEGER,
    received_at       TEXT,
    sha256            TEXT,
    body_length       INTEGER,
    compression       TEXT CHECK (compression IN ('zstd')),
    body              BLOB
) STRICT;
CREATE INDEX score_requests_case ON score_requests (case_id);

-- The models of a scored request, in the reply's order.
CREATE TABLE score_models (
    request_id   INTEGER NOT NULL REFERENCES score_requests (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    model_id     TEXT NOT NULL,
    retrained_at TEXT,
    -- Decimal text exactly as received (0–1), NULL when absent.
    score        TEXT,
    percentile   TEXT,
    tier         TEXT,
    PRIMARY KEY (request_id, position)
) STRICT;

-- The audit log learns score requests and exports.
CREATE TABLE audit_log_new (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN (
                  'case_created', 'import_started', 'session_claimed', 'command_started',
                  'raw_reply_saved', 'import_saved', 'import_failed', 'import_reingested',
                  'case_purged', 'override_set', 'override_cleared', 'transactions_edited',
                  'edit_undone', 'edit_redone', 'decision_recorded', 'case_reopened',
                  'view_saved', 'view_deleted', 'score_requested', 'case_exported')),
    case_id   INTEGER,
    import_id INTEGER
) STRICT;
INSERT INTO audit_log_new (id, at, action, case_id, import_id)
    SELECT id, at, action, case_id, import_id FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_case ON audit_log (case_id);
