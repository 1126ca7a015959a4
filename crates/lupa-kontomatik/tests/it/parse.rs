//! `parse_reply` against every capture (concrete values), and its tolerance and hardening:
//! skipped items with their raw XML, unknown content, non-XML bodies, truncation, DTDs, limits,
//! and a property test that no input panics.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use lupa_kontomatik::model::{
    Account, Command, CommandResult, CommandState, CredentialMetadata, MoneyTransaction, Owner,
    Payload, Reply,
};
use lupa_kontomatik::xml::{Limits, ParseError, parse_reply, parse_reply_with, shape};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::fixtures::{self, fixture};

fn parse(name: &str) -> Reply {
    parse_reply(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test decimal")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

fn time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("test timestamp")
        .with_timezone(&Utc)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn command(reply: &Reply) -> &Command {
    match &reply.payload {
        Payload::Command(command) => command,
        other => panic!("expected a command, got {other:?}"),
    }
}

fn result(reply: &Reply) -> &CommandResult {
    command(reply).result.as_ref().expect("result")
}

fn the_account(reply: &Reply) -> &Account {
    let accounts = result(reply).accounts.as_ref().expect("accounts");
    assert_eq!(accounts.len(), 1);
    &accounts[0]
}

fn transactions(reply: &Reply) -> &[MoneyTransaction] {
    the_account(reply)
        .money_transactions
        .as_deref()
        .expect("transactions")
}

fn owner(name: &str, address: Option<&str>, kind: &str) -> Owner {
    Owner {
        name: name.into(),
        address: address.map(Into::into),
        kind: Some(kind.into()),
        ..Owner::default()
    }
}

fn maria() -> Owner {
    owner(
        "Maria Sochacka",
        Some("Stolarska 15/2 33-543 Jaworzno"),
        "OWNER",
    )
}

fn tadeusz() -> Owner {
    owner("Tadeusz Krajowy", None, "CO_OWNER")
}

#[allow(clippy::too_many_arguments)]
fn tx(
    on: (i32, u32, u32),
    booked: (i32, u32, u32),
    amount: &str,
    balance: &str,
    title: &str,
    party: Option<&str>,
    party_iban: Option<&str>,
    kind: Option<&str>,
    labels: Option<&[&str]>,
) -> MoneyTransaction {
    MoneyTransaction {
        transaction_on: day(on.0, on.1, on.2),
        booked_on: Some(day(booked.0, booked.1, booked.2)),
        currency_amount: dec(amount),
        currency_balance: Some(dec(balance)),
        title: Some(title.into()),
        party: party.map(Into::into),
        party_iban: party_iban.map(Into::into),
        kind: kind.map(Into::into),
        status: Some("DONE".into()),
        variable_symbol: None,
        constant_symbol: None,
        labels: labels.map(strings_of),
    }
}

fn strings_of(items: &[&str]) -> Vec<String> {
    strings(items)
}

// ---------------------------------------------------------------------------------------------
// Captures

#[test]
fn every_capture_parses_without_skipping_anything() {
    for name in fixtures::ALL {
        let reply = parse(name);
        if let Payload::Command(Command {
            result: Some(result),
            ..
        }) = &reply.payload
        {
            assert!(result.skipped.is_empty(), "{name}: {:?}", result.skipped);
        }
        if let Payload::Data(owner) = &reply.payload {
            assert!(owner.targets.iter().all(|t| t.skipped.is_empty()), "{name}");
        }
    }
}

#[test]
fn default_import_accepted() {
    let reply = parse(fixtures::DEFAULT_IMPORT_ACCEPTED);
    assert_eq!(
        reply.envelope.schema_location.as_deref(),
        Some("https://developer.kontomatik.com/schema/v1/command_setup.xsd")
    );
    assert_eq!(reply.envelope.status.as_deref(), Some("202 Accepted"));
    assert_eq!(reply.envelope.status_code(), Some(202));
    assert_eq!(reply.envelope.user.as_deref(), Some("brsolutions-test"));
    assert_eq!(
        reply.envelope.owner_external_id.as_deref(),
        Some("kontomatik-27452a6f-3efc-4e17-b07e-6f0dc6225b27")
    );
    assert_eq!(
        reply.envelope.response_timestamp,
        Some(time("2023-05-23T07:39:06Z"))
    );
    assert_eq!(
        command(&reply),
        &Command {
            id: "455026009".into(),
            state: CommandState::Setup,
            name: "DefaultImportCommand".into(),
            target: None,
            institution: None,
            progress: Some(0),
            result: None,
            exception: None,
        }
    );
}

#[test]
fn default_import_result_envelope_command_and_owners() {
    let reply = parse(fixtures::DEFAULT_IMPORT_RESULT);
    let envelope = &reply.envelope;
    assert_eq!(
        envelope.schema_location.as_deref(),
        Some("https://developer.kontomatik.com/schema/v1/default_import.xsd")
    );
    assert_eq!(envelope.status.as_deref(), Some("200 OK"));
    assert_eq!(envelope.user.as_deref(), Some("brsolutions-test"));
    assert_eq!(envelope.owner_external_id, None);
    assert_eq!(
        envelope.response_timestamp,
        Some(time("2023-05-23T07:42:50Z"))
    );
    let command = command(&reply);
    assert_eq!(command.id, "455026009");
    assert_eq!(command.state, CommandState::Successful);
    assert!(command.state.is_final());
    assert_eq!(command.name, "DefaultImportCommand");
    assert_eq!(command.target.as_deref(), Some("KontoBank"));
    assert_eq!(command.institution.as_deref(), Some("KontoBank"));
    assert_eq!(command.progress, Some(0));
    assert_eq!(command.exception, None);
    let result = result(&reply);
    assert_eq!(result.owners, Some(vec![tadeusz(), maria()]));
    assert_eq!(result.credit_cards, None);
    assert_eq!(result.money_transactions, None);
}

#[test]
fn default_import_result_account() {
    let reply = parse(fixtures::DEFAULT_IMPORT_RESULT);
    let account = Account {
        money_transactions: None,
        ..the_account(&reply).clone()
    };
    assert_eq!(
        account,
        Account {
            partial_due_to_timeout: None,
            name: Some("Konto 0".into()),
            friendly_name: Some("Konto".into()),
            iban: "PL69137013140000049678278112".into(),
            currency_balance: Some(dec("259402.51")),
            currency_funds_available: Some(dec("259402.51")),
            currency_name: Some("PLN".into()),
            owner: None,
            active_since_at_least: Some(day(2022, 10, 8)),
            direct_debit: Some(true),
            money_transactions: None,
            owners: Some(vec![tadeusz(), maria()]),
        }
    );
}

#[test]
fn default_import_result_transactions() {
    let reply = parse(fixtures::DEFAULT_IMPORT_RESULT);
    let txs = transactions(&reply);
    assert_eq!(txs.len(), 72);
    const TRANSFER: Option<&str> = Some("PRZELEW ZEWNĘTRZNY");
    const JAN: Option<&str> = Some("Jan Kowalski Dunikowskiego 23B, 01-200 Warszawa");
    const JAN_IBAN: Option<&str> = Some("PL83130000002076700146310001");
    // First: no party, two labels.
    assert_eq!(
        txs[0],
        tx(
            (2023, 5, 22),
            (2023, 5, 23),
            "-0.01",
            "259402.51",
            "5QATW54J1O Oplata weryfikacyjna",
            None,
            Some("PL16156000132367053266830002"),
            TRANSFER,
            Some(&["monthly", "verification"]),
        )
    );
    // No labels element at all.
    assert_eq!(
        txs[1],
        tx(
            (2023, 5, 21),
            (2023, 5, 22),
            "-20.00",
            "259402.52",
            "Zwrot za Sylwestra",
            JAN,
            JAN_IBAN,
            TRANSFER,
            None
        )
    );
    assert_eq!(txs[1].labels, None);
    // Neither party nor partyIban.
    assert_eq!(
        txs[2],
        tx(
            (2023, 5, 19),
            (2023, 5, 20),
            "350.00",
            "259422.52",
            "WPLATA",
            None,
            None,
            Some("Wpłata gotówkowa w kasie"),
            Some(&["cash deposit"]),
        )
    );
    // Whitespace inside the title kept.
    assert_eq!(
        txs[3],
        tx(
            (2023, 5, 17),
            (2023, 5, 18),
            "-2.40",
            "259072.52",
            "BILETOMAT BILET ZTM    Warszaw",
            Some("MENNICA AUTOMAT"),
            None,
            Some("MDS - płatność kartą - kraj"),
            Some(&["public transport"]),
        )
    );
    // No kind, double space in the party.
    assert_eq!(
        txs[6],
        tx(
            (2023, 5, 6),
            (2023, 5, 7),
            "-49.99",
            "259119.92",
            "Płatność kartą",
            Some("LPP CROPP  GORNI PL"),
            None,
            None,
            Some(&["apparel"]),
        )
    );
    // Three labels, a round salary that keeps its scale.
    assert_eq!(
        txs[11],
        tx(
            (2023, 4, 25),
            (2023, 4, 26),
            "2800.00",
            "259012.22",
            "Wynagrodzenie za pracę",
            Some("LIDL POLSKA SP Z O O"),
            Some("PL48105000021572771618714189"),
            Some("PRZELEW PRZYCHODZĄCY"),
            Some(&["compensation", "regular wage", "salary"]),
        )
    );
    assert_eq!(txs[11].currency_amount.scale(), 2);
    assert_eq!(txs[11].currency_amount.to_string(), "2800.00");
    // Last.
    assert_eq!(
        txs[71],
        tx(
            (2022, 11, 25),
            (2022, 11, 26),
            "-20.00",
            "230044.08",
            "Zwrot za Sylwestra",
            JAN,
            JAN_IBAN,
            TRANSFER,
            None
        )
    );
    assert_eq!(txs.iter().filter(|t| t.party.is_none()).count(), 30);
    assert_eq!(txs.iter().filter(|t| t.party_iban.is_none()).count(), 36);
    assert_eq!(txs.iter().filter(|t| t.kind.is_none()).count(), 7);
    assert_eq!(txs.iter().filter(|t| t.labels.is_none()).count(), 5);
}

#[test]
fn default_import_money_is_exact() {
    let reply = parse(fixtures::DEFAULT_IMPORT_RESULT);
    let txs = transactions(&reply);
    let sum: Decimal = txs.iter().map(|t| t.currency_amount).sum();
    let (first, last) = (&txs[0], &txs[71]);
    let expected =
        first.currency_balance.unwrap() - last.currency_balance.unwrap() + last.currency_amount;
    assert_eq!(sum, expected);
    assert_eq!(sum.to_string(), "29338.43");
    assert!(txs.iter().all(|t| t.currency_amount.scale() == 2));
    // Each balance is the previous (older) balance plus this amount.
    for pair in txs.windows(2) {
        assert_eq!(
            pair[0].currency_balance,
            pair[1]
                .currency_balance
                .map(|b| b + pair[0].currency_amount)
        );
    }
    assert_eq!(first.currency_balance, the_account(&reply).currency_balance);
}

#[test]
fn unauthorized_comment_keeps_its_whitespace() {
    let reply = parse(fixtures::UNAUTHORIZED);
    assert_eq!(reply.envelope.status.as_deref(), Some("401 Unauthorized"));
    assert_eq!(reply.envelope.user, None);
    assert_eq!(reply.envelope.schema_location, None);
    assert_eq!(
        reply.envelope.response_timestamp,
        Some(time("2023-05-23T08:02:53Z"))
    );
    let Payload::Comment(comment) = &reply.payload else {
        panic!("{:?}", reply.payload)
    };
    assert!(comment.starts_with("\n    We don't know who you are.\n    We see your request"));
    assert!(comment.ends_with("see https://developer.kontomatik.com/ for details.\n  "));
    assert!(comment.contains("API key\n    \"f7**************1f\".\n"));
    assert_eq!(comment.lines().count(), 10);
}

#[test]
fn request_exceptions() {
    let reply = parse(fixtures::COMMAND_NOT_AVAILABLE);
    assert_eq!(reply.envelope.status_code(), Some(400));
    assert_eq!(reply.envelope.user.as_deref(), Some("brsolutions-test"));
    assert_eq!(
        reply.envelope.owner_external_id.as_deref(),
        Some("kontomatik-a70e8a12-0df7-4181-b85a-4da3245e7c2d")
    );
    assert_eq!(
        reply.envelope.response_timestamp,
        Some(time("2023-05-23T07:49:15Z"))
    );
    let Payload::Exception(exception) = &reply.payload else {
        panic!("{:?}", reply.payload)
    };
    assert_eq!(exception.name, "CommandNotAvailable");
    assert_eq!(
        exception.message.as_deref(),
        Some("Command SignOutCommand is not available for target KontoBank.")
    );
    assert_eq!(exception.friendly_message, None);

    let reply = parse(fixtures::SESSION_EXPIRED);
    assert_eq!(reply.envelope.status.as_deref(), Some("404 Not Found"));
    assert_eq!(reply.envelope.owner_external_id, None);
    let Payload::Exception(exception) = &reply.payload else {
        panic!("{:?}", reply.payload)
    };
    assert_eq!(exception.name, "InvalidSessionId");
    assert_eq!(exception.message.as_deref(), Some("Session expired."));
}

#[test]
fn command_in_error_state() {
    let reply = parse(fixtures::COMMAND_EXCEPTION);
    assert_eq!(reply.envelope.status.as_deref(), Some("200 OK"));
    assert_eq!(reply.envelope.response_timestamp, None);
    let command = command(&reply);
    assert_eq!(
        (command.id.as_str(), command.name.as_str()),
        ("000000", "SomeName")
    );
    assert_eq!(command.state, CommandState::Error);
    assert_eq!(command.progress, Some(20));
    assert_eq!(command.result, None);
    let exception = command.exception.as_ref().expect("exception");
    assert_eq!(exception.name, "SessionExpired");
    assert_eq!(exception.message.as_deref(), Some("Exception message"));
    assert_eq!(
        exception.friendly_message.as_deref(),
        Some("Exception message in local language")
    );
}

#[test]
fn owner_scores() {
    let reply = parse(fixtures::OWNER_SCORES);
    assert_eq!(
        reply.envelope.schema_location.as_deref(),
        Some("https://developer.kontomatik.com/schema/v1/get_owner_scores.xsd")
    );
    assert_eq!(
        reply.envelope.owner_external_id.as_deref(),
        Some("kontomatik-34cb892d-3db4-407a-bc94-0eeb6ce58721")
    );
    assert_eq!(
        reply.envelope.response_timestamp,
        Some(time("2023-05-24T10:41:25Z"))
    );
    let Payload::OwnerScores(models) = &reply.payload else {
        panic!("{:?}", reply.payload)
    };
    assert_eq!(models.len(), 1);
    let model = &models[0];
    assert_eq!(model.id, "common-2023-03-07");
    assert_eq!(model.retrained_at, Some(time("2023-03-16T07:11:33Z")));
    assert_eq!(model.score, Some(dec("0.7204348357228043")));
    assert_eq!(model.score.unwrap().to_string(), "0.7204348357228043");
    assert_eq!(
        model.score_percentile.unwrap().to_string(),
        "0.8085198489453809"
    );
    assert_eq!(model.score_tier.as_deref(), Some("C"));
}

#[test]
fn catalog_targets() {
    let reply = parse(fixtures::CATALOG);
    assert_eq!(
        reply.envelope.schema_location.as_deref(),
        Some("https://developer.kontomatik.com/schema/v1/get_command_catalog.xsd")
    );
    assert_eq!(
        reply.envelope.response_timestamp,
        Some(time("2023-05-23T07:31:32Z"))
    );
    let Payload::Catalog(targets) = &reply.payload else {
        panic!("{:?}", reply.payload)
    };
    assert_eq!(targets.len(), 113);
    let mut countries: Vec<&str> = targets.iter().map(|t| t.country.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    assert_eq!(
        countries,
        ["cz", "ee", "es", "it", "lt", "lv", "ph", "pl", "pt", "ro"]
    );
    assert_eq!(targets.iter().filter(|t| t.country == "pl").count(), 26);

    let first = &targets[0];
    assert_eq!(
        (
            first.country.as_str(),
            first.name.as_str(),
            first.institution.as_str()
        ),
        ("cz", "KontoBankApi_cz", "KontoBank_cz")
    );
    assert_eq!(
        (first.beta, first.psd2, first.login_name.as_deref()),
        (Some(true), Some(true), None)
    );
    assert_eq!(
        first.credentials_metadata,
        [CredentialMetadata {
            kind: "API_SETUP".into(),
            name: String::new(),
            description: None,
            supported: Some(true),
            asterisked: Some(false),
            choice: None,
        }]
    );

    let konto_es = targets
        .iter()
        .find(|t| t.name == "KontoBank_es")
        .expect("KontoBank_es");
    assert_eq!(konto_es.country, "es");
    assert_eq!(konto_es.institution, "KontoBank_es");
    assert_eq!(konto_es.official_name, "KontoBank");
    assert_eq!(
        konto_es.official_url.as_deref(),
        Some("https://bank.kontomatik.com")
    );
    assert_eq!(konto_es.login_name.as_deref(), Some("Nombre de usuario"));
    assert_eq!((konto_es.beta, konto_es.psd2), (Some(true), None));
    assert_eq!(konto_es.supported_account_types, ["Individual"]);
    assert_eq!(
        konto_es.commands,
        [
            "DefaultImportCommand",
            "ImportCreditCardTransactionsCommand",
            "ImportAccountsCommand",
            "ImportOwnersDetailsCommand",
            "ImportAccountTransactionsCommand",
            "ImportCreditCardsCommand",
            "EnterCredentialCommand",
        ]
    );

    let konto = targets
        .iter()
        .find(|t| t.name == "KontoBank")
        .expect("KontoBank");
    assert!(konto.supports("DefaultImportCommand"));
    assert!(!konto.supports("SignOutCommand"));

    let caixa = targets
        .iter()
        .find(|t| t.name == "Caixa_es")
        .expect("Caixa_es");
    assert_eq!(
        caixa.login_name.as_deref(),
        Some("CaixaBankNow Identificación")
    );
    assert_eq!(
        caixa.credentials_metadata[0].name,
        "CaixaBankNow Identificación"
    );

    let agricole = targets
        .iter()
        .find(|t| t.name == "AgricoleApi_pt")
        .expect("AgricoleApi_pt");
    assert_eq!(
        agricole.official_name,
        "Caixa Central de Crédito Agrícola Mútuo, CRL"
    );

    let pko = targets
        .iter()
        .find(|t| t.name == "PkoCorporateApi")
        .expect("PkoCorporateApi");
    assert_eq!(
        pko.login_name.as_deref(),
        Some("Identyfikator kontekstu (iPKO biznes ➞ Administracja ➞ Parametry Kontekstu)")
    );
    assert_eq!(pko.supported_account_types, ["Corporate"]);
}

#[test]
fn catalog_credentials_with_description_and_choice() {
    let reply = parse(fixtures::CATALOG);
    let Payload::Catalog(targets) = &reply.payload else {
        panic!("{:?}", reply.payload)
    };
    let ibercaja = targets
        .iter()
        .find(|t| t.name == "Ibercaja_es")
        .expect("Ibercaja_es");
    assert_eq!(
        ibercaja.supported_account_types,
        ["Individual", "Corporate"]
    );
    assert_eq!(
        ibercaja.credentials_metadata,
        [
            CredentialMetadata {
                kind: "STATIC_LOGIN".into(),
                name: "Código de identificación".into(),
                description: Some(
                    "En general el NIF del usuario sin la letra final (código numérico de hasta 8 \
                     posiciones que aparecen en la portada del sobre PIN)."
                        .into()
                ),
                supported: Some(true),
                asterisked: Some(false),
                choice: None,
            },
            CredentialMetadata {
                kind: "DOCUMENT".into(),
                name: "DNI (sin letra) o Tarjeta de Residencia".into(),
                description: None,
                supported: Some(false),
                asterisked: Some(false),
                choice: None,
            },
        ]
    );

    let rural = targets
        .iter()
        .find(|t| t.name == "RuralApi_es")
        .expect("RuralApi_es");
    assert_eq!(rural.official_name, "Caja Rural (ruralvía)");
    let credential = &rural.credentials_metadata[0];
    assert_eq!(
        (credential.kind.as_str(), credential.name.as_str()),
        ("CHOICE", "Elige tu banco")
    );
    let options = credential.choice.as_ref().expect("choice");
    assert_eq!(options.len(), 38);
    assert_eq!(options[0], "BCE");
    assert_eq!(options[18], "C.R. L'ALCUDIA");
    assert_eq!(options[20], "C.R. CAÑETE DE LAS TORRES");
    assert_eq!(options[21], "C.R. SAN ISIDRO VALL D'UXO");
    assert_eq!(options[37], "BANTIERRA");
    let descriptions = targets
        .iter()
        .flat_map(|t| &t.credentials_metadata)
        .filter(|c| c.description.is_some())
        .count();
    assert_eq!(descriptions, 3);
}

#[test]
fn data_xml() {
    let reply = parse(fixtures::DATA);
    assert_eq!(
        reply.envelope.schema_location.as_deref(),
        Some("https://developer.kontomatik.com/schema/v1/get_data.xsd")
    );
    assert_eq!(
        reply.envelope.response_timestamp,
        Some(time("2023-05-23T07:44:49Z"))
    );
    let Payload::Data(owner) = &reply.payload else {
        panic!("{:?}", reply.payload)
    };
    assert_eq!(
        owner.external_id,
        "kontomatik-27452a6f-3efc-4e17-b07e-6f0dc6225b27"
    );
    let created = time("2023-05-23T07:35:07.264013Z");
    assert_eq!(created.timestamp_subsec_micros(), 264_013);
    assert_eq!(
        (owner.created_at, owner.updated_at),
        (Some(created), Some(created))
    );
    assert_eq!(owner.origin.as_deref(), Some("scraper"));
    assert_eq!(owner.last_change, Some(time("2023-05-23T07:35:22.335797Z")));
    assert_eq!(owner.targets.len(), 1);
    let target = &owner.targets[0];
    assert_eq!(target.name, "KontoBank");
    assert_eq!(target.official_name.as_deref(), Some("KontoBank"));
    assert_eq!(target.institution.as_deref(), Some("KontoBank"));
    assert_eq!(target.owners, Some(vec![tadeusz(), maria()]));
    assert_eq!(target.credit_cards, Some(vec![]));
    assert_eq!(target.deposits.as_deref(), Some(""));
    let accounts = target.accounts.as_ref().expect("accounts");
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].iban, "PL69137013140000049678278112");
    assert_eq!(accounts[0].owners, Some(vec![maria(), tadeusz()]));
    let txs = accounts[0]
        .money_transactions
        .as_ref()
        .expect("transactions");
    assert_eq!(txs.len(), 72);
    // The IDE that re-indented this capture collapsed double spaces and wrapped a long party:
    // both are kept exactly as they are in the file.
    assert_eq!(txs[3].title.as_deref(), Some("BILETOMAT BILET ZTM Warszaw"));
    assert_eq!(txs[6].party.as_deref(), Some("LPP CROPP GORNI PL"));
    assert_eq!(
        txs[7].party.as_deref(),
        Some(
            "Medi-cover Sp. z o.o. Al. Jerozolimskie 95 00-807 Warszawa, Polska NIP:\n                                525-14-77-607\n                            "
        )
    );
    // Same money as the command reply.
    let import = parse(fixtures::DEFAULT_IMPORT_RESULT);
    let amounts =
        |txs: &[MoneyTransaction]| txs.iter().map(|t| t.currency_amount).collect::<Vec<_>>();
    assert_eq!(amounts(txs), amounts(transactions(&import)));
}

#[test]
fn legacy_accepted() {
    let reply = parse(fixtures::LEGACY_ACCEPTED);
    assert_eq!(reply.envelope.status.as_deref(), Some("202 Accepted"));
    assert_eq!(reply.envelope.user, None);
    assert_eq!(reply.envelope.response_timestamp, None);
    assert_eq!(reply.envelope.schema_location, None);
    let command = command(&reply);
    assert_eq!(command.id, "1277680");
    assert_eq!(command.name, "ImportOwnersDetailsCommand");
    assert_eq!(command.state, CommandState::InProgress);
    assert_eq!(command.progress, Some(0));
    assert_eq!(command.result, None);
}

#[test]
fn session_as_attributes_or_children() {
    let sig = "9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9";
    let attrs = format!(
        r#"<reply status="200 OK"><session id="317448602" signature="{sig}" multipleAccessId="ma-1" target="KontoBank"/></reply>"#
    );
    let children = format!(
        "<reply status=\"200 OK\"><session>\n <sessionId>317448602</sessionId>\n <sessionIdSignature>{sig}</sessionIdSignature>\n <multipleAccessId>ma-1</multipleAccessId><target>KontoBank</target></session></reply>"
    );
    for xml in [attrs, children] {
        let reply = parse_reply(xml.as_bytes()).expect("session");
        let Payload::Session(session) = reply.payload else {
            panic!("{xml}")
        };
        assert_eq!(session.id, "317448602");
        assert_eq!(session.signature, sig);
        assert_eq!(session.multiple_access_id.as_deref(), Some("ma-1"));
        assert_eq!(session.target.as_deref(), Some("KontoBank"));
    }
    let missing = parse_reply(b"<reply><session id=\"1\"/></reply>").unwrap_err();
    assert!(
        matches!(&missing, ParseError::Invalid { path, .. } if path == "reply/session/@signature"),
        "{missing:?}"
    );
}

#[test]
fn empty_reply_and_unknown_payload() {
    let reply = parse_reply(b"<?xml version=\"1.0\"?><reply status=\"200 OK\"/>").unwrap();
    assert_eq!(reply.payload, Payload::Empty);
    let reply = parse_reply(
        b"<reply><future a=\"1\"><x/></future><comment>hi</comment><exception name=\"X\"/></reply>",
    )
    .unwrap();
    assert_eq!(reply.payload, Payload::Comment("hi".into()));
}

// ---------------------------------------------------------------------------------------------
// Tolerance

/// The capture with the `n`-th (0-based) `<moneyTransaction>…</moneyTransaction>` rewritten.
fn with_transaction(n: usize, edit: impl Fn(&str) -> String) -> (String, String) {
    let text = String::from_utf8(fixture(fixtures::DEFAULT_IMPORT_RESULT)).unwrap();
    let start = text.match_indices("<moneyTransaction>").nth(n).unwrap().0;
    let end =
        start + text[start..].find("</moneyTransaction>").unwrap() + "</moneyTransaction>".len();
    let edited = edit(&text[start..end]);
    (
        format!("{}{}{}", &text[..start], edited, &text[end..]),
        edited,
    )
}

fn assert_skipped_one(n: usize, edit: impl Fn(&str) -> String, reason_has: &[&str]) {
    let (xml, raw) = with_transaction(n, edit);
    let reply = parse_reply(xml.as_bytes()).expect("the reply survives");
    let original = parse(fixtures::DEFAULT_IMPORT_RESULT);
    let outcome = result(&reply);
    assert_eq!(outcome.skipped.len(), 1, "{:?}", outcome.skipped);
    let skipped = &outcome.skipped[0];
    assert_eq!(
        skipped.path,
        format!("reply/command/result/accounts/account[0]/moneyTransactions/moneyTransaction[{n}]")
    );
    assert_eq!(skipped.raw_xml, raw, "raw XML exactly as received");
    for part in reason_has {
        assert!(
            skipped.reason.contains(part),
            "{:?} lacks {part:?}",
            skipped.reason
        );
    }
    let mut expected: Vec<MoneyTransaction> = transactions(&original).to_vec();
    expected.remove(n);
    assert_eq!(transactions(&reply), expected.as_slice());
    assert_eq!(outcome.owners, result(&original).owners);
}

#[test]
fn bad_amount_skips_only_that_transaction() {
    assert_skipped_one(
        17,
        |tx| {
            tx.replace(
                "<currencyAmount>-5.00</currencyAmount>",
                "<currencyAmount>12,30</currencyAmount>",
            )
        },
        &["currencyAmount", "\"12,30\""],
    );
}

#[test]
fn missing_required_or_bad_optional_values_skip_the_transaction() {
    let drop_date = |tx: &str| {
        let start = tx.find("<transactionOn>").unwrap();
        let end = tx.find("</transactionOn>").unwrap() + "</transactionOn>".len();
        format!("{}{}", &tx[..start], &tx[end..])
    };
    assert_skipped_one(0, drop_date, &["transactionOn: missing"]);
    assert_skipped_one(
        71,
        |tx| tx.replace("2022-11-26", "2022-11-31"),
        &["bookedOn", "2022-11-31"],
    );
    assert_skipped_one(
        30,
        |tx| {
            let start = tx.find("<currencyAmount>").unwrap();
            let end = tx.find("</currencyAmount>").unwrap() + "</currencyAmount>".len();
            format!("{}<currencyAmount/>{}", &tx[..start], &tx[end..])
        },
        &["currencyAmount: missing"],
    );
}

#[test]
fn account_without_iban_is_skipped_whole() {
    let text = String::from_utf8(fixture(fixtures::DEFAULT_IMPORT_RESULT)).unwrap();
    let text = text
        .replace("<iban>PL69137013140000049678278112</iban>", "")
        .replacen(
            "<currencyAmount>-5.00</currencyAmount>",
            "<currencyAmount>x</currencyAmount>",
            1,
        );
    let reply = parse_reply(text.as_bytes()).unwrap();
    let result = result(&reply);
    assert_eq!(result.accounts, Some(vec![]));
    assert_eq!(
        result.skipped.len(),
        1,
        "the bad transaction is inside the skipped account"
    );
    assert_eq!(
        result.skipped[0].path,
        "reply/command/result/accounts/account[0]"
    );
    assert_eq!(result.skipped[0].reason, "iban: missing");
    let raw = &result.skipped[0].raw_xml;
    assert!(
        raw.starts_with("<account>\n") && raw.ends_with("</account>"),
        "{raw}"
    );
    assert_eq!(raw.matches("<moneyTransaction>").count(), 72);
    assert_eq!(result.owners.as_ref().map(Vec::len), Some(2));
}

#[test]
fn owner_without_name_is_skipped() {
    let xml = b"<reply><command id=\"1\" state=\"successful\" name=\"X\"><result><owners>\
        <owner><kind>OWNER</kind></owner><owner><name>A</name><birthDate>1990-02-30</birthDate></owner>\
        <owner><name>B</name></owner></owners></result></command></reply>";
    let reply = parse_reply(xml).unwrap();
    let result = result(&reply);
    assert_eq!(
        result.owners,
        Some(vec![Owner {
            name: "B".into(),
            ..Owner::default()
        }])
    );
    let reasons: Vec<(&str, &str)> = result
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("reply/command/result/owners/owner[0]", "name: missing"),
            (
                "reply/command/result/owners/owner[1]",
                "birthDate: invalid date \"1990-02-30\""
            ),
        ]
    );
    assert_eq!(
        result.skipped[0].raw_xml,
        "<owner><kind>OWNER</kind></owner>"
    );
}

