-- Multiple access (F-IMP-7): the applicant's consent to refresh their bank data later (up to 4
-- times a day, for 180 days), and each refresh made with it.
CREATE TABLE multiple_access (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    multiple_access_id TEXT    NOT NULL,
    target             TEXT    NOT NULL,
    granted_import_id  INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    granted_at         TEXT    NOT NULL,
    revoked_at         TEXT,
    UNIQUE (case_id, multiple_access_id)
) STRICT;

CREATE TABLE multiple_access_refreshes (
    multiple_access INTEGER NOT NULL REFERENCES multiple_access (id) ON DELETE CASCADE,
    import_id       INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    refreshed_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX multiple_access_refreshes_by_consent ON multiple_access_refreshes (multiple_access);
