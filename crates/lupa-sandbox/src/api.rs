//! The AIS endpoints: sessions, default and advanced imports, polling, sign-out, catalog, owner
//! scores, `data.xml` and multiple access, with Kontomatik's HTTP codes and reply shapes.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, Query, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{Duration as Days, NaiveDate, Utc};
use lupa_kontomatik::model::{
    Command, CommandResult, CommandState, DataOwner, DataTarget, Exception, Payload, Reply, Session,
};
use lupa_kontomatik::protocol::{self, exception as ex, path, schema};
use lupa_kontomatik::xml::WriteOptions;
use sha2::{Digest, Sha256};

use crate::catalog;
use crate::config::Fault;
use crate::personas::{self, ScoreOutcome};
use crate::reply;
use crate::results;
use crate::state::{
    CommandKind, CommandRecord, MultipleAccessRecord, OwnerRecord, SandboxState, SessionRecord,
};

type Shared = State<Arc<SandboxState>>;
type Params = HashMap<String, String>;

/// The `/v1` router, behind the API-key check.
pub fn router(state: Arc<SandboxState>) -> Router {
    Router::new()
        .route(path::MOCK_SESSION, post(mock_session))
        .route(path::DEFAULT_IMPORT, post(default_import))
        .route(path::IMPORT_OWNERS, post(advanced_owners))
        .route(path::IMPORT_ACCOUNTS, post(advanced_accounts))
        .route(path::IMPORT_ACCOUNT_TRANSACTIONS, post(advanced_account_transactions))
        .route(path::IMPORT_CREDIT_CARDS, post(advanced_credit_cards))
        .route(path::IMPORT_CREDIT_CARD_TRANSACTIONS, post(advanced_card_transactions))
        .route(path::SIGN_OUT, post(sign_out))
        .route(path::REUSE_MULTIPLE_ACCESS, post(reuse_multiple_access))
        .route(path::DELETE_MULTIPLE_ACCESS, post(delete_multiple_access))
        .route("/v1/command/{file}", get(get_command))
        .route(path::COMMAND_CATALOG, get(command_catalog))
        .route("/v1/catalog.xml", get(command_catalog))
        .route(path::OWNER_SCORES, get(owner_scores))
        .route(path::DATA, get(data).delete(delete_data))
        .layer(axum::middleware::from_fn_with_state(state.clone(), require_api_key))
        .with_state(state)
}

/// Rejects requests without an accepted key with Kontomatik's 401 `<comment>` reply.
async fn require_api_key(
    State(state): Shared,
    Query(query): Query<Params>,
    request: Request,
    next: Next,
) -> Response {
    let header_key = request
        .headers()
        .get(protocol::API_KEY_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let key = header_key.or_else(|| query.get("apiKey").cloned());
    match key {
        Some(key) if state.config.api_keys.iter().any(|accepted| accepted == &key) => {
            next.run(request).await
        }
        other => reply::unauthorized(other.as_deref()),
    }
}

fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params.get(name).map(|value| value.trim()).filter(|value| !value.is_empty())
}

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
        let known: Vec<&str> =
            personas::catalog().iter().flat_map(|p| p.logins.iter().copied()).collect();
        (
            ex::INVALID_PARAMETER.to_owned(),
            format!("Unknown test login {login:?}. Known logins: {}.", known.join(", ")),
        )
    })?;
    let target = match target {
        Some(name) => {
            let known = catalog::targets().iter().any(|t| t.name == name);
            if !known {
                return Err(("InvalidTarget".to_owned(), format!("Unknown target {name}.")));
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
        let consent = hex::encode(&Sha256::digest(format!("consent/{}/{id}", state.config.seed))[..16]);
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
            created: Instant::now(),
            default_import_started: false,
            advanced_started: false,
            signed_out: false,
            history_limit: None,
            multiple_access_id: multiple_access_id.clone(),
        },
    );
    Ok(Session {
        signature: state.sign(&id),
        id,
        multiple_access_id,
        target: Some(target),
    })
}

async fn mock_session(State(state): Shared, Form(form): Form<Params>) -> Response {
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
            let owner = state.records().sessions.get(&session.id).map(|s| s.owner_external_id.clone());
            reply::xml(200, reply::envelope(200, None, owner.as_deref()), Payload::Session(session))
        }
        Err((name, message)) => reply::exception(&name, &message, None),
    }
}

