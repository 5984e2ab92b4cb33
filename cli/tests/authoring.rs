//! The rule author's commands: `validate --rules DIR` (the interpreter, no
//! build) answers exactly as the compiled rule set, picks up an edited rule at
//! once, and refuses a broken directory; `explain` shows a rule.

mod common;

use common::*;
use std::path::PathBuf;

/// A scratch copy of the shipped rule set: `<tmp>/rules/ncts-p5` and `<tmp>/codelists`.
fn copy_ruleset(name: &str) -> PathBuf {
    let base = std::env::temp_dir().join(format!("eucdm-authoring-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    for (from, to) in [
        ("rules/ncts-p5", "rules/ncts-p5"),
        ("codelists", "codelists"),
    ] {
        let dest = base.join(to);
        std::fs::create_dir_all(&dest).unwrap();
        for e in std::fs::read_dir(root().join(from)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, dest.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    base
}

#[test]
fn interpreted_rules_answer_as_the_compiled_ones() {
    let fixtures = path("tests/fixtures/ncts-p5/CC015C");
    let mut files: Vec<String> = Vec::new();
    for e in std::fs::read_dir(&fixtures).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files.push(p.display().to_string());
        }
    }
    files.sort();
    let rules = path("rules/ncts-p5");
    for extra in [
        &[][..],
        &["--date", "2025-01-21"][..],
        &["--format", "text"][..],
    ] {
        let mut compiled: Vec<&str> = vec!["validate", "--format", "json", "--jobs", "2"];
        compiled.extend_from_slice(extra);
        compiled.extend(files.iter().map(String::as_str));
        let mut interpreted = compiled.clone();
        interpreted.splice(1..1, ["--rules", rules.as_str()]);
        let (a, b) = (eucdm(&compiled), eucdm(&interpreted));
        assert_eq!(a.status.code(), Some(1), "some fixtures are invalid");
        assert_eq!(a.status.code(), b.status.code());
        assert!(
            stdout(&a).lines().count() > 300,
            "every fixture file is validated"
        );
        assert_eq!(stdout(&a), stdout(&b), "{extra:?}");
    }
}

#[test]
fn an_edited_rule_applies_without_building() {
    let base = copy_ruleset("edit");
    let dir = base.join("rules/ncts-p5");
    let file = path("tests/fixtures/ncts-p5/CC015C/base.xml");
    let rules = dir.display().to_string();
    let before = eucdm(&["validate", "--format", "json", "--rules", &rules, &file]);
    assert_eq!(before.status.code(), Some(0), "{}", stdout(&before));
    // A national overlay: the LRN must be at most 10 characters here.
    std::fs::write(
        dir.join("overlay.rules"),
        "rule X0001 \"Short LRN\"\n    TransitOperation.LRN must match an..10\n",
    )
    .unwrap();
    let after = eucdm(&["validate", "--format", "json", "--rules", &rules, &file]);
    assert_eq!(after.status.code(), Some(1), "{}", stderr(&after));
    let out = stdout(&after);
    assert!(
        out.contains(r#""code":14,"pointer":"/CC015C/TransitOperation/LRN","reason":"X0001""#),
        "{out}"
    );
    let text = eucdm(&["validate", "--rules", &rules, &file]);
    assert!(stdout(&text).contains("X0001") && stdout(&text).contains("Short LRN"));
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn a_broken_rule_directory_is_refused_with_its_diagnostics() {
    let base = copy_ruleset("broken");
    let dir = base.join("rules/ncts-p5");
    std::fs::write(
        dir.join("broken.rules"),
        "condition X0002 \"Typo\"\n    TransitOperation.LRM mandatory\n",
    )
    .unwrap();
    let rules = dir.display().to_string();
    let o = eucdm(&[
        "validate",
        "--rules",
        &rules,
        &path("tests/fixtures/ncts-p5/CC015C/base.xml"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("broken.rules:2:"), "{err}");
    assert!(err.contains("LRN"), "did-you-mean hint: {err}");
    assert!(stdout(&o).is_empty());
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn explain_shows_source_title_elements_and_messages() {
    let o = eucdm(&["explain", "C0599"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "C0599 — Mode of transport at the border",
        "kind:       condition",
        "ncts-p5/C05xx.rules:",
        "applies to: CC015C",
        "Consignment.modeOfTransportAtTheBorder",
        "TransitOperation.security",
        "condition C0599",
        "not applied while in force: B1889",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // The interpreter's rule directory gives the same explanation.
    let rules = path("rules/ncts-p5");
    let same = eucdm(&["explain", "--rules", &rules, "C0599"]);
    assert_eq!(stdout(&same), out);
    // Code lists, and guidelines bound by the message table only.
    let cl = stdout(&eucdm(&["explain", "C0086", "G0001"]));
    assert!(cl.contains("CL286"), "{cl}");
    assert!(cl.contains("G0001 — a guideline"), "{cl}");
}

#[test]
fn explain_an_unknown_rule_suggests_near_ids() {
    let o = eucdm(&["explain", "C0589"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("no rule `C0589`") && err.contains("C0599"),
        "{err}"
    );
    assert_eq!(eucdm(&["explain"]).status.code(), Some(2));
}

#[test]
fn generate_prints_the_macro_expansion_and_checks_a_vendored_copy() {
    let rules = path("tests/ui/rulesets/presence");
    let lists = path("tests/ui/codelists");
    let snapshot = path("compiler/tests/snapshots/presence.rs");
    let o = eucdm(&["generate", "--codelists", &lists, &rules]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), std::fs::read_to_string(&snapshot).unwrap());
    let check = eucdm(&[
        "generate",
        "--codelists",
        &lists,
        "--check",
        &snapshot,
        &rules,
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let stale = temp_file(
        "authoring",
        "stale.rs",
        stdout(&o).replace("TIR carnet", "TIR  carnet"),
    );
    let check = eucdm(&["generate", "--codelists", &lists, "--check", &stale, &rules]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("out of date"));
    let _ = std::fs::remove_file(&stale);
}

/// `eucdm check` on a UI test rule set (`tests/ui/rulesets/<case>`): exit 1,
/// and the rendered diagnostics.
fn check_ui_case(case: &str) -> String {
    let o = eucdm(&[
        "check",
        "--codelists",
        &path("tests/ui/codelists"),
        &path(&format!("tests/ui/rulesets/{case}")),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    stderr(&o)
}

#[test]
fn check_points_at_a_misspelt_keyword_taken_for_a_name() {
    let err = check_ui_case("syntax_error_iff");
    assert!(
        err.contains("error: syntax error: unexpected `iff`"),
        "{err}"
    );
    assert!(err.contains("syntax_error_iff/msg.rules:3:48"), "{err}");
    assert!(err.contains("^^^ not a word of the rule language"), "{err}");
    assert!(err.contains("= help: did you mean `if`?"), "{err}");
}

#[test]
fn check_points_at_where_an_unterminated_string_opens() {
    let err = check_ui_case("syntax_error_unterminated_string");
    assert!(
        err.contains("error: syntax error: unterminated string"),
        "{err}"
    );
    assert!(
        err.contains("syntax_error_unterminated_string/msg.rules:3:86"),
        "{err}"
    );
    assert!(err.contains("the string opened at 3:86"), "{err}");
}

#[test]
fn check_gives_line_column_and_byte_of_invalid_utf8() {
    let err = check_ui_case("invalid_utf8_rule_file");
    assert!(err.contains("error: invalid UTF-8 in rule file"), "{err}");
    assert!(
        err.contains("invalid_utf8_rule_file/msg.rules:2:32"),
        "{err}"
    );
    assert!(err.contains("^ byte 0xE9 is not UTF-8"), "{err}");
    let err = check_ui_case("bad_csv_invalid_utf8");
    assert!(
        err.contains("error: invalid UTF-8 in code-list CSV"),
        "{err}"
    );
    assert!(err.contains("invalid-utf8.csv:3:34"), "{err}");
    assert!(err.contains("^ byte 0xE9 is not UTF-8"), "{err}");
}
