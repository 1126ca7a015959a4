//! The sandbox's replies have exactly the element paths, attribute names and child order of the
//! matching real captures (F-SBX-1).

use lupa_kontomatik::xml::shape::{Shape, element_tree, shape};

use crate::support::{Http, sandbox};

fn capture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lupa-kontomatik/tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn assert_same_shape(what: &str, body: &[u8], capture_name: &str) {
    assert_shapes(
        what,
        shape(body).expect("sandbox reply is XML"),
        shape(&capture(capture_name)).unwrap(),
    );
}

fn assert_shapes(what: &str, have: Shape, want: Shape) {
    let differences = have.diff(&want);
    assert!(
        differences.is_empty(),
        "{what} differs from the capture:\n{}",
        differences.join("\n")
    );
}

#[tokio::test]
async fn import_replies_match_the_captures() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);
    let (session, _) = http.session(&[("login", "test")]).await;

    let accepted = http.start(&session, "2021-11-20").await;
    assert_same_shape(
        "202 accepted",
        &accepted.body,
        "v1.default-import-reply.xml",
    );

    let command_id = accepted.command().id;
    let in_progress = http.get(&format!("/v1/command/{command_id}.xml")).await;
    // No capture of an in-progress poll exists: it has the 202 reply's shape, without the
    // ownerExternalId that the final capture also lacks.
    let expected = String::from_utf8(capture("v1.default-import-reply.xml"))
        .unwrap()
        .replace(
            r#" ownerExternalId="kontomatik-27452a6f-3efc-4e17-b07e-6f0dc6225b27""#,
            "",
        );
    assert_shapes(
        "in progress",
        shape(&in_progress.body).unwrap(),
        shape(expected.as_bytes()).unwrap(),
    );

    let successful = http.get(&format!("/v1/command/{command_id}.xml")).await;
    assert_same_shape(
        "successful import",
        &successful.body,
        "v1.command-reply.default-import.xml",
    );
    let wrong = shape(&successful.body)
        .unwrap()
        .diff(&shape(&capture("v1.default-import-reply.xml")).unwrap());
    assert!(
        !wrong.is_empty(),
        "the comparison tells different replies apart"
    );
}

#[tokio::test]
async fn error_replies_match_the_captures() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);

    let unauthorized = http
        .get_with_key("/v1/command-catalog.xml", Some("f7-wrong-key-1f"))
        .await;
    assert_eq!(unauthorized.status, 401);
    assert_same_shape("401", &unauthorized.body, "unauthorized-reply.xml");

    let (session, _) = http.session(&[("login", "test")]).await;
    let expired = http
        .post(
            "/v1/command/default-import.xml",
            &[
                ("sessionId", "42"),
                ("sessionIdSignature", &session.signature),
                ("since", "2025-01-01"),
            ],
        )
        .await;
    assert_eq!(expired.status, 404);
    assert_same_shape(
        "expired session",
        &expired.body,
        "session-expired-reply.xml",
    );

    let form = [
        ("sessionId", session.id.as_str()),
        ("sessionIdSignature", session.signature.as_str()),
    ];
    let not_available = http.post("/v1/command/sign-out.xml", &form).await;
    assert_eq!(not_available.status, 400);
    assert_same_shape(
        "command not available",
        &not_available.body,
        "command-not-available-reply.xml",
    );

    // The error-state fixture is synthetic (bare `<reply status>`), so only `<command>` is compared.
    let (failing, _) = http.session(&[("login", "test+error")]).await;
    let command_id = http.start(&failing, "2025-01-01").await.command().id;
    let failed = http.finish(&command_id).await;
    let have = element_tree(&failed.body).unwrap();
    let want = element_tree(&capture("v1.command-reply.exception.xml")).unwrap();
    assert_shapes(
        "command in state error",
        Shape::of(have.child("command").expect("command")),
        Shape::of(want.child("command").expect("command")),
    );
}

#[tokio::test]
async fn catalog_scores_and_data_match_the_captures() {
    let sandbox = sandbox().await;
    let http = Http::new(&sandbox);

    let catalog = http.get("/v1/command-catalog.xml").await;
    assert_eq!(catalog.status, 200);
    assert_same_shape("catalog", &catalog.body, "v1.commands-catalog-reply.xml");
    assert!(
        catalog.text().contains("Identificaci&#xf3;n"),
        "non-ASCII as character references, as captured"
    );

    let (session, owner) = http.session(&[("login", "test")]).await;
    let command_id = http.start(&session, "2021-11-20").await.command().id;
    http.finish(&command_id).await;

    let scores = http
        .get(&format!("/v1/owner-scores.xml?ownerExternalId={owner}"))
        .await;
    assert_same_shape("owner scores", &scores.body, "v1.owner-scores-reply.xml");

    let data = http
        .get(&format!("/v1/data.xml?ownerExternalId={owner}"))
        .await;
    assert_same_shape("data.xml", &data.body, "v1.data-reply.xml");
}
