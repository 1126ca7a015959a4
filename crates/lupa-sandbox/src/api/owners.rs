//! Owner-level endpoints: the catalog, Kontomatik Score and `data.xml` (read and delete).

use axum::extract::{Query, State};
use axum::response::Response;
use lupa_kontomatik::model::{DataOwner, DataTarget, Payload, Reply};
use lupa_kontomatik::protocol::{exception as ex, schema};
use lupa_kontomatik::xml::WriteOptions;

use super::{Params, Shared, param};
use crate::catalog;
use crate::config::Fault;
use crate::personas::ScoreOutcome;
use crate::reply;
use crate::results;
use crate::state::CommandKind;

pub(super) async fn command_catalog(Query(query): Query<Params>) -> Response {
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
    reply::xml_with(
        200,
        &reply,
        &WriteOptions {
            ascii_char_refs: true,
            ..WriteOptions::default()
        },
    )
}

pub(super) async fn owner_scores(State(state): Shared, Query(query): Query<Params>) -> Response {
    let Some(owner_id) = param(&query, "ownerExternalId") else {
        return reply::exception(
            ex::INVALID_OWNER_EXTERNAL_ID,
            "Parameter ownerExternalId is required.",
            None,
        );
    };
    let Some((persona, fault)) = state
        .records()
        .owners
        .get(owner_id)
        .map(|owner| (owner.persona, owner.fault))
    else {
        return reply::exception(
            ex::INVALID_OWNER_EXTERNAL_ID,
            &format!("No data for owner {owner_id}."),
            Some(owner_id),
        );
    };
    if fault == Some(Fault::ScoreUnavailable) {
        return reply::exception(
            ex::SERVICE_TEMPORARILY_UNAVAILABLE,
            "Service temporarily unavailable. Try again later.",
            Some(owner_id),
        );
    }
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

pub(super) async fn data(State(state): Shared, Query(query): Query<Params>) -> Response {
    let Some(owner_id) = param(&query, "ownerExternalId") else {
        return reply::exception(
            ex::INVALID_OWNER_EXTERNAL_ID,
            "Parameter ownerExternalId is required.",
            None,
        );
    };
    let Some(owner) = state.records().owners.get(owner_id).cloned() else {
        return reply::exception(
            ex::INVALID_OWNER_EXTERNAL_ID,
            &format!("No data for owner {owner_id}."),
            Some(owner_id),
        );
    };
    let generated = state.generated(owner.persona);
    let targets = owner
        .targets
        .iter()
        .map(|target| {
            let result =
                results::command_result(&generated, &CommandKind::DefaultImport, owner.since);
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
    reply::xml(
        200,
        reply::envelope(200, Some(schema::GET_DATA), Some(owner_id)),
        Payload::Data(data),
    )
}

pub(super) async fn delete_data(State(state): Shared, Query(query): Query<Params>) -> Response {
    let Some(owner_id) = param(&query, "ownerExternalId") else {
        return reply::exception(
            ex::INVALID_OWNER_EXTERNAL_ID,
            "Parameter ownerExternalId is required.",
            None,
        );
    };
    if state.records().owners.remove(owner_id).is_none() {
        return reply::exception(
            ex::INVALID_OWNER_EXTERNAL_ID,
            &format!("No data for owner {owner_id}."),
            Some(owner_id),
        );
    }
    reply::xml(
        200,
        reply::envelope(200, None, Some(owner_id)),
        Payload::Empty,
    )
}