/// Validates `sessionId` + `sessionIdSignature` and returns the session id, or the error reply.
fn check_session(state: &SandboxState, form: &Params) -> Result<String, Response> {
    let expired = || reply::exception(ex::INVALID_SESSION_ID, "Session expired.", None);
    let Some(session_id) = param(form, "sessionId") else { return Err(expired()) };
    let signature = param(form, "sessionIdSignature").unwrap_or_default();
    let records = state.records();
    let Some(session) = records.sessions.get(session_id) else { return Err(expired()) };
    if session.signed_out || session.created.elapsed() > state.config.session_ttl {
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

fn parse_since(value: Option<&str>) -> Result<NaiveDate, Response> {
    let Some(value) = value else {
        return Err(reply::exception(ex::INVALID_SINCE, "Parameter since is required.", None));
    };
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        reply::exception(ex::INVALID_SINCE, &format!("Invalid since date {value:?}; expected YYYY-MM-DD."), None)
    })
}

/// Registers a command and answers 202 `setup` in the capture's shape.
fn accept(state: &SandboxState, session_id: &str, kind: CommandKind, since: NaiveDate) -> Response {
    let mut records = state.records();
    let Some(session) = records.sessions.get(session_id).cloned() else {
        return reply::exception(ex::INVALID_SESSION_ID, "Session expired.", None);
    };
    let since = session.history_limit.map_or(since, |limit| since.max(limit));
    let id = records.next_id();
    let now = Utc::now();
    records
        .owners
        .entry(session.owner_external_id.clone())
        .and_modify(|owner| {
            owner.since = owner.since.min(since);
            owner.last_change = now;
            if !owner.targets.contains(&session.target) {
                owner.targets.push(session.target.clone());
            }
        })
        .or_insert_with(|| OwnerRecord {
            persona: session.persona,
            targets: vec![session.target.clone()],
            since,
            created_at: now,
            last_change: now,
        });
    let name = kind.wire_name();
    records.commands.insert(
        id.clone(),
        CommandRecord {
            kind,
            session_id: session_id.to_owned(),
            persona: session.persona,
            target: session.target.clone(),
            since,
            fault: session.fault,
            polls: 0,
        },
    );
    reply::xml(
        202,
        reply::envelope(202, Some(schema::COMMAND_SETUP), Some(&session.owner_external_id)),
        Payload::Command(Command {
            id,
            state: CommandState::Setup,
            name: name.to_owned(),
            target: None,
            institution: None,
            progress: Some(0),
            result: None,
            exception: None,
        }),
    )
}

async fn default_import(State(state): Shared, Form(form): Form<Params>) -> Response {
    let session_id = match check_session(&state, &form) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let since = match parse_since(param(&form, "since")) {
        Ok(since) => since,
        Err(response) => return response,
    };
    {
        let mut records = state.records();
        let Some(session) = records.sessions.get_mut(&session_id) else {
            return reply::exception(ex::INVALID_SESSION_ID, "Session expired.", None);
        };
        if session.fault == Some(Fault::ExpiredSession) {
            return reply::exception(ex::INVALID_SESSION_ID, "Session expired.", None);
        }
        if session.default_import_started {
            return reply::exception(
                ex::DEFAULT_IMPORT_ALREADY_EXECUTED,
                "Default import has already been executed in this session. Sign in again to import again.",
                Some(&session.owner_external_id),
            );
        }
        if session.advanced_started {
            return reply::exception(
                ex::INVALID_PARAMETER,
                "Default import cannot be mixed with other import commands in one session.",
                Some(&session.owner_external_id),
            );
        }
        session.default_import_started = true;
    }
    accept(&state, &session_id, CommandKind::DefaultImport, since)
}

