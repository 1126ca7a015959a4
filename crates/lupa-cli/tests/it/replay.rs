//! `lupa-cli import --env test --base-url ...` against a server that replays Kontomatik's captured
//! replies (202, then an in-progress poll, then the successful capture), gzip-encoded or not.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::support::{lupa_cli, run, texts};

fn capture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../lupa-kontomatik/tests/fixtures")
            .join(name),
    )
    .expect("capture exists")
}

fn xml(status: StatusCode, body: Vec<u8>, gzip: bool) -> Response {
    if !gzip {
        return (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response();
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&body).unwrap();
    let body = encoder.finish().unwrap();
    (
        status,
        [
            (header::CONTENT_TYPE, "application/xml"),
            (header::CONTENT_ENCODING, "gzip"),
        ],
        body,
    )
        .into_response()
}

/// Serves the captures on 127.0.0.1:0; returns the base URL. The server ends with the test's runtime.
async fn replay(gzip: bool) -> String {
    let polls = Arc::new(AtomicUsize::new(0));
    let app = Router::new()
        .route(
            "/v1/command/default-import.xml",
            post(move |headers: HeaderMap| async move {
                assert_eq!(headers.get("x-api-key").unwrap(), "test-env-key-0042");
                xml(
                    StatusCode::ACCEPTED,
                    capture("v1.default-import-reply.xml"),
                    gzip,
                )
            }),
        )
        .route(
            "/v1/command/455026009.xml",
            get(move || async move {
                if polls.fetch_add(1, Ordering::SeqCst) == 0 {
                    let in_progress = String::from_utf8(capture("v1.default-import-reply.xml"))
                        .unwrap()
                        .replace("202 Accepted", "200 OK")
                        .replace(r#"state="setup""#, r#"state="in_progress""#);
                    xml(StatusCode::OK, in_progress.into_bytes(), gzip)
                } else {
                    xml(
                        StatusCode::OK,
                        capture("v1.command-reply.default-import.xml"),
                        gzip,
                    )
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

#[tokio::test]
async fn imports_from_a_server_replaying_kontomatiks_captures_plain_and_gzip() {
    for gzip in [false, true] {
        let url = replay(gzip).await;
        let session = format!(
            "sessionId=31744860{}&sessionIdSignature={}",
            u8::from(gzip),
            "ab12".repeat(16)
        );
        let mut command = lupa_cli(&[
            "import",
            "--env",
            "test",
            "--base-url",
            &url,
            "--session",
            &session,
            "--since",
            "2022-01-01",
            "--poll-interval",
            "0.05",
            "--json",
        ]);
        command.env("LUPA_API_KEY", "test-env-key-0042");
        let output = run(command, None).await;
        let (stdout, stderr) = texts(&output);
        assert!(output.status.success(), "gzip={gzip}: {stderr}");
        let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
        assert_eq!(report["commandId"], "455026009");
        assert_eq!(report["target"], "KontoBank");
        assert_eq!(report["summary"]["transactions"], 72, "gzip={gzip}");
        assert_eq!(
            report["summary"]["accounts"][0]["iban"],
            "PL69137013140000049678278112"
        );
        assert_eq!(report["summary"]["accounts"][0]["balance"], "259402.51");
        assert_eq!(report["summary"]["owners"][1], "Maria Sochacka (OWNER)");
        assert_eq!(
            report["ownerExternalId"],
            "kontomatik-27452a6f-3efc-4e17-b07e-6f0dc6225b27"
        );
        assert!(
            !stderr.contains("test-env-key-0042"),
            "the key never reaches the output"
        );
    }
}
