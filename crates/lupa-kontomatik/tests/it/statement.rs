//! The PDF Parsing API's replies, read and written: the constructed fixtures (NOT captures; see
//! `tests/fixtures/constructed/README.md`), the defensive reading of `<statement>`, the shapes of
//! `failedVerification` accepted, and the parser catalog's bare `<target>`s beside the AIS catalog.

use chrono::NaiveDate;
use lupa_kontomatik::fuzzing::check_reply;
use lupa_kontomatik::model::{
    Account, Exception, FailedVerification, MoneyTransaction, Owner, ParserTarget, Payload, Reply,
    Statement,
};
use lupa_kontomatik::protocol::StatementRefusal;
use lupa_kontomatik::xml::shape::{element_tree, shape};
use lupa_kontomatik::xml::{ParseError, WriteOptions, parse_reply, write_reply};
use rust_decimal::Decimal;

use crate::fixtures::{self, constructed};

fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn statement_of(reply: Reply) -> Statement {
    match reply.payload {
        Payload::Statement(statement) => statement,
        other => panic!("expected a statement, got {other:?}"),
    }
}

fn parse_statement(xml: &str) -> Statement {
    statement_of(parse_reply(xml.as_bytes()).unwrap_or_else(|error| panic!("{error}: {xml}")))
}

fn exception_of(xml: &str) -> Exception {
    match parse_reply(xml.as_bytes()).unwrap().payload {
        Payload::Exception(exception) => exception,
        other => panic!("expected an exception, got {other:?}"),
    }
}

fn verification(name: &str, message: Option<&str>) -> FailedVerification {
    FailedVerification {
        name: name.into(),
        message: message.map(Into::into),
    }
}

#[test]
fn the_constructed_statement_reads_like_an_ais_import() {
    let reply = parse_reply(&constructed(fixtures::STATEMENT)).unwrap();
    assert_eq!(reply.envelope.status_code(), Some(200));
    assert_eq!(
        reply.envelope.owner_external_id.as_deref(),
        Some("LUPA-APP-123")
    );
    let statement = statement_of(reply);
    assert_eq!(statement.id, "12323423");
    assert_eq!(statement.is_consistent, Some(true));
    assert_eq!(
        statement.owners,
        Some(vec![Owner {
            name: "JAN KOWALSKI".into(),
            address: Some("UL. PRZYKŁADOWA 1 00-001 WARSZAWA".into()),
            kind: Some("OWNER".into()),
            ..Owner::default()
        }])
    );
    let accounts = statement.accounts.as_deref().unwrap();
    assert_eq!(accounts.len(), 1);
    let account = &accounts[0];
    assert_eq!(account.iban, "PL00000000000000000000000000");
    assert_eq!(account.currency_balance, Some(dec("1234.56")));
    assert_eq!(account.currency_name.as_deref(), Some("PLN"));
    let transactions = account.money_transactions.as_deref().unwrap();
    assert_eq!(transactions.len(), 2);
    assert_eq!(
        transactions[0],
        MoneyTransaction {
            transaction_on: day(2026, 10, 30),
            booked_on: Some(day(2026, 10, 31)),
            currency_amount: dec("-20.00"),
            currency_balance: Some(dec("1234.56")),
            title: Some("TITLE".into()),
            party: Some("PARTY".into()),
            party_iban: Some("PL00000000000000000000000001".into()),
            kind: Some("PRZELEW".into()),
            ..MoneyTransaction::default()
        }
    );
    assert_eq!(
        transactions[1].kind.as_deref(),
        Some("PRZELEW PRZYCHODZĄCY")
    );
    assert_eq!(
        statement.failed_verifications,
        [verification(
            "FONTS",
            Some("Font family differs from the bank's known layout.")
        )]
    );
    assert!(statement.skipped.is_empty(), "{:?}", statement.skipped);
}

