//! Placeholder: being written.
/// Placeholder.
#[derive(Debug, thiserror::Error)]
pub enum Error {}
/// Placeholder.
pub type Result<T, E = Error> = std::result::Result<T, E>;
