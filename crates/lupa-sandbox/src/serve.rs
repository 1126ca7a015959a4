//! Serving the sandbox from a terminal: the arguments shared by the `lupa-sandbox` binary and
//! `lupa-cli sandbox`, and a loop that prints how to use it and runs until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use crate::{DEFAULT_API_KEY, Fault, SandboxConfig};

/// The port `lupa-cli` expects the sandbox on when no base URL is given.
pub const DEFAULT_PORT: u16 = 8790;

/// How to serve the sandbox.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Seed of the personas' histories and session signatures.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// API key the sandbox accepts.
    #[arg(long, default_value = DEFAULT_API_KEY)]
    pub api_key: String,
    /// Polls until an import finishes.
    #[arg(long, default_value_t = 2)]
    pub polls: u32,
    /// A fault for every session: slow, server-error, timeout, reset, unauthorized, expired,
    /// error, bank-down, fatal, malformed, truncated, oversized, score-busy.
    #[arg(long)]
    pub fault: Option<Fault>,
    /// Last day of the personas' histories (default: today).
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Keep sessions and commands in this JSON file across restarts (same seed); in memory only
    /// by default.
    #[arg(long = "state", value_name = "FILE")]
    pub state: Option<PathBuf>,
}

impl ServeArgs {
    /// The configuration these arguments describe.
    pub fn config(&self) -> SandboxConfig {
        SandboxConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], self.port)),
            seed: self.seed,
            api_keys: vec![self.api_key.clone()],
            polls_to_finish: self.polls,
            today: self.today,
            fault: self.fault,
            state_path: self.state.clone(),
            ..SandboxConfig::default()
        }
    }
}

/// Serves until Ctrl-C, after printing the URL, the key and how to get a session.
pub async fn serve_until_interrupted(args: &ServeArgs) -> std::io::Result<()> {
    let sandbox = crate::start(args.config()).await?;
    let url = sandbox.url().clone();
    println!("Kontomatik sandbox listening on {url}");
    println!("API key (X-Api-Key): {}", sandbox.api_key());
    println!("Sign in as an applicant: open {url} (the SignIn Widget stand-in)");
    println!(
        "Or mint a session: curl -s -H 'X-Api-Key: {}' -d login=test {url}v1/mock-session.xml",
        sandbox.api_key()
    );
    println!("Personas (login: applicant):");
    for persona in crate::personas::catalog() {
        println!(
            "  {:<28} {}",
            persona.logins.join(", "),
            persona.display_name
        );
    }
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    sandbox.stop().await;
    Ok(())
}
