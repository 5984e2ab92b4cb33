//! The command line as clap defines it: help per subcommand, the version,
//! shell completions, usage errors in clap's form with exit status 2, and a
//! progress bar that never shows when stderr is not a terminal.

mod common;

use common::*;

const SUBCOMMANDS: [&str; 6] = [
    "validate",
    "check",
    "coverage",
    "explain",
    "generate",
    "completions",
];

#[test]
fn every_subcommand_has_its_help() {
    for sub in SUBCOMMANDS {
        let o = eucdm(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}: {}", stderr(&o));
        assert!(
            stdout(&o).contains(&format!("Usage: eucdm {sub}")),
            "{sub}: {}",
            stdout(&o)
        );
    }
    // The rule source is one option set, the same in every command that reads rules.
    for sub in ["validate", "coverage", "explain"] {
        let help = stdout(&eucdm(&[sub, "--help"]));
        assert!(
            help.contains("--rules <DIR>") && help.contains("--codelists <DIR>"),
            "{sub}: {help}"
        );
    }
    for sub in ["check", "generate"] {
        let help = stdout(&eucdm(&[sub, "--help"]));
        assert!(
            help.contains("<RULES_DIR>") && help.contains("--codelists <DIR>"),
            "{sub}: {help}"
        );
    }
    let top = eucdm(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    for sub in SUBCOMMANDS {
        assert!(stdout(&top).contains(sub), "{}", stdout(&top));
    }
}

#[test]
fn the_version_is_the_crate_version() {
    let o = eucdm(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("eucdm {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_bash_zsh_and_fish_name_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish"] {
        let o = eucdm(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for word in ["validate", "coverage", "codelists", "movement", "format"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let o = eucdm(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'tcsh'"),
        "{}",
        stderr(&o)
    );
}

/// An answer that cannot be written (here to a full disk) is an error with
/// exit status 2, not a panic (`print!` and clap_complete's writer panic).
#[cfg(target_os = "linux")]
#[test]
fn an_answer_that_cannot_be_written_is_an_error() {
    let rules = path("rules/ncts-p5");
    let cases: [&[&str]; 5] = [
        &["completions", "bash"],
        &["coverage"],
        &["explain", "C0599"],
        &["check", &rules],
        &["generate", &rules],
    ];
    for args in cases {
        let full = std::fs::File::create("/dev/full").unwrap();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_eucdm"))
            .args(args)
            .current_dir(root())
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).ends_with(
                "eucdm: cannot write the output: No space left on device (os error 28)\n"
            ),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn usage_errors_are_in_clap_form_with_exit_status_2() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["frobnicate"],
            "error: unrecognized subcommand 'frobnicate'",
        ),
        (&["validate"], "<FILE|DIR>..."),
        (
            &["validate", "--format", "xml", "x"],
            "[possible values: text, json, rejection, ie056, ie057, junit]",
        ),
        (
            &["validate", "--jobs", "0", "x"],
            "not a number of threads ≥ 1",
        ),
        (
            &["validate", "--bogus", "x"],
            "unexpected argument '--bogus'",
        ),
        (&["explain"], "<RULE_ID>..."),
        (&["check"], "<RULES_DIR>"),
    ];
    for (args, says) in cases {
        let o = eucdm(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // No command: the help, on stderr, exit 2.
    let o = eucdm(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Usage: eucdm <COMMAND>"),
        "{}",
        stderr(&o)
    );
    // A bad EUCDM_JOBS is the same usage error as a bad --jobs.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_eucdm"))
        .args(["validate", &fixture("base.xml")])
        .env("EUCDM_JOBS", "x")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a number of threads ≥ 1"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_option_given_twice_takes_the_last_value() {
    let f = fixture("base.xml");
    let o = eucdm(&["validate", "--format", "text", "--format", "json", &f]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("{\"file\":"), "{}", stdout(&o));
}

#[test]
fn generate_takes_either_output_or_check() {
    let rules = path("rules/ncts-p5");
    let o = eucdm(&[
        "generate",
        "-o",
        "/tmp/x.rs",
        "--check",
        "/tmp/y.rs",
        &rules,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
}

/// The tests run without a terminal: the progress bar, drawn only on one,
/// must leave stderr empty — for a run of many files, with or without `--quiet`.
#[test]
fn no_progress_bar_without_a_terminal() {
    let dir = temp_dir("commandline-many");
    let base = std::fs::read(fixture("base.xml")).unwrap();
    for i in 0..25 {
        std::fs::write(dir.join(format!("m{i:02}.xml")), &base).unwrap();
    }
    let d = dir.display().to_string();
    for quiet in [false, true] {
        let mut args = vec!["validate", "--format", "json", &d];
        if quiet {
            args.insert(1, "--quiet");
        }
        let o = eucdm(&args);
        assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(stdout(&o).lines().count(), 25);
        assert_eq!(stderr(&o), "", "quiet {quiet}");
    }
}
