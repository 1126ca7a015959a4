//! The protocol's flows as a client sees them over HTTP: sessions, one default import per session,
//! polling, `since`, balances, sign-out, scores, `data.xml`, multiple access, the widget page.

use lupa_kontomatik::model::{CommandState, Payload};
use rust_decimal::Decimal;

use crate::support::{Http, sandbox, today};

#[tokio::test]
async fn a_default_import_goes_setup_in_progress_successful() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);
    let (session, owner) = http.session(&[("login", "test")]).await;
    assert!(
        session.id.chars().all(|c| c.is_ascii_digit()),
        "numeric session id: {}",
        session.id
    );
    assert_eq!(session.signature.len(), 64);
    assert!(
        session
            .signature
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert!(
        owner.starts_with("kontomatik-"),
        "generated owner id like the captures: {owner}"
    );

    let accepted = http.start(&session, "2024-01-01").await;
    assert_eq!(accepted.status, 202, "{}", accepted.text());
    let reply = accepted.reply();
    assert_eq!(reply.envelope.status.as_deref(), Some("202 Accepted"));
    assert_eq!(
        reply.envelope.owner_external_id.as_deref(),
        Some(owner.as_str())
    );
    let command = accepted.command();
    assert_eq!(command.state, CommandState::Setup);
    assert_eq!(command.name, "DefaultImportCommand");

    let first_poll = http.get(&format!("/v1/command/{}.xml", command.id)).await;
    assert_eq!(first_poll.status, 200);
    assert_eq!(first_poll.command().state, CommandState::InProgress);
    let done = http.get(&format!("/v1/command/{}.xml", command.id)).await;
    let finished = done.command();
    assert_eq!(
        finished.state,
        CommandState::Successful,
        "second poll finishes (polls_to_finish = 2)"
    );
    assert_eq!(finished.target.as_deref(), Some("KontoBank"));
    assert_eq!(finished.institution.as_deref(), Some("KontoBank"));
    let result = finished.result.expect("a successful command has a result");
    let since = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for account in result.accounts.expect("accounts") {
        let transactions = account.money_transactions.expect("transactions");
        assert!(!transactions.is_empty());
        assert!(
            transactions.iter().all(|tx| tx.transaction_on >= since),
            "since filters"
        );
        assert!(transactions.iter().all(|tx| tx.transaction_on <= today()));
        assert!(
            transactions
                .windows(2)
                .all(|pair| pair[0].transaction_on >= pair[1].transaction_on),
            "newest first"
        );
        assert_eq!(
            transactions[0].currency_balance, account.currency_balance,
            "first tx = balance"
        );
        for pair in transactions.windows(2) {
            assert_eq!(
                pair[1].currency_balance.unwrap(),
                pair[0].currency_balance.unwrap() - pair[0].currency_amount,
                "currencyBalance is the balance after each transaction"
            );
        }
        assert!(
            transactions
                .iter()
                .all(|tx| tx.currency_amount.scale() == 2),
            "two decimals"
        );
    }
}

#[tokio::test]
async fn a_session_allows_one_default_import() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);
    let (session, _) = http.session(&[("login", "pensioner")]).await;
    assert_eq!(http.start(&session, "2025-01-01").await.status, 202);
    let again = http.start(&session, "2025-01-01").await;
    assert_eq!(again.status, 400);
    assert_eq!(again.exception_name(), "DefaultImportAlreadyExecuted");
}

#[tokio::test]
async fn bad_sessions_keys_and_parameters_get_kontomatiks_errors() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);
    let (mut session, _) = http.session(&[("login", "test")]).await;

    let unknown = http
        .post(
            "/v1/command/default-import.xml",
            &[
                ("sessionId", "1"),
                ("sessionIdSignature", &session.signature),
                ("since", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.exception_name()),
        (404, "InvalidSessionId".to_owned())
    );
    assert!(
        unknown
            .text()
            .contains("<message>Session expired.</message>")
    );

    let bad_since = http.start(&session, "01.01.2025").await;
    assert_eq!(
        (bad_since.status, bad_since.exception_name()),
        (400, "InvalidSince".to_owned())
    );

    session.signature = "0".repeat(64);
    let forged = http.start(&session, "2025-01-01").await;
    assert_eq!(forged.exception_name(), "InvalidSessionIdSignature");

    let no_key = http.get_with_key("/v1/command-catalog.xml", None).await;
    assert_eq!(no_key.status, 401);
    let wrong_key = http
        .get_with_key("/v1/command-catalog.xml", Some("wrong-key-123"))
        .await;
    assert_eq!(wrong_key.status, 401);
    assert!(matches!(wrong_key.reply().payload, Payload::Comment(_)));
    assert!(
        wrong_key.reply().envelope.user.is_none(),
        "401 replies carry no user"
    );

    let unknown_command = http.get("/v1/command/999.xml").await;
    assert_eq!(
        (unknown_command.status, unknown_command.exception_name()),
        (404, "InvalidCommandId".to_owned())
    );

    let unknown_login = http
        .post("/v1/mock-session.xml", &[("login", "nobody")])
        .await;
    assert_eq!(unknown_login.status, 400);
    assert!(unknown_login.text().contains("Known logins"));
}

