//! Commands: the default import (once per session), the advanced imports (never mixed with it),
//! and polling, which advances `setup` → `in_progress` → a final state and applies injected faults
//! (slow, hung, reset, refused, failed, malformed, truncated and oversized replies).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{NaiveDate, Utc};
use lupa_kontomatik::model::{Command, CommandState, Exception, Payload, Reply};
use lupa_kontomatik::protocol::{self, exception as ex, schema};
use lupa_kontomatik::xml::WriteOptions;

use super::sessions::check_session;
use super::{Params, Shared, param};
use crate::catalog;
use crate::config::Fault;
use crate::reply;
use crate::results;
use crate::state::{CommandKind, CommandRecord, OwnerRecord, SandboxState};

fn parse_since(value: Option<&str>) -> Result<NaiveDate, Response> {
    let Some(value) = value else {
        return Err(reply::exception(
            ex::INVALID_SINCE,
            "Parameter since is required.",
            None,
        ));
    };
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        reply::exception(
            ex::INVALID_SINCE,
            &format!("Invalid since date {value:?}; expected YYYY-MM-DD."),
            None,
        )
    })
}

/// Registers a command and answers 202 `setup` in the capture's shape.
fn accept(state: &SandboxState, session_id: &str, kind: CommandKind, since: NaiveDate) -> Response {
    let mut records = state.records();
    let Some(session) = records.sessions.get(session_id).cloned() else {
        return reply::exception(ex::INVALID_SESSION_ID, "Session expired.", None);
    };
    let since = session
        .history_limit
        .map_or(since, |limit| since.max(limit));
    let id = records.next_id();
    let now = Utc::now();
    records
        .owners
        .entry(session.owner_external_id.clone())
        .and_modify(|owner| {
            owner.since = owner.since.min(since);
            owner.last_change = now;
            owner.fault = session.fault;
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
            fault: session.fault,
        });
    let name = kind.wire_name();
    records.commands.insert(
        id.clone(),
        CommandRecord {
            kind,
            persona: session.persona,
            target: session.target.clone(),
            since,
            fault: session.fault,
            polls: 0,
        },
    );
    reply::xml(
        202,
        reply::envelope(
            202,
            Some(schema::COMMAND_SETUP),
            Some(&session.owner_external_id),
        ),
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

pub(super) async fn default_import(State(state): Shared, Form(form): Form<Params>) -> Response {
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
fn start_advanced(
    state: &SandboxState,
    form: &Params,
    kind: CommandKind,
    since: NaiveDate,
) -> Response {
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

pub(super) async fn advanced_owners(State(state): Shared, Form(form): Form<Params>) -> Response {
    start_advanced(&state, &form, CommandKind::Owners, far_past())
}

pub(super) async fn advanced_accounts(State(state): Shared, Form(form): Form<Params>) -> Response {
    start_advanced(&state, &form, CommandKind::Accounts, far_past())
}

pub(super) async fn advanced_credit_cards(
    State(state): Shared,
    Form(form): Form<Params>,
) -> Response {
    start_advanced(&state, &form, CommandKind::CreditCards, far_past())
}

pub(super) async fn advanced_account_transactions(
    State(state): Shared,
    Form(form): Form<Params>,
) -> Response {
    let since = match parse_since(param(&form, "since")) {
        Ok(since) => since,
        Err(response) => return response,
    };
    let Some(iban) = param(&form, "iban") else {
        return reply::exception(ex::INVALID_IBAN, "Parameter iban is required.", None);
    };
    if let Some(persona) =
        param(&form, "sessionId").and_then(|id| state.records().sessions.get(id).map(|s| s.persona))
        && !state
            .generated(persona)
            .accounts
            .iter()
            .any(|a| a.iban == iban)
    {
        return reply::exception(
            ex::INVALID_IBAN,
            &format!("No account {iban} in this session."),
            None,
        );
    }
    start_advanced(
        &state,
        &form,
        CommandKind::AccountTransactions {
            iban: iban.to_owned(),
        },
        since,
    )
}

pub(super) async fn advanced_card_transactions(
    State(state): Shared,
    Form(form): Form<Params>,
) -> Response {
    let since = match parse_since(param(&form, "since")) {
        Ok(since) => since,
        Err(response) => return response,
    };
    let Some(card) = param(&form, "cardNumber") else {
        return reply::exception(
            ex::INVALID_PARAMETER,
            "Parameter cardNumber is required.",
            None,
        );
    };
    let kind = CommandKind::CreditCardTransactions {
        card_number: card.to_owned(),
    };
    start_advanced(&state, &form, kind, since)
}

pub(super) async fn get_command(
    State(state): Shared,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(id) = file.strip_suffix(".xml") else {
        return reply::exception(ex::INVALID_COMMAND_ID, "Unknown command.", None);
    };
    let (record, polls) = {
        let mut records = state.records();
        let Some(record) = records.commands.get_mut(id) else {
            return reply::exception(
                ex::INVALID_COMMAND_ID,
                &format!("Unknown command {id}."),
                None,
            );
        };
        record.polls += 1;
        (record.clone(), record.polls)
    };
    let fault = record.fault;
    let mut finish_at = state.config.polls_to_finish.max(1);
    match fault {
        Some(Fault::Unauthorized) if polls >= 2 => {
            let key = headers
                .get(protocol::API_KEY_HEADER)
                .and_then(|v| v.to_str().ok());
            return reply::unauthorized(key);
        }
        Some(Fault::ServerErrors) if polls <= 3 => return reply::proxy_unavailable(),
        Some(Fault::ServerErrors) => finish_at += 3,
        Some(Fault::Timeout) if polls == 1 => state.pause(state.config.hang).await,
        Some(Fault::SlowPolls) => {
            state.pause(state.config.slow_poll_delay).await;
            finish_at = finish_at.max(6);
        }
        Some(Fault::ConnectionReset) => {
            let command = bare_command(id, &record, CommandState::InProgress);
            let body = lupa_kontomatik::xml::write_reply(
                &Reply {
                    envelope: reply::envelope(200, Some(schema::COMMAND_SETUP), None),
                    payload: Payload::Command(command),
                },
                &WriteOptions::default(),
            );
            return reply::reset(body.as_bytes());
        }
        _ => {}
    }
    if polls < finish_at {
        let command = bare_command(id, &record, CommandState::InProgress);
        return reply::xml(
            200,
            reply::envelope(200, Some(schema::COMMAND_SETUP), None),
            Payload::Command(command),
        );
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
            failed_verifications: Vec::new(),
        });
        reply::xml(
            200,
            reply::envelope(200, None, None),
            Payload::Command(command),
        )
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
    command.result = Some(results::command_result(
        &generated,
        &record.kind,
        record.since,
    ));
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
            let broken = if broken == body {
                body.replacen("</command>", "<command>", 1)
            } else {
                broken
            };
            reply::raw(200, broken.into_bytes())
        }
        Some(Fault::TruncatedXml) => {
            let mut bytes = body.into_bytes();
            bytes.truncate(bytes.len() / 2);
            reply::raw(200, bytes)
        }
        Some(Fault::OversizedReply) => {
            reply::padded(200, body.into_bytes(), state.config.oversized_reply_bytes)
        }
        _ => reply::raw(200, body.into_bytes()),
    }
}
