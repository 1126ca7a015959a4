//! The command-line grammar (clap derive).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use lupa_kontomatik::Environment;
use url::Url;

/// Lupa's headless command line: import bank data through Kontomatik, manage API keys, browse the
/// bank catalog and run the embedded Kontomatik sandbox.
#[derive(Debug, Parser)]
#[command(name = "lupa-cli", version, about, propagate_version = true)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Which environment and endpoint to talk to.
#[derive(Debug, Clone, Args)]
pub struct Target {
    /// Environment: sandbox (the simulator, no key needed), test or production.
    #[arg(long, default_value = "sandbox", value_parser = parse_environment)]
    pub env: Environment,
    /// Base URL overriding the environment's (also LUPA_<ENV>_BASE_URL, e.g. LUPA_TEST_BASE_URL).
    #[arg(long)]
    pub base_url: Option<Url>,
    /// HTTP(S) proxy for corporate networks (also LUPA_PROXY).
    #[arg(long, env = "LUPA_PROXY")]
    pub proxy: Option<Url>,
    /// Seconds to wait for one HTTP reply.
    #[arg(long, default_value_t = 120)]
    pub timeout: u64,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a default import with session data from the SignIn Widget and print what it brought.
    Import(ImportArgs),
    /// Print the bank catalog (targets and the commands they support).
    Catalog(CatalogArgs),
    /// Manage API keys in the OS keychain.
    Keys {
        /// What to do.
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Serve the Kontomatik sandbox on loopback until interrupted.
    Sandbox(lupa_sandbox::serve::ServeArgs),
    /// Mint a test session with mock-session.xml (sandbox, or Kontomatik's test environment).
    Session(SessionArgs),
    /// Start a sandbox, sign in as a persona and import over real HTTP: the whole flow in one go.
    Demo(DemoArgs),
}

/// `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Environment and endpoint.
    #[command(flatten)]
    pub target: Target,
    /// Session data: a lupa://import link, a JSON object, or key=value fields ("-" reads stdin).
    #[arg(long)]
    pub session: String,
    /// Import transactions on or after this day (default: 5 years back).
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Seconds between polls (Kontomatik asks for 2–5 in production).
    #[arg(long, default_value_t = 3.0)]
    pub poll_interval: f64,
    /// Give up after this many minutes (the command id is printed so it can be resumed later).
    #[arg(long, default_value_t = 30)]
    pub deadline_minutes: u64,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write the final raw reply to this file.
    #[arg(long)]
    pub save_reply: Option<PathBuf>,
}

/// `catalog`.
#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// Environment and endpoint.
    #[command(flatten)]
    pub target: Target,
    /// Only targets of this country (ISO code, e.g. pl).
    #[arg(long)]
    pub country: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `keys ...`.
#[derive(Debug, Subcommand)]
pub enum KeysAction {
    /// Store an API key (read from the terminal without echo, or from stdin).
    Set {
        /// Environment.
        #[arg(long, value_parser = parse_environment)]
        env: Environment,
    },
    /// Show the stored key, masked.
    Show {
        /// Environment.
        #[arg(long, value_parser = parse_environment)]
        env: Environment,
    },
    /// Delete the stored key.
    Delete {
        /// Environment.
        #[arg(long, value_parser = parse_environment)]
        env: Environment,
    },
}

/// `session`.
#[derive(Debug, Args)]
pub struct SessionArgs {
    /// Environment and endpoint.
    #[command(flatten)]
    pub target: Target,
    /// Test login (a sandbox persona such as test, gambler, large; may carry +fault).
    #[arg(long, default_value = "test")]
    pub login: String,
    /// Owner id to aggregate the data under.
    #[arg(long)]
    pub owner_external_id: Option<String>,
    /// Ask for a refreshable multiple-access consent.
    #[arg(long)]
    pub multiple_access: bool,
}

/// `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The persona to sign in as.
    #[arg(long, default_value = "test")]
    pub persona: String,
    /// A fault to inject.
    #[arg(long)]
    pub fault: Option<lupa_sandbox::Fault>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_environment(value: &str) -> Result<Environment, String> {
    value
        .parse()
        .map_err(|error: lupa_kontomatik::environment::UnknownEnvironment| error.to_string())
}
