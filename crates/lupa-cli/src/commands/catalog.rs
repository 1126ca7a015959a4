//! `lupa-cli catalog`: the bank catalog (F-IMP-10), or with `--pdf` the PDF statement parsers
//! (F-IMP-11); also the way to check a key.

use anyhow::Result;

use crate::cli::CatalogArgs;
use crate::context;

/// Fetches and prints the catalog.
pub async fn run(args: &CatalogArgs) -> Result<()> {
    let client = context::client(&args.target)?;
    if args.pdf {
        let country = args.country.as_deref().unwrap_or("pl").to_ascii_lowercase();
        let parsers = client.parser_catalog(&country).await?.value;
        if args.json {
            println!("{}", serde_json::to_string_pretty(&parsers)?);
        } else {
            for parser in &parsers {
                println!(
                    "{:<28} {}",
                    parser.name,
                    parser.official_name.as_deref().unwrap_or("")
                );
            }
            eprintln!("{} statement parsers for {country}", parsers.len());
        }
        return Ok(());
    }
    let targets = client.catalog().await?.value;
    let targets: Vec<_> = targets
        .into_iter()
        .filter(|t| {
            args.country
                .as_deref()
                .is_none_or(|c| t.country.eq_ignore_ascii_case(c))
        })
        .collect();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&targets)?);
        return Ok(());
    }
    println!(
        "{:<4} {:<28} {:<32} {:<6} commands",
        "cc", "target", "bank", "psd2"
    );
    for target in &targets {
        let commands: Vec<&str> = target
            .commands
            .iter()
            .map(|c| c.trim_end_matches("Command"))
            .collect();
        println!(
            "{:<4} {:<28} {:<32} {:<6} {}",
            target.country,
            target.name,
            target.official_name,
            if target.psd2 == Some(true) { "yes" } else { "" },
            commands.join(" ")
        );
    }
    eprintln!("{} targets", targets.len());
    Ok(())
}