#[test]
fn the_constructed_refusal_carries_its_failed_verifications() {
    let reply = parse_reply(&constructed(fixtures::STATEMENT_REFUSED)).unwrap();
    assert_eq!(reply.envelope.status_code(), Some(400));
    let Payload::Exception(exception) = reply.payload else {
        panic!("{:?}", reply.payload)
    };
    assert_eq!(exception.name, "StatementVerificationFailed");
    assert_eq!(
        StatementRefusal::from_exception(&exception.name),
        Some(StatementRefusal::Tampered)
    );
    assert_eq!(
        exception.message.as_deref(),
        Some("The statement failed anti-tampering verification.")
    );
    assert_eq!(exception.friendly_message, None);
    assert_eq!(
        exception.failed_verifications,
        [
            verification(
                "AMOUNT_CONSISTENCY",
                Some("Closing balance minus opening balance differs from the sum of transactions.")
            ),
            verification("METADATA", None),
        ]
    );
}

#[test]
fn the_constructed_parser_catalog_is_bare_targets() {
    let reply = parse_reply(&constructed(fixtures::PARSER_CATALOG)).unwrap();
    assert_eq!(reply.envelope.schema_location.as_deref(), Some(""));
    let target = |name: &str, official: &str| ParserTarget {
        name: name.into(),
        official_name: Some(official.into()),
    };
    assert_eq!(
        reply.payload,
        Payload::ParserCatalog(vec![
            target("Alior", "Alior Bank"),
            target("Bgz", "BGŻ"),
            target("Bos", "BOŚ Bank"),
        ])
    );
}

#[test]
fn constructed_fixtures_round_trip_through_the_writer() {
    for name in fixtures::CONSTRUCTED {
        let original = constructed(name);
        let reply = parse_reply(&original).unwrap_or_else(|error| panic!("{name}: {error}"));
        for options in [
            WriteOptions::default(),
            WriteOptions {
                indent: 0,
                ascii_char_refs: true,
            },
        ] {
            let written = write_reply(&reply, &options);
            assert_eq!(
                parse_reply(written.as_bytes()).as_ref(),
                Ok(&reply),
                "{name}:\n{written}"
            );
            let have = element_tree(written.as_bytes())
                .unwrap()
                .with_sorted_attributes();
            let want = element_tree(&original).unwrap().with_sorted_attributes();
            assert_eq!(have, want, "{name}:\n{written}");
            let differences = shape(written.as_bytes())
                .unwrap()
                .diff(&shape(&original).unwrap());
            assert!(differences.is_empty(), "{name}: {differences:#?}");
        }
        check_reply(&original);
    }
}

#[test]
fn written_statement_has_the_documented_envelope_and_order() {
    let reply = parse_reply(&constructed(fixtures::STATEMENT)).unwrap();
    let written = write_reply(&reply, &WriteOptions::default());
    assert!(
        written.starts_with(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<reply status=\"200 OK\" user=\"CLIENT\" \
             ownerExternalId=\"LUPA-APP-123\" responseTimestamp=\"2026-11-25T10:00:00Z\">\n   \
             <statement id=\"12323423\" isConsistent=\"true\">\n      <owners>"
        ),
        "{written}"
    );
    let shape = shape(written.as_bytes()).unwrap();
    assert_eq!(
        shape.get("reply/statement").unwrap().children,
        ["owners", "accounts", "failedVerifications"]
    );
    assert!(written.contains(
        "<failedVerification name=\"FONTS\">Font family differs from the bank&apos;s known layout.</failedVerification>"
    ));
}

#[test]
fn statement_children_are_found_at_any_depth_and_concatenated() {
    let statement = parse_statement(
        r#"<reply><statement id="7" isConsistent="false">
             <period><from>2026-09-01</from><to>2026-09-30</to></period>
             <target name="PkoBp"><owners><owner><name>A</name></owner></owners>
               <accounts><account><iban>PL1</iban><owners><owner><name>ACCOUNT OWNER</name></owner></owners></account></accounts>
             </target>
             <owners><owner><name>B</name></owner><owner><address>no name</address></owner></owners>
             <x><y><accounts><account><iban>PL2</iban></account></accounts></y></x>
             <z><failedVerifications><failedVerification name="KEYWORDS"/></failedVerifications></z>
           </statement></reply>"#,
    );
    assert_eq!(statement.id, "7");
    assert_eq!(statement.is_consistent, Some(false));
    let names: Vec<&str> = statement
        .owners
        .as_deref()
        .unwrap()
        .iter()
        .map(|owner| owner.name.as_str())
        .collect();
    assert_eq!(names, ["A", "B"], "account owners stay in their account");
    let accounts = statement.accounts.as_deref().unwrap();
    let ibans: Vec<&str> = accounts.iter().map(|a| a.iban.as_str()).collect();
    assert_eq!(ibans, ["PL1", "PL2"]);
    assert_eq!(
        accounts[0].owners.as_deref().unwrap()[0].name,
        "ACCOUNT OWNER"
    );
    assert_eq!(
        statement.failed_verifications,
        [verification("KEYWORDS", None)]
    );
    assert_eq!(statement.skipped.len(), 1);
    assert_eq!(statement.skipped[0].path, "reply/statement/owners/owner[1]");
}

