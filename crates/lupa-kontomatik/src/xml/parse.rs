//! [`parse_reply`]: a tolerant, hardened reader of Kontomatik replies into the [`crate::model`].
//!
//! Rules (the protocol choices live here and in the submodules' doc comments):
//!
//! - **Hardened.** Bodies over [`Limits::max_bytes`] are refused before reading; nesting over
//!   [`Limits::max_depth`] stops the parse, and so do more than 64 attributes on an element that is
//!   read; any `<!DOCTYPE` is refused ([`ParseError::Dtd`]) except an HTML one before the root, which
//!   is reported as [`ParseError::NotAReply`]. Only the five predefined entities and character
//!   references are resolved; an undefined entity is [`ParseError::Malformed`]. Nothing indexes or
//!   unwraps input-derived data: no input can panic the parser.
//! - **Zero copy.** quick-xml events borrow from the input; element names are matched as byte
//!   slices; text is only copied into the `String`s the model owns.
//! - **Envelope.** The root must be `<reply>` (after the prolog, comments and whitespace); its
//!   payload is its first child element with a known name (`command`, `exception`, `comment`,
//!   `targets`, `models`, `owner`, `session`, `statement`, `target`); unknown children are skipped,
//!   later payload elements ignored, no known child gives [`Payload::Empty`]. The one exception:
//!   `<target>` elements directly under `<reply>` are the PDF parser catalog, so every later
//!   `<target>` joins the first one's [`Payload::ParserCatalog`]. After `</reply>` only whitespace,
//!   comments and processing instructions may follow.
//! - **Tolerant.** Unknown elements (whole subtrees) and attributes are skipped. A list item —
//!   `moneyTransaction`, `account`, `creditCard`, `owner` inside `owners` — that cannot be read goes
//!   into the nearest `skipped` list (`CommandResult::skipped`, `DataTarget::skipped`,
//!   `Statement::skipped`) with its path, the reason and its raw XML bytes, and everything else is
//!   kept. See [`items`] for what skips an item, and [`statement`] for how a `<statement>` (whose
//!   shape is unverified) is read. A required value outside these lists (a command's `id`, an
//!   exception's `name`, a catalog target's `name`, a statement's `id`, …) that is missing or
//!   invalid is [`ParseError::Invalid`].
//! - **Values.** Text is kept exactly (whitespace intact, line ends normalised to `\n` as XML 1.0
//!   requires); numbers, dates, timestamps, booleans and enum-like values (`state`, `progress`) are
//!   trimmed first. An optional typed element that is empty (`<bookedOn/>`) is absent. Money and
//!   scores are exact [`rust_decimal::Decimal`]s with the scale as written. When an element occurs
//!   twice where one is expected, the last one wins.
//! - **Long lists on two threads.** A long `moneyTransactions` list is read in two halves at once
//!   ([`split`], [`Limits::split_lists_from`]); the result, errors included, is the sequential one.

mod catalog;
pub(in crate::xml) mod cursor;
mod items;
mod split;
mod statement;
mod values;

use quick_xml::events::Event;

use self::cursor::{Cursor, Elem};
use self::values::{integer, timestamp, trim};
use super::ParseError;
use crate::model::{
    Command, CommandResult, CommandState, Envelope, Exception, Payload, Reply, Session,
};

/// Resource limits of the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest body accepted, in bytes (default 512 MiB; a 100 000-transaction import is ~70 MB).
    pub max_bytes: usize,
    /// Deepest element nesting accepted, the root counting as 1 (default 64; replies nest ~9 deep).
    pub max_depth: usize,
    /// Not a limit: a `moneyTransactions` list of at least this many bytes is read in two halves
    /// on two threads (default 4 MiB, about 6 000 transactions; see [`split`]). The result is the
    /// same either way; tests set 0 to check it.
    pub split_lists_from: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 512 * 1024 * 1024,
            max_depth: 64,
            split_lists_from: 4 * 1024 * 1024,
        }
    }
}

/// Parses a reply body with the default [`Limits`].
pub fn parse_reply(bytes: &[u8]) -> Result<Reply, ParseError> {
    parse_reply_with(bytes, &Limits::default())
}