#[test]
fn unknown_elements_and_attributes_are_ignored() {
    let text = String::from_utf8(fixture(fixtures::DEFAULT_IMPORT_RESULT)).unwrap();
    let noisy = text
        .replace("<reply ", "<reply future=\"1\" ")
        .replace(
            "<moneyTransaction>",
            "<moneyTransaction id=\"7\"><extra a=\"b\"><deep><deeper>x</deeper></deep></extra>",
        )
        .replace(
            "<status>DONE</status>",
            "<status>DONE</status><!-- note --><category>food</category>",
        )
        .replace("<owners>", "<owners><?pi data?><note/>")
        .replace(
            "<result>",
            "<result><something><owners><owner><name>not me</name></owner></owners></something>",
        );
    assert_eq!(
        parse_reply(noisy.as_bytes()).unwrap(),
        parse(fixtures::DEFAULT_IMPORT_RESULT)
    );
}

#[test]
fn entities_cdata_and_line_ends_are_decoded() {
    let xml = "<reply><exception name=\"A&amp;B\"><message>x &lt; y &#x105;&#261; &apos;q&apos;\r\n<![CDATA[<raw> & ]]></message></exception></reply>";
    let reply = parse_reply(xml.as_bytes()).unwrap();
    let Payload::Exception(exception) = reply.payload else {
        panic!()
    };
    assert_eq!(exception.name, "A&B");
    assert_eq!(exception.message.as_deref(), Some("x < y ąą 'q'\n<raw> & "));
}

