//! `GET /statements/{persona}.pdf?variant=&from=&to=&account=`: a persona's statement as a
//! download (the widget page links to it).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDate;

use super::{StatementSpec, Variant, file_name, forms};
use crate::personas;
use crate::state::SandboxState;

/// The download route.
pub fn router(state: Arc<SandboxState>) -> Router {
    Router::new()
        .route("/statements/{file}", get(download))
        .with_state(state)
}

fn plain(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// The query's date `name`, if given; the error is the message of a 400.
fn date(query: &HashMap<String, String>, name: &str) -> Result<Option<NaiveDate>, String> {
    match query.get(name).map(|value| value.trim()) {
        None | Some("") => Ok(None),
        Some(value) => value
            .parse()
            .map(Some)
            .map_err(|_| format!("Invalid {name} date {value:?}; expected YYYY-MM-DD.")),
    }
}

async fn download(
    State(state): State<Arc<SandboxState>>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let persona = file.strip_suffix(".pdf").and_then(|id| {
        personas::catalog()
            .iter()
            .find(|persona| persona.id == id)
            .or_else(|| personas::find(id))
    });
    let Some(persona) = persona else {
        return plain(StatusCode::NOT_FOUND, format!("No persona {file:?}."));
    };
    let variant = match query.get("variant").map(|v| v.trim()) {
        None | Some("") => Variant::Genuine,
        Some(name) => match Variant::from_query(name) {
            Some(variant) => variant,
            None => {
                let known: Vec<&str> = Variant::ALL.iter().map(Variant::as_str).collect();
                return plain(
                    StatusCode::BAD_REQUEST,
                    format!("No variant {name:?}; known: {}.", known.join(", ")),
                );
            }
        },
    };
    let today = state.today();
    let default = StatementSpec::default_for(persona, today);
    let (from, to) = match (date(&query, "from"), date(&query, "to")) {
        (Ok(from), Ok(to)) => (from.unwrap_or(default.from), to.unwrap_or(default.to)),
        (Err(message), _) | (_, Err(message)) => return plain(StatusCode::BAD_REQUEST, message),
    };
    if from > to {
        return plain(
            StatusCode::BAD_REQUEST,
            format!("The period {from} – {to} ends before it starts."),
        );
    }
    let generated = state.generated(persona);
    let account = match query.get("account").map(|v| v.trim()) {
        None | Some("") => 0,
        Some(value) => match value.parse::<usize>() {
            Ok(index) if index < generated.accounts.len() => index,
            _ => {
                return plain(
                    StatusCode::NOT_FOUND,
                    format!(
                        "No account {value:?}; {} has accounts 0 to {}.",
                        persona.id,
                        generated.accounts.len().saturating_sub(1)
                    ),
                );
            }
        },
    };
    let spec = StatementSpec {
        persona,
        account,
        from,
        to,
        variant,
    };
    let seed = state.config.seed;
    let rendered =
        tokio::task::spawn_blocking(move || forms::render(&spec, &generated, seed, today)).await;
    let Ok(bytes) = rendered else {
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The statement could not be rendered.".to_owned(),
        );
    };
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file_name(&spec)),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}
