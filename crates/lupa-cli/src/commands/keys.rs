//! `lupa-cli keys set|show|delete --env ENV`: API keys in the OS keychain, shown masked.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, Result, bail};
use lupa_core::keychain::Keychain;
use lupa_kontomatik::ApiKey;

use crate::cli::KeysAction;

/// Runs a keys action.
pub fn run(action: &KeysAction) -> Result<()> {
    let keychain = Keychain::default();
    match action {
        KeysAction::Set { env } => {
            let key = read_key(&format!("API key for {env}: "))?;
            keychain.set_api_key(*env, &key)?;
            println!(
                "Stored the {env} API key {} in the OS keychain.",
                key.masked()
            );
        }
        KeysAction::Show { env } => match keychain.api_key(*env)? {
            Some(key) => println!("{env}: {}", key.masked()),
            None => println!("{env}: no key stored"),
        },
        KeysAction::Delete { env } => {
            if keychain.delete_api_key(*env)? {
                println!("Deleted the {env} API key.");
            } else {
                println!("There was no {env} API key.");
            }
        }
    }
    Ok(())
}

/// Reads a key without echo from a terminal, or one line from piped stdin.
fn read_key(prompt: &str) -> Result<ApiKey> {
    let line = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).context("cannot read the key from the terminal")?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the key from stdin")?;
        line
    };
    let key = line.trim();
    if key.is_empty() {
        bail!("no key given");
    }
    if key.chars().any(|c| c.is_control() || c.is_whitespace()) {
        bail!(
            "the key contains spaces or control characters; paste it exactly as Insight shows it"
        );
    }
    Ok(ApiKey::new(key.to_owned()))
}