// ---------------------------------------------------------------------------------------------
// Errors and hardening

#[test]
fn html_json_and_text_bodies_are_not_replies() {
    let html = b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>";
    let error = parse_reply(html).unwrap_err();
    assert!(matches!(error, ParseError::NotAReply { .. }), "{error:?}");
    assert_eq!(
        error.first_bytes(),
        Some(
            "<!DOCTYPE html> <html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>"
        )
    );
    for body in [
        &b"<html><body>Service Unavailable</body></html>"[..],
        b"  <HTML><BODY><br></BODY>",
        b"{\"error\":\"unauthorized\"}",
        b"Bad Gateway",
        b"<replies/>",
    ] {
        let error = parse_reply(body).unwrap_err();
        let ParseError::NotAReply { first_bytes } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(first_bytes, &String::from_utf8_lossy(body));
    }
    let long = format!("<html>x{}\u{1b}[31m</html>", "ż".repeat(150));
    let error = parse_reply(long.as_bytes()).unwrap_err();
    let first = error.first_bytes().unwrap();
    assert!(
        first.len() <= 200 && first.starts_with("<html>xżż") && !first.contains('\u{fffd}'),
        "{first}"
    );
    assert_eq!(
        ParseError::first_bytes_of(b"a\nb\x1b[0m\xff"),
        "a b [0m\u{fffd}"
    );
}

