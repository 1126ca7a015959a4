//! The one adapter of Kontomatik's PDF Parsing API: upload a bank-statement PDF and read the
//! parsed statement back; list the parsers. Kontomatik has two generations of it (see
//! `shared/docs/kontomatik-pdf.md`): the XML API spoken here ([`StatementApi::XmlV1`], removed by
//! Kontomatik on 2027-04-01) and a JSON API (December 2025) whose reference is not yet known.
//! The JSON one becomes a second [`StatementApi`] variant behind the same two methods; nothing
//! outside this file knows which generation is spoken.
//!
//! The upload is one `multipart/form-data` POST of text fields (`pdfAsBase64`,
//! `acceptInconsistent`, `ownerExternalId`), parsed synchronously by Kontomatik, so it gets a long
//! timeout ([`STATEMENT_TIMEOUT`]) and is never repeated by the client: a repeat would import
//! (and probably bill) the document twice. The PDF and its base64 text are never logged, kept
//! or shown; only the reply is.

use std::fmt;

use super::interpret::CallKind;
use super::{Client, Exchange, transport};
use crate::error::Result;
use crate::model::{ParserTarget, Payload, Statement};
use crate::protocol::statement::encode_pdf;
use crate::protocol::{STATEMENT_TIMEOUT, param, path};

/// Which generation of the PDF Parsing API the client speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatementApi {
    /// `POST /v1/statement.xml` and `GET /v1/parser-catalog.xml` (legacy XML API).
    #[default]
    XmlV1,
}

/// One statement to upload. `Debug` shows the PDF's size, never its bytes.
#[derive(Clone, Copy)]
pub struct StatementUpload<'a> {
    /// The PDF file as downloaded from the applicant's online banking.
    pub pdf: &'a [u8],
    /// `ownerExternalId`: the applicant's id, the same as for bank imports so that Kontomatik
    /// aggregates both (field name unverified for this endpoint).
    pub owner_external_id: Option<&'a str>,
    /// `acceptInconsistent`: let an inconsistent-type document (an account history) through.
    pub accept_inconsistent: bool,
}

impl fmt::Debug for StatementUpload<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatementUpload")
            .field("pdf_bytes", &self.pdf.len())
            .field("owner_external_id", &self.owner_external_id)
            .field("accept_inconsistent", &self.accept_inconsistent)
            .finish()
    }
}

impl Client {
    /// Uploads one PDF statement and returns the parsed `<statement>` with the raw reply.
    ///
    /// A refused statement is [`Error::Kontomatik`](crate::Error::Kontomatik) with Kontomatik's
    /// exception (its `failed_verifications` filled when the reply lists them) and the raw reply:
    /// read the reason with
    /// [`StatementRefusal::from_exception`](crate::protocol::StatementRefusal::from_exception).
    /// A wrong key is [`Error::Unauthorized`](crate::Error::Unauthorized), as for every call.
    ///
    /// Never repeat this call automatically, not even after a timeout
    /// ([`Error::Transport`](crate::Error::Transport) with kind `Timeout`): Kontomatik may have
    /// parsed the document already. The request timeout is the larger of [`STATEMENT_TIMEOUT`]
    /// and the client's own.
    pub async fn parse_statement(
        &self,
        upload: &StatementUpload<'_>,
    ) -> Result<Exchange<Statement>> {
        match self.statement_api {
            StatementApi::XmlV1 => self.xml_v1_statement(upload).await,
        }
    }

    /// The parsers Kontomatik has for `country` (ISO 3166-1 alpha-2, e.g. `pl`); an empty list
    /// when it has none.
    pub async fn parser_catalog(&self, country: &str) -> Result<Exchange<Vec<ParserTarget>>> {
        match self.statement_api {
            StatementApi::XmlV1 => self.xml_v1_parser_catalog(country).await,
        }
    }

    /// `POST /v1/statement.xml`, `multipart/form-data`: `ownerExternalId` (when given),
    /// `acceptInconsistent`, then `pdfAsBase64`, all text fields.
    async fn xml_v1_statement(&self, upload: &StatementUpload<'_>) -> Result<Exchange<Statement>> {
        let mut fields = Vec::with_capacity(3);
        if let Some(owner) = upload.owner_external_id {
            fields.push((param::OWNER_EXTERNAL_ID, owner.to_owned()));
        }
        let accept = if upload.accept_inconsistent {
            "true"
        } else {
            "false"
        };
        fields.push((param::ACCEPT_INCONSISTENT, accept.to_owned()));
        fields.push((param::PDF_AS_BASE64, encode_pdf(upload.pdf)));
        let request = transport::Request {
            method: reqwest::Method::POST,
            path: path::STATEMENT,
            params: &[],
            multipart: Some(fields),
            timeout: Some(STATEMENT_TIMEOUT.max(self.request_timeout)),
            kind: CallKind::Plain,
            max_reply_bytes: self.max_reply_bytes,
        };
        let raw = self.send_request(request, None).await?;
        self.expect(
            raw,
            CallKind::Plain,
            "<statement>",
            |_, payload| match payload {
                Payload::Statement(statement) => Some(statement),
                _ => None,
            },
        )
    }

    /// `GET /v1/parser-catalog.xml?country=…`: `<target>`s directly under `<reply>`; a reply
    /// without any is an empty catalog.
    async fn xml_v1_parser_catalog(&self, country: &str) -> Result<Exchange<Vec<ParserTarget>>> {
        let raw = self
            .get(path::PARSER_CATALOG, &[(param::COUNTRY, country)])
            .await?;
        self.expect(
            raw,
            CallKind::Plain,
            "<target> elements",
            |_, payload| match payload {
                Payload::ParserCatalog(targets) => Some(targets),
                Payload::Empty => Some(Vec::new()),
                _ => None,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_never_shows_its_pdf() {
        let pdf = b"%PDF-1.7 secret statement body";
        let upload = StatementUpload {
            pdf,
            owner_external_id: Some("case-17"),
            accept_inconsistent: true,
        };
        let shown = format!("{upload:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(!shown.contains(&encode_pdf(pdf)), "{shown}");
        assert!(shown.contains("pdf_bytes: 30"), "{shown}");
    }
}
