//! The captured replies in `tests/fixtures/` (see its README.md): names and loading; and, apart
//! from them, the PDF Parsing API replies constructed from the protocol note in
//! `tests/fixtures/constructed/` (not captures: never in [`ALL`]).

use std::path::Path;

/// `POST default-import.xml` accepted: 202, `state="setup"`.
pub const DEFAULT_IMPORT_ACCEPTED: &str = "v1.default-import-reply.xml";
/// The finished default import: 200, 2 owners, 1 account, 72 transactions.
pub const DEFAULT_IMPORT_RESULT: &str = "v1.command-reply.default-import.xml";
/// `data.xml` (IDE-reindented capture).
pub const DATA: &str = "v1.data-reply.xml";
/// The command catalog: 113 targets, non-ASCII as character references.
pub const CATALOG: &str = "v1.commands-catalog-reply.xml";
/// 400 `CommandNotAvailable`.
pub const COMMAND_NOT_AVAILABLE: &str = "command-not-available-reply.xml";
/// 404 `InvalidSessionId`.
pub const SESSION_EXPIRED: &str = "session-expired-reply.xml";
/// 401 with a `<comment>`.
pub const UNAUTHORIZED: &str = "unauthorized-reply.xml";
/// Owner scores.
pub const OWNER_SCORES: &str = "v1.owner-scores-reply.xml";
/// A command in `state="error"` (synthetic).
pub const COMMAND_EXCEPTION: &str = "v1.command-reply.exception.xml";
/// The legacy (2015/16) 202 of `import-owners.xml`.
pub const LEGACY_ACCEPTED: &str = "legacy-import-owners-accepted.xml";

/// Every `.xml` file in `tests/fixtures/`.
pub const ALL: &[&str] = &[
    COMMAND_NOT_AVAILABLE,
    LEGACY_ACCEPTED,
    SESSION_EXPIRED,
    UNAUTHORIZED,
    DEFAULT_IMPORT_RESULT,
    COMMAND_EXCEPTION,
    CATALOG,
    DATA,
    DEFAULT_IMPORT_ACCEPTED,
    OWNER_SCORES,
];

/// Constructed (NOT captured) 200 reply to `POST /v1/statement.xml`.
pub const STATEMENT: &str = "statement-reply.xml";
/// Constructed (NOT captured) 400 refusal of a statement with `failedVerifications`.
pub const STATEMENT_REFUSED: &str = "statement-refused-reply.xml";
/// Constructed (NOT captured) reply to `GET /v1/parser-catalog.xml?country=pl`.
pub const PARSER_CATALOG: &str = "parser-catalog-reply.xml";

/// Every `.xml` file in `tests/fixtures/constructed/`: replies built from
/// `shared/docs/kontomatik-pdf.md`, not captures.
pub const CONSTRUCTED: &[&str] = &[STATEMENT, STATEMENT_REFUSED, PARSER_CATALOG];

/// The bytes of `tests/fixtures/constructed/<name>`.
pub fn constructed(name: &str) -> Vec<u8> {
    fixture(&format!("constructed/{name}"))
}

/// The bytes of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("fixture {}: {error}", path.display()))
}

/// The `.xml` files directly in `tests/fixtures/<folder>`, sorted.
fn xml_files_in(folder: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures dir")
        .map(|entry| {
            entry
                .expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".xml"))
        .collect();
    on_disk.sort();
    on_disk
}

#[test]
fn all_lists_every_xml_fixture() {
    let mut listed: Vec<String> = ALL.iter().map(|name| name.to_string()).collect();
    listed.sort();
    assert_eq!(listed, xml_files_in(""));
}

#[test]
fn constructed_lists_every_constructed_fixture_and_none_is_a_capture() {
    let mut listed: Vec<String> = CONSTRUCTED.iter().map(|name| name.to_string()).collect();
    listed.sort();
    assert_eq!(listed, xml_files_in("constructed"));
    assert!(CONSTRUCTED.iter().all(|name| !ALL.contains(name)));
}