#[test]
fn empty_bodies() {
    for body in [&b""[..], b"   \r\n\t", b"\xEF\xBB\xBF"] {
        assert_eq!(parse_reply(body), Err(ParseError::Empty));
    }
}

#[test]
fn truncated_replies_are_malformed() {
    for name in fixtures::ALL {
        let bytes = fixture(name);
        let root_end = bytes.windows(8).rposition(|w| w == b"</reply>").unwrap() + 8;
        // Small captures: every cut. Large ones: every cut in the prolog and the last element,
        // ~150 spread over the rest (odd steps land inside tags, text and references alike).
        let step = (root_end / 150) | 1;
        let cuts = (1..root_end.min(300))
            .chain((300..root_end).step_by(step))
            .chain(root_end.saturating_sub(40).max(1)..root_end);
        for cut in cuts {
            match parse_reply(&bytes[..cut]) {
                Err(ParseError::Malformed { position, .. }) => assert!(position <= cut as u64),
                other => panic!("{name} cut at {cut}: {other:?}"),
            }
        }
        assert!(
            parse_reply(&bytes[..root_end]).is_ok(),
            "{name}: complete root"
        );
    }
}

#[test]
fn malformed_documents() {
    for body in [
        &b"<reply><command id=\"1\" state=\"setup\"></reply>"[..],
        b"<reply></reply><reply></reply>",
        b"<reply></reply>trailing",
        b"<reply><comment>&nbsp;</comment></reply>",
        b"<reply><comment>&#0;</comment></reply>",
        b"<reply><comment>a & b</comment></reply>",
        b"<reply a=\"1\" a=\"2\"></reply>",
        b"<reply a=1></reply>",
        b"<reply><comment>\xff\xfe</comment></reply>",
        b"</reply>",
        b"<?xml version=\"1.0\"?>",
    ] {
        let error = parse_reply(body).unwrap_err();
        assert!(
            matches!(error, ParseError::Malformed { .. }),
            "{}: {error:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn invalid_required_values() {
    let cases: [(&[u8], &str); 5] = [
        (b"<reply><command state=\"setup\"/></reply>", "reply/command/@id"),
        (b"<reply><command id=\"1\"/></reply>", "reply/command/@state"),
        (b"<reply><exception/></reply>", "reply/exception/@name"),
        (b"<reply responseTimestamp=\"soon\"/>", "reply/@responseTimestamp"),
        (
            b"<reply><command id=\"1\" state=\"x\"><progress><value>half</value></progress></command></reply>",
            "reply/command/progress/value",
        ),
    ];
    for (body, expected_path) in cases {
        match parse_reply(body) {
            Err(ParseError::Invalid { path, .. }) => assert_eq!(path, expected_path),
            other => panic!("{expected_path}: {other:?}"),
        }
    }
}

#[test]
fn any_dtd_is_refused() {
    let laughs = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<reply><comment>&lol9;</comment></reply>"#;
    let started = std::time::Instant::now();
    assert_eq!(parse_reply(laughs), Err(ParseError::Dtd));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    let external = br#"<?xml version="1.0"?><!DOCTYPE reply [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><reply><comment>&xxe;</comment></reply>"#;
    assert_eq!(parse_reply(external), Err(ParseError::Dtd));
    assert_eq!(
        parse_reply(b"<!DOCTYPE reply><reply/>"),
        Err(ParseError::Dtd)
    );
    assert_eq!(
        parse_reply(b"<reply><!DOCTYPE reply></reply>"),
        Err(ParseError::Dtd)
    );
    assert_eq!(shape::element_tree(laughs), Err(ParseError::Dtd));
}

#[test]
fn limits() {
    let deep = format!(
        "<reply>{}{}</reply>",
        "<a>".repeat(1000),
        "</a>".repeat(1000)
    );
    assert_eq!(
        parse_reply(deep.as_bytes()),
        Err(ParseError::TooDeep { limit: 64 })
    );
    let deep_empty = format!(
        "<reply>{}<a/>{}</reply>",
        "<a>".repeat(63),
        "</a>".repeat(63)
    );
    assert_eq!(
        parse_reply(deep_empty.as_bytes()),
        Err(ParseError::TooDeep { limit: 64 })
    );
    let just_fits = format!("<reply>{}{}</reply>", "<a>".repeat(63), "</a>".repeat(63));
    assert_eq!(
        parse_reply(just_fits.as_bytes()).map(|r| r.payload),
        Ok(Payload::Empty)
    );
    assert_eq!(
        shape::element_tree(deep.as_bytes()),
        Err(ParseError::TooDeep { limit: 64 })
    );

    let bytes = fixture(fixtures::DEFAULT_IMPORT_RESULT);
    let small = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    assert_eq!(
        parse_reply_with(&bytes, &small),
        Err(ParseError::TooLarge {
            size: bytes.len(),
            limit: 1000
        })
    );
    let shallow = Limits {
        max_depth: 5,
        ..Limits::default()
    };
    assert_eq!(
        parse_reply_with(&bytes, &shallow),
        Err(ParseError::TooDeep { limit: 5 })
    );
    assert_eq!(
        Limits::default(),
        Limits {
            max_bytes: 512 * 1024 * 1024,
            max_depth: 64,
            split_lists_from: 4 * 1024 * 1024,
        }
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fixture(fixtures::SESSION_EXPIRED));
    assert_eq!(parse_reply(&bytes), Ok(parse(fixtures::SESSION_EXPIRED)));
}

// ---------------------------------------------------------------------------------------------
// No input panics

/// Small captures plus the big import: mutations of them reach deep into the parser.
const MUTATED: &[&str] = &[
    fixtures::DEFAULT_IMPORT_RESULT,
    fixtures::DEFAULT_IMPORT_ACCEPTED,
    fixtures::COMMAND_EXCEPTION,
    fixtures::UNAUTHORIZED,
    fixtures::OWNER_SCORES,
    fixtures::LEGACY_ACCEPTED,
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, &'static [u8]),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip(at, byte)),
        any::<usize>().prop_map(Mutation::Truncate),
        (
            any::<usize>(),
            prop::sample::select(vec![
                &b"<"[..],
                b"&",
                b"]]>",
                b"</",
                b"&#x",
                b"\"",
                b"<!DOCTYPE x>",
                b"<a>"
            ])
        )
            .prop_map(|(at, text)| Mutation::Insert(at, text)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len().max(1);
        match *mutation {
            Mutation::Flip(at, byte) => {
                if let Some(b) = bytes.get_mut(at % len) {
                    *b = byte;
                }
            }
            Mutation::Truncate(at) => bytes.truncate(at % len),
            Mutation::Insert(at, text) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, text.iter().copied());
            }
        }
    }
    bytes
}

fn exercise(bytes: &[u8]) {
    let _ = lupa_kontomatik::fuzzing::check_split(bytes);
    let _ = parse_reply_with(
        bytes,
        &Limits {
            max_bytes: 1 << 20,
            max_depth: 6,
            split_lists_from: 0,
        },
    );
    let _ = shape::shape(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        exercise(&bytes);
    }

    #[test]
    fn random_markup_never_panics(
        pieces in prop::collection::vec(
            prop::sample::select(vec!["<reply>", "</reply>", "<command id='1' state='setup'>", "</command>",
                "<result>", "<accounts>", "<account>", "<moneyTransaction>", "</moneyTransaction>",
                "<currencyAmount>", "1.00", "&amp;", "&#x1F600;", "<![CDATA[", "]]>", "<!--", "-->",
                "<?pi?>", "<iban>", "</iban>", "x", " ", "\n", "<labels><label>a</label>", "/>", "\"", "="]),
            0..40,
        )
    ) {
        exercise(pieces.concat().as_bytes());
    }

    #[test]
    fn mutated_captures_never_panic(
        which in 0..MUTATED.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let bytes = mutate(fixture(MUTATED[which]), &mutations);
        exercise(&bytes);
    }
}
