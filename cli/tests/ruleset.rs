//! `--ruleset NAME` and the shipped rule sets: without it each message is
//! validated by the rule set that reads its type (an NCTS message by
//! ncts-p5, a UK entry summary declaration by uk-ens); with it, by the one
//! named, for every message.

mod common;
use common::{eucdm, path, stderr, stdout};

const ENS: &str = "examples/uk-ens/ens-consignee-missing.xml";
const NCTS: &str = "examples/ncts-p5/tir-without-carnet-invalid.xml";

#[test]
fn each_message_by_the_rule_set_of_its_type() {
    let o = eucdm(&["validate", "--format", "json", &path(ENS), &path(NCTS)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains(r#""errors":[{"code":8623,"pointer":"/CC315A/GOOITEGDS[1]","reason":"C584","value":null}]"#),
        "{out}"
    );
    assert!(lines[1].contains(r#""reason":"C0411""#), "{out}");
}

#[test]
fn the_earlier_rules_by_name() {
    // The earlier schema requires the declaration place the example lacks.
    let o = eucdm(&[
        "validate",
        "--format",
        "json",
        "--ruleset",
        "uk-ens-legacy",
        &path(ENS),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            r#""errors":[{"code":13,"pointer":"/CC315A/HEAHEA/DecPlaHEA394","reason":"status R","value":null},{"code":8623,"#
        ),
        "{}",
        stdout(&o)
    );
    let o = eucdm(&["validate", "--ruleset", "uk-ens", &path(ENS)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_message_the_named_rule_set_does_not_read_is_refused() {
    let o = eucdm(&["validate", "--ruleset", "ncts-p5", &path(ENS)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a known message type"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_names_and_both_sources_are_usage_errors() {
    let o = eucdm(&["validate", "--ruleset", "uk", &path(ENS)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("[possible values: ncts-p5, uk-ens, uk-ens-legacy]"),
        "{}",
        stderr(&o)
    );
    let o = eucdm(&["validate", "--ruleset"]);
    assert_eq!(o.status.code(), Some(2));
    let o = eucdm(&[
        "validate",
        "--ruleset",
        "uk-ens",
        "--rules",
        &path("rules/uk-ens"),
        &path(ENS),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("'--ruleset <NAME>' cannot be used with '--rules <DIR>'"),
        "{}",
        stderr(&o)
    );
    let o = eucdm(&["explain", "--ruleset", "uk-ens", "E8623"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("error 8623 cites C584"),
        "{}",
        stdout(&o)
    );
}
