//! The AIS endpoints: sessions, default and advanced imports, polling, sign-out, catalog, owner
//! scores, `data.xml` and multiple access, with Kontomatik's HTTP codes and reply shapes; and the
//! PDF Parsing API's statement upload and parser catalog ([`statement`]).

// Handlers return `Result<_, Response>` so a check can answer with its reply directly (axum's idiom);
// the response is built once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

mod commands;
mod owners;
mod sessions;
mod statement;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use lupa_kontomatik::protocol::{self, path};

use crate::reply;
use crate::state::SandboxState;

pub use sessions::create_session;

type Shared = State<Arc<SandboxState>>;
type Params = HashMap<String, String>;

/// The `/v1` router, behind the API-key check.
pub fn router(state: Arc<SandboxState>) -> Router {
    Router::new()
        .route(path::MOCK_SESSION, post(sessions::mock_session))
        .route(path::DEFAULT_IMPORT, post(commands::default_import))
        .route(path::IMPORT_OWNERS, post(commands::advanced_owners))
        .route(path::IMPORT_ACCOUNTS, post(commands::advanced_accounts))
        .route(
            path::IMPORT_ACCOUNT_TRANSACTIONS,
            post(commands::advanced_account_transactions),
        )
        .route(
            path::IMPORT_CREDIT_CARDS,
            post(commands::advanced_credit_cards),
        )
        .route(
            path::IMPORT_CREDIT_CARD_TRANSACTIONS,
            post(commands::advanced_card_transactions),
        )
        .route(path::SIGN_OUT, post(sessions::sign_out))
        .route(
            path::REUSE_MULTIPLE_ACCESS,
            post(sessions::reuse_multiple_access),
        )
        .route(
            path::DELETE_MULTIPLE_ACCESS,
            post(sessions::delete_multiple_access),
        )
        .route("/v1/command/{file}", get(commands::get_command))
        .route(path::COMMAND_CATALOG, get(owners::command_catalog))
        .route("/v1/catalog.xml", get(owners::command_catalog))
        .route(path::OWNER_SCORES, get(owners::owner_scores))
        .route(path::DATA, get(owners::data).delete(owners::delete_data))
        .route(
            path::STATEMENT,
            post(statement::upload_statement)
                .layer(DefaultBodyLimit::max(statement::MAX_UPLOAD_BYTES)),
        )
        .route(path::PARSER_CATALOG, get(statement::parser_catalog))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            require_api_key,
        ))
        .with_state(state)
}

/// Rejects requests without an accepted key with Kontomatik's 401 `<comment>` reply. The key is
/// read from the `X-Api-Key` header or the legacy `apiKey` query parameter, never from a body
/// (the old PDF examples' `apiKey` form field is not accepted).
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
    let key = header_key.or_else(|| query.get(protocol::param::API_KEY).cloned());
    match key {
        Some(key)
            if state
                .config
                .api_keys
                .iter()
                .any(|accepted| accepted == &key) =>
        {
            next.run(request).await
        }
        other => reply::unauthorized(other.as_deref()),
    }
}

pub(crate) fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .get(name)
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
}
