//! Validates declarations (XML or JSON) with the shipped NCTS P5 rule set and
//! prints what NCTS would answer for each:
//!
//! ```text
//! cargo run -p eucdm --example validate_file -- examples/ncts-p5/tir-without-carnet-invalid.xml
//! ```
//!
//! Exit status 0 when every file is valid, 1 when one is not, 2 when one
//! cannot be read.

use std::path::Path;
use std::process::ExitCode;

use eucdm::{Options, RuleSet, NCTS_P5};

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: validate_file FILE...");
        return ExitCode::from(2);
    }
    let mut status = 0;
    for file in &files {
        match check(Path::new(file)) {
            Ok((valid, text)) => {
                print!("{text}");
                if !valid {
                    status = status.max(1);
                }
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                status = 2;
            }
        }
    }
    ExitCode::from(status)
}

/// Whether the declaration in `path` is valid, and what NCTS would answer:
/// one line per error (pointer, error code, rule or code list, value).
pub fn check(path: &Path) -> Result<(bool, String), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let report = NCTS_P5
        .validate_message(&bytes, &Options::default())
        .map_err(|e| e.to_string())?;
    let mut text = format!(
        "{}: {} error(s) in {}\n",
        path.display(),
        report.violations.len(),
        report.message
    );
    for v in &report.violations {
        let value = v.value.as_deref().unwrap_or("");
        text += &format!(
            "  {}  {}  {}  {value:?}\n",
            v.pointer,
            v.code.number(),
            v.reason
        );
    }
    Ok((report.is_valid(), text))
}
