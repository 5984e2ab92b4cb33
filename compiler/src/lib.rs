//! The eucdm rule compiler.
pub mod diagnostics;
pub mod syntax;