#[tokio::test]
async fn sign_out_follows_the_catalog() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);
    let (session, _) = http.session(&[("login", "test")]).await;
    let form = [
        ("sessionId", session.id.as_str()),
        ("sessionIdSignature", session.signature.as_str()),
    ];
    let refused = http.post("/v1/command/sign-out.xml", &form).await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.exception_name(), "CommandNotAvailable");
    assert!(
        refused
            .text()
            .contains("Command SignOutCommand is not available for target KontoBank.")
    );

    let (session, _) = http
        .session(&[("login", "test"), ("target", "ESkok")])
        .await;
    let form = [
        ("sessionId", session.id.as_str()),
        ("sessionIdSignature", session.signature.as_str()),
    ];
    let signed_out = http.post("/v1/command/sign-out.xml", &form).await;
    assert_eq!(
        signed_out.status, 200,
        "eSKOK lists SignOutCommand in the catalog"
    );
    assert_eq!(
        http.start(&session, "2025-01-01").await.exception_name(),
        "InvalidSessionId"
    );
}

#[tokio::test]
async fn owner_scores_and_data_follow_the_owner() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);
    let (session, owner) = http
        .session(&[("login", "test"), ("ownerExternalId", "wniosek-1")])
        .await;
    assert_eq!(owner, "wniosek-1");
    let before = http
        .get("/v1/owner-scores.xml?ownerExternalId=wniosek-1")
        .await;
    assert_eq!(
        before.exception_name(),
        "InvalidOwnerExternalId",
        "no import yet, no data"
    );

    let command = http.start(&session, "2021-01-01").await.command();
    http.finish(&command.id).await;
    let scores = http
        .get("/v1/owner-scores.xml?ownerExternalId=wniosek-1")
        .await;
    assert_eq!(scores.status, 200);
    let Payload::OwnerScores(models) = scores.reply().payload else {
        panic!("scores")
    };
    assert!(!models.is_empty());
    for model in &models {
        let score = model.score.expect("score");
        assert!(score > Decimal::ZERO && score < Decimal::ONE);
        assert!(model.score_tier.is_some());
    }

    let data = http.get("/v1/data.xml?ownerExternalId=wniosek-1").await;
    assert_eq!(data.status, 200);
    let Payload::Data(owner_data) = data.reply().payload else {
        panic!("data")
    };
    assert_eq!(owner_data.external_id, "wniosek-1");
    assert_eq!(owner_data.targets.len(), 1);
    assert_eq!(owner_data.targets[0].name, "KontoBank");

    assert_eq!(
        http.delete("/v1/data.xml?ownerExternalId=wniosek-1")
            .await
            .status,
        200
    );
    assert_eq!(
        http.get("/v1/data.xml?ownerExternalId=wniosek-1")
            .await
            .status,
        400
    );

    let (thin, _) = http
        .session(&[("login", "thin"), ("ownerExternalId", "wniosek-2")])
        .await;
    let command = http.start(&thin, "2021-01-01").await.command();
    http.finish(&command.id).await;
    let no_data = http
        .get("/v1/owner-scores.xml?ownerExternalId=wniosek-2")
        .await;
    assert_eq!(no_data.exception_name(), "NoDataToCalculateScore");
}

