//! The eucdm rule compiler: `.rules` files, a message model, a data-element
//! dictionary and CSV code lists in; a [`ir::RuleSet`] and generated Rust out.
//!
//! Phases, one module each: [`syntax`] (grammar, AST) → [`model`] and
//! [`codelist`] (the facts rules are resolved against) → `declare` (code
//! lists, externals, the rule table) → [`resolve`] (names, into [`ir`]) →
//! [`check`] (a pass over the IR: types, literals, unreachable branches,
//! conflicts) → [`codegen`]
//! (tokens) and [`build`] (a formatted file); [`interpret`] runs the IR directly,
//! without generating code; [`coverage`] and [`explain`] report on a rule set.
//! All phases report [`diagnostics::Diagnostic`]s with spans instead of stopping
//! at the first; `driver` runs them in order (`load` reads the files). The
//! words both ends share (rule kinds, outcomes, comparisons, quantifiers) are
//! defined once, in [`lang`].

pub mod bounded;
pub mod build;
pub mod check;
pub mod codegen;
pub mod codelist;
pub mod coverage;
mod declare;
pub mod diagnostics;
mod driver;
pub mod explain;
pub mod interpret;
pub mod ir;
pub mod keyed;
pub mod lang;
mod load;
pub mod model;
pub mod resolve;
pub mod syntax;

pub use diagnostics::{Diagnostic, Sources};
pub use driver::{
    codelists_for, compile_dir, compile_dir_with_reference, compile_in_memory, Compiled, Failed,
};
