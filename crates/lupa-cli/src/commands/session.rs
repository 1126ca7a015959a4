//! `lupa-cli session`: mints a test session with `mock-session.xml` and prints it as a link and JSON.

use anyhow::Result;
use lupa_core::session_input::SessionInput;
use lupa_kontomatik::Sensitive;

use crate::cli::SessionArgs;
use crate::context;

/// Mints and prints a session.
pub async fn run(args: &SessionArgs) -> Result<()> {
    let client = context::client(&args.target)?;
    let exchange = client
        .mock_session(
            &args.login,
            args.owner_external_id.as_deref(),
            args.multiple_access,
        )
        .await?;
    let owner = crate::owner_of(&exchange.raw.body).or_else(|| args.owner_external_id.clone());
    let session = exchange.value;
    let input = SessionInput {
        target: Some(
            session
                .target
                .clone()
                .unwrap_or_else(|| "KontoBank".to_owned()),
        ),
        session_id: session.id,
        session_id_signature: Sensitive::new(session.signature),
        owner_external_id: owner,
        multiple_access_id: session.multiple_access_id,
    };
    println!("{}", input.deep_link());
    eprintln!(
        "Signed in to {} as {:?}: session {}, owner {}. Import it with `lupa-cli import --session '<the link>'`.",
        input.target.as_deref().unwrap_or_default(),
        args.login,
        input.session_id,
        input.owner_external_id.as_deref().unwrap_or("(none)")
    );
    Ok(())
}
