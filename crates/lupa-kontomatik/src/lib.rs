//! Kontomatik Banking API (AIS) and PDF Parsing API: the XML wire format and the HTTP client Lupa
//! uses to talk to them.
//!
//! - [`model`]: typed replies (commands, owners, accounts, transactions, catalog, scores, `data.xml`,
//!   parsed PDF statements and the parser catalog).
//! - [`xml`]: a tolerant, hardened parser and a writer that reproduces the captures' shape.
//! - [`client`]: reqwest-based calls with the `X-Api-Key` header, gzip, timeouts and a proxy; the
//!   statement upload behind one adapter ([`client::StatementApi`]).
//! - [`import`]: the default-import driver (start once, poll, report, cancel, deadline).
//!
//! Every detail the public material leaves uncertain is decided in [`protocol`], in one place.

pub mod client;
pub mod environment;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod model;
pub mod protocol;
pub mod sensitive;
pub mod xml;

pub use client::Client;
pub use environment::Environment;
pub use error::{Error, Result};
pub use sensitive::{ApiKey, Sensitive};
