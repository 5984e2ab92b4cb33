//! `eucdm validate --external FILE`: registry answers given in advance decide
//! the rules that ask a registry (compiled and interpreted alike); a file that
//! cannot be used is a usage error (exit 2) naming file and line.

mod common;

use common::*;

fn rules() -> String {
    root().join("rules/ncts-p5").display().to_string()
}

fn answers(name: &str, text: &str) -> String {
    temp_file("external", name, text)
}

#[test]
fn an_invalid_answer_rejects_what_no_answer_leaves_undecided() {
    let f = fixture("R0840/fail.xml");
    let none = eucdm(&["validate", &f]);
    assert_eq!(none.status.code(), Some(0), "{}", stdout(&none));
    assert!(stdout(&none)
        .contains("note: R0840 at /CC015C/Consignment/Carrier/identificationNumber not decided"));

    let a = answers(
        "eos-invalid.txt",
        "# what EOS said\neos invalid DE0000000000001\neos valid DE7301648295000\n",
    );
    let expected = format!(
        "{{\"file\":\"{f}\",\"message\":\"CC015C\",\"valid\":false,\"errors\":[{{\"code\":14,\"pointer\":\"/CC015C/Consignment/Carrier/identificationNumber\",\"reason\":\"R0840\",\"value\":\"DE0000000000001\"}}]}}\n"
    );
    let compiled = eucdm(&["validate", "--format", "json", "--external", &a, &f]);
    assert_eq!(compiled.status.code(), Some(1), "{}", stderr(&compiled));
    assert_eq!(stdout(&compiled), expected);
    // The interpreter gets the same answers and says the same, byte for byte.
    let interpreted = eucdm(&[
        "validate",
        "--rules",
        &rules(),
        "--external",
        &a,
        "--format",
        "json",
        &f,
    ]);
    assert_eq!(
        interpreted.status.code(),
        Some(1),
        "{}",
        stderr(&interpreted)
    );
    assert_eq!(stdout(&interpreted), expected);
}

#[test]
fn a_valid_answer_decides_the_rule_and_the_message_passes() {
    let f = fixture("R0840/pass.xml");
    let a = answers(
        "eos-valid.txt",
        "eos valid DE3948102765000\neos valid DE7301648295000\n",
    );
    let o = eucdm(&["validate", "--external", &a, &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with(&format!("{f}: valid CC015C")), "{out}");
    assert!(!out.contains("note: R0840"), "R0840 is decided: {out}");
}

#[test]
fn a_value_with_a_space_is_asked_whole() {
    // R0352 asks `rds_authorisation` with "<authorisation number> <holder id>".
    let f = fixture("R0352/pass.xml");
    let a = answers(
        "rds.txt",
        "rds_authorisation invalid DE/ACR/4058/2022/0193 DE4410287390000\n\
         rds_authorisation invalid DE/TRD/4058/2023/0011 DE4410287390000\n",
    );
    let o = eucdm(&["validate", "--format", "json", "--external", &a, &f]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(r#"{"code":14,"pointer":"/CC015C/Authorisation[1]/referenceNumber","reason":"R0352","value":"DE/ACR/4058/2022/0193"},{"code":14,"pointer":"/CC015C/Authorisation[2]/referenceNumber","reason":"R0352","value":"DE/TRD/4058/2023/0011"}"#),
        "{out}"
    );
    let ok = answers(
        "rds-ok.txt",
        "rds_authorisation valid DE/TRD/4058/2023/0011 DE4410287390000\n",
    );
    let o = eucdm(&["validate", "--format", "json", "--external", &ok, &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn a_bad_answer_file_is_a_usage_error_with_file_and_line() {
    let f = fixture("R0840/fail.xml");
    let cases = [
        ("verdict.txt", "eos valid A\n\neos yes B\n", ":3: expected `valid` or `invalid` after `eos`, found `yes`"),
        ("value.txt", "eos invalid\n", ":1: `eos invalid` needs a value"),
        ("contradiction.txt", "eos valid A\neos invalid A\n", ":2: `eos` answers `A` invalid here but valid on line 1"),
        ("hook.txt", "# typo\neso valid DE0000000000001\n", ":2: the rule set has no external check `eso` (it declares: correlation, eos, export_mrn, guarantee_under_amendment, iru_carnet, ms_country, rds_authorisation, seals, taric)"),
    ];
    for (name, text, message) in cases {
        let a = answers(name, text);
        for rules in [None, Some(rules())] {
            let mut args = vec!["validate", "--external", &a];
            if let Some(r) = &rules {
                args.extend(["--rules", r]);
            }
            args.push(&f);
            let o = eucdm(&args);
            assert_eq!(o.status.code(), Some(2), "{name} {rules:?}");
            assert_eq!(stdout(&o), "", "nothing is validated with a bad file");
            assert_eq!(
                stderr(&o),
                format!("eucdm: {a}{message}\n"),
                "{name} {rules:?}"
            );
        }
    }
    let missing = root().join("no-such-answers.txt").display().to_string();
    let o = eucdm(&["validate", "--external", &missing, &f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("eucdm: {missing}: cannot read answers:")),
        "{}",
        stderr(&o)
    );
    let o = eucdm(&["validate", &f, "--external"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a value is required for '--external <FILE>'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_overlay_may_answer_the_hooks_of_its_base() {
    // The national overlay extends ncts-p5: the base's hooks are its hooks too.
    let overlay = root().join("tests/overlays/national/rules");
    let codelists = root().join("codelists");
    let a = answers("overlay.txt", "eos invalid DE0000000000001\n");
    let o = eucdm(&[
        "validate",
        "--rules",
        overlay.to_str().unwrap(),
        "--codelists",
        codelists.to_str().unwrap(),
        "--external",
        &a,
        "--format",
        "json",
        &fixture("R0840/fail.xml"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            r#""pointer":"/CC015C/Consignment/Carrier/identificationNumber","reason":"R0840""#
        ),
        "{}",
        stdout(&o)
    );
}
