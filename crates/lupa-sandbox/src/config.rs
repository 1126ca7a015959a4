//! How a sandbox is set up: address, seed, accepted keys, pacing, and fault injection (F-SBX-4).

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::client::DEFAULT_MAX_REPLY_BYTES;

/// The API key the sandbox accepts when none is configured. Not a secret: it only opens the simulator.
pub const DEFAULT_API_KEY: &str = "sandbox-key";

/// The client id the sandbox writes into `reply/@user`, like `brsolutions-test` in the captures.
pub const CLIENT_ID: &str = "lupa-sandbox";

/// Everything a sandbox needs to start.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Where to listen; loopback by default, port 0 picks a free one.
    pub bind: SocketAddr,
    /// Seed of the personas' histories and of the session signatures.
    pub seed: u64,
    /// API keys accepted in `X-Api-Key` (or the legacy `apiKey` parameter).
    pub api_keys: Vec<String>,
    /// Polls until a default import ends: the first polls answer `in_progress`, this one `successful`.
    pub polls_to_finish: u32,
    /// The last day of every persona's history; `None` means today (UTC).
    pub today: Option<NaiveDate>,
    /// A fault applied to every session that does not choose its own.
    pub fault: Option<Fault>,
    /// How long a session stays usable after it was created.
    pub session_ttl: Duration,
    /// Delay of each poll under [`Fault::SlowPolls`].
    pub slow_poll_delay: Duration,
    /// How long a poll hangs under [`Fault::Timeout`].
    pub hang: Duration,
    /// The size of the final reply under [`Fault::OversizedReply`], in bytes: the real reply
    /// padded with trailing whitespace (still well-formed XML). By default 1 MiB more than a
    /// client reads by default ([`DEFAULT_MAX_REPLY_BYTES`]); it is generated as it is sent
    /// and announced in `Content-Length`.
    pub oversized_reply_bytes: u64,
    /// A JSON file that keeps the sandbox's memory across restarts of the process embedding it;
    /// `None` (the default) keeps everything in memory only.
    ///
    /// When set, [`start`](crate::start) loads the sessions, commands, owners, multiple-access
    /// consents and the id counter from the file, so a command id stored before a restart can
    /// still be polled to the end, and a used session stays used. After every change the file is
    /// rewritten atomically (a temporary file in the same directory, then a rename) by a
    /// background thread; a failed write is logged and never fails a request. A missing file
    /// starts empty; an unreadable or corrupt file, one naming an unknown persona, or one written
    /// under another [`seed`](Self::seed) is logged with a warning and the sandbox starts empty
    /// (the file is replaced on the next change). The directory must exist.
    ///
    /// Session signatures are HMAC-SHA256 under a key derived from the seed alone, so the
    /// signatures of persisted sessions stay valid only while the seed stays the same, which is
    /// why a file from another seed is not loaded. The generated histories depend on the seed and
    /// on [`today`](Self::today): leave `today` unset and a command resumed on a later day returns
    /// histories that end on the new day.
    ///
    /// The file holds no API key. It does hold the simulator's session ids and signatures, so it
    /// is written with owner-only permissions (Unix) and only at this path.
    pub state_path: Option<PathBuf>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            seed: 2026,
            api_keys: vec![DEFAULT_API_KEY.to_owned()],
            polls_to_finish: 2,
            today: None,
            fault: None,
            session_ttl: Duration::from_secs(30 * 60),
            slow_poll_delay: Duration::from_millis(1500),
            hang: Duration::from_secs(30),
            oversized_reply_bytes: DEFAULT_MAX_REPLY_BYTES + 1024 * 1024,
            state_path: None,
        }
    }
}

/// A failure the sandbox can be told to produce, per session (`fault` form field of
/// `mock-session.xml`, a `+fault` suffix on the widget login, e.g. `gambler+fatal`) or for all sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Every poll takes [`SandboxConfig::slow_poll_delay`] and the import needs 6 polls.
    SlowPolls,
    /// The first 3 polls answer HTTP 503 with an HTML page (a burst of 5xx from a proxy).
    ServerErrors,
    /// The first poll hangs for [`SandboxConfig::hang`], longer than a client's timeout.
    Timeout,
    /// Every poll's connection is closed mid-reply: HTTP 200, the first bytes, then a reset.
    ConnectionReset,
    /// From the second poll on every call answers 401, as when a key is revoked mid-import.
    Unauthorized,
    /// The session has expired: starting the import answers 404 `InvalidSessionId`.
    ExpiredSession,
    /// The import ends in state `error` with `SessionExpired`: the applicant must log in again.
    CommandError,
    /// The import ends in state `error` with `IO`: the bank is unreachable, retry later.
    BankUnavailable,
    /// The import ends in state `fatal`.
    CommandFatal,
    /// The final poll answers 200 with XML that is not well-formed.
    MalformedXml,
    /// The final poll answers 200 with the reply cut in half.
    TruncatedXml,
    /// The final poll answers 200 with a reply of [`SandboxConfig::oversized_reply_bytes`],
    /// larger than a client reads.
    OversizedReply,
    /// The import works; the owner's score requests answer 503 `ServiceTemporarilyUnavailable`.
    ScoreUnavailable,
}

