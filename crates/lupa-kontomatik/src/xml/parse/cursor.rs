//! A hardened, zero-copy walk over quick-xml events: depth and DTD checks, element-by-element
//! navigation, text decoding (entities, character references, CDATA) and raw byte slices.

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use super::super::{Limits, ParseError};

/// UTF-8 byte order mark; stripped before parsing so that reader positions are input offsets.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Most attributes read on one element (the captures have at most 8). quick-xml checks each name
/// against all earlier ones, so without a bound the time grew with the square of their number: one
/// 290 KB tag of 30 000 attributes took 19 s in the fuzz build, a few megabytes would take hours.
pub(in crate::xml) const MAX_ATTRIBUTES: usize = 64;

/// One element whose start tag has been read.
pub(in crate::xml) struct Elem<'a> {
    /// The start tag (name and attributes, borrowed from the input).
    pub start: BytesStart<'a>,
    /// `<name/>`: there is no content and no end tag to read.
    pub empty: bool,
    /// Nesting level of the element; the root is 1.
    pub depth: usize,
    /// Offset of the element's `<` in the input.
    pub begin: usize,
}

impl Elem<'_> {
    /// The element's name as written (prefix included).
    #[inline]
    pub fn name(&self) -> &[u8] {
        self.start.name().into_inner()
    }
}

/// Cursor over the events of one document.
pub(in crate::xml) struct Cursor<'a> {
    reader: Reader<&'a [u8]>,
    /// The whole body as received (BOM included): for error excerpts.
    body: &'a [u8],
    /// The body without its BOM: what the reader reads; positions are offsets in it.
    input: &'a [u8],
    /// Length of the stripped BOM (0 or 3), added to positions reported in errors.
    offset: u64,
    depth: usize,
    max_depth: usize,
    /// [`Limits::split_lists_from`].
    split_lists_from: usize,
    /// Bytes the search for split points may still scan: the input's length, so that a document
    /// of many lists whose end tags the search cannot find (`</moneyTransactions >`) costs one
    /// scan of the input in all, not one per list.
    split_budget: usize,
}

/// What a second cursor over the same document needs: [`Cursor::document`], sent to a helper
/// thread that reads the second half of a long list ([`super::split`]).
#[derive(Clone, Copy)]
pub(in crate::xml) struct Document<'a> {
    body: &'a [u8],
    input: &'a [u8],
    max_depth: usize,
}

impl<'a> Document<'a> {
    /// The body without its BOM: what positions are offsets in.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// A cursor that starts reading at `position`, where the reader of the whole document is
    /// between markup (just after a tag) with `depth` elements open. End tags are checked
    /// against the start tags read from there on; an end tag at `depth` (which closes an element
    /// this cursor has not seen) is returned instead of refused, for the caller to stop at. It
    /// never splits a list itself.
    pub fn cursor_at(&self, position: usize, depth: usize) -> Cursor<'a> {
        let mut cursor = Cursor::with_reader(self.body, self.input, self.max_depth, usize::MAX);
        cursor.reader.config_mut().allow_unmatched_ends = true;
        cursor
            .reader
            .stream()
            .consume(position.min(self.input.len()));
        cursor.depth = depth;
        cursor
    }
}

impl<'a> Cursor<'a> {
    pub fn new(body: &'a [u8], limits: &Limits) -> Self {
        let input = body.strip_prefix(BOM).unwrap_or(body);
        Cursor::with_reader(body, input, limits.max_depth, limits.split_lists_from)
    }

    fn with_reader(
        body: &'a [u8],
        input: &'a [u8],
        max_depth: usize,
        split_lists_from: usize,
    ) -> Self {
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.allow_unmatched_ends = false;
        config.allow_dangling_amp = false;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Cursor {
            reader,
            body,
            input,
            offset: (body.len() - input.len()) as u64,
            depth: 0,
            max_depth,
            split_lists_from,
            split_budget: input.len(),
        }
    }