/// Parses a reply body.
pub fn parse_reply_with(bytes: &[u8], limits: &Limits) -> Result<Reply, ParseError> {
    if bytes.len() > limits.max_bytes {
        return Err(ParseError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    if is_blank(bytes) {
        return Err(ParseError::Empty);
    }
    let mut cur = Cursor::new(bytes, limits);
    let root = find_root(&mut cur)?;
    if root.name() != b"reply" {
        return Err(cur.not_a_reply());
    }
    let envelope = parse_envelope(&cur, &root)?;
    let payload = parse_payload(&mut cur, &root)?;
    finish(&mut cur)?;
    Ok(Reply { envelope, payload })
}

/// True for an empty body or one of whitespace only (a UTF-8 BOM included).
pub(in crate::xml) fn is_blank(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Reads the prolog and returns the root element, whatever its name.
pub(in crate::xml) fn find_root<'a>(cur: &mut Cursor<'a>) -> Result<Elem<'a>, ParseError> {
    loop {
        let begin = cur.pos();
        match cur.event()? {
            Event::Start(start) => {
                return Ok(Elem {
                    start,
                    empty: false,
                    depth: cur.depth(),
                    begin,
                });
            }
            Event::Empty(start) => {
                return Ok(Elem {
                    start,
                    empty: true,
                    depth: 1,
                    begin,
                });
            }
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Text(text) if text.iter().all(u8::is_ascii_whitespace) => {}
            // Text before any element: plain text, JSON, … — not XML at all.
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                return Err(cur.not_a_reply());
            }
            Event::DocType(doctype) => {
                let name = doctype
                    .split(|b| b.is_ascii_whitespace())
                    .find(|w| !w.is_empty());
                return Err(match name {
                    Some(name) if name.eq_ignore_ascii_case(b"html") => cur.not_a_reply(),
                    _ => ParseError::Dtd,
                });
            }
            Event::End(_) => return Err(cur.malformed(begin, "end tag before any element")),
            Event::Eof => return Err(cur.malformed(begin, "no root element")),
        }
    }
}

/// Reads what follows the root element: only whitespace, comments and processing instructions.
pub(in crate::xml) fn finish(cur: &mut Cursor<'_>) -> Result<(), ParseError> {
    loop {
        let begin = cur.pos();
        match cur.event()? {
            Event::Eof => return Ok(()),
            Event::Comment(_) | Event::PI(_) => {}
            Event::Text(text) if text.iter().all(u8::is_ascii_whitespace) => {}
            Event::DocType(_) => return Err(ParseError::Dtd),
            _ => return Err(cur.malformed(begin, "content after the root element")),
        }
    }
}

/// An element path for `Skipped::path` and `ParseError::Invalid`, built only when needed.
#[derive(Clone, Copy)]
pub(in crate::xml) struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    name: &'static str,
    index: Option<usize>,
}

impl<'p> Path<'p> {
    /// `reply`.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        name: "reply",
        index: None,
    };

    /// `self/name`.
    pub fn child(&'p self, name: &'static str) -> Path<'p> {
        Path {
            parent: Some(self),
            name,
            index: None,
        }
    }

    /// `self/name[index]`.
    pub fn item(&'p self, name: &'static str, index: usize) -> Path<'p> {
        Path {
            parent: Some(self),
            name,
            index: Some(index),
        }
    }

    /// The path as text, e.g. `reply/command/result/accounts/account[0]`.
    pub fn render(&self) -> String {
        let mut text = match self.parent {
            Some(parent) => parent.render() + "/",
            None => String::new(),
        };
        text.push_str(self.name);
        if let Some(index) = self.index {
            text.push_str(&format!("[{index}]"));
        }
        text
    }

    /// `self/@name`.
    pub fn attribute(&self, name: &str) -> String {
        format!("{}/@{name}", self.render())
    }
}

/// `Ok(value)` or [`ParseError::Invalid`] at `path`.
pub(in crate::xml) fn valid<T>(
    cur: &Cursor<'_>,
    path: impl FnOnce() -> String,
    value: Result<T, String>,
) -> Result<T, ParseError> {
    value.map_err(|message| cur.invalid(path(), message))
}

