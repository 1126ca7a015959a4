//! Unit tests of the error classification and texts.

use super::*;
use crate::model::CommandState;

fn exception(name: &str) -> Exception {
    Exception {
        name: name.to_owned(),
        message: Some("Something happened.".to_owned()),
        ..Exception::default()
    }
}

fn command(state: CommandState, name: Option<&str>) -> Command {
    Command {
        id: "42".to_owned(),
        state,
        name: "DefaultImportCommand".to_owned(),
        target: None,
        institution: None,
        progress: Some(0),
        result: None,
        exception: name.map(exception),
    }
}

#[test]
fn failed_commands_are_classified() {
    let error = Error::from_failed_command(&command(CommandState::Error, Some("IO")), None);
    let error = error.expect("error state");
    assert_eq!(error.code(), "retry_later");
    assert!(!error.is_transient());
    assert_eq!(error.command_id(), Some("42"));

    let error =
        Error::from_failed_command(&command(CommandState::Error, Some("SessionExpired")), None);
    assert_eq!(error.expect("error state").code(), "needs_new_login");

    let error = Error::from_failed_command(&command(CommandState::Fatal, Some("IO")), None);
    assert_eq!(error.expect("fatal state").code(), "fatal");

    let other = CommandState::Other("cancelled".into());
    let error = Error::from_failed_command(&command(other, None), None);
    let error = error.expect("unknown final state");
    assert_eq!(error.code(), "needs_new_login");
    assert_eq!(
        error.to_string(),
        "The import failed at Kontomatik (command 42); the applicant has to sign in to the \
         bank again."
    );

    for state in [
        CommandState::Setup,
        CommandState::InProgress,
        CommandState::Successful,
    ] {
        assert!(Error::from_failed_command(&command(state, None), None).is_none());
    }
}

#[test]
fn display_texts_are_sentences() {
    let error = Error::Cancelled {
        command_id: Some("7".into()),
    };
    assert_eq!(
        error.to_string(),
        "The import was cancelled (command 7 may still be running at Kontomatik)."
    );
    let error = Error::RetryLater {
        exception: None,
        http_status: Some(503),
        command_id: None,
        raw: None,
    };
    assert_eq!(
        error.to_string(),
        "Kontomatik or the bank is temporarily unavailable (HTTP 503); try again later."
    );
    assert!(error.is_transient());
    assert_eq!(error.http_status(), Some(503));
}

#[test]
fn errors_stay_small() {
    // Clippy's `result_large_err` refuses an error of 128 bytes or more in every crate returning
    // it; the variants with an optional exception box it.
    assert!(
        std::mem::size_of::<Error>() < 128,
        "{}",
        std::mem::size_of::<Error>()
    );
}