/// Starts an advanced command after the session and mixing checks.
fn start_advanced(state: &SandboxState, form: &Params, kind: CommandKind, since: NaiveDate) -> Response {
    let session_id = match check_session(state, form) {
        Ok(id) => id,
        Err(response) => return response,
    };
    {
        let mut records = state.records();
        let Some(session) = records.sessions.get_mut(&session_id) else {
            return reply::exception(ex::INVALID_SESSION_ID, "Session expired.", None);
        };
        if session.default_import_started {
            return reply::exception(
                ex::INVALID_PARAMETER,
                "Advanced import commands cannot be mixed with the default import in one session.",
                Some(&session.owner_external_id),
            );
        }
        session.advanced_started = true;
    }
    accept(state, &session_id, kind, since)
}

fn far_past() -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).expect("valid date")
}

async fn advanced_owners(State(state): Shared, Form(form): Form<Params>) -> Response {
    start_advanced(&state, &form, CommandKind::Owners, far_past())
}

async fn advanced_accounts(State(state): Shared, Form(form): Form<Params>) -> Response {
    start_advanced(&state, &form, CommandKind::Accounts, far_past())
}

async fn advanced_credit_cards(State(state): Shared, Form(form): Form<Params>) -> Response {
    start_advanced(&state, &form, CommandKind::CreditCards, far_past())
}

async fn advanced_account_transactions(State(state): Shared, Form(form): Form<Params>) -> Response {
    let since = match parse_since(param(&form, "since")) {
        Ok(since) => since,
        Err(response) => return response,
    };
    let Some(iban) = param(&form, "iban") else {
        return reply::exception(ex::INVALID_IBAN, "Parameter iban is required.", None);
    };
    if let Some(persona) = param(&form, "sessionId")
        .and_then(|id| state.records().sessions.get(id).map(|s| s.persona))
        && !state.generated(persona).accounts.iter().any(|a| a.iban == iban)
    {
        return reply::exception(ex::INVALID_IBAN, &format!("No account {iban} in this session."), None);
    }
    start_advanced(&state, &form, CommandKind::AccountTransactions { iban: iban.to_owned() }, since)
}

async fn advanced_card_transactions(State(state): Shared, Form(form): Form<Params>) -> Response {
    let since = match parse_since(param(&form, "since")) {
        Ok(since) => since,
        Err(response) => return response,
    };
    let Some(card) = param(&form, "cardNumber") else {
        return reply::exception(ex::INVALID_PARAMETER, "Parameter cardNumber is required.", None);
    };
    let kind = CommandKind::CreditCardTransactions { card_number: card.to_owned() };
    start_advanced(&state, &form, kind, since)
}

async fn get_command(State(state): Shared, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some(id) = file.strip_suffix(".xml") else {
        return reply::exception(ex::INVALID_COMMAND_ID, "Unknown command.", None);
    };
    let (record, polls) = {
        let mut records = state.records();
        let Some(record) = records.commands.get_mut(id) else {
            return reply::exception(ex::INVALID_COMMAND_ID, &format!("Unknown command {id}."), None);
        };
        record.polls += 1;
        (record.clone(), record.polls)
    };
    let fault = record.fault;
    let mut finish_at = state.config.polls_to_finish.max(1);
    match fault {
        Some(Fault::Unauthorized) if polls >= 2 => {
            let key = headers.get(protocol::API_KEY_HEADER).and_then(|v| v.to_str().ok());
            return reply::unauthorized(key);
        }
        Some(Fault::ServerErrors) if polls <= 3 => return reply::proxy_unavailable(),
        Some(Fault::ServerErrors) => finish_at += 3,
        Some(Fault::Timeout) if polls == 1 => tokio::time::sleep(state.config.hang).await,
        Some(Fault::SlowPolls) => {
            tokio::time::sleep(state.config.slow_poll_delay).await;
            finish_at = finish_at.max(6);
        }
        _ => {}
    }
    if polls < finish_at {
        let command = bare_command(id, &record, CommandState::InProgress);
        return reply::xml(200, reply::envelope(200, Some(schema::COMMAND_SETUP), None), Payload::Command(command));
    }
    finished(&state, id, &record)
}

fn bare_command(id: &str, record: &CommandRecord, state: CommandState) -> Command {
    Command {
        id: id.to_owned(),
        state,
        name: record.kind.wire_name().to_owned(),
        target: None,
        institution: None,
        progress: Some(0),
        result: None,
        exception: None,
    }
}

