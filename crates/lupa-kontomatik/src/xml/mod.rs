//! The XML wire format: [`parse_reply`] reads any Kontomatik reply into the [`crate::model`],
//! [`write_reply`] writes one back with the element order, attributes and number/date formats of
//! the real captures, and [`shape`] describes a document's element tree for shape comparisons.

mod error;
mod parse;
pub mod shape;
mod write;

pub use error::ParseError;
pub use parse::{Limits, parse_reply, parse_reply_with};
pub use write::{WriteOptions, write_reply};
