//! `write_reply` against the captures: parse → write gives the same element tree and shape as the
//! capture, write → parse gives the same `Reply`, and model fields no capture shows survive too.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use lupa_kontomatik::model::{
    Account, Command, CommandResult, CommandState, CreditCard, DataOwner, DataTarget, Envelope,
    Exception, FailedVerification, MoneyTransaction, Owner, ParserTarget, Payload, Reply,
    ScoreModel, Session, Statement,
};
use lupa_kontomatik::xml::shape::{Node, element_tree, shape};
use lupa_kontomatik::xml::{WriteOptions, parse_reply, write_reply};
use rust_decimal::Decimal;

use crate::fixtures::{self, fixture};

/// The options that reproduce capture `name`: the catalog writes non-ASCII as character references.
fn options_for(name: &str) -> WriteOptions {
    WriteOptions {
        ascii_char_refs: name == fixtures::CATALOG,
        ..WriteOptions::default()
    }
}

fn written(name: &str) -> String {
    let reply = parse_reply(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"));
    write_reply(&reply, &options_for(name))
}

fn tree(xml: &[u8]) -> Node {
    element_tree(xml)
        .expect("element tree")
        .with_sorted_attributes()
}

#[test]
fn written_captures_have_the_captures_element_trees() {
    for name in fixtures::ALL {
        let output = written(name);
        assert!(
            output.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<reply"),
            "{name}"
        );
        let (have, want) = (tree(output.as_bytes()), tree(&fixture(name)));
        assert_eq!(have, want, "{name}:\n{output}");
    }
}

#[test]
fn written_captures_parse_back_to_the_same_reply() {
    for name in fixtures::ALL {
        let reply = parse_reply(&fixture(name)).unwrap();
        for options in [
            options_for(name),
            WriteOptions {
                indent: 0,
                ascii_char_refs: true,
            },
            WriteOptions {
                indent: 2,
                ascii_char_refs: false,
            },
        ] {
            let output = write_reply(&reply, &options);
            assert_eq!(
                parse_reply(output.as_bytes()).as_ref(),
                Ok(&reply),
                "{name} {options:?}"
            );
        }
    }
}

#[test]
fn written_captures_have_the_captures_shape() {
    for name in fixtures::ALL {
        let have = shape(written(name).as_bytes()).unwrap();
        let want = shape(&fixture(name)).unwrap();
        let differences = have.diff(&want);
        if *name == fixtures::LEGACY_ACCEPTED {
            // The legacy server wrote `id name state`; the writer follows today's `id state name`.
            assert_eq!(
                differences,
                [
                    r#"reply/command: attributes ["id", "state", "name"], expected ["id", "name", "state"]"#
                ]
            );
        } else {
            assert!(differences.is_empty(), "{name}: {differences:#?}");
            assert_eq!(have, want);
        }
    }
    let catalog = shape(&fixture(fixtures::CATALOG)).unwrap();
    let target = catalog.get("reply/targets/target").unwrap();
    assert_eq!(
        target.attributes,
        [
            "country",
            "name",
            "institution",
            "officialName",
            "officialUrl",
            "loginName",
            "beta",
            "psd2"
        ]
    );
    assert_eq!(
        target.children,
        ["supportedAccountTypes", "commands", "credentialsMetadata"]
    );
    let import = shape(&fixture(fixtures::DEFAULT_IMPORT_RESULT)).unwrap();
    let tx = import
        .get("reply/command/result/accounts/account/moneyTransactions/moneyTransaction")
        .unwrap();
    assert_eq!(
        tx.children,
        [
            "transactionOn",
            "bookedOn",
            "currencyAmount",
            "currencyBalance",
            "title",
            "party",
            "partyIban",
            "kind",
            "status",
            "labels"
        ]
    );
    assert!(tx.order_conflicts.is_empty());
    assert!(
        import
            .get("reply/command/result/accounts/account/moneyTransactions/moneyTransaction/labels/label")
            .is_some()
    );
}

#[test]
fn shape_diff_reads_well() {
    let want = shape(b"<reply a='1'><x><y/></x><z/></reply>").unwrap();
    let have = shape(b"<reply><z/><x><w/></x></reply>").unwrap();
    assert_eq!(
        have.diff(&want),
        [
            r#"reply: attributes [], expected ["a"]"#,
            r#"reply: children ["z", "x"], expected ["x", "z"]"#,
            r#"reply/x: children ["w"], expected ["y"]"#,
            "reply/x/y: missing (expected element)",
            "reply/x/w: unexpected element path",
        ]
    );
    assert_eq!(
        want.to_string(),
        "reply [@a] -> x, z\nreply/x -> y\nreply/x/y\nreply/z\n"
    );
}

#[test]
fn small_captures_are_reproduced_byte_for_byte() {
    for name in [fixtures::DEFAULT_IMPORT_ACCEPTED, fixtures::CATALOG] {
        let output = written(name);
        let capture = String::from_utf8(fixture(name)).unwrap();
        if output != capture {
            let line = output
                .lines()
                .zip(capture.lines())
                .position(|(a, b)| a != b);
            panic!("{name} differs at line {line:?}");
        }
    }
}

#[test]
fn writer_formats() {
    let reply = parse_reply(&fixture(fixtures::DATA)).unwrap();
    let output = write_reply(&reply, &WriteOptions::default());
    assert!(output.contains(r#"createdAt="2023-05-23T07:35:07.264013Z""#));
    assert!(output.contains(r#"lastChange="2023-05-23T07:35:22.335797Z""#));
    assert!(output.contains("\n         <deposits></deposits>\n"));
    assert!(output.contains("<directDebit available=\"true\"/>"));
    assert!(output.contains("<currencyAmount>2800.00</currencyAmount>"));
    assert!(output.contains("<transactionOn>2022-11-25</transactionOn>"));
    assert!(!output.ends_with('\n'));

    let catalog = written(fixtures::CATALOG);
    assert!(catalog.contains("<name></name>"));
    assert!(catalog.contains("<option>C.R. L&apos;ALCUDIA</option>"));
    assert!(catalog.contains(r#"loginName="CaixaBankNow Identificaci&#xf3;n""#));
    let raw = write_reply(
        &parse_reply(&fixture(fixtures::CATALOG)).unwrap(),
        &WriteOptions::default(),
    );
    assert!(raw.contains(r#"loginName="CaixaBankNow Identificación""#));

    let scores = written(fixtures::OWNER_SCORES);
    assert!(
        scores.contains(r#"<model id="common-2023-03-07" retrainedAt="2023-03-16T07:11:33Z">"#)
    );
    assert!(scores.contains("<value>0.7204348357228043</value>"));
}

fn time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every model field that no capture shows, with awkward text.
fn everything() -> Vec<Reply> {
    let owner = Owner {
        name: "Zoë \"Z\" O'Brien & <Co>".into(),
        address: Some("  ul. Długa 1\n00-001 Warszawa ".into()),
        polish_pesel: Some("90010112345".into()),
        polish_nip: Some("5251477607".into()),
        polish_regon: Some("012345678".into()),
        phone: Some("+48 600 000 000".into()),
        email: Some("zoe@example.com".into()),
        citizenship: Some("PL".into()),
        nationality: Some("polska".into()),
        personal_document_type: Some("ID_CARD".into()),
        personal_document_number: Some("ABC123456".into()),
        birth_date: Some(day(1990, 1, 1)),
        birth_place: Some("Kraków".into()),
        kind: Some("OWNER".into()),
    };
    let tx = MoneyTransaction {
        transaction_on: day(2024, 2, 29),
        booked_on: None,
        currency_amount: dec("-1234567890123456789.10"),
        currency_balance: Some(dec("0.00")),
        title: Some("tab\there, cr\r\nlf, emoji 😀, ]]> and &amp;".into()),
        party: Some(String::new()),
        party_iban: None,
        kind: None,
        status: Some("PENDING".into()),
        variable_symbol: Some("0123456789".into()),
        constant_symbol: Some("0308".into()),
        labels: Some(vec![]),
    };
    let card = CreditCard {
        partial_due_to_timeout: Some(true),
        name: Some("Visa".into()),
        card_id: Some("c-1".into()),
        iban: Some("PL00".into()),
        number: Some("4111 **** **** 1111".into()),
        currency_balance: Some(dec("-100.50")),
        currency_funds_available: Some(dec("899.50")),
        currency_name: Some("PLN".into()),
        owner: Some("Zoë".into()),
        limit: Some(dec("1000.00")),
        interests: Some(dec("0.2350")),
        due_date: Some(day(2024, 3, 15)),
        money_transactions: Some(vec![tx.clone()]),
        owners: Some(vec![owner.clone()]),
    };
    let account = Account {
        partial_due_to_timeout: Some(false),
        name: None,
        friendly_name: None,
        iban: "CZ6508000000192000145399".into(),
        currency_balance: None,
        currency_funds_available: None,
        currency_name: Some("CZK".into()),
        owner: Some("A, B".into()),
        active_since_at_least: None,
        direct_debit: Some(false),
        money_transactions: Some(vec![tx.clone(), tx.clone()]),
        owners: None,
    };
    let envelope = Envelope {
        schema_location: None,
        status: Some("200 OK".into()),
        user: Some("lupa-sandbox".into()),
        owner_external_id: Some("loan/2024/17 <b>".into()),
        response_timestamp: Some(time("2024-03-01T12:00:00Z")),
    };
    let reply = |payload| Reply {
        envelope: envelope.clone(),
        payload,
    };
    vec![
        reply(Payload::Command(Command {
            id: "1".into(),
            state: CommandState::Other("cancelled".into()),
            name: "ImportCreditCardsCommand".into(),
            target: None,
            institution: Some("Ins".into()),
            progress: None,
            result: Some(CommandResult {
                owners: Some(vec![owner.clone()]),
                accounts: Some(vec![account.clone()]),
                credit_cards: Some(vec![card.clone()]),
                money_transactions: Some(vec![tx.clone()]),
                skipped: vec![],
            }),
            exception: Some(Exception {
                name: "IO".into(),
                message: None,
                friendly_message: Some("Spróbuj później".into()),
                failed_verifications: Vec::new(),
            }),
        })),
        reply(Payload::Data(DataOwner {
            external_id: "x".into(),
            created_at: Some(time("2024-03-01T12:00:00.5Z")),
            updated_at: None,
            origin: None,
            last_change: Some(time("2024-03-01T12:00:00Z")),
            targets: vec![DataTarget {
                name: "Fio_cz".into(),
                official_name: None,
                institution: None,
                owners: None,
                accounts: Some(vec![account]),
                credit_cards: Some(vec![card]),
                deposits: Some("<deposit><amount>1.00</amount></deposit>".into()),
                skipped: vec![],
            }],
        })),
        reply(Payload::OwnerScores(vec![
            ScoreModel {
                id: "m".into(),
                retrained_at: None,
                score: None,
                score_percentile: None,
                score_tier: None,
            },
            ScoreModel {
                id: "n".into(),
                retrained_at: None,
                score: Some(dec("1")),
                score_percentile: None,
                score_tier: Some("A".into()),
            },
        ])),
        reply(Payload::Session(Session {
            id: "317448602".into(),
            signature: "ab".repeat(32),
            multiple_access_id: Some("ma".into()),
            target: None,
        })),
        reply(Payload::Catalog(vec![])),
        reply(Payload::Statement(Statement {
            id: "12323423".into(),
            is_consistent: Some(true),
            owners: Some(vec![owner.clone()]),
            accounts: Some(vec![Account {
                iban: "PL61109010140000071219812874".into(),
                ..Account::default()
            }]),
            failed_verifications: vec![FailedVerification {
                name: "FONTS".into(),
                message: Some("Czcionka <inna> & \"obca\"".into()),
            }],
            skipped: vec![],
        })),
        reply(Payload::Exception(Exception {
            name: "StatementVerificationFailed".into(),
            message: Some("m".into()),
            friendly_message: Some("f".into()),
            failed_verifications: vec![
                FailedVerification {
                    name: "AMOUNT_CONSISTENCY".into(),
                    message: None,
                },
                FailedVerification {
                    name: "".into(),
                    message: Some("ż".into()),
                },
            ],
        })),
        reply(Payload::ParserCatalog(vec![
            ParserTarget {
                name: "Alior".into(),
                official_name: Some("Alior Bank".into()),
            },
            ParserTarget {
                name: "Bgz".into(),
                official_name: None,
            },
        ])),
        reply(Payload::Empty),
        reply(Payload::Comment(" \n".into())),
    ]
}

#[test]
fn every_model_field_round_trips() {
    for reply in everything() {
        for options in [
            WriteOptions::default(),
            WriteOptions {
                indent: 1,
                ascii_char_refs: true,
            },
        ] {
            let output = write_reply(&reply, &options);
            assert_eq!(
                parse_reply(output.as_bytes()).as_ref(),
                Ok(&reply),
                "{output}"
            );
            if options.ascii_char_refs {
                assert!(output.is_ascii(), "{output}");
            }
        }
    }
}
