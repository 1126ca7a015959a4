-- Lupa store, schema 1.
--
-- Conventions: dates are 'YYYY-MM-DD' text; instants are RFC 3339 UTC text with microseconds
-- ('2026-11-20T10:00:00.000000Z', so text order is time order); money is INTEGER minor units
-- (grosze, cents) next to its currency; booleans are 0/1. Everything under a case is deleted with
-- it (ON DELETE CASCADE), except the audit log and used sessions, which keep ids only.
-- Every foreign-key child column has an index, so cascades and purges never scan a table.

CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    environment        TEXT NOT NULL CHECK (environment IN ('sandbox', 'test', 'production')),
    owner_external_id  TEXT NOT NULL,
    display_name       TEXT,
    -- Lower-cased display name, owner id and account IBANs, one per line: the case list's
    -- search is one LIKE per case, without a join.
    search_text        TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    delete_after       TEXT NOT NULL,
    decision           TEXT CHECK (decision IN ('approve', 'decline', 'refer')),
    decision_rationale TEXT,
    decided_by         TEXT,
    decided_at         TEXT,
    UNIQUE (environment, owner_external_id)
) STRICT;
CREATE INDEX cases_updated ON cases (updated_at DESC, id DESC);
CREATE INDEX cases_delete_after ON cases (delete_after);

CREATE TABLE imports (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    environment       TEXT NOT NULL CHECK (environment IN ('sandbox', 'test', 'production')),
    flow              TEXT NOT NULL CHECK (flow IN ('default', 'advanced', 'file')),
    target            TEXT NOT NULL,
    institution       TEXT,
    session_id        TEXT,
    command_id        TEXT,
    since             TEXT,
    state             TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'saved', 'failed')),
    started_at        TEXT NOT NULL,
    finished_at       TEXT,
    error_code        TEXT,
    error_name        TEXT,
    error_message     TEXT,
    -- data.xml imports: which <target> of the stored file this import holds.
    file_target_index INTEGER,
    -- Set when saved: which result lists the reply had (present-but-empty differs from absent),
    -- how many transactions it held and how many items the parser skipped.
    has_owners        INTEGER,
    has_accounts      INTEGER,
    has_credit_cards  INTEGER,
    transaction_count INTEGER,
    skipped_count     INTEGER
) STRICT;
CREATE INDEX imports_case ON imports (case_id, state);
CREATE INDEX imports_running ON imports (state) WHERE state = 'running';

CREATE TABLE raw_replies (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    call        TEXT NOT NULL,
    -- 0 for a reply read from a file rather than received over HTTP.
    http_status INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    -- Lower-case hex SHA-256 of the uncompressed body.
    sha256      TEXT NOT NULL,
    body_length INTEGER NOT NULL,
    compression TEXT NOT NULL CHECK (compression IN ('zstd')),
    body        BLOB NOT NULL
) STRICT;
CREATE INDEX raw_replies_import ON raw_replies (import_id);

-- The applicant's accounts across all imports of a case, with the newest import's values.
CREATE TABLE accounts (
    id                     INTEGER PRIMARY KEY,
    case_id                INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    iban                   TEXT NOT NULL,
    -- currencyName, '' when the bank sent none.
    currency               TEXT NOT NULL,
    name                   TEXT,
    friendly_name          TEXT,
    balance_minor          INTEGER,
    funds_available_minor  INTEGER,
    owner                  TEXT,
    active_since_at_least  TEXT,
    direct_debit           INTEGER,
    partial_due_to_timeout INTEGER,
    first_import_id        INTEGER NOT NULL,
    last_import_id         INTEGER NOT NULL,
    UNIQUE (case_id, iban, currency)
) STRICT;

-- Every import's own values of each account, exactly as received.
CREATE TABLE account_snapshots (
    id                     INTEGER PRIMARY KEY,
    import_id              INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    account_id             INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position               INTEGER NOT NULL,
    partial_due_to_timeout INTEGER,
    name                   TEXT,
    friendly_name          TEXT,
    iban                   TEXT NOT NULL,
    balance_minor          INTEGER,
    funds_available_minor  INTEGER,
    currency_name          TEXT,
    owner                  TEXT,
    active_since_at_least  TEXT,
    direct_debit           INTEGER,
    has_transactions       INTEGER NOT NULL,
    has_owners             INTEGER NOT NULL,
    UNIQUE (import_id, position)
) STRICT;
CREATE INDEX account_snapshots_account ON account_snapshots (account_id);

