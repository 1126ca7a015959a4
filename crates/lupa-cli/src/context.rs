//! Resolving where to talk and with which key: flags, then environment variables, then the OS
//! keychain; the sandbox needs no key.

use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use lupa_core::keychain::Keychain;
use lupa_kontomatik::client::ClientConfig;
use lupa_kontomatik::{ApiKey, Client, Environment};
use url::Url;

use crate::cli::Target;

/// The variable that overrides the keychain for one run.
pub const API_KEY_VARIABLE: &str = "LUPA_API_KEY";

/// The base URL for `target`: `--base-url`, else `LUPA_<ENV>_BASE_URL`, else the environment's
/// default (the sandbox's is `http://127.0.0.1:8790/`, where `lupa-cli sandbox` listens).
pub fn base_url(target: &Target) -> Result<Url> {
    if let Some(url) = &target.base_url {
        return Ok(url.clone());
    }
    let variable = target.env.base_url_variable();
    if let Ok(value) = std::env::var(variable) {
        return Url::parse(&value).with_context(|| format!("{variable} is not a URL"));
    }
    Ok(target.env.default_base_url().unwrap_or_else(|| {
        Url::parse(&format!(
            "http://127.0.0.1:{}/",
            lupa_sandbox::serve::DEFAULT_PORT
        ))
        .expect("constant URL parses")
    }))
}

/// The API key: `LUPA_API_KEY`, else the keychain, else (sandbox only) the sandbox's default key.
pub fn api_key(environment: Environment) -> Result<ApiKey> {
    if let Ok(key) = std::env::var(API_KEY_VARIABLE)
        && !key.trim().is_empty()
    {
        eprintln!("Using the API key from {API_KEY_VARIABLE}.");
        return Ok(ApiKey::new(key.trim().to_owned()));
    }
    match Keychain::default().api_key(environment) {
        Ok(Some(key)) => return Ok(key),
        Ok(None) => {}
        Err(error) if environment == Environment::Sandbox => {
            tracing::debug!(%error, "no keychain; the sandbox needs no key");
        }
        Err(error) => {
            bail!("{error}\nSet {API_KEY_VARIABLE} to pass the key for this run instead.")
        }
    }
    if environment == Environment::Sandbox {
        return Ok(ApiKey::new(lupa_sandbox::DEFAULT_API_KEY.to_owned()));
    }
    bail!(
        "no API key for the {environment} environment.\nStore one with `lupa-cli keys set --env {environment}` \
         (it goes to the OS keychain), or set {API_KEY_VARIABLE} for one run."
    )
}

/// A client for `target` with its key, proxy and timeout.
pub fn client(target: &Target) -> Result<Client> {
    let mut config = ClientConfig::new(base_url(target)?).with_api_key(api_key(target.env)?);
    config.proxy = target.proxy.clone();
    config.use_system_proxy = target.env != Environment::Sandbox;
    config.request_timeout = Duration::from_secs(target.timeout.max(1));
    config.max_reply_bytes = target.max_reply_mb.max(1).saturating_mul(1024 * 1024);
    Ok(Client::new(config)?)
}

/// Opens the encrypted database at `--db` (or the default path), saying where its key came from.
pub fn open_store(db: Option<&std::path::Path>) -> Result<lupa_store::Store> {
    use lupa_core::database::{KeySource, default_path, open_database};
    let path = db
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(default_path);
    let (store, source) = open_database(&path, &Keychain::default())?;
    match source {
        KeySource::Environment => eprintln!("Using the database key from LUPA_DB_KEY."),
        KeySource::Generated => eprintln!(
            "Created the encrypted database {} (its key is in the OS keychain).",
            path.display()
        ),
        KeySource::Keychain => {}
    }
    Ok(store)
}

/// A case by number (`12`) or by the applicant's owner id in any environment.
pub fn resolve_case(store: &lupa_store::Store, text: &str) -> Result<lupa_store::CaseId> {
    if let Ok(number) = text.trim().parse::<i64>()
        && let Ok(case) = store.case(lupa_store::CaseId(number))
    {
        return Ok(case.id);
    }
    for environment in Environment::ALL {
        if let Some(case) = store.find_case(environment, text.trim())? {
            return Ok(case.id);
        }
    }
    bail!("no case {text:?}: give a case number or an owner id from `lupa-cli cases`")
}