/// A required value: missing is [`ParseError::Invalid`] at `path`.
pub(in crate::xml) fn required<T>(
    cur: &Cursor<'_>,
    path: impl FnOnce() -> String,
    value: Option<T>,
) -> Result<T, ParseError> {
    value.ok_or_else(|| cur.invalid(path(), "missing"))
}

fn parse_envelope(cur: &Cursor<'_>, root: &Elem<'_>) -> Result<Envelope, ParseError> {
    let mut envelope = Envelope::default();
    cur.attributes(root, |key, value| {
        match key {
            b"xsi:noNamespaceSchemaLocation" => envelope.schema_location = Some(value.into_owned()),
            b"status" => envelope.status = Some(value.into_owned()),
            b"user" => envelope.user = Some(value.into_owned()),
            b"ownerExternalId" => envelope.owner_external_id = Some(value.into_owned()),
            b"responseTimestamp" => {
                envelope.response_timestamp = Some(valid(
                    cur,
                    || Path::ROOT.attribute("responseTimestamp"),
                    timestamp(&value),
                )?);
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(envelope)
}

fn parse_payload<'a>(cur: &mut Cursor<'a>, root: &Elem<'a>) -> Result<Payload, ParseError> {
    let mut payload = None;
    while let Some(child) = cur.next_child(root)? {
        let path = &Path::ROOT;
        match (&mut payload, child.name()) {
            (Some(Payload::ParserCatalog(targets)), b"target") => {
                let index = targets.len();
                let path = path.item("target", index);
                targets.push(statement::parser_target(cur, &child, &path)?);
                continue;
            }
            (Some(_), _) => {
                cur.skip(&child)?;
                continue;
            }
            (None, _) => {}
        }
        payload = match child.name() {
            b"command" => Some(Payload::Command(parse_command(
                cur,
                &child,
                &path.child("command"),
            )?)),
            b"exception" => Some(Payload::Exception(parse_exception(
                cur,
                &child,
                &path.child("exception"),
            )?)),
            b"comment" => Some(Payload::Comment(cur.text(&child)?.into_owned())),
            b"targets" => Some(Payload::Catalog(catalog::parse_targets(
                cur,
                &child,
                &path.child("targets"),
            )?)),
            b"models" => Some(Payload::OwnerScores(catalog::parse_models(
                cur,
                &child,
                &path.child("models"),
            )?)),
            b"owner" => Some(Payload::Data(catalog::parse_data(
                cur,
                &child,
                &path.child("owner"),
            )?)),
            b"session" => Some(Payload::Session(parse_session(
                cur,
                &child,
                &path.child("session"),
            )?)),
            b"statement" => Some(Payload::Statement(statement::parse_statement(
                cur,
                &child,
                &path.child("statement"),
            )?)),
            b"target" => Some(Payload::ParserCatalog(vec![statement::parser_target(
                cur,
                &child,
                &path.item("target", 0),
            )?])),
            _ => {
                cur.skip(&child)?;
                None
            }
        };
    }
    Ok(payload.unwrap_or(Payload::Empty))
}

/// `<command id state name [target] [institution]>`: `id` and `state` are required; a missing
/// `name` is read as empty (the client only needs the id and state to poll).
fn parse_command<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<Command, ParseError> {
    let (mut id, mut state, mut name, mut target, mut institution) = (None, None, None, None, None);
    cur.attributes(elem, |key, value| {
        match key {
            b"id" => id = Some(value.into_owned()),
            b"state" => state = Some(CommandState::from_wire(trim(&value))),
            b"name" => name = Some(value.into_owned()),
            b"target" => target = Some(value.into_owned()),
            b"institution" => institution = Some(value.into_owned()),
            _ => {}
        }
        Ok(())
    })?;
    let mut command = Command {
        id: required(cur, || path.attribute("id"), id)?,
        state: required(cur, || path.attribute("state"), state)?,
        name: name.unwrap_or_default(),
        target,
        institution,
        progress: None,
        result: None,
        exception: None,
    };
    while let Some(child) = cur.next_child(elem)? {
        match child.name() {
            b"progress" => command.progress = parse_progress(cur, &child, &path.child("progress"))?,
            b"result" => {
                command.result = Some(parse_result(cur, &child, &path.child("result"))?);
            }
            b"exception" => {
                command.exception = Some(parse_exception(cur, &child, &path.child("exception"))?);
            }
            _ => cur.skip(&child)?,
        }
    }
    Ok(command)
}

/// `<progress><value>N</value></progress>`.
fn parse_progress<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<Option<u32>, ParseError> {
    let mut progress = None;
    while let Some(child) = cur.next_child(elem)? {
        if child.name() == b"value" {
            let text = cur.text(&child)?;
            progress = valid(
                cur,
                || path.child("value").render(),
                values::optional(&text, integer),
            )?;
        } else {
            cur.skip(&child)?;
        }
    }
    Ok(progress)
}

/// `<result>`: owners, accounts, credit cards, transactions; bad items go to `skipped`.
fn parse_result<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<CommandResult, ParseError> {
    let mut result = CommandResult::default();
    while let Some(child) = cur.next_child(elem)? {
        let skipped = &mut result.skipped;
        match child.name() {
            b"owners" => {
                result.owners = Some(items::owners(cur, &child, &path.child("owners"), skipped)?);
            }
            b"accounts" => {
                result.accounts = Some(items::accounts(
                    cur,
                    &child,
                    &path.child("accounts"),
                    skipped,
                )?);
            }
            b"creditCards" => {
                result.credit_cards = Some(items::credit_cards(
                    cur,
                    &child,
                    &path.child("creditCards"),
                    skipped,
                )?);
            }
            b"moneyTransactions" => {
                result.money_transactions = Some(items::transactions(
                    cur,
                    &child,
                    &path.child("moneyTransactions"),
                    skipped,
                )?);
            }
            _ => cur.skip(&child)?,
        }
    }
    Ok(result)
}

/// `<exception name><message/><friendlyMessage/><failedVerifications/></exception>`: `name` is
/// required; `failedVerifications` are also looked for below unknown children (unverified shape).
fn parse_exception<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<Exception, ParseError> {
    let mut name = None;
    cur.attributes(elem, |key, value| {
        if key == b"name" {
            name = Some(value.into_owned());
        }
        Ok(())
    })?;
    let mut exception = Exception {
        name: required(cur, || path.attribute("name"), name)?,
        ..Exception::default()
    };
    while let Some(child) = cur.next_child(elem)? {
        match child.name() {
            b"message" => exception.message = Some(cur.text(&child)?.into_owned()),
            b"friendlyMessage" => exception.friendly_message = Some(cur.text(&child)?.into_owned()),
            b"failedVerifications" => {
                let found = statement::failed_verifications(cur, &child)?;
                exception.failed_verifications.extend(found);
            }
            _ => statement::failed_verifications_below(
                cur,
                &child,
                &mut exception.failed_verifications,
            )?,
        }
    }
    Ok(exception)
}

/// `<session id signature [multipleAccessId] [target]/>`. Shape unverified, so the values are also
/// accepted as child elements of the same names, and `sessionId` / `sessionIdSignature` (the names
/// of the request parameters) are accepted as aliases. `id` and `signature` are required.
fn parse_session<'a>(
    cur: &mut Cursor<'a>,
    elem: &Elem<'a>,
    path: &Path<'_>,
) -> Result<Session, ParseError> {
    fn set(fields: &mut [Option<String>; 4], key: &[u8], value: String) {
        let slot = match key {
            b"id" | b"sessionId" => 0,
            b"signature" | b"sessionIdSignature" => 1,
            b"multipleAccessId" => 2,
            b"target" => 3,
            _ => return,
        };
        if let Some(field) = fields.get_mut(slot) {
            *field = Some(value);
        }
    }
    let mut fields: [Option<String>; 4] = Default::default();
    cur.attributes(elem, |key, value| {
        set(&mut fields, key, value.into_owned());
        Ok(())
    })?;
    while let Some(child) = cur.next_child(elem)? {
        let text = cur.text(&child)?;
        set(&mut fields, child.name(), trim(&text).to_owned());
    }
    let [id, signature, multiple_access_id, target] = fields;
    Ok(Session {
        id: required(cur, || path.attribute("id"), id)?,
        signature: required(cur, || path.attribute("signature"), signature)?,
        multiple_access_id,
        target,
    })
}
