//! Sessions: minting (mock session and the widget), checking id and signature, sign-out, and
//! multiple-access consents (reuse within 4 per 24 h, 90 days of history, revoke).

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use chrono::{Duration as Days, Utc};
use lupa_kontomatik::model::{Payload, Session};
use lupa_kontomatik::protocol::{self, exception as ex};
use sha2::{Digest, Sha256};

use super::{Params, Shared, param};
use crate::catalog;
use crate::config::Fault;
use crate::personas;
use crate::reply;
use crate::state::{MultipleAccessRecord, SandboxState, SessionRecord};

/// A deterministic `kontomatik-<uuid>` owner id, the shape the captures show when none was given.
fn generated_owner_id(state: &SandboxState, session_id: &str) -> String {
    let digest = Sha256::digest(format!("{}/{session_id}", state.config.seed));
    let hex = hex::encode(&digest[..16]);
    format!(
        "kontomatik-{}-{}-4{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// Creates a session for a persona; shared by `mock-session.xml` and the widget stand-in.
pub fn create_session(
    state: &SandboxState,
    login: &str,
    target: Option<&str>,
    owner_external_id: Option<&str>,
    fault: Option<Fault>,
    multiple_access: bool,
) -> Result<Session, (String, String)> {
    let (login, suffix_fault) = match login.split_once('+') {
        Some((login, fault)) => {
            let fault = fault
                .parse::<Fault>()
                .map_err(|error| (ex::INVALID_PARAMETER.to_owned(), error.to_string()))?;
            (login, Some(fault))
        }
        None => (login, None),
    };
    let persona = personas::find(login).ok_or_else(|| {
        let known: Vec<&str> = personas::catalog()
            .iter()
            .flat_map(|p| p.logins.iter().copied())
            .collect();
        (
            ex::INVALID_PARAMETER.to_owned(),
            format!(
                "Unknown test login {login:?}. Known logins: {}.",
                known.join(", ")
            ),
        )
    })?;
    let target = match target {
        Some(name) => {
            let known = catalog::targets().iter().any(|t| t.name == name);
            if !known {
                return Err((
                    "InvalidTarget".to_owned(),
                    format!("Unknown target {name}."),
                ));
            }
            name.to_owned()
        }
        None => persona.target.to_owned(),
    };
    let fault = fault.or(suffix_fault).or(state.config.fault);
    let mut records = state.records();
    let id = records.next_id();
    let owner_external_id = owner_external_id
        .map(str::to_owned)
        .unwrap_or_else(|| generated_owner_id(state, &id));
    let multiple_access_id = multiple_access.then(|| {
        let consent =
            hex::encode(&Sha256::digest(format!("consent/{}/{id}", state.config.seed))[..16]);
        records.multiple_access.insert(
            consent.clone(),
            MultipleAccessRecord {
                persona,
                target: target.clone(),
                owner_external_id: owner_external_id.clone(),
                granted_at: Utc::now(),
                refreshes: Vec::new(),
                revoked: false,
            },
        );
        consent
    });
    records.sessions.insert(
        id.clone(),
        SessionRecord {
            persona,
            target: target.clone(),
            owner_external_id: owner_external_id.clone(),
            fault,
            created_at: Utc::now(),
            default_import_started: false,
            advanced_started: false,
            signed_out: false,
            history_limit: None,
        },
    );
    Ok(Session {
        signature: state.sign(&id),
        id,
        multiple_access_id,
        target: Some(target),
    })
}

pub(super) async fn mock_session(State(state): Shared, Form(form): Form<Params>) -> Response {
    let login = param(&form, "login").unwrap_or("test");
    let fault = match param(&form, "fault").map(str::parse::<Fault>).transpose() {
        Ok(fault) => fault,
        Err(error) => return reply::exception(ex::INVALID_PARAMETER, &error.to_string(), None),
    };
    let multiple = param(&form, "multipleAccess").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    match create_session(
        &state,
        login,
        param(&form, "target"),
        param(&form, "ownerExternalId"),
        fault,
        multiple,
    ) {
        Ok(session) => {
            let owner = state
                .records()
                .sessions
                .get(&session.id)
                .map(|s| s.owner_external_id.clone());
            reply::xml(
                200,
                reply::envelope(200, None, owner.as_deref()),
                Payload::Session(session),
            )
        }
        Err((name, message)) => reply::exception(&name, &message, None),
    }
}

/// Validates `sessionId` + `sessionIdSignature` and returns the session id, or the error reply.
pub(super) fn check_session(state: &SandboxState, form: &Params) -> Result<String, Response> {
    let expired = || reply::exception(ex::INVALID_SESSION_ID, "Session expired.", None);
    let Some(session_id) = param(form, "sessionId") else {
        return Err(expired());
    };
    let signature = param(form, "sessionIdSignature").unwrap_or_default();
    let records = state.records();
    let Some(session) = records.sessions.get(session_id) else {
        return Err(expired());
    };
    if session.signed_out || session.expired(state.config.session_ttl) {
        return Err(expired());
    }
    if !state.verify(session_id, signature) {
        return Err(reply::exception(
            ex::INVALID_SESSION_ID_SIGNATURE,
            "Session id signature does not match the session.",
            Some(&session.owner_external_id),
        ));
    }
    Ok(session_id.to_owned())
}

pub(super) async fn sign_out(State(state): Shared, Form(form): Form<Params>) -> Response {
    let session_id = match check_session(&state, &form) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let mut records = state.records();
    let Some(session) = records.sessions.get_mut(&session_id) else {
        return reply::exception(ex::INVALID_SESSION_ID, "Session expired.", None);
    };
    let supported = catalog::targets()
        .iter()
        .any(|t| t.name == session.target && t.supports(protocol::SIGN_OUT_COMMAND));
    if !supported {
        return reply::exception(
            ex::COMMAND_NOT_AVAILABLE,
            &format!(
                "Command SignOutCommand is not available for target {}.",
                session.target
            ),
            Some(&session.owner_external_id),
        );
    }
    session.signed_out = true;
    let owner = session.owner_external_id.clone();
    reply::xml(
        200,
        reply::envelope(200, None, Some(&owner)),
        Payload::Empty,
    )
}

pub(super) async fn reuse_multiple_access(
    State(state): Shared,
    Form(form): Form<Params>,
) -> Response {
    let invalid = || {
        reply::exception(
            ex::INVALID_MULTIPLE_ACCESS_ID,
            "Multiple access id is unknown, expired or revoked.",
            None,
        )
    };
    let Some(consent_id) = param(&form, "multipleAccessId") else {
        return invalid();
    };
    let now = Utc::now();
    let today = state.today();
    let (persona, target, owner_id, fault) = {
        let mut records = state.records();
        let Some(consent) = records.multiple_access.get_mut(consent_id) else {
            return invalid();
        };
        if consent.revoked
            || now - consent.granted_at > Days::days(protocol::MULTIPLE_ACCESS_CONSENT_DAYS)
        {
            return invalid();
        }
        consent.refreshes.retain(|at| now - *at < Days::hours(24));
        if consent.refreshes.len() >= protocol::MULTIPLE_ACCESS_REFRESHES_PER_DAY as usize {
            return reply::exception(
                ex::MULTIPLE_ACCESS_LIMIT_EXCEEDED,
                "Multiple access refresh limit (4 per 24 hours) exceeded.",
                Some(&consent.owner_external_id),
            );
        }
        consent.refreshes.push(now);
        (
            consent.persona,
            consent.target.clone(),
            consent.owner_external_id.clone(),
            state.config.fault,
        )
    };
    let mut records = state.records();
    let id = records.next_id();
    records.sessions.insert(
        id.clone(),
        SessionRecord {
            persona,
            target: target.clone(),
            owner_external_id: owner_id.clone(),
            fault,
            created_at: Utc::now(),
            default_import_started: false,
            advanced_started: false,
            signed_out: false,
            history_limit: Some(today - Days::days(90)),
        },
    );
    let session = Session {
        signature: state.sign(&id),
        id,
        multiple_access_id: Some(consent_id.to_owned()),
        target: Some(target),
    };
    reply::xml(
        200,
        reply::envelope(200, None, Some(&owner_id)),
        Payload::Session(session),
    )
}

pub(super) async fn delete_multiple_access(
    State(state): Shared,
    Form(form): Form<Params>,
) -> Response {
    let Some(consent_id) = param(&form, "multipleAccessId") else {
        return reply::exception(
            ex::INVALID_MULTIPLE_ACCESS_ID,
            "Parameter multipleAccessId is required.",
            None,
        );
    };
    let mut records = state.records();
    match records.multiple_access.get_mut(consent_id) {
        Some(consent) if !consent.revoked => {
            consent.revoked = true;
            let owner = consent.owner_external_id.clone();
            reply::xml(
                200,
                reply::envelope(200, None, Some(&owner)),
                Payload::Empty,
            )
        }
        _ => reply::exception(
            ex::INVALID_MULTIPLE_ACCESS_ID,
            "Multiple access id is unknown or already revoked.",
            None,
        ),
    }
}
