//! The PDF Parsing API (legacy XML generation): `POST /v1/statement.xml` and
//! `GET /v1/parser-catalog.xml`. Every name and shape Kontomatik does not document (exception
//! names, the reply under `<statement>`, `failedVerifications`) comes from
//! `lupa_kontomatik::protocol::statement`, and every reply is written by its writer.
//!
//! - The upload is `multipart/form-data` with the text fields `pdfAsBase64` (required; a file
//!   part is read the same way), `acceptInconsistent` (`true`/`false`, default `false`) and
//!   `ownerExternalId` (optional, echoed on the reply). The API key is checked by the router's
//!   middleware, from the `X-Api-Key` header or an `apiKey` query parameter; the legacy `apiKey`
//!   *form field* is not read (the middleware runs before the body is).
//! - The decoded document goes to [`crate::statement::inspect`], which plays Kontomatik's parser:
//!   a parsed statement is a 200 `<statement>` with its owners and its one account; a refusal is a
//!   400 `<exception>` named by [`StatementRefusal`], with the failed checks in
//!   `failedVerifications`.
//! - Faults set for the whole sandbox ([`SandboxConfig::fault`](crate::SandboxConfig::fault)) that
//!   make sense for one synchronous request apply here too: `timeout` (the reply comes after
//!   [`SandboxConfig::hang`](crate::SandboxConfig::hang)), `reset`, `malformed`, `truncated`.
//!   The per-session faults do not: an upload has no session.
//! - Parsed statements are not merged into the owner's `data.xml` (the sandbox's owner records
//!   hold bank imports only).

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::response::Response;
use lupa_kontomatik::model::{
    Exception, FailedVerification, ParserTarget, Payload, Reply, Statement,
};
use lupa_kontomatik::protocol::statement::{decode_pdf, exception as pdf_ex};
use lupa_kontomatik::protocol::{StatementRefusal, exception as ex, param, schema};
use lupa_kontomatik::xml::{WriteOptions, write_reply};

use super::{Params, Shared, param as query_param};
use crate::config::Fault;
use crate::personas;
use crate::reply;
use crate::statement::{self, ParsedStatement, Problem, Verdict};

/// The largest request body the upload route reads: a 48 MB PDF in base64. Kontomatik states no
/// limit; Lupa's own pre-flight cap is far lower.
pub(super) const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// The parsers the sandbox lists for Poland: the documented sample's three, then the personas'
/// banks by their target names, so that a statement of any persona is supported.
fn polish_parsers() -> Vec<ParserTarget> {
    let sample = [("Alior", "Alior Bank"), ("Bgz", "BGŻ"), ("Bos", "BOŚ Bank")];
    let mut parsers: Vec<ParserTarget> = sample
        .into_iter()
        .map(|(name, official)| ParserTarget {
            name: name.to_owned(),
            official_name: Some(official.to_owned()),
        })
        .collect();
    for persona in personas::catalog() {
        if !parsers.iter().any(|parser| parser.name == persona.target) {
            parsers.push(ParserTarget {
                name: persona.target.to_owned(),
                official_name: Some(persona.official_name.to_owned()),
            });
        }
    }
    parsers
}

/// `GET /v1/parser-catalog.xml?country=pl`: `<target>`s directly under `<reply>`; no target for
/// any other country.
pub(super) async fn parser_catalog(Query(query): Query<Params>) -> Response {
    let Some(country) = query_param(&query, param::COUNTRY) else {
        return reply::exception(
            ex::INVALID_PARAMETER,
            "Parameter country is required.",
            None,
        );
    };
    let payload = if country.eq_ignore_ascii_case("pl") {
        Payload::ParserCatalog(polish_parsers())
    } else {
        Payload::Empty
    };
    reply::xml(
        200,
        reply::envelope(200, Some(schema::PARSER_CATALOG), None),
        payload,
    )
}

/// The fields of one upload.
#[derive(Default)]
struct Upload {
    pdf_base64: Option<String>,
    accept_inconsistent: Option<String>,
    owner_external_id: Option<String>,
}

/// Reads the multipart fields; an unreadable body is an `InvalidPdf` reply.
async fn read_upload(multipart: Result<Multipart, MultipartRejection>) -> Result<Upload, Response> {
    let invalid = |message: String| reply::exception(pdf_ex::INVALID_PDF, &message, None);
    let mut multipart = multipart.map_err(|rejection| {
        invalid(format!(
            "Expected a multipart/form-data body with a pdfAsBase64 field ({}).",
            rejection.body_text()
        ))
    })?;
    let mut upload = Upload::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                return Err(invalid(format!(
                    "The multipart body could not be read ({}).",
                    error.body_text()
                )));
            }
        };
        let slot = match field.name() {
            Some(param::PDF_AS_BASE64) => &mut upload.pdf_base64,
            Some(param::ACCEPT_INCONSISTENT) => &mut upload.accept_inconsistent,
            Some(param::OWNER_EXTERNAL_ID) => &mut upload.owner_external_id,
            _ => continue,
        };
        let value = field.text().await.map_err(|error| {
            invalid(format!(
                "The multipart body could not be read ({}).",
                error.body_text()
            ))
        })?;
        *slot = Some(value);
    }
    Ok(upload)
}

