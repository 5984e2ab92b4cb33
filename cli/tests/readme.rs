//! The README's commands print what the README shows.
//!
//! Every `$ command` line of a code block in README.md is run, from the
//! repository root, and what it prints (stderr, then stdout) is compared with
//! the lines that follow it in the block; a line `...` stands for any number
//! of lines. A block of the walk-through without `$` lines (creating the rule
//! file) is run as a shell script first.
//!
//! So that the test changes nothing outside its scratch folder:
//! - `/tmp/my-rules` and `/tmp/my-messages` stand for folders in a scratch
//!   folder, in the commands and in the output;
//! - `cargo run -q -p eucdm-cli --` and `eucdm` run the binary under test;
//! - `cp /tmp/my-rules/<file> rules/ncts-p5/` (adding a rule to the shipped set,
//!   which cargo would then rebuild) is not run: the `validate` commands after it
//!   run with `--rules /tmp/my-rules` instead, the interpreter over the same
//!   rules, whose output is the compiled validator's byte for byte
//!   (tests/tests/differential.rs).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// One `$ command` of the README and the lines shown after it.
struct Example {
    line: usize,
    command: String,
    expected: Vec<String>,
}

/// A piece of a README code block: a script to run, or a command and its output.
enum Step {
    Script(String),
    Example(Example),
}

/// The code blocks of `readme` (fenced, or indented under a list item), as steps.
fn steps(readme: &str) -> Vec<Step> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let indent = l.len() - l.trim_start().len();
        let text = l.trim_start();
        if let Some(cmd) = text.strip_prefix("$ ") {
            let line = i + 1;
            let mut command = cmd.to_string();
            while command.ends_with('\\') && i + 1 < lines.len() {
                command.pop();
                i += 1;
                command.push_str(lines[i].trim_start());
            }
            i += 1;
            let mut expected = Vec::new();
            while i < lines.len() {
                let l = lines[i];
                let t = l.trim_start();
                let inner = l.len() - t.len() >= indent && !t.is_empty();
                // A blank line stays in the block when the block goes on after it.
                let blank_inside = t.is_empty()
                    && lines.get(i + 1).is_some_and(|n| {
                        !n.trim().is_empty() && n.len() - n.trim_start().len() >= indent
                    });
                if t.starts_with("$ ") || t.starts_with("```") || !(inner || blank_inside) {
                    break;
                }
                expected.push(l.get(indent..).unwrap_or("").trim_end().to_string());
                i += 1;
            }
            steps.push(Step::Example(Example {
                line,
                command,
                expected,
            }));
            continue;
        }
        // An indented block of the walk-through that writes the rule file.
        if indent >= 7 && text.starts_with("cp -r ") {
            let mut script = Vec::new();
            while i < lines.len() && (lines[i].len() - lines[i].trim_start().len() >= indent) {
                script.push(lines[i].get(indent..).unwrap_or(""));
                i += 1;
            }
            steps.push(Step::Script(script.join("\n") + "\n"));
            continue;
        }
        i += 1;
    }
    steps
}

/// Whether `got` matches `expected`, where a `...` line matches any lines.
fn matches(expected: &[String], got: &[&str]) -> bool {
    match expected.split_first() {
        None => got.is_empty(),
        Some((e, rest)) if e.trim() == "..." => {
            (0..=got.len()).any(|skip| matches(rest, &got[skip..]))
        }
        Some((e, rest)) => got
            .split_first()
            .is_some_and(|(g, more)| g.trim_end() == e && matches(rest, more)),
    }
}

fn run(script: &str, root: &Path) -> std::process::Output {
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(root)
        .output()
        .unwrap()
}

#[test]
fn every_readme_command_prints_what_the_readme_shows() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let scratch = temp_dir("readme");
    let _ = std::fs::remove_dir_all(scratch.join("my-rules"));
    let tmp = |s: &str| {
        s.replace(
            "/tmp/my-rules",
            &scratch.join("my-rules").display().to_string(),
        )
        .replace(
            "/tmp/my-messages",
            &scratch.join("my-messages").display().to_string(),
        )
    };
    let bin = env!("CARGO_BIN_EXE_eucdm");
    let mut rule_added = false;
    let mut ran = 0;
    for step in steps(&readme) {
        let example = match step {
            Step::Script(s) => {
                let o = run(&tmp(&s), &root());
                assert!(o.status.success(), "{s}\n{}", stderr(&o));
                continue;
            }
            Step::Example(e) => e,
        };
        let mut command = tmp(&example.command);
        if command.starts_with("cp ") && command.trim_end().ends_with(" rules/ncts-p5/") {
            rule_added = true;
            continue;
        }
        for prefix in ["cargo run -q -p eucdm-cli -- ", "eucdm "] {
            if let Some(args) = command.strip_prefix(prefix) {
                let args = if rule_added && args.starts_with("validate ") {
                    let rules = scratch.join("my-rules").display().to_string();
                    args.replacen("validate ", &format!("validate --rules {rules} "), 1)
                } else {
                    args.to_string()
                };
                command = format!("{bin} {args}");
                break;
            }
        }
        let o = run(&command, &root());
        let printed = format!("{}{}", stderr(&o), stdout(&o));
        let printed = printed.replace(&scratch.display().to_string(), "/tmp");
        let got: Vec<&str> = printed.trim_end().lines().collect();
        let expected = &example.expected;
        assert!(
            matches(expected, &got),
            "README.md:{}: `{}` printed\n{}\n--- but the README shows\n{}",
            example.line,
            example.command,
            printed.trim_end(),
            expected.join("\n")
        );
        ran += 1;
    }
    // The first example, the walk-through's checks, validations and set-up.
    assert!(ran >= 7, "only {ran} README commands found");
}

#[test]
fn dots_match_any_lines() {
    let e = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches(&e(&["a", "...", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&e(&["a", "...", "d"]), &["a", "d"]));
    assert!(!matches(&e(&["a", "...", "d"]), &["a", "b"]));
    assert!(!matches(&e(&["a"]), &["a", "b"]));
}
