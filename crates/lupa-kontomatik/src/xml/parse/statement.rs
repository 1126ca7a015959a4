//! The PDF Parsing API's payloads: `<statement>` (`POST /v1/statement.xml`), the parser catalog's
//! `<target>`s (`GET /v1/parser-catalog.xml`) and `failedVerifications` (in a statement or an
//! exception). No real reply of this API was ever captured (`shared/docs/kontomatik-pdf.md`), so
//! the reading is defensive:
//!
//! - `<statement id isConsistent>`: `id` is required, `isConsistent` an optional boolean. Below it,
//!   `owners`, `accounts` and `failedVerifications` are looked for **at any depth** (through any
//!   wrapper, e.g. a `<target>`), read with the AIS parsers, and concatenated in document order.
//!   Items that have no place in the statement model when met outside their list — a
//!   `moneyTransactions` list or `moneyTransaction`, `account`, `owner`, `creditCards` or
//!   `creditCard` outside `accounts`/`owners` — go to `Statement::skipped` with their raw XML
//!   rather than being read in a guessed place. The path of an element inside an unknown wrapper
//!   renders the wrapper as `*`.
//! - `failedVerification`: the name is the `name` attribute, else a `name`/`code` child, else the
//!   element's own trimmed text (a list of bare codes, as the JSON API's generated specs show);
//!   the message is a `message`/`description` child, else the element's own text (when the name
//!   did not come from it). A message of whitespace only is absent. Never an error.
//! - Parser catalog `<target name officialName>`: `name` is required; children are ignored.

use std::borrow::Cow;

use quick_xml::events::Event;

use super::super::ParseError;
use super::cursor::{Cursor, Elem, append};
use super::items;
use super::values::{boolean, optional, trim};
use super::{Path, required, valid};
use crate::model::{FailedVerification, ParserTarget, Skipped, Statement};

/// `<statement id isConsistent>` and everything found below it.
pub(super) fn parse_statement<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<Statement, ParseError> {
    let mut id = None;
    let mut statement = Statement::default();
    cur.attributes(elem, |key, value| {
        match key {
            b"id" => id = Some(value.into_owned()),
            b"isConsistent" => {
                statement.is_consistent = valid(
                    cur,
                    || path.attribute("isConsistent"),
                    optional(&value, boolean),
                )?;
            }
            _ => {}
        }
        Ok(())
    })?;
    statement.id = required(cur, || path.attribute("id"), id)?;
    statement_children(cur, elem, path, &mut statement)?;
    Ok(statement)
}

/// The children of `elem` (the statement or a wrapper inside it), recursively.
fn statement_children<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
    statement: &mut Statement,
) -> Result<(), ParseError> {
    while let Some(child) = cur.next_child(elem)? {
        let skipped = &mut statement.skipped;
        match child.name() {
            b"owners" => {
                let owners = items::owners(cur, &child, &path.child("owners"), skipped)?;
                statement.owners.get_or_insert_with(Vec::new).extend(owners);
            }
            b"accounts" => {
                let accounts = items::accounts(cur, &child, &path.child("accounts"), skipped)?;
                statement
                    .accounts
                    .get_or_insert_with(Vec::new)
                    .extend(accounts);
            }
            b"failedVerifications" => {
                let found = failed_verifications(cur, &child)?;
                statement.failed_verifications.extend(found);
            }
            name => {
                if let Some(stray) = stray_item(name) {
                    cur.skip(&child)?;
                    skipped.push(Skipped {
                        path: path.child(stray).render(),
                        reason: format!(
                            "{stray} outside the lists Lupa reads in a statement (owners, \
                             accounts); not read"
                        ),
                        raw_xml: String::from_utf8_lossy(cur.raw(&child)).into_owned(),
                    });
                } else {
                    statement_children(cur, &child, &path.child("*"), statement)?;
                }
            }
        }
    }
    Ok(())
}

/// Item elements that have no place in the statement model outside their own lists.
fn stray_item(name: &[u8]) -> Option<&'static str> {
    Some(match name {
        b"moneyTransactions" => "moneyTransactions",
        b"moneyTransaction" => "moneyTransaction",
        b"account" => "account",
        b"owner" => "owner",
        b"creditCards" => "creditCards",
        b"creditCard" => "creditCard",
        _ => return None,
    })
}

/// The `failedVerifications` found anywhere below `elem` (an unknown child of an `<exception>`).
pub(super) fn failed_verifications_below<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    found: &mut Vec<FailedVerification>,
) -> Result<(), ParseError> {
    while let Some(child) = cur.next_child(elem)? {
        if child.name() == b"failedVerifications" {
            found.extend(failed_verifications(cur, &child)?);
        } else {
            failed_verifications_below(cur, &child, found)?;
        }
    }
    Ok(())
}

/// `failedVerifications/failedVerification*`; other children are ignored.
pub(super) fn failed_verifications<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
) -> Result<Vec<FailedVerification>, ParseError> {
    let mut found = Vec::new();
    while let Some(child) = cur.next_child(elem)? {
        if child.name() == b"failedVerification" {
            found.push(failed_verification(cur, &child)?);
        } else {
            cur.skip(&child)?;
        }
    }
    Ok(found)
}

/// One `<failedVerification>`, in any of the accepted shapes (see the module doc).
fn failed_verification<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
) -> Result<FailedVerification, ParseError> {
    let mut attribute = None;
    cur.attributes(elem, |key, value| {
        if key == b"name" {
            attribute = Some(value.into_owned());
        }
        Ok(())
    })?;
    let (mut name_child, mut message_child) = (None, None);
    let mut text = Cow::Borrowed("");
    if !elem.empty {
        loop {
            let before = cur.pos();
            match cur.event()? {
                Event::End(_) => break,
                Event::Start(start) => {
                    let child = Elem {
                        start,
                        empty: false,
                        depth: cur.depth(),
                        begin: before,
                    };
                    match child.name() {
                        b"name" | b"code" => name_child = Some(cur.text(&child)?.into_owned()),
                        b"message" | b"description" => {
                            message_child = Some(cur.text(&child)?.into_owned());
                        }
                        _ => cur.skip(&child)?,
                    }
                }
                Event::Eof => return Err(cur.malformed(before, "unexpected end of document")),
                event => {
                    if let Some(piece) = cur.content(event, before)? {
                        append(&mut text, piece);
                    }
                }
            }
        }
    }
    let (name, message) = match attribute.or(name_child) {
        Some(name) => (name, message_child.or(Some(text.into_owned()))),
        None => (trim(&text).to_owned(), message_child),
    };
    Ok(FailedVerification {
        name,
        message: message.filter(|message| !trim(message).is_empty()),
    })
}

/// `<target name officialName>` directly under `<reply>` (parser catalog).
pub(super) fn parser_target<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<ParserTarget, ParseError> {
    let mut name = None;
    let mut target = ParserTarget::default();
    cur.attributes(elem, |key, value| {
        match key {
            b"name" => name = Some(value.into_owned()),
            b"officialName" => target.official_name = Some(value.into_owned()),
            _ => {}
        }
        Ok(())
    })?;
    target.name = required(cur, || path.attribute("name"), name)?;
    cur.skip(elem)?;
    Ok(target)
}
