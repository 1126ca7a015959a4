//! Integration tests of lupa-core against real components.

mod keychain;
