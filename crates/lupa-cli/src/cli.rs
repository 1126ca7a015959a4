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
    /// The encrypted database (default: the user's data directory, e.g. ~/.local/share/lupa/lupa.db).
    #[arg(long, global = true, env = "LUPA_DB")]
    pub db: Option<PathBuf>,
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
    /// The largest reply to read, in MB; a larger one is refused as unreadable.
    #[arg(long, default_value_t = 512)]
    pub max_reply_mb: u64,
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
    /// Start a sandbox, sign in as a persona, import over real HTTP and store it: the whole flow.
    Demo(DemoArgs),
    /// Store a saved Kontomatik reply (default-import result or data.xml) like a live import.
    ImportFile(ImportFileArgs),
    /// Send an applicant's PDF bank statement to Kontomatik's PDF Parsing API and store the
    /// result as an import of the case (F-IMP-11).
    ImportPdf(ImportPdfArgs),
    /// Write a sandbox persona's PDF bank statement (or a canned bad variant) to a file.
    StatementPdf(StatementPdfArgs),
    /// List cases (applicants), newest first.
    Cases(CasesArgs),
    /// Show a case: owners, accounts, balances, imports and transaction counts.
    Show(ShowArgs),
    /// List a case's transactions with filters.
    Transactions(TransactionsArgs),
    /// Export a case: the PDF credit memo, the transactions as CSV, the whole case as JSON.
    Export(ExportArgs),
    /// Request a Kontomatik Score for a case (recorded in its ledger, whatever the outcome).
    Score(ScoreArgs),
    /// What changed between a case's last two imports (new, vanished, pending → booked, changed).
    Diff(ShowArgs),
    /// Delete cases whose retention date has passed.
    Purge,
    /// Go on polling imports that were running when Lupa stopped.
    Resume(ResumeArgs),
    /// Every underwriting metric of a case, with the transaction ids behind each.
    Metrics(AnalysisArgs),
    /// The lending policy checklist of a case: pass, fail or needs review, with evidence.
    Checklist(AnalysisArgs),
    /// Re-run the categorisation rules on a case and print each transaction's category.
    Categorize(AnalysisArgs),
    /// Draw a chart of a case as SVG.
    Chart(ChartArgs),
    /// The analyst's word on one transaction: its category, whether it counts as income, or neither.
    Override(OverrideArgs),
    /// Re-derive an import's data from its stored raw reply.
    Reingest {
        /// The import id (see `show`).
        import_id: i64,
    },
}