    /// The document, for a second cursor on another thread.
    pub fn document(&self) -> Document<'a> {
        Document {
            body: self.body,
            input: self.input,
            max_depth: self.max_depth,
        }
    }

    /// Whether a list that starts here can be long enough to be read in two halves: the rest of
    /// the input is at least [`Limits::split_lists_from`] bytes (the search for a split point
    /// then checks the list's own length).
    pub fn worth_splitting(&self) -> bool {
        self.input.len().saturating_sub(self.pos()) >= self.split_lists_from
    }

    /// [`Limits::split_lists_from`].
    pub fn split_from(&self) -> usize {
        self.split_lists_from
    }

    /// What the search for split points may still scan, for it to take from.
    pub fn split_budget(&mut self) -> &mut usize {
        &mut self.split_budget
    }

    /// Moves on to `position` without reading what lies before it. Only for input another cursor
    /// has read from here, just after a tag, with the same elements open at both ends.
    pub fn skip_to(&mut self, position: usize) {
        let distance = position.saturating_sub(self.pos());
        self.reader.stream().consume(distance);
    }

    /// Current offset in the input (just after the last event read).
    #[inline]
    pub fn pos(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// The current nesting level (number of open elements).
    #[inline]
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The input bytes `begin..end`, empty when out of range.
    pub fn slice(&self, begin: usize, end: usize) -> &'a [u8] {
        self.input.get(begin..end).unwrap_or_default()
    }

    /// The raw bytes of `elem`, which must have been read completely (its end tag consumed).
    pub fn raw(&self, elem: &Elem<'a>) -> &'a [u8] {
        self.slice(elem.begin, self.pos())
    }

    /// A [`ParseError::Malformed`] at input offset `position`.
    pub fn malformed(&self, position: usize, message: impl Into<String>) -> ParseError {
        ParseError::Malformed {
            position: (position as u64).saturating_add(self.offset),
            message: message.into(),
            first_bytes: ParseError::first_bytes_of(self.body),
        }
    }

    /// A [`ParseError::NotAReply`] for this body.
    pub fn not_a_reply(&self) -> ParseError {
        ParseError::NotAReply {
            first_bytes: ParseError::first_bytes_of(self.body),
        }
    }

    /// A [`ParseError::Invalid`] at `path`.
    pub fn invalid(&self, path: String, message: impl Into<String>) -> ParseError {
        ParseError::Invalid {
            path,
            message: message.into(),
            first_bytes: ParseError::first_bytes_of(self.body),
        }
    }

    /// The next event, with the checks every caller needs: quick-xml errors become
    /// [`ParseError::Malformed`], nesting is counted against the depth limit, an end of input with
    /// open elements is an error, and a DOCTYPE inside the root is [`ParseError::Dtd`] (one before
    /// the root is returned to the caller, which tells an HTML page from a DTD).
    #[inline(always)]
    pub fn event(&mut self) -> Result<Event<'a>, ParseError> {
        let before = self.pos();
        match self.reader.read_event() {
            Ok(Event::Start(start)) => {
                self.depth += 1;
                if self.depth > self.max_depth {
                    return Err(ParseError::TooDeep {
                        limit: self.max_depth,
                    });
                }
                Ok(Event::Start(start))
            }
            Ok(Event::Empty(start)) => {
                if self.depth + 1 > self.max_depth {
                    return Err(ParseError::TooDeep {
                        limit: self.max_depth,
                    });
                }
                Ok(Event::Empty(start))
            }
            Ok(Event::End(end)) => {
                self.depth = self.depth.saturating_sub(1);
                Ok(Event::End(end))
            }
            Ok(Event::DocType(_)) if self.depth > 0 => Err(ParseError::Dtd),
            Ok(Event::Eof) if self.depth > 0 => Err(self.malformed(
                before,
                format!(
                    "unexpected end of document, {} element(s) not closed",
                    self.depth
                ),
            )),
            Ok(event) => Ok(event),
            Err(error) => {
                let at = usize::try_from(self.reader.error_position()).unwrap_or(before);
                Err(self.malformed(at, error.to_string()))
            }
        }
    }

    /// The next child element of `parent`, or `None` once `parent`'s end tag has been read.
    /// Text, comments and processing instructions between children are skipped.
    #[inline(always)]
    pub fn next_child(&mut self, parent: &Elem<'a>) -> Result<Option<Elem<'a>>, ParseError> {
        if parent.empty {
            return Ok(None);
        }
        Ok(self.next_child_or_end()?.ok())
    }

    /// The next child element of the element open at the current depth, or `Err(offset)` of the
    /// end tag that closes it, once read.
    #[inline(always)]
    pub fn next_child_or_end(&mut self) -> Result<Result<Elem<'a>, usize>, ParseError> {
        loop {
            let begin = self.pos();
            match self.event()? {
                Event::Start(start) => {
                    return Ok(Ok(Elem {
                        start,
                        empty: false,
                        depth: self.depth,
                        begin,
                    }));
                }
                Event::Empty(start) => {
                    return Ok(Ok(Elem {
                        start,
                        empty: true,
                        depth: self.depth + 1,
                        begin,
                    }));
                }
                Event::End(_) => return Ok(Err(begin)),
                Event::Eof => return Err(self.malformed(begin, "unexpected end of document")),
                _ => {}
            }
        }
    }

    /// Reads past the end of `elem`, ignoring its content.
    pub fn skip(&mut self, elem: &Elem<'a>) -> Result<(), ParseError> {
        if elem.empty {
            return Ok(());
        }
        while self.depth >= elem.depth {
            if let Event::Eof = self.event()? {
                return Err(self.malformed(self.pos(), "unexpected end of document"));
            }
        }
        Ok(())
    }

    /// The raw bytes between `elem`'s start and end tags (read up to and including the end tag).
    pub fn inner(&mut self, elem: &Elem<'a>) -> Result<&'a [u8], ParseError> {
        if elem.empty {
            return Ok(b"");
        }
        let begin = self.pos();
        loop {
            let before = self.pos();
            if let Event::End(_) = self.event()?
                && self.depth < elem.depth
            {
                return Ok(self.slice(begin, before));
            }
        }
    }

    /// The decoded text content of `elem`, read up to and including its end tag: text, CDATA,
    /// entity and character references concatenated, line ends normalised as XML 1.0 requires,
    /// whitespace otherwise intact. Child elements (mixed content) are skipped.
    /// Borrows from the input when the text is one plain run.
    #[inline(always)]
    pub fn text(&mut self, elem: &Elem<'a>) -> Result<Cow<'a, str>, ParseError> {
        let mut text = Cow::Borrowed("");
        if elem.empty {
            return Ok(text);
        }
        loop {
            let before = self.pos();
            let event = self.event()?;
            match event {
                Event::End(_) => return Ok(text),
                Event::Start(_) => {
                    while self.depth > elem.depth {
                        self.event()?;
                    }
                }
                event => {
                    if let Some(piece) = self.content(event, before)? {
                        append(&mut text, piece);
                    }
                }
            }
        }
    }

    /// The decoded content of a text-like event (text, CDATA, reference); `None` for other events.
    /// `at` is the event's offset, for errors.
    #[inline]
    pub fn content(&self, event: Event<'a>, at: usize) -> Result<Option<Cow<'a, str>>, ParseError> {
        let decoded = match event {
            Event::Text(text) => text.xml10_content(),
            Event::CData(cdata) => cdata.xml10_content(),
            Event::GeneralRef(reference) => return self.reference(&reference, at).map(Some),
            _ => return Ok(None),
        };
        decoded
            .map(Some)
            .map_err(|error| self.malformed(at, error.to_string()))
    }

    /// Resolves `&name;` / `&#…;`. Only the five predefined entities exist: no DTD is read.
    fn reference(&self, reference: &BytesRef<'a>, at: usize) -> Result<Cow<'a, str>, ParseError> {
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(c)) => Ok(Cow::Owned(c.to_string())),
                _ => Err(self.malformed(
                    at,
                    format!(
                        "invalid character reference &{};",
                        String::from_utf8_lossy(reference)
                    ),
                )),
            };
        }
        let name = String::from_utf8_lossy(reference);
        match quick_xml::escape::resolve_predefined_entity(&name) {
            Some(value) => Ok(Cow::Borrowed(value)),
            None => Err(self.malformed(at, format!("undefined entity &{name};"))),
        }
    }

    /// Decoded attributes of `elem` as (name, value) pairs, passed to `each` in document order.
    /// More than [`MAX_ATTRIBUTES`] is [`ParseError::Malformed`].
    pub fn attributes(
        &self,
        elem: &Elem<'a>,
        mut each: impl FnMut(&[u8], Cow<'_, str>) -> Result<(), ParseError>,
    ) -> Result<(), ParseError> {
        for (index, attribute) in elem.start.attributes().enumerate() {
            if index == MAX_ATTRIBUTES {
                return Err(
                    self.malformed(elem.begin, format!("more than {MAX_ATTRIBUTES} attributes"))
                );
            }
            let attribute =
                attribute.map_err(|error| self.malformed(elem.begin, error.to_string()))?;
            let value = attribute
                .decode_and_unescape_value(self.reader.decoder())
                .map_err(|error| self.malformed(elem.begin, error.to_string()))?;
            each(attribute.key.into_inner(), value)?;
        }
        Ok(())
    }
}

/// Appends `piece` to `text`, borrowing while there is only one piece.
#[inline]
pub(in crate::xml) fn append<'a>(text: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if text.is_empty() {
        *text = piece;
    } else {
        text.to_mut().push_str(&piece);
    }
}

#[cfg(test)]
mod tests {
    use super::MAX_ATTRIBUTES;
    use crate::xml::{ParseError, parse_reply};

    fn reply_with_attributes(count: usize) -> String {
        let attributes: Vec<String> = (0..count).map(|i| format!("a{i}=\"\"")).collect();
        format!("<reply {}/>", attributes.join(" "))
    }

    #[test]
    fn attributes_are_bounded() {
        assert!(parse_reply(reply_with_attributes(MAX_ATTRIBUTES).as_bytes()).is_ok());
        for count in [MAX_ATTRIBUTES + 1, 300_000] {
            let error = parse_reply(reply_with_attributes(count).as_bytes()).unwrap_err();
            assert!(
                matches!(&error, ParseError::Malformed { message, .. } if message == "more than 64 attributes"),
                "{error:?}"
            );
        }
    }
}
