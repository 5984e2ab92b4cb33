//! What a new user meets first: nothing to validate is an error, dates given
//! on the command line are real dates, the JSON line tells what the text
//! tells (undecided checks), an unreadable file is reported once, a copied
//! rule set finds its code lists, and the rule period a date chose is said.

mod common;

use common::*;

#[test]
fn a_folder_without_messages_is_an_error_not_success() {
    let empty = temp_dir("usage-empty");
    let other = temp_dir("usage-no-messages");
    std::fs::write(other.join("notes.txt"), "not a message").unwrap();
    for dir in [&empty, &other] {
        let d = dir.display().to_string();
        for format in ["text", "json"] {
            let o = eucdm(&["validate", "--format", format, &d]);
            assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
            assert_eq!(stdout(&o), "");
            assert!(stderr(&o).contains("nothing to validate"), "{}", stderr(&o));
            assert!(stderr(&o).contains(&d), "{}", stderr(&o));
        }
    }
}

#[test]
fn dates_that_are_not_in_the_calendar_are_usage_errors() {
    let f = fixture("base.xml");
    for bad in [
        "2025-13-01",
        "2025-02-30",
        "2023-02-29",
        "2025-1-01",
        "tomorrow",
    ] {
        let o = eucdm(&["validate", "--date", bad, &f]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&o).contains(&format!("`{bad}` is not a date")),
            "{}",
            stderr(&o)
        );
    }
    let o = eucdm(&["validate", "--date", "2024-02-29", &f]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// An impossible preparation date is one format error. NCTS validates the XSD
/// (`xs:dateTime`) before any rule, so it would never send R0005 for it: the
/// comparison of the offices' estimated arrival with an impossible date is
/// undecided, not two more errors.
#[test]
fn an_impossible_date_in_a_message_is_one_format_error() {
    let xml = std::fs::read_to_string(path("examples/ncts-p5/t1-de-to-fr-valid.xml")).unwrap();
    assert!(xml.contains("<preparationDateAndTime>2025-06-02T08:00:00<"));
    let bad = xml.replace("2025-06-02T08:00:00<", "2025-06-31T08:00:00<");
    let f = temp_file("usage", "impossible-date.xml", bad);
    let o = eucdm(&["validate", "--format", "json", &f]);
    assert_eq!(o.status.code(), Some(1));
    let line = stdout(&o);
    assert!(
        line.contains(r#""errors":[{"code":14,"pointer":"/CC015C/preparationDateAndTime","reason":"format date-time","value":"2025-06-31T08:00:00"}]"#),
        "{line}"
    );
    assert!(
        line.contains(r#"{"pointer":"/CC015C/CustomsOfficeOfTransitDeclared[1]/arrivalDateAndTimeEstimated","reason":"R0005"}"#),
        "{line}"
    );
    // The interpreter agrees, byte for byte.
    let rules = path("rules/ncts-p5");
    let i = eucdm(&["validate", "--format", "json", "--rules", &rules, &f]);
    assert_eq!(stdout(&i), line);
}

#[test]
fn the_json_line_lists_the_undecided_checks_the_text_notes() {
    let f = fixture("R0840/fail.xml");
    let text = eucdm(&["validate", &f]);
    assert!(stdout(&text)
        .contains("note: R0840 at /CC015C/Consignment/Carrier/identificationNumber not decided"));
    let json = eucdm(&["validate", "--format", "json", &f]);
    assert_eq!(json.status.code(), Some(0));
    let line = stdout(&json);
    assert!(
        line.starts_with(&format!(
            "{{\"file\":\"{f}\",\"message\":\"CC015C\",\"valid\":true,\"errors\":[],\"undecided\":["
        )),
        "{line}"
    );
    assert!(
        line.contains(
            r#"{"pointer":"/CC015C/Consignment/Carrier/identificationNumber","reason":"R0840"}"#
        ),
        "{line}"
    );
    // One object per note of the text output.
    let notes = stdout(&text).matches("not decided").count();
    assert_eq!(line.matches("\"reason\"").count(), notes, "{line}");
    // Nothing undecided: no field, the contract's exact shape.
    let base = fixture("base.xml");
    let o = eucdm(&[
        "validate",
        "--format",
        "json",
        "--date",
        "2025-01-21",
        &base,
    ]);
    assert!(!stdout(&o).contains("undecided") || stdout(&o).contains("\"undecided\":[{"));
}

#[test]
fn a_file_that_cannot_be_read_is_reported_once_in_text_mode() {
    let missing = "/nonexistent/eucdm/file.xml";
    let good = fixture("base.xml");
    let o = eucdm(&["validate", missing, &good]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).matches("cannot read file").count(),
        1,
        "{}",
        stderr(&o)
    );
    assert!(!stdout(&o).contains("cannot read file"), "{}", stdout(&o));
    assert!(stdout(&o).contains("valid CC015C"), "{}", stdout(&o));
    // JSON keeps its line on stdout, and the same text on stderr.
    let o = eucdm(&["validate", "--format", "json", missing]);
    assert!(stdout(&o).contains("\"error\":\"cannot read file"));
    assert_eq!(stderr(&o).matches("cannot read file").count(), 1);
}

#[test]
fn a_copied_rule_set_finds_the_code_lists_or_says_once_where_it_looked() {
    let copy = temp_dir("usage-rules").join("my-rules");
    std::fs::create_dir_all(&copy).unwrap();
    for e in std::fs::read_dir(root().join("rules/ncts-p5")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
    }
    let rules = copy.display().to_string();
    let f = fixture("base.xml");
    // Run from the checkout: ./codelists is found.
    let from_checkout = std::process::Command::new(env!("CARGO_BIN_EXE_eucdm"))
        .current_dir(root())
        .args(["validate", "--format", "json", "--rules", &rules, &f])
        .output()
        .unwrap();
    let compiled = eucdm(&["validate", "--format", "json", &f]);
    assert_eq!(
        stdout(&from_checkout),
        stdout(&compiled),
        "{}",
        stderr(&from_checkout)
    );
    // Run from elsewhere: one error naming the folder tried and how to give one,
    // not one per code list.
    let elsewhere = std::process::Command::new(env!("CARGO_BIN_EXE_eucdm"))
        .current_dir(temp_dir("usage-elsewhere"))
        .args(["validate", "--rules", &rules, &f])
        .output()
        .unwrap();
    assert_eq!(elsewhere.status.code(), Some(2));
    let err = stderr(&elsewhere);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(
        err.contains("code-list folder") && err.contains("does not exist"),
        "{err}"
    );
    assert!(err.contains("`--codelists DIR`"), "{err}");
}

#[test]
fn the_text_report_says_once_which_rule_period_the_dates_chose() {
    let a = path("examples/ncts-p5/t1-de-to-fr-valid.xml");
    let b = path("examples/ncts-p5/tir-without-carnet-invalid.xml");
    let o = eucdm(&["validate", &a, &b]);
    let out = stdout(&o);
    assert_eq!(
        out.matches("note: rules were applied as in force on")
            .count(),
        1,
        "{out}"
    );
    assert!(
        out.contains("2 message(s) dated after 2025-01-21: the ")
            && out.contains("`--date 2025-01-21` applies them"),
        "{out}"
    );
    // Judged on a day of the transition, no rule is out of force for being transitional.
    let o = eucdm(&["validate", "--date", "2025-01-21", &a]);
    assert!(!stdout(&o).contains("2025-01-21: the"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("dated before 2025-01-22"),
        "{}",
        stdout(&o)
    );
    // JSON lines stay one per file.
    let o = eucdm(&["validate", "--format", "json", &a, &b]);
    assert_eq!(stdout(&o).lines().count(), 2);
}