#[tokio::test]
async fn multiple_access_refreshes_four_times_a_day_then_stops() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);
    let (session, _) = http
        .session(&[("login", "joint"), ("multipleAccess", "true")])
        .await;
    let consent = session.multiple_access_id.expect("a consent id");
    for refresh in 1..=4 {
        let answer = http
            .post(
                "/v1/command/reuse-multiple-access.xml",
                &[("multipleAccessId", &consent)],
            )
            .await;
        assert_eq!(answer.status, 200, "refresh {refresh}: {}", answer.text());
        let Payload::Session(fresh) = answer.reply().payload else {
            panic!("a session")
        };
        let command = http.start(&fresh, "2020-01-01").await.command();
        let result = http
            .finish(&command.id)
            .await
            .command()
            .result
            .expect("result");
        let oldest = result
            .accounts
            .iter()
            .flatten()
            .flat_map(|a| a.money_transactions.iter().flatten())
            .map(|tx| tx.transaction_on)
            .min()
            .expect("transactions");
        assert!(
            oldest >= today() - chrono::Duration::days(90),
            "refreshes give 90 days"
        );
    }
    let fifth = http
        .post(
            "/v1/command/reuse-multiple-access.xml",
            &[("multipleAccessId", &consent)],
        )
        .await;
    assert_eq!(fifth.exception_name(), "MultipleAccessLimitExceeded");
    assert_eq!(
        http.post(
            "/v1/command/delete-multiple-access.xml",
            &[("multipleAccessId", &consent)]
        )
        .await
        .status,
        200
    );
    let revoked = http
        .post(
            "/v1/command/reuse-multiple-access.xml",
            &[("multipleAccessId", &consent)],
        )
        .await;
    assert_eq!(revoked.exception_name(), "InvalidMultipleAccessId");
}

#[tokio::test]
async fn advanced_commands_return_one_list_each_and_do_not_mix() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);
    let (session, _) = http.session(&[("login", "cards")]).await;
    let form = [
        ("sessionId", session.id.as_str()),
        ("sessionIdSignature", session.signature.as_str()),
    ];
    let accounts_cmd = http
        .post("/v1/command/import-accounts.xml", &form)
        .await
        .command();
    let accounts = http
        .finish(&accounts_cmd.id)
        .await
        .command()
        .result
        .unwrap()
        .accounts
        .unwrap();
    assert!(
        accounts.iter().all(|a| a.money_transactions.is_none()),
        "accounts without transactions"
    );
    let iban = accounts[0].iban.clone();
    let tx_form = [
        ("sessionId", session.id.as_str()),
        ("sessionIdSignature", session.signature.as_str()),
        ("iban", iban.as_str()),
        ("since", "2026-01-01"),
    ];
    let tx_cmd = http
        .post("/v1/command/import-account-transactions.xml", &tx_form)
        .await
        .command();
    let transactions = http
        .finish(&tx_cmd.id)
        .await
        .command()
        .result
        .unwrap()
        .money_transactions
        .unwrap();
    assert!(!transactions.is_empty());
    let cards_cmd = http
        .post("/v1/command/import-credit-cards.xml", &form)
        .await
        .command();
    let cards = http
        .finish(&cards_cmd.id)
        .await
        .command()
        .result
        .unwrap()
        .credit_cards
        .unwrap();
    assert!(!cards.is_empty(), "the cards persona has credit cards");
    let mixed = http.start(&session, "2025-01-01").await;
    assert_eq!(
        mixed.status, 400,
        "default import is not mixed with advanced commands"
    );
}

#[tokio::test]
async fn the_widget_stand_in_signs_in_and_offers_a_deep_link() {
    let sandbox = sandbox().await;
    let client = reqwest::Client::new();
    let page = client
        .get(sandbox.url().clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("name=\"login\"") && page.contains("KontoBank"),
        "{page}"
    );
    assert!(page.contains("gambler"), "personas are listed");
    let signed_in = client
        .post(sandbox.url().join("signin").unwrap())
        .form(&[
            ("login", "gambler"),
            ("password", "Test123"),
            ("target", "KontoBank"),
            ("ownerExternalId", "w-77"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        signed_in.contains("lupa://import?target=KontoBank&amp;sessionId="),
        "{signed_in}"
    );
    assert!(signed_in.contains("ownerExternalId=w-77"));
    let refused = client
        .post(sandbox.url().join("signin").unwrap())
        .form(&[("login", "gambler"), ("password", "")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(refused.contains("Nieprawidłowy login lub hasło"));
}
