//! Placeholder: being written.
/// Placeholder.
pub struct Client;
