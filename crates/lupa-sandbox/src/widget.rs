//! A stand-in for Kontomatik's SignIn Widget (F-SBX-2): the applicant picks a bank, signs in with a
//! persona's test login and gets the session data plus a `lupa://import?...` link for Lupa.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use quick_xml::escape::escape;

use crate::api::create_session;
use crate::catalog;
use crate::config::Fault;
use crate::personas;
use crate::state::SandboxState;
use crate::statement::Variant;

/// `GET /` (the widget) and `POST /signin` (its form).
pub fn router(state: Arc<SandboxState>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/signin", post(sign_in))
        .with_state(state)
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;max-width:820px;margin:2rem auto;padding:0 1rem;color:#1d2733}\
h1{font-size:1.4rem}label{display:block;margin:.6rem 0 .2rem;font-weight:600}\
input,select{font:inherit;padding:.35rem;width:100%;box-sizing:border-box}\
button{font:inherit;margin-top:1rem;padding:.5rem 1.2rem;background:#1b5e8c;color:#fff;border:0;border-radius:4px}\
table{border-collapse:collapse;width:100%;margin-top:1.5rem;font-size:13px}td,th{border-bottom:1px solid #dde;padding:.3rem;text-align:left;vertical-align:top}\
code,pre{background:#f3f5f8;padding:.15rem .3rem;border-radius:3px;word-break:break-all;white-space:pre-wrap}.note{color:#5a6775;font-size:13px}";

fn layout(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"pl\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    ))
}

async fn page() -> Html<String> {
    let mut banks = String::new();
    for target in catalog::targets()
        .iter()
        .filter(|t| t.country == "pl" && t.supports("DefaultImportCommand"))
    {
        let selected = if target.name == "KontoBank" {
            " selected"
        } else {
            ""
        };
        banks.push_str(&format!(
            "<option value=\"{}\"{selected}>{} ({})</option>",
            escape(target.name.as_str()),
            escape(target.official_name.as_str()),
            escape(target.name.as_str())
        ));
    }
    let mut faults = String::from("<option value=\"\">none</option>");
    for fault in Fault::ALL {
        faults.push_str(&format!(
            "<option value=\"{fault}\">{fault}: {}</option>",
            fault.describe()
        ));
    }
    let mut rows = String::new();
    for persona in personas::catalog() {
        rows.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            escape(persona.logins.join(", ").as_str()),
            escape(persona.display_name),
            escape(persona.summary)
        ));
    }
    let statements = statement_links();
    layout(
        "Kontomatik SignIn (Lupa sandbox)",
        &format!(
            "<h1>Zaloguj się do banku <span class=\"note\">— Lupa sandbox, a stand-in for Kontomatik's SignIn Widget</span></h1>\
<form method=\"post\" action=\"/signin\">\
<label for=\"target\">Bank</label><select id=\"target\" name=\"target\">{banks}</select>\
<label for=\"login\">Login</label><input id=\"login\" name=\"login\" value=\"test\" list=\"logins\" autocomplete=\"off\">\
<label for=\"password\">Hasło / password</label><input id=\"password\" name=\"password\" type=\"password\" value=\"Test123\">\
<label for=\"ownerExternalId\">ownerExternalId (optional)</label><input id=\"ownerExternalId\" name=\"ownerExternalId\">\
<label for=\"fault\">Fault injection</label><select id=\"fault\" name=\"fault\">{faults}</select>\
<label><input type=\"checkbox\" name=\"multipleAccess\" value=\"true\" style=\"width:auto\"> Multiple access (refreshable consent)</label>\
<button id=\"sign-in\" type=\"submit\">Zaloguj / Sign in</button></form>\
<table><tr><th>Login</th><th>Applicant</th><th>What the history shows</th></tr>{rows}</table>\
<p class=\"note\">Any non-empty password works. A login may carry a fault, e.g. <code>gambler+fatal</code>.</p>{statements}"
        ),
    )
}

/// The "Wyciągi PDF" section: per persona, its statement of the last three whole months as a
/// download, and the documents Kontomatik's PDF Parsing API refuses.
fn statement_links() -> String {
    let mut rows = String::new();
    for persona in personas::catalog() {
        let id = escape(persona.id);
        let variants: Vec<String> = Variant::ALL
            .iter()
            .filter(|variant| **variant != Variant::Genuine)
            .map(|variant| {
                format!(
                    "<a href=\"/statements/{id}.pdf?variant={name}\" download>{words}</a>",
                    name = variant.as_str(),
                    words = variant.describe_pl(),
                )
            })
            .collect();
        rows.push_str(&format!(
            "<tr><td>{name}</td><td><a class=\"statement\" href=\"/statements/{id}.pdf\" download>wyciag-{id}.pdf</a></td><td class=\"note\">{variants}</td></tr>",
            name = escape(persona.display_name),
            variants = variants.join(" · "),
        ));
    }
    format!(
        "<h2 id=\"statements\">Wyciągi PDF</h2>\
<p class=\"note\">Each persona's statement of its first account over the last three whole months, as its bank \
would issue it, for Lupa's PDF import (Kontomatik's PDF Parsing API, simulated). The small links give the \
documents Kontomatik refuses; <code>?from=YYYY-MM-DD&amp;to=YYYY-MM-DD&amp;account=N</code> picks another \
period (at most 12 months) or account.</p>\
<table><tr><th>Applicant</th><th>Statement</th><th>Variants</th></tr>{rows}</table>"
    )
}

/// The `lupa://import?...` deep link for a session.
pub fn deep_link(
    target: &str,
    session_id: &str,
    signature: &str,
    owner: &str,
    multiple_access_id: Option<&str>,
) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("target", target)
        .append_pair("sessionId", session_id)
        .append_pair("sessionIdSignature", signature)
        .append_pair("ownerExternalId", owner);
    if let Some(id) = multiple_access_id {
        query.append_pair("multipleAccessId", id);
    }
    format!("lupa://import?{}", query.finish())
}

async fn sign_in(
    State(state): State<Arc<SandboxState>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| form.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    if field("password").is_none() {
        return layout(
            "Błąd logowania",
            "<h1>Nieprawidłowy login lub hasło</h1><p><a href=\"/\">Wróć</a></p>",
        )
        .into_response();
    }
    let fault = match field("fault").map(str::parse::<Fault>).transpose() {
        Ok(fault) => fault,
        Err(error) => {
            return layout(
                "Błąd",
                &format!("<h1>{}</h1>", escape(error.to_string().as_str())),
            )
            .into_response();
        }
    };
    let login = field("login").unwrap_or("test");
    let multiple = field("multipleAccess") == Some("true");
    let session = match create_session(
        &state,
        login,
        field("target"),
        field("ownerExternalId"),
        fault,
        multiple,
    ) {
        Ok(session) => session,
        Err((_, message)) => {
            return layout(
                "Błąd logowania",
                &format!(
                    "<h1>Nieprawidłowy login lub hasło</h1><p>{}</p><p><a href=\"/\">Wróć</a></p>",
                    escape(message.as_str())
                ),
            )
            .into_response();
        }
    };
    let owner = state
        .records()
        .sessions
        .get(&session.id)
        .map(|s| s.owner_external_id.clone())
        .unwrap_or_default();
    let target = session.target.clone().unwrap_or_default();
    let link = deep_link(
        &target,
        &session.id,
        &session.signature,
        &owner,
        session.multiple_access_id.as_deref(),
    );
    let mut json = serde_json::json!({
        "target": target,
        "sessionId": session.id,
        "sessionIdSignature": session.signature,
        "ownerExternalId": owner,
    });
    if let Some(id) = &session.multiple_access_id {
        json["multipleAccessId"] = serde_json::Value::String(id.clone());
    }
    let json = serde_json::to_string_pretty(&json).unwrap_or_default();
    layout(
        "Zalogowano",
        &format!(
            "<h1>Zalogowano do {official}</h1>\
<p>Session data for Lupa — paste it into Lupa's import box, or open the link.</p>\
<p><a id=\"deep-link\" href=\"{link_attr}\">Otwórz w Lupie / Open in Lupa</a></p>\
<pre id=\"session-json\">{json}</pre><p class=\"note\">Link: <code id=\"deep-link-text\">{link_text}</code></p>\
<p><a href=\"/\">Another sign-in</a></p>",
            official = escape(catalog::official_name_of(&target).as_str()),
            link_attr = escape(link.as_str()),
            link_text = escape(link.as_str()),
            json = escape(json.as_str()),
        ),
    )
    .into_response()
}
