//! The PDF Parsing API (`POST /v1/statement.xml`, `GET /v1/parser-catalog.xml`): every detail
//! decided without a real capture or the full reference, in one place
//! (`shared/docs/kontomatik-pdf.md`).
//!
//! Known from Kontomatik's pages: the paths, the `pdfAsBase64` text field of a
//! `multipart/form-data` POST, `acceptInconsistent`, the `X-Api-Key` header, a synchronous reply
//! holding `<statement id isConsistent>`, errors as `<exception name><message>`. **Unverified**:
//! every exception name below, their HTTP status (400), the base64 details (standard alphabet,
//! padded, no line breaks sent; whitespace tolerated when read), `ownerExternalId` as the name of
//! the owner field, and the shape of `failedVerifications`.

use std::time::Duration;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// The least time a statement upload is given (its request timeout is the larger of this and the
/// client's own): parsing is synchronous and its duration undocumented, and the upload itself
/// may be tens of megabytes. A statement is never retried automatically: a repeat re-imports
/// (and probably re-bills) the document (decision).
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(180);

/// Exception names of refused statements. **All unverified**: Kontomatik documents the refusal
/// reasons (tampering, inconsistent type, unsupported layout, company account, non-Polish
/// layout, encryption) but not their names; these are Lupa's guesses, used by the sandbox and
/// read by the client. Change them here when the reference is known.
pub mod exception {
    /// An anti-tampering indicator fired (standard mode stops parsing).
    pub const STATEMENT_VERIFICATION_FAILED: &str = "StatementVerificationFailed";
    /// An inconsistent-type document (e.g. an account history) without `acceptInconsistent=true`.
    pub const INCONSISTENT_STATEMENT: &str = "InconsistentStatement";
    /// No parser for the document's layout (unknown bank or a changed layout).
    pub const UNSUPPORTED_STATEMENT_LAYOUT: &str = "UnsupportedStatementLayout";
    /// A company or corporate account (sole proprietors are supported).
    pub const CORPORATE_ACCOUNT_NOT_SUPPORTED: &str = "CorporateAccountNotSupported";
    /// A statement not in Polish (e.g. the English layout of a Polish bank).
    pub const UNSUPPORTED_STATEMENT_LANGUAGE: &str = "UnsupportedStatementLanguage";
    /// A password-protected PDF (no password parameter exists).
    pub const ENCRYPTED_PDF: &str = "EncryptedPdf";
    /// Not a PDF at all, or `pdfAsBase64` missing or not base64.
    pub const INVALID_PDF: &str = "InvalidPdf";
}

/// Why Kontomatik refused a statement: one variant per refusal reason its pages name, each with
/// its (unverified) exception name. Read a refusal with
/// `StatementRefusal::from_exception(&exception.name)` on the
/// [`Error::Kontomatik`](crate::Error::Kontomatik) the client returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementRefusal {
    /// An anti-tampering indicator fired: the document may have been edited.
    Tampered,
    /// An inconsistent-type document sent without `acceptInconsistent=true`.
    Inconsistent,
    /// Kontomatik has no parser for this layout.
    UnsupportedLayout,
    /// A company account (only individuals and sole proprietors are supported).
    CorporateAccount,
    /// The statement is not in Polish.
    UnsupportedLanguage,
    /// The PDF is password-protected.
    Encrypted,
    /// Not a PDF (or not base64).
    NotAPdf,
}

impl StatementRefusal {
    /// Every refusal, in documentation order.
    pub const ALL: [StatementRefusal; 7] = [
        StatementRefusal::Tampered,
        StatementRefusal::Inconsistent,
        StatementRefusal::UnsupportedLayout,
        StatementRefusal::CorporateAccount,
        StatementRefusal::UnsupportedLanguage,
        StatementRefusal::Encrypted,
        StatementRefusal::NotAPdf,
    ];

