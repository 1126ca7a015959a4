//! One module per subcommand; each prints its result on stdout and progress on stderr.

pub mod analysis;
pub mod cases;
pub mod catalog;
pub mod demo;
pub mod export;
pub mod import;
pub mod keys;
pub mod maintenance;
pub mod score;
pub mod session;
pub mod statement;
pub mod transactions;