impl Fault {
    /// Every fault, in documentation order.
    pub const ALL: [Fault; 13] = [
        Fault::SlowPolls,
        Fault::ServerErrors,
        Fault::Timeout,
        Fault::ConnectionReset,
        Fault::Unauthorized,
        Fault::ExpiredSession,
        Fault::CommandError,
        Fault::BankUnavailable,
        Fault::CommandFatal,
        Fault::MalformedXml,
        Fault::TruncatedXml,
        Fault::OversizedReply,
        Fault::ScoreUnavailable,
    ];

    /// The name used in form fields, logins and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Fault::SlowPolls => "slow",
            Fault::ServerErrors => "server-error",
            Fault::Timeout => "timeout",
            Fault::ConnectionReset => "reset",
            Fault::Unauthorized => "unauthorized",
            Fault::ExpiredSession => "expired",
            Fault::CommandError => "error",
            Fault::BankUnavailable => "bank-down",
            Fault::CommandFatal => "fatal",
            Fault::MalformedXml => "malformed",
            Fault::TruncatedXml => "truncated",
            Fault::OversizedReply => "oversized",
            Fault::ScoreUnavailable => "score-busy",
        }
    }

    /// What the fault does, for the widget page and `--help`.
    pub fn describe(self) -> &'static str {
        match self {
            Fault::SlowPolls => "every poll is slow and the import takes 6 polls",
            Fault::ServerErrors => "the first 3 polls answer HTTP 503 with an HTML page",
            Fault::Timeout => "the first poll hangs longer than the client's timeout",
            Fault::ConnectionReset => "every poll's connection is reset mid-reply",
            Fault::Unauthorized => "from the second poll on, every call answers 401",
            Fault::ExpiredSession => "starting the import answers 404 InvalidSessionId",
            Fault::CommandError => "the import ends in state error (SessionExpired)",
            Fault::BankUnavailable => "the import ends in state error (IO: bank unreachable)",
            Fault::CommandFatal => "the import ends in state fatal",
            Fault::MalformedXml => "the final reply is not well-formed XML",
            Fault::TruncatedXml => "the final reply is cut in half",
            Fault::OversizedReply => {
                "the final reply is padded past a client's size limit (513 MB by default)"
            }
            Fault::ScoreUnavailable => {
                "the import works; score requests answer 503 ServiceTemporarilyUnavailable"
            }
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fault name that does not exist.
#[derive(Debug, thiserror::Error)]
#[error("unknown fault {0:?}; known faults: {known}", known = known_faults())]
pub struct UnknownFault(pub String);

/// Every fault's name, comma-separated, in documentation order.
fn known_faults() -> String {
    Fault::ALL.map(Fault::as_str).join(", ")
}

impl FromStr for Fault {
    type Err = UnknownFault;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Fault::ALL
            .into_iter()
            .find(|fault| fault.as_str().eq_ignore_ascii_case(value.trim()))
            .ok_or_else(|| UnknownFault(value.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fault_has_a_unique_name_that_parses_back_and_a_description() {
        let mut names = std::collections::HashSet::new();
        for fault in Fault::ALL {
            assert!(names.insert(fault.as_str()), "{fault} twice");
            assert_eq!(fault.as_str().parse::<Fault>().unwrap(), fault);
            assert_eq!(
                fault.as_str().to_uppercase().parse::<Fault>().unwrap(),
                fault
            );
            assert!(!fault.describe().is_empty());
        }
        let error = "nope".parse::<Fault>().unwrap_err().to_string();
        for fault in Fault::ALL {
            assert!(error.contains(fault.as_str()), "{error}");
        }
        assert!(
            error.contains("reset, ") && error.ends_with("score-busy"),
            "{error}"
        );
    }

    #[test]
    fn the_default_oversized_reply_is_just_over_the_client_default() {
        let config = SandboxConfig::default();
        assert!(config.oversized_reply_bytes > DEFAULT_MAX_REPLY_BYTES);
        assert!(config.oversized_reply_bytes <= DEFAULT_MAX_REPLY_BYTES + 1024 * 1024);
    }
}