-- Credit cards across the imports of a case, identified by `identity` (card id, else number,
-- else IBAN, else name), with the newest import's values.
CREATE TABLE credit_cards (
    id                     INTEGER PRIMARY KEY,
    case_id                INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    identity               TEXT NOT NULL,
    currency               TEXT NOT NULL,
    name                   TEXT,
    card_id                TEXT,
    iban                   TEXT,
    number                 TEXT,
    balance_minor          INTEGER,
    funds_available_minor  INTEGER,
    owner                  TEXT,
    limit_minor            INTEGER,
    interests              TEXT,
    due_date               TEXT,
    partial_due_to_timeout INTEGER,
    first_import_id        INTEGER NOT NULL,
    last_import_id         INTEGER NOT NULL,
    UNIQUE (case_id, identity, currency)
) STRICT;

CREATE TABLE card_snapshots (
    id                     INTEGER PRIMARY KEY,
    import_id              INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    card_id                INTEGER NOT NULL REFERENCES credit_cards (id) ON DELETE CASCADE,
    position               INTEGER NOT NULL,
    partial_due_to_timeout INTEGER,
    name                   TEXT,
    bank_card_id           TEXT,
    iban                   TEXT,
    number                 TEXT,
    balance_minor          INTEGER,
    funds_available_minor  INTEGER,
    currency_name          TEXT,
    owner                  TEXT,
    limit_minor            INTEGER,
    -- An interest rate, not money: the exact decimal text.
    interests              TEXT,
    due_date               TEXT,
    has_transactions       INTEGER NOT NULL,
    has_owners             INTEGER NOT NULL,
    UNIQUE (import_id, position)
) STRICT;
CREATE INDEX card_snapshots_card ON card_snapshots (card_id);

-- Owners as each import saw them: of the import (no snapshot), of an account or of a card.
CREATE TABLE owners (
    id                       INTEGER PRIMARY KEY,
    import_id                INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    account_snapshot_id      INTEGER REFERENCES account_snapshots (id) ON DELETE CASCADE,
    card_snapshot_id         INTEGER REFERENCES card_snapshots (id) ON DELETE CASCADE,
    position                 INTEGER NOT NULL,
    name                     TEXT NOT NULL,
    address                  TEXT,
    polish_pesel             TEXT,
    polish_nip               TEXT,
    polish_regon             TEXT,
    phone                    TEXT,
    email                    TEXT,
    citizenship              TEXT,
    nationality              TEXT,
    personal_document_type   TEXT,
    personal_document_number TEXT,
    birth_date               TEXT,
    birth_place              TEXT,
    kind                     TEXT,
    CHECK (account_snapshot_id IS NULL OR card_snapshot_id IS NULL)
) STRICT;
CREATE INDEX owners_import ON owners (import_id);
CREATE INDEX owners_account_snapshot ON owners (account_snapshot_id) WHERE account_snapshot_id IS NOT NULL;
CREATE INDEX owners_card_snapshot ON owners (card_snapshot_id) WHERE card_snapshot_id IS NOT NULL;

-- Transactions of a case's accounts and cards, one row per real transaction however many imports
-- saw it, with the newest import's values. `fingerprint` is the first 64 bits of SHA-256 over
-- (account IBAN or card identity, transaction_on, amount, currency, normalised title, balance
-- after, occurrence); matching also compares the fields it covers, so a 64-bit collision never
-- merges two transactions. `details_hash` is 64 bits of SHA-256 over the other descriptive fields.
CREATE TABLE transactions (
    id                  INTEGER PRIMARY KEY,
    case_id             INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    account_id          INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    card_id             INTEGER REFERENCES credit_cards (id) ON DELETE CASCADE,
    transaction_on      TEXT NOT NULL,
    booked_on           TEXT,
    amount_minor        INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    balance_after_minor INTEGER,
    title               TEXT,
    party               TEXT,
    party_iban          TEXT,
    kind                TEXT,
    status              TEXT,
    -- JSON array of the labels; NULL when the reply had no <labels> element.
    labels              TEXT,
    variable_symbol     TEXT,
    constant_symbol     TEXT,
    pending             INTEGER NOT NULL CHECK (pending IN (0, 1)),
    fingerprint         INTEGER NOT NULL,
    details_hash        INTEGER NOT NULL,
    first_import_id     INTEGER NOT NULL,
    last_import_id      INTEGER NOT NULL,
    CHECK ((account_id IS NULL) <> (card_id IS NULL))
) STRICT;
CREATE INDEX transactions_case_date ON transactions (case_id, transaction_on);
CREATE INDEX transactions_case_amount ON transactions (case_id, amount_minor);
-- No transaction twice in an account or card (the fingerprint covers the source, and fixes the
-- date). The date leads, so an import, written oldest first, appends to these indexes instead of
-- inserting at random places as an index on the random fingerprint alone would.
CREATE UNIQUE INDEX transactions_account_date ON transactions (account_id, transaction_on, fingerprint);
CREATE UNIQUE INDEX transactions_card_date ON transactions (card_id, transaction_on, fingerprint)
    WHERE card_id IS NOT NULL;