/// The final reply of a command, or the fault that replaces it.
fn finished(state: &SandboxState, id: &str, record: &CommandRecord) -> Response {
    let failed = |command_state: CommandState, name: &str, message: &str, friendly: &str| {
        let mut command = bare_command(id, record, command_state);
        command.exception = Some(Exception {
            name: name.to_owned(),
            message: Some(message.to_owned()),
            friendly_message: Some(friendly.to_owned()),
        });
        reply::xml(200, reply::envelope(200, None, None), Payload::Command(command))
    };
    match record.fault {
        Some(Fault::CommandError) => {
            return failed(
                CommandState::Error,
                ex::SESSION_EXPIRED,
                "Session expired during import.",
                "Sesja w banku wygasła. Zaloguj się ponownie.",
            );
        }
        Some(Fault::BankUnavailable) => {
            return failed(
                CommandState::Error,
                ex::IO,
                "Communication with the bank failed.",
                "Bank jest chwilowo niedostępny. Spróbuj ponownie później.",
            );
        }
        Some(Fault::CommandFatal) => {
            return failed(
                CommandState::Fatal,
                "UnexpectedError",
                "Unexpected error while importing data.",
                "Wystąpił nieoczekiwany błąd. Skontaktuj się z pomocą techniczną.",
            );
        }
        _ => {}
    }
    let generated = state.generated(record.persona);
    let institution = catalog::institution_of(&record.target);
    let mut command = bare_command(id, record, CommandState::Successful);
    command.target = Some(record.target.clone());
    command.institution = Some(institution);
    command.result = Some(results::command_result(&generated, &record.kind, record.since));
    let body = lupa_kontomatik::xml::write_reply(
        &Reply {
            envelope: reply::envelope(200, Some(schema::DEFAULT_IMPORT), None),
            payload: Payload::Command(command),
        },
        &WriteOptions::default(),
    );
    match record.fault {
        Some(Fault::MalformedXml) => {
            let broken = body.replacen("</moneyTransaction>", "</moneyTransactio>", 1);
            let broken = if broken == body { body.replacen("</command>", "<command>", 1) } else { broken };
            reply::raw(200, broken.into_bytes())
        }
        Some(Fault::TruncatedXml) => {
            let mut bytes = body.into_bytes();
            bytes.truncate(bytes.len() / 2);
            reply::raw(200, bytes)
        }
        _ => reply::raw(200, body.into_bytes()),
    }
}

async fn sign_out(State(state): Shared, Form(form): Form<Params>) -> Response {
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
            &format!("Command SignOutCommand is not available for target {}.", session.target),
            Some(&session.owner_external_id),
        );
    }
    session.signed_out = true;
    let owner = session.owner_external_id.clone();
    reply::xml(200, reply::envelope(200, None, Some(&owner)), Payload::Empty)
}

async fn command_catalog(Query(query): Query<Params>) -> Response {
    let country = param(&query, "country").filter(|c| !c.eq_ignore_ascii_case("all"));
    let targets = catalog::targets()
        .iter()
        .filter(|t| country.is_none_or(|c| t.country.eq_ignore_ascii_case(c)))
        .cloned()
        .collect();
    let reply = Reply {
        envelope: reply::envelope(200, Some(schema::COMMAND_CATALOG), None),
        payload: Payload::Catalog(targets),
    };
    reply::xml_with(200, &reply, &WriteOptions { ascii_char_refs: true, ..WriteOptions::default() })
}

async fn owner_scores(State(state): Shared, Query(query): Query<Params>) -> Response {
    let Some(owner_id) = param(&query, "ownerExternalId") else {
        return reply::exception(ex::INVALID_OWNER_EXTERNAL_ID, "Parameter ownerExternalId is required.", None);
    };
    let Some(persona) = state.records().owners.get(owner_id).map(|owner| owner.persona) else {
        return reply::exception(
            ex::INVALID_OWNER_EXTERNAL_ID,
            &format!("No data for owner {owner_id}."),
            Some(owner_id),
        );
    };
    match state.generated(persona).score.clone() {
        ScoreOutcome::Models(models) => reply::xml(
            200,
            reply::envelope(200, Some(schema::OWNER_SCORES), Some(owner_id)),
            Payload::OwnerScores(models),
        ),
        ScoreOutcome::NoData => reply::exception(
            ex::NO_DATA_TO_CALCULATE_SCORE,
            "Not enough data to calculate score.",
            Some(owner_id),
        ),
    }
}