/// `POST /v1/statement.xml`.
pub(super) async fn upload_statement(
    State(state): Shared,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(response) => return response,
    };
    let owner = upload
        .owner_external_id
        .as_deref()
        .map(str::trim)
        .filter(|owner| !owner.is_empty())
        .map(str::to_owned);
    let owner = owner.as_deref();
    let accept_inconsistent = match upload.accept_inconsistent.as_deref().map(str::trim) {
        None | Some("") => false,
        Some(value) if value.eq_ignore_ascii_case("true") => true,
        Some(value) if value.eq_ignore_ascii_case("false") => false,
        Some(_) => {
            return reply::exception(
                ex::INVALID_PARAMETER,
                "Parameter acceptInconsistent must be true or false.",
                owner,
            );
        }
    };
    let pdf = match upload.pdf_base64.as_deref().map(decode_pdf) {
        None => {
            return reply::exception(
                pdf_ex::INVALID_PDF,
                "Parameter pdfAsBase64 is required.",
                owner,
            );
        }
        Some(Err(reason)) => {
            return reply::exception(
                pdf_ex::INVALID_PDF,
                &format!("Parameter pdfAsBase64 is {reason}."),
                owner,
            );
        }
        Some(Ok(pdf)) => pdf,
    };
    // Text extraction and regenerating the persona take a while: off the async workers.
    let verdict =
        tokio::task::spawn_blocking(move || statement::inspect(&pdf, accept_inconsistent)).await;
    let (status, payload) = match verdict {
        Ok(Verdict::Parsed(parsed)) => (200, Payload::Statement(parsed_statement(parsed))),
        Ok(Verdict::Refused {
            problem,
            message,
            failed_verifications,
        }) => {
            let refusal = refusal(problem);
            (
                refusal.http_status(),
                Payload::Exception(Exception {
                    name: refusal.exception_name().to_owned(),
                    message: Some(message),
                    friendly_message: None,
                    failed_verifications: verifications(failed_verifications),
                }),
            )
        }
        Err(_) => {
            return reply::exception(
                ex::SERVICE_TEMPORARILY_UNAVAILABLE,
                "The statement could not be parsed. Try again later.",
                owner,
            );
        }
    };
    let body = write_reply(
        &Reply {
            envelope: reply::envelope(status, None, owner),
            payload,
        },
        &WriteOptions::default(),
    );
    with_fault(&state, status, body).await
}

/// The reply, or what the sandbox-wide fault makes of it.
async fn with_fault(state: &crate::state::SandboxState, status: u16, body: String) -> Response {
    match state.config.fault {
        Some(Fault::Timeout) => {
            state.pause(state.config.hang).await;
            reply::raw(status, body.into_bytes())
        }
        Some(Fault::ConnectionReset) => reply::reset(body.as_bytes()),
        Some(Fault::MalformedXml) => {
            let broken = body.replacen("</reply>", "</repl>", 1);
            reply::raw(status, broken.into_bytes())
        }
        Some(Fault::TruncatedXml) => {
            let mut bytes = body.into_bytes();
            bytes.truncate(bytes.len() / 2);
            reply::raw(status, bytes)
        }
        _ => reply::raw(status, body.into_bytes()),
    }
}

/// The sandbox parser's problem as the protocol's refusal (one to one).
fn refusal(problem: Problem) -> StatementRefusal {
    match problem {
        Problem::Tampered => StatementRefusal::Tampered,
        Problem::Inconsistent => StatementRefusal::Inconsistent,
        Problem::UnsupportedLayout => StatementRefusal::UnsupportedLayout,
        Problem::CorporateAccount => StatementRefusal::CorporateAccount,
        Problem::UnsupportedLanguage => StatementRefusal::UnsupportedLanguage,
        Problem::Encrypted => StatementRefusal::Encrypted,
        Problem::NotAPdf => StatementRefusal::NotAPdf,
    }
}

fn verifications(found: Vec<(String, String)>) -> Vec<FailedVerification> {
    found
        .into_iter()
        .map(|(name, message)| FailedVerification {
            name,
            message: Some(message).filter(|message| !message.trim().is_empty()),
        })
        .collect()
}

/// `<statement id isConsistent>` with the owners and the one account.
fn parsed_statement(parsed: ParsedStatement) -> Statement {
    Statement {
        id: parsed.statement_id,
        is_consistent: Some(parsed.is_consistent),
        owners: Some(parsed.owners),
        accounts: Some(vec![parsed.account]),
        failed_verifications: verifications(parsed.failed_verifications),
        skipped: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_a_distinct_refusal() {
        let problems = [
            Problem::Tampered,
            Problem::Inconsistent,
            Problem::UnsupportedLayout,
            Problem::CorporateAccount,
            Problem::UnsupportedLanguage,
            Problem::Encrypted,
            Problem::NotAPdf,
        ];
        let refusals: Vec<StatementRefusal> = problems.into_iter().map(refusal).collect();
        assert_eq!(refusals, StatementRefusal::ALL);
        for problem in problems {
            assert_eq!(refusal(problem).code(), problem.as_str());
        }
    }

    #[test]
    fn every_persona_bank_has_a_parser() {
        let parsers = polish_parsers();
        for persona in personas::catalog() {
            assert!(
                parsers.iter().any(|parser| parser.name == persona.target),
                "{}",
                persona.id
            );
        }
        let names: Vec<&str> = parsers.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(&names[..3], ["Alior", "Bgz", "Bos"]);
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }
}