/// `import-file`.
#[derive(Debug, Args)]
pub struct ImportFileArgs {
    /// The saved reply (XML).
    pub file: PathBuf,
    /// The environment the file came from.
    #[arg(long, default_value = "test", value_parser = parse_environment)]
    pub env: Environment,
    /// Owner id for a file that names none.
    #[arg(long)]
    pub owner_external_id: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `import-pdf`.
#[derive(Debug, Args)]
pub struct ImportPdfArgs {
    /// Case number, or the applicant's owner id.
    pub case: String,
    /// The PDF statement.
    pub file: PathBuf,
    /// Accept an inconsistent document (an account history without balances); it is marked.
    #[arg(long)]
    pub accept_inconsistent: bool,
    /// First day the statement should cover (default: three whole months before this one).
    #[arg(long, requires = "to")]
    pub from: Option<NaiveDate>,
    /// Last day the statement should cover.
    #[arg(long, requires = "from")]
    pub to: Option<NaiveDate>,
    /// Lupa's size limit for a statement, in MB (not Kontomatik's).
    #[arg(long, default_value_t = 20)]
    pub max_mb: u64,
    /// Base URL overriding the case's environment's (also LUPA_<ENV>_BASE_URL).
    #[arg(long)]
    pub base_url: Option<Url>,
    /// HTTP(S) proxy (also LUPA_PROXY).
    #[arg(long, env = "LUPA_PROXY")]
    pub proxy: Option<Url>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `statement-pdf`.
#[derive(Debug, Args)]
pub struct StatementPdfArgs {
    /// The persona (e.g. `salaried`, `gambler`; see the sandbox's widget page).
    pub persona: String,
    /// Where to write the PDF.
    #[arg(long, short)]
    pub out: PathBuf,
    /// A canned variant: genuine, tampered, history, unsupported-layout, corporate, english,
    /// scan, encrypted, not-a-pdf.
    #[arg(long, default_value = "genuine")]
    pub variant: String,
    /// The sandbox's seed (as `lupa-cli sandbox --seed`).
    #[arg(long, default_value_t = lupa_sandbox::SandboxConfig::default().seed)]
    pub seed: u64,
    /// The last day of the persona's history (default: today).
    #[arg(long)]
    pub today: Option<NaiveDate>,
}

/// `cases`.
#[derive(Debug, Args)]
pub struct CasesArgs {
    /// Text to find in the name, owner id or an account's IBAN.
    #[arg(long)]
    pub search: Option<String>,
    /// At most this many.
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// A case by its number or owner id.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Case number, or the applicant's owner id.
    pub case: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `transactions`.
#[derive(Debug, Args)]
pub struct TransactionsArgs {
    /// Case number, or the applicant's owner id.
    pub case: String,
    /// Only this account.
    #[arg(long)]
    pub account: Option<String>,
    /// From this day.
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Until this day.
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Full-text search in title, party and kind.
    #[arg(long)]
    pub search: Option<String>,
    /// At most this many.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// Skip this many.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Case number, or the applicant's owner id.
    pub case: String,
    /// Write the PDF credit memo.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
    /// Write the transactions as CSV (RFC 4180, UTF-8 with BOM); `--filter` picks the view.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Write the whole case as JSON (schema: docs/case-export.schema.json).
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// The CSV's view: a transactions filter as JSON, as the app saves views, e.g.
    /// '{"accountId":1,"from":"2026-01-01","text":"czynsz"}'.
    #[arg(long)]
    pub filter: Option<String>,
    /// Mask names, IBANs and personal identifiers (F-EXP-3).
    #[arg(long)]
    pub redact: bool,
    /// The memo's language: pl or en.
    #[arg(long, default_value = "pl", value_parser = ["pl", "en"])]
    pub lang: String,
}

/// `score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Case number, or the applicant's owner id.
    pub case: String,
    /// Who asks (recorded in the ledger); default: $USER.
    #[arg(long, env = "USER")]
    pub analyst: Option<String>,
    /// Go ahead despite the warnings (a repeat request, a passed retention window).
    #[arg(long)]
    pub yes: bool,
    /// Only print the ledger and the warnings; send nothing.
    #[arg(long)]
    pub status: bool,
    /// Hours Kontomatik keeps imported data (the retention warning's window).
    #[arg(long, default_value_t = lupa_core::score::DEFAULT_RETENTION_HOURS)]
    pub retention_hours: u32,
    /// Base URL overriding the case's environment's (also LUPA_<ENV>_BASE_URL).
    #[arg(long)]
    pub base_url: Option<Url>,
    /// HTTP(S) proxy (also LUPA_PROXY).
    #[arg(long, env = "LUPA_PROXY")]
    pub proxy: Option<Url>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `metrics`, `checklist`, `categorize`.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// Case number, or the applicant's owner id.
    pub case: String,
    /// The day the analysis is as of (default: today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// The monthly instalment of the loan applied for (what-if).
    #[arg(long)]
    pub instalment: Option<rust_decimal::Decimal>,
    /// A lending policy file (TOML) instead of the built-in one.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `override`.
#[derive(Debug, Args)]
pub struct OverrideArgs {
    /// The transaction id (see `transactions`).
    pub transaction: i64,
    /// A category code from docs/analysis.md, e.g. RISK_GAMBLING.
    #[arg(long)]
    pub category: Option<String>,
    /// Count it as income (true) or not (false).
    #[arg(long)]
    pub income: Option<bool>,
    /// Remove the analyst's override.
    #[arg(long, conflicts_with_all = ["category", "income"])]
    pub clear: bool,
}

/// `chart`.
#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Case number, or the applicant's owner id.
    pub case: String,
    /// balance, cashflow, categories or income.
    pub kind: String,
    /// Where to write the SVG.
    #[arg(long)]
    pub out: PathBuf,
    /// The day the analysis is as of (default: today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Currency to draw.
    #[arg(long, default_value = "PLN")]
    pub currency: String,
    /// Labels in English instead of Polish.
    #[arg(long)]
    pub english: bool,
}

/// `resume`.
#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// Environment and endpoint the imports ran against.
    #[command(flatten)]
    pub target: Target,
    /// Seconds between polls.
    #[arg(long, default_value_t = 3.0)]
    pub poll_interval: f64,
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
    /// The PDF statement parsers instead (PDF Parsing API, `--country` default `pl`).
    #[arg(long)]
    pub pdf: bool,
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