#[test]
fn items_outside_their_lists_are_kept_as_skipped_not_guessed() {
    let statement = parse_statement(
        r#"<reply><statement id="1"><wrapper>
             <moneyTransactions><moneyTransaction><transactionOn>2026-01-01</transactionOn><currencyAmount>1.00</currencyAmount></moneyTransaction></moneyTransactions>
             <account><iban>PL9</iban></account>
           </wrapper></statement></reply>"#,
    );
    assert_eq!(statement.owners, None);
    assert_eq!(statement.accounts, None);
    assert_eq!(statement.is_consistent, None);
    let paths: Vec<&str> = statement.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "reply/statement/*/moneyTransactions",
            "reply/statement/*/account"
        ]
    );
    assert!(
        statement.skipped[1]
            .raw_xml
            .starts_with("<account><iban>PL9")
    );
    assert!(statement.skipped[0].reason.contains("not read"));
}

#[test]
fn a_statement_needs_an_id_and_a_boolean_consistency() {
    for (xml, path) in [
        (
            r#"<reply><statement isConsistent="true"/></reply>"#,
            "reply/statement/@id",
        ),
        (
            r#"<reply><statement id="1" isConsistent="maybe"/></reply>"#,
            "reply/statement/@isConsistent",
        ),
    ] {
        match parse_reply(xml.as_bytes()) {
            Err(ParseError::Invalid { path: at, .. }) => assert_eq!(at, path),
            other => panic!("{xml}: {other:?}"),
        }
    }
    let statement = parse_statement(r#"<reply><statement id=" 1 " isConsistent=" 0 "/></reply>"#);
    assert_eq!(statement.id, " 1 ", "the id is opaque, kept verbatim");
    assert_eq!(statement.is_consistent, Some(false));
    assert_eq!(
        statement,
        Statement {
            id: " 1 ".into(),
            is_consistent: Some(false),
            ..Statement::default()
        }
    );
}

#[test]
fn failed_verifications_are_read_in_every_plausible_shape() {
    let exception = exception_of(
        r#"<reply status="400 Bad Request"><exception name="StatementVerificationFailed">
             <message>m</message>
             <failedVerifications>
               <failedVerification name="A">words &amp; more</failedVerification>
               <failedVerification> FONTS
               </failedVerification>
               <failedVerification><name>LOGO</name><message>hash differs</message></failedVerification>
               <failedVerification><code>META</code><description>producer</description></failedVerification>
               <failedVerification name="B"><message>   </message></failedVerification>
               <failedVerification name="C">   </failedVerification>
               <failedVerification/>
               <other>ignored</other>
             </failedVerifications>
             <details><failedVerifications><failedVerification name="DEEP"/></failedVerifications></details>
           </exception></reply>"#,
    );
    assert_eq!(exception.message.as_deref(), Some("m"));
    assert_eq!(
        exception.failed_verifications,
        [
            verification("A", Some("words & more")),
            verification("FONTS", None),
            verification("LOGO", Some("hash differs")),
            verification("META", Some("producer")),
            verification("B", None),
            verification("C", None),
            verification("", None),
            verification("DEEP", None),
        ]
    );
    // Whatever shape they came in, they are written one way and read back the same.
    let reply = parse_reply(
        br#"<reply><exception name="X"><failedVerifications><failedVerification><name> n </name>  text </failedVerification></failedVerifications></exception></reply>"#,
    )
    .unwrap();
    let written = write_reply(&reply, &WriteOptions::default());
    assert_eq!(parse_reply(written.as_bytes()), Ok(reply));
    assert!(
        written.contains(r#"<failedVerification name=" n ">  text </failedVerification>"#),
        "{written}"
    );
}

#[test]
fn exceptions_without_failed_verifications_write_none() {
    let reply = Reply {
        envelope: Default::default(),
        payload: Payload::Exception(Exception {
            name: "InvalidPdf".into(),
            message: Some("Not a PDF.".into()),
            ..Exception::default()
        }),
    };
    let written = write_reply(&reply, &WriteOptions::default());
    assert!(!written.contains("failedVerifications"), "{written}");
    let empty_list = parse_reply(
        br#"<reply><exception name="X"><failedVerifications></failedVerifications></exception></reply>"#,
    )
    .unwrap();
    let Payload::Exception(exception) = empty_list.payload else {
        panic!()
    };
    assert!(exception.failed_verifications.is_empty());
}

#[test]
fn bare_targets_are_the_parser_catalog_and_targets_stays_the_command_catalog() {
    let reply = parse_reply(
        br#"<reply status="200 OK"><unknown/><target name="A"/><!-- c --><note>x</note>
            <target name="B" officialName="Bank B" country="pl"><child/></target>
            <command id="1" state="setup" name="X"/><target name="C"/></reply>"#,
    )
    .unwrap();
    let names = match reply.payload {
        Payload::ParserCatalog(targets) => targets
            .into_iter()
            .map(|t| (t.name, t.official_name))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        names,
        [
            ("A".to_owned(), None),
            ("B".to_owned(), Some("Bank B".to_owned())),
            ("C".to_owned(), None)
        ],
        "a later payload element is ignored, later targets still join"
    );
    // Another payload first: the targets after it are ignored.
    let reply = parse_reply(br#"<reply><comment>hi</comment><target name="A"/></reply>"#).unwrap();
    assert_eq!(reply.payload, Payload::Comment("hi".into()));
    // The AIS catalog keeps its wrapper and its own model.
    let reply = parse_reply(br#"<reply><targets></targets><target name="A"/></reply>"#).unwrap();
    assert_eq!(reply.payload, Payload::Catalog(vec![]));
    // A catalog without targets is an empty reply.
    let reply = parse_reply(br#"<reply status="200 OK"></reply>"#).unwrap();
    assert_eq!(reply.payload, Payload::Empty);
    // A target needs a name.
    match parse_reply(br#"<reply><target name="A"/><target officialName="B"/></reply>"#) {
        Err(ParseError::Invalid { path, .. }) => assert_eq!(path, "reply/target[1]/@name"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn new_payloads_hold_the_fuzz_property() {
    for xml in [
        r#"<reply><statement id="1"><x><owners/></x><owners><owner><name>A</name></owner></owners><accounts/><accounts><account><iban>P</iban></account></accounts></statement></reply>"#,
        r#"<reply><statement id="1"><failedVerifications><failedVerification><name>N</name>  </failedVerification><failedVerification> T </failedVerification></failedVerifications></statement></reply>"#,
        r#"<reply><exception name="E"><a><failedVerifications><failedVerification name="x&#xd;y">a&#xd;b</failedVerification></failedVerifications></a></exception></reply>"#,
        r#"<reply><target name="A"/><target name="B" officialName=""/></reply>"#,
        r#"<reply><command id="1" state="error" name="X"><exception name="E"><failedVerifications><failedVerification name="F">m</failedVerification></failedVerifications></exception></command></reply>"#,
        r#"<reply><statement id="1"><moneyTransactions/><account><iban>X</iban></account></statement></reply>"#,
    ] {
        check_reply(xml.as_bytes());
    }
}

#[test]
fn a_statement_model_with_every_field_round_trips() {
    let statement = Statement {
        id: "12323423".into(),
        is_consistent: Some(false),
        owners: Some(vec![]),
        accounts: Some(vec![Account {
            iban: "PL61109010140000071219812874".into(),
            currency_name: Some("PLN".into()),
            money_transactions: Some(vec![]),
            ..Account::default()
        }]),
        failed_verifications: vec![verification("A", Some(" x\ny ")), verification("B", None)],
        skipped: vec![],
    };
    let reply = Reply {
        envelope: Default::default(),
        payload: Payload::Statement(statement),
    };
    let written = write_reply(&reply, &WriteOptions::default());
    assert_eq!(parse_reply(written.as_bytes()), Ok(reply), "{written}");
}
