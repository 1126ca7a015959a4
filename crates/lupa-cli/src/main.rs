//! `lupa-cli`: Lupa's headless command line over `lupa-core` (F-UX-5), for scripting and support.

mod cli;
mod commands;
mod context;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LUPA_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", describe(&error));
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db.as_deref();
    match cli.command {
        Command::Import(args) => commands::import::run(&args, db).await,
        Command::Catalog(args) => commands::catalog::run(&args).await,
        Command::Keys { action } => commands::keys::run(&action),
        Command::Sandbox(args) => {
            lupa_sandbox::serve::serve_until_interrupted(&args).await?;
            Ok(())
        }
        Command::Session(args) => commands::session::run(&args).await,
        Command::Demo(args) => commands::demo::run(&args, db).await,
        Command::ImportFile(args) => commands::cases::import_file(&args, db),
        Command::Cases(args) => commands::cases::cases(&args, db),
        Command::Show(args) => commands::cases::show(&args, db),
        Command::Transactions(args) => commands::transactions::transactions(&args, db),
        Command::Export(args) => commands::export::run(&args, db),
        Command::Score(args) => commands::score::run(&args, db).await,
        Command::ImportPdf(args) => commands::statement::import_pdf(&args, db).await,
        Command::StatementPdf(args) => commands::statement::statement_pdf(&args),
        Command::Diff(args) => commands::cases::diff(&args, db),
        Command::Purge => commands::maintenance::purge(db),
        Command::Resume(args) => commands::maintenance::resume(&args, db).await,
        Command::Metrics(args) => commands::analysis::metrics(&args, db),
        Command::Checklist(args) => commands::analysis::checklist(&args, db),
        Command::Categorize(args) => commands::analysis::categorize(&args, db),
        Command::Chart(args) => commands::analysis::chart(&args, db),
        Command::Override(args) => commands::analysis::set_override(&args, db),
        Command::Reingest { import_id } => commands::maintenance::reingest(import_id, db),
    }
}

/// What happened and what to do, for any failure: Kontomatik errors carry their own advice.
pub(crate) fn describe(error: &anyhow::Error) -> String {
    if let Some(core) = error.downcast_ref::<lupa_core::Error>() {
        return format!(
            "error [{}]: {core}\nwhat to do: {}",
            core.code(),
            core.advice()
        );
    }
    if let Some(kontomatik) = error.downcast_ref::<lupa_kontomatik::Error>() {
        return format!(
            "error [{}]: {kontomatik}\nwhat to do: {}",
            kontomatik.code(),
            kontomatik.advice()
        );
    }
    let mut text = format!("error: {error}");
    for cause in error.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    text
}

/// The `ownerExternalId` of a raw reply's envelope, if it parses and has one.
pub(crate) fn owner_of(body: &[u8]) -> Option<String> {
    lupa_kontomatik::xml::parse_reply(body)
        .ok()?
        .envelope
        .owner_external_id
}
