//! The sandbox as a program of its own: `lupa-sandbox [--port N] [--seed S] [--fault F] ...`.

use clap::Parser;
use lupa_sandbox::serve::{ServeArgs, serve_until_interrupted};

/// Lupa's Kontomatik sandbox: a faithful simulator of Kontomatik's AIS API on loopback.
#[derive(Debug, Parser)]
#[command(name = "lupa-sandbox", version, about)]
struct Cli {
    #[command(flatten)]
    serve: ServeArgs,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match serve_until_interrupted(&cli.serve).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "lupa-sandbox: cannot serve on 127.0.0.1:{}: {error}",
                cli.serve.port
            );
            std::process::ExitCode::FAILURE
        }
    }
}
