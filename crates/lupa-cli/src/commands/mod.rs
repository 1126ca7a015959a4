//! One module per subcommand; each prints its result on stdout and progress on stderr.

pub mod catalog;
pub mod demo;
pub mod import;
pub mod keys;
pub mod session;