async fn data(State(state): Shared, Query(query): Query<Params>) -> Response {
    let Some(owner_id) = param(&query, "ownerExternalId") else {
        return reply::exception(ex::INVALID_OWNER_EXTERNAL_ID, "Parameter ownerExternalId is required.", None);
    };
    let Some(owner) = state.records().owners.get(owner_id).cloned() else {
        return reply::exception(ex::INVALID_OWNER_EXTERNAL_ID, &format!("No data for owner {owner_id}."), Some(owner_id));
    };
    let generated = state.generated(owner.persona);
    let targets = owner
        .targets
        .iter()
        .map(|target| {
            let result = results::command_result(&generated, &CommandKind::DefaultImport, owner.since);
            DataTarget {
                name: target.clone(),
                official_name: Some(catalog::official_name_of(target)),
                institution: Some(catalog::institution_of(target)),
                owners: result.owners,
                accounts: result.accounts,
                credit_cards: Some(result.credit_cards.unwrap_or_default()),
                deposits: Some(String::new()),
                skipped: Vec::new(),
            }
        })
        .collect();
    let data = DataOwner {
        external_id: owner_id.to_owned(),
        created_at: Some(owner.created_at),
        updated_at: Some(owner.created_at),
        origin: Some("scraper".to_owned()),
        last_change: Some(owner.last_change),
        targets,
    };
    reply::xml(200, reply::envelope(200, Some(schema::GET_DATA), Some(owner_id)), Payload::Data(data))
}

async fn delete_data(State(state): Shared, Query(query): Query<Params>) -> Response {
    let Some(owner_id) = param(&query, "ownerExternalId") else {
        return reply::exception(ex::INVALID_OWNER_EXTERNAL_ID, "Parameter ownerExternalId is required.", None);
    };
    if state.records().owners.remove(owner_id).is_none() {
        return reply::exception(ex::INVALID_OWNER_EXTERNAL_ID, &format!("No data for owner {owner_id}."), Some(owner_id));
    }
    reply::xml(200, reply::envelope(200, None, Some(owner_id)), Payload::Empty)
}

async fn reuse_multiple_access(State(state): Shared, Form(form): Form<Params>) -> Response {
    let invalid = || {
        reply::exception(
            ex::INVALID_MULTIPLE_ACCESS_ID,
            "Multiple access id is unknown, expired or revoked.",
            None,
        )
    };
    let Some(consent_id) = param(&form, "multipleAccessId") else { return invalid() };
    let now = Utc::now();
    let today = state.today();
    let (persona, target, owner_id, fault) = {
        let mut records = state.records();
        let Some(consent) = records.multiple_access.get_mut(consent_id) else { return invalid() };
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
        (consent.persona, consent.target.clone(), consent.owner_external_id.clone(), state.config.fault)
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
            created: Instant::now(),
            default_import_started: false,
            advanced_started: false,
            signed_out: false,
            history_limit: Some(today - Days::days(90)),
            multiple_access_id: Some(consent_id.to_owned()),
        },
    );
    let session = Session {
        signature: state.sign(&id),
        id,
        multiple_access_id: Some(consent_id.to_owned()),
        target: Some(target),
    };
    reply::xml(200, reply::envelope(200, None, Some(&owner_id)), Payload::Session(session))
}

async fn delete_multiple_access(State(state): Shared, Form(form): Form<Params>) -> Response {
    let Some(consent_id) = param(&form, "multipleAccessId") else {
        return reply::exception(ex::INVALID_MULTIPLE_ACCESS_ID, "Parameter multipleAccessId is required.", None);
    };
    let mut records = state.records();
    match records.multiple_access.get_mut(consent_id) {
        Some(consent) if !consent.revoked => {
            consent.revoked = true;
            let owner = consent.owner_external_id.clone();
            reply::xml(200, reply::envelope(200, None, Some(&owner)), Payload::Empty)
        }
        _ => reply::exception(ex::INVALID_MULTIPLE_ACCESS_ID, "Multiple access id is unknown or already revoked.", None),
    }
}
