//! The properties the `parse_reply` fuzz target checks (`fuzz/`, `scripts/fuzz.sh`), shared with the
//! regression tests so that both check exactly the same thing. Not an API: hidden from the docs.

use crate::model::{Payload, Reply};
use crate::xml::{Limits, ParseError, WriteOptions, parse_reply, parse_reply_with, write_reply};

/// Parses `data` as a reply; it may fail but must not panic, and must give the same result with
/// its transaction lists split in two ([`check_split`]). A reply that parses must survive
/// [`write_reply`] (default options, and compact with character references): the written document
/// parses back to the same reply, and writing that again gives the same bytes.
///
/// `skipped` items are left out of the comparison: the writer does not write them (their raw XML
/// is for people), so the written document has the other items only.
///
/// # Panics
///
/// When the property does not hold: that is a bug for the fuzzer to report.
pub fn check_reply(data: &[u8]) {
    let Ok(mut reply) = check_split(data) else {
        return;
    };
    forget_skipped(&mut reply);
    let compact = WriteOptions {
        indent: 0,
        ascii_char_refs: true,
    };
    for options in [WriteOptions::default(), compact] {
        let written = write_reply(&reply, &options);
        let again = parse_reply(written.as_bytes())
            .unwrap_or_else(|error| panic!("written reply does not parse: {error}\n{written}"));
        assert_eq!(
            again, reply,
            "written reply reads back differently\n{written}"
        );
        assert_eq!(
            write_reply(&again, &options),
            written,
            "writing is not stable"
        );
    }
}

/// Parses `data` as a reply twice: sequentially, and with every `moneyTransactions` list read in
/// two halves on two threads ([`Limits::split_lists_from`] 0). Both must give the same result,
/// the same error included. Returns it.
///
/// # Panics
///
/// When they differ.
pub fn check_split(data: &[u8]) -> Result<Reply, ParseError> {
    let sequential = parse_reply_with(
        data,
        &Limits {
            split_lists_from: usize::MAX,
            ..Limits::default()
        },
    );
    let split = parse_reply_with(
        data,
        &Limits {
            split_lists_from: 0,
            ..Limits::default()
        },
    );
    assert_eq!(split, sequential, "a split list reads differently");
    sequential
}

fn forget_skipped(reply: &mut Reply) {
    match &mut reply.payload {
        Payload::Command(command) => {
            if let Some(result) = &mut command.result {
                result.skipped.clear();
            }
        }
        Payload::Data(owner) => {
            for target in &mut owner.targets {
                target.skipped.clear();
            }
        }
        Payload::Statement(statement) => statement.skipped.clear(),
        _ => {}
    }
}