    /// The `<exception name>` Kontomatik answers with (unverified; see [`exception`]).
    pub fn exception_name(self) -> &'static str {
        match self {
            StatementRefusal::Tampered => exception::STATEMENT_VERIFICATION_FAILED,
            StatementRefusal::Inconsistent => exception::INCONSISTENT_STATEMENT,
            StatementRefusal::UnsupportedLayout => exception::UNSUPPORTED_STATEMENT_LAYOUT,
            StatementRefusal::CorporateAccount => exception::CORPORATE_ACCOUNT_NOT_SUPPORTED,
            StatementRefusal::UnsupportedLanguage => exception::UNSUPPORTED_STATEMENT_LANGUAGE,
            StatementRefusal::Encrypted => exception::ENCRYPTED_PDF,
            StatementRefusal::NotAPdf => exception::INVALID_PDF,
        }
    }

    /// The refusal an exception name means (exact, case-sensitive); `None` for any other name.
    pub fn from_exception(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|refusal| refusal.exception_name() == name)
    }

    /// A stable code for Lupa's own use (IPC, store, UI): `tampered`, `inconsistent`,
    /// `unsupported_layout`, `corporate_account`, `unsupported_language`, `encrypted`,
    /// `not_a_pdf`.
    pub fn code(self) -> &'static str {
        match self {
            StatementRefusal::Tampered => "tampered",
            StatementRefusal::Inconsistent => "inconsistent",
            StatementRefusal::UnsupportedLayout => "unsupported_layout",
            StatementRefusal::CorporateAccount => "corporate_account",
            StatementRefusal::UnsupportedLanguage => "unsupported_language",
            StatementRefusal::Encrypted => "encrypted",
            StatementRefusal::NotAPdf => "not_a_pdf",
        }
    }

    /// The HTTP status of the refusal (unverified: 400 for all, Kontomatik's code for a request
    /// it rejects; the sandbox answers this).
    pub fn http_status(self) -> u16 {
        400
    }
}

/// Standard base64 (RFC 4648 alphabet), written padded; read with or without padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The PDF as the `pdfAsBase64` field's value: standard base64, padded, on one line.
pub fn encode_pdf(pdf: &[u8]) -> String {
    BASE64.encode(pdf)
}

/// The PDF from a `pdfAsBase64` value: standard base64, padding optional, ASCII whitespace
/// (line breaks of `base64` tools, a trailing newline of `curl -F field=<file`) ignored. The
/// error is a short reason in words that never quotes the input.
pub fn decode_pdf(text: &str) -> Result<Vec<u8>, String> {
    let compact: Vec<u8> = text
        .bytes()
        .filter(|byte| !byte.is_ascii_whitespace())
        .collect();
    if compact.is_empty() {
        return Err("the value is empty".to_owned());
    }
    BASE64
        .decode(&compact)
        .map_err(|error| format!("not standard base64 ({error})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_have_unique_names_and_codes_that_read_back() {
        let mut names = std::collections::HashSet::new();
        let mut codes = std::collections::HashSet::new();
        for refusal in StatementRefusal::ALL {
            assert!(names.insert(refusal.exception_name()), "{refusal:?}");
            assert!(codes.insert(refusal.code()), "{refusal:?}");
            assert_eq!(
                StatementRefusal::from_exception(refusal.exception_name()),
                Some(refusal)
            );
            assert_eq!(refusal.http_status(), 400);
            assert_eq!(
                crate::protocol::http_status_for_exception(refusal.exception_name()),
                refusal.http_status(),
                "the sandbox's generic exception status agrees"
            );
        }
        assert_eq!(StatementRefusal::from_exception("invalidpdf"), None);
        assert_eq!(StatementRefusal::from_exception("InvalidSessionId"), None);
        assert_eq!(
            StatementRefusal::from_exception("EncryptedPdf"),
            Some(StatementRefusal::Encrypted)
        );
        assert_eq!(StatementRefusal::NotAPdf.code(), "not_a_pdf");
    }

    #[test]
    fn pdfs_travel_as_one_line_of_padded_standard_base64() {
        let pdf = b"%PDF-1.7\n\xff\xfe\x00binary?>";
        let text = encode_pdf(pdf);
        assert_eq!(text, "JVBERi0xLjcK//4AYmluYXJ5Pz4=");
        assert!(!text.contains('\n'));
        assert_eq!(decode_pdf(&text).unwrap(), pdf);
        // Wrapped lines, a trailing newline and missing padding are read too.
        assert_eq!(
            decode_pdf("JVBERi0xLjcK\r\n//4AYmluYXJ5Pz4\n").unwrap(),
            pdf.to_vec()
        );
        for bad in ["", " \n", "JVBER!0x", "JVBERi0xLjcK_-4AYmluYXJ5Pz4="] {
            let error = decode_pdf(bad).unwrap_err();
            assert!(!error.contains("JVBER"), "{error}");
        }
    }
}
