//! Lupa's own checks of a PDF before it is sent (kontomatik-pdf.md §4): size, `%PDF-`,
//! encryption, a text layer. They cost no request, and Kontomatik would refuse these files anyway.

use serde::Serialize;
use ts_rs::TS;

/// Lupa's cap on a statement's size; Kontomatik states none (this is not its limit).
pub const DEFAULT_MAX_PDF_BYTES: u64 = 20 * 1024 * 1024;

/// Why a file was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "statement.ts")]
pub enum PdfProblem {
    /// The file is empty.
    Empty,
    /// The file is larger than Lupa's cap.
    TooLarge,
    /// The file is not a PDF (no `%PDF-` header, or it does not load).
    NotAPdf,
    /// The PDF is password-protected.
    Encrypted,
    /// The PDF has no text layer: a scan or a photo.
    NoTextLayer,
}

impl PdfProblem {
    /// A stable code (`empty`, `too_large`, …).
    pub fn code(self) -> &'static str {
        match self {
            PdfProblem::Empty => "empty",
            PdfProblem::TooLarge => "too_large",
            PdfProblem::NotAPdf => "not_a_pdf",
            PdfProblem::Encrypted => "encrypted",
            PdfProblem::NoTextLayer => "no_text_layer",
        }
    }
}

/// A refused file: the problem and a sentence for the analyst.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PdfRejected {
    /// What is wrong.
    pub problem: PdfProblem,
    /// One sentence: what is wrong and what to do.
    pub message: String,
}

fn rejected(problem: PdfProblem, message: impl Into<String>) -> PdfRejected {
    PdfRejected {
        problem,
        message: message.into(),
    }
}

/// Checks a file before it is sent. Touches nothing.
pub fn preflight(bytes: &[u8], max_bytes: u64) -> Result<(), PdfRejected> {
    if bytes.is_empty() {
        return Err(rejected(
            PdfProblem::Empty,
            "The file is empty (0 bytes): save the statement from online banking again.",
        ));
    }
    let size = bytes.len() as u64;
    if size > max_bytes {
        return Err(rejected(
            PdfProblem::TooLarge,
            format!(
                "The file is {:.1} MB, more than Lupa's limit of {:.0} MB for a statement: ask for \
                 the statement of a shorter period (this limit is Lupa's, not Kontomatik's).",
                size as f64 / 1_048_576.0,
                max_bytes as f64 / 1_048_576.0
            ),
        ));
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(rejected(
            PdfProblem::NotAPdf,
            "The file is not a PDF: Kontomatik parses only statements downloaded as PDF from \
             online banking.",
        ));
    }
    let document = match lopdf::Document::load_mem(bytes) {
        Ok(document) => document,
        Err(lopdf::Error::Decryption(_)) | Err(lopdf::Error::InvalidPassword) => {
            return Err(encrypted());
        }
        Err(_) if has_encrypt_entry(bytes) => return Err(encrypted()),
        Err(_) => {
            return Err(rejected(
                PdfProblem::NotAPdf,
                "The file starts like a PDF but cannot be read (damaged or cut short): download \
                 the statement again.",
            ));
        }
    };
    if document.is_encrypted() || document.trailer.get(b"Encrypt").is_ok() {
        return Err(encrypted());
    }
    let has_text = document.get_pages().values().any(|&page| {
        document
            .get_page_fonts(page)
            .is_ok_and(|fonts| !fonts.is_empty())
    });
    if !has_text {
        return Err(rejected(
            PdfProblem::NoTextLayer,
            "The PDF has no text, only images: it is a scan or a photo, which Kontomatik does not \
             accept. Ask for the statement as downloaded from online banking.",
        ));
    }
    Ok(())
}

fn encrypted() -> PdfRejected {
    rejected(
        PdfProblem::Encrypted,
        "The PDF is password-protected, which Kontomatik does not accept: ask the applicant for \
         an unprotected copy (most banks offer one when downloading the statement).",
    )
}

/// A damaged file that still names an encryption dictionary is treated as encrypted.
fn has_encrypt_entry(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"/Encrypt").is_some()
}