-- What each import saw of each transaction (for diffs and for re-deriving an import's reply).
CREATE TABLE transaction_sightings (
    import_id           INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    -- No foreign key: a cascade from transactions would need a second index on this column
    -- (15% of an ingest); transactions are only deleted with their case or, by re-ingest, once
    -- no sighting refers to them. `check_integrity` verifies that none dangles.
    transaction_id      INTEGER NOT NULL,
    -- Index in its account's or card's transaction list in the reply.
    position            INTEGER NOT NULL,
    status              TEXT,
    pending             INTEGER NOT NULL CHECK (pending IN (0, 1)),
    booked_on           TEXT,
    balance_after_minor INTEGER,
    details_hash        INTEGER NOT NULL,
    PRIMARY KEY (import_id, transaction_id)
) STRICT, WITHOUT ROWID;

-- Full-text search over the transactions' title, party and kind (external content).
-- New rows are indexed by the ingest with one INSERT … SELECT per import: FTS5 flushes its
-- in-memory index at every statement savepoint, so a per-row insert trigger would write one
-- segment per transaction (7× slower). Deletes and text updates, which come in single
-- statements or a few rows, are followed by the triggers below.
CREATE VIRTUAL TABLE transactions_fts USING fts5 (
    title, party, kind,
    content = 'transactions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    -- Neither positions nor columns: searches are word-prefix AND queries over all three
    -- columns, never phrases or column filters. A third of `detail = column`'s size (1.9 against
    -- 5.2 MB for 100 000 transactions), so less to write per import.
    detail = none,
    -- No per-row token counts: results are sorted by date or amount, never by bm25 rank.
    columnsize = 0
);
-- Accumulate up to 64 MiB of index changes in memory before writing a segment (default 1 MiB).
INSERT INTO transactions_fts (transactions_fts, rank) VALUES ('hashsize', 67108864);
CREATE TRIGGER transactions_fts_delete AFTER DELETE ON transactions BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, title, party, kind)
    VALUES ('delete', old.id, old.title, old.party, old.kind);
END;
CREATE TRIGGER transactions_fts_update AFTER UPDATE OF title, party, kind ON transactions BEGIN
    INSERT INTO transactions_fts (transactions_fts, rowid, title, party, kind)
    VALUES ('delete', old.id, old.title, old.party, old.kind);
    INSERT INTO transactions_fts (rowid, title, party, kind) VALUES (new.id, new.title, new.party, new.kind);
END;

-- Every bank session Lupa started an import with (F-IMP-2: a session is single-use).
CREATE TABLE used_sessions (
    id          INTEGER PRIMARY KEY,
    environment TEXT NOT NULL CHECK (environment IN ('sandbox', 'test', 'production')),
    session_id  TEXT NOT NULL,
    used_at     TEXT NOT NULL,
    import_id   INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    UNIQUE (environment, session_id)
) STRICT;
CREATE INDEX used_sessions_import ON used_sessions (import_id);

-- What happened, by ids and action codes only: no personal data, no foreign keys (a line
-- outlives the case it names).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN (
                  'case_created', 'import_started', 'session_claimed', 'command_started',
                  'raw_reply_saved', 'import_saved', 'import_failed', 'import_reingested',
                  'case_purged')),
    case_id   INTEGER,
    import_id INTEGER
) STRICT;
CREATE INDEX audit_log_case ON audit_log (case_id);
