//! The three environments Lupa talks to and their base URLs (F-ENV-1).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

/// Where the API lives: the embedded simulator, Kontomatik's test environment or production.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "kontomatik.ts")]
pub enum Environment {
    /// The embedded Kontomatik simulator (`lupa-sandbox`); needs no credentials.
    Sandbox,
    /// `https://test.api.kontomatik.com`.
    Test,
    /// `https://api.kontomatik.com`.
    Production,
}

impl Environment {
    /// All environments, in the order the UI lists them.
    pub const ALL: [Environment; 3] = [
        Environment::Sandbox,
        Environment::Test,
        Environment::Production,
    ];

    /// The name used in settings, keychain entries, CLI flags and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Test => "test",
            Environment::Production => "production",
        }
    }

    /// Kontomatik's base URL for this environment. The sandbox has none: it listens wherever it
    /// was started, and callers pass its URL.
    pub fn default_base_url(self) -> Option<Url> {
        let url = match self {
            Environment::Sandbox => return None,
            Environment::Test => "https://test.api.kontomatik.com",
            Environment::Production => "https://api.kontomatik.com",
        };
        Some(Url::parse(url).expect("constant URL parses"))
    }

    /// The environment variable that overrides this environment's base URL, e.g. `LUPA_TEST_BASE_URL`.
    pub fn base_url_variable(self) -> &'static str {
        match self {
            Environment::Sandbox => "LUPA_SANDBOX_BASE_URL",
            Environment::Test => "LUPA_TEST_BASE_URL",
            Environment::Production => "LUPA_PRODUCTION_BASE_URL",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An environment name that is not `sandbox`, `test` or `production`.
#[derive(Debug, thiserror::Error)]
#[error("unknown environment {0:?}: expected sandbox, test or production")]
pub struct UnknownEnvironment(String);

impl FromStr for Environment {
    type Err = UnknownEnvironment;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value.trim().to_ascii_lowercase().as_str() {
            "sandbox" => Ok(Environment::Sandbox),
            "test" => Ok(Environment::Test),
            "production" | "prod" => Ok(Environment::Production),
            _ => Err(UnknownEnvironment(value.to_owned())),
        }
    }
}
