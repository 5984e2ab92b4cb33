//! For every encoded rule: a message that passes and messages that fail with
//! the exact (code, pointer, reason, value) answers, from the project's own
//! fixtures in `tests/fixtures/ncts-p5/<RULE>/`.
//!
//! A rule that asks a registry (`is valid in <hook>`) is undecided without one;
//! `<case>.external` (the `eucdm validate --external` format) gives the answers
//! for `<case>.xml`: the case is then validated a second time with them, must
//! give exactly `<case>.expected.json` (`pass.xml`: no errors), and the folder's
//! rule must be decided.

use std::path::{Path, PathBuf};

use eucdm_runtime::{Answers, Options};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ncts-p5")
}

fn report(path: &Path) -> eucdm_runtime::Report {
    report_with(path, &Options::default())
}

fn report_with(path: &Path, opts: &Options<'_>) -> eucdm_runtime::Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eucdm_ncts_p5::validate_xml(&bytes, opts).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The registry answers of `<case>.xml`, from `<case>.external` if there is one.
fn answers_for(xml: &Path) -> Option<Answers> {
    let file = xml.with_extension("external");
    file.exists().then(|| {
        let a = Answers::read(&file).unwrap_or_else(|e| panic!("{e}"));
        let hooks: Vec<&str> = eucdm_ncts_p5::EXTERNALS.iter().map(|(h, _)| *h).collect();
        a.check_hooks(&hooks).unwrap_or_else(|e| panic!("{e}"));
        a
    })
}

/// Validates `xml` with its `.external` answers (if any): the errors must be
/// `expected` and `rule` decided. Returns whether there were answers.
fn check_with_answers(
    xml: &Path,
    rule: &str,
    expected: &serde_json::Value,
    failures: &mut Vec<String>,
) -> bool {
    let Some(answers) = answers_for(xml) else {
        return false;
    };
    let r = report_with(
        xml,
        &Options {
            external: &answers,
            ..Options::default()
        },
    );
    let got: serde_json::Value = serde_json::from_str(&r.errors_json()).unwrap();
    if &got != expected {
        failures.push(format!(
            "{} with its .external answers: expected {expected}\n     got {got}",
            xml.display()
        ));
    }
    let undecided: Vec<&String> = r
        .undecided
        .iter()
        .filter(|(id, _)| id.as_str() == rule)
        .map(|(_, at)| at)
        .collect();
    if !undecided.is_empty() {
        failures.push(format!(
            "{} with its .external answers: {rule} still undecided at {undecided:?}",
            xml.display()
        ));
    }
    true
}

fn errors(path: &Path) -> serde_json::Value {
    serde_json::from_str(&report(path).errors_json()).unwrap()
}

#[test]
fn base_declaration_is_valid() {
    assert_eq!(errors(&fixtures().join("base.xml")), serde_json::json!([]));
}

#[test]
fn every_rule_passes_and_fails_as_its_fixtures_say() {
    let (mut checked, mut with_answers) = (0, 0);
    let mut failures = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 18, "fixtures for every rule");
    for dir in dirs {
        let rule = dir.file_name().unwrap().to_string_lossy().to_string();
        let pass_report = report(&dir.join("pass.xml"));
        let pass: serde_json::Value = serde_json::from_str(&pass_report.errors_json()).unwrap();
        if pass != serde_json::json!([]) {
            failures.push(format!("{rule}/pass.xml: expected no errors, got {pass}"));
        }
        with_answers += usize::from(check_with_answers(
            &dir.join("pass.xml"),
            &rule,
            &serde_json::json!([]),
            &mut failures,
        ));
        // `pass.decided` names a rule that must not be undecided on pass.xml: a rule
        // disabled by a transitional rule in force is not evaluated at all.
        if let Ok(decided) = std::fs::read_to_string(dir.join("pass.decided")) {
            let id = decided.split_whitespace().next().unwrap_or_default();
            if pass_report.undecided.iter().any(|(r, _)| r.as_str() == id) {
                failures.push(format!("{rule}/pass.xml: {id} must not be undecided"));
            }
        }
        let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
            .collect();
        cases.sort();
        assert!(!cases.is_empty(), "{rule} has no failing case");
        for expected_path in cases {
            let xml = PathBuf::from(
                expected_path
                    .to_string_lossy()
                    .replace(".expected.json", ".xml"),
            );
            let expected: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
            // `<case>.undecided` names a rule NCTS would apply with a complete code
            // list that the project ships only in part: the validator must then
            // report nothing and list the rule as undecided, never guess.
            let undecided = PathBuf::from(
                expected_path
                    .to_string_lossy()
                    .replace(".expected.json", ".undecided"),
            );
            let r = report(&xml);
            let got: serde_json::Value = serde_json::from_str(&r.errors_json()).unwrap();
            if undecided.exists() {
                let rule = std::fs::read_to_string(&undecided).unwrap();
                let rule = rule.split_whitespace().next().unwrap().to_string();
                if got != serde_json::json!([])
                    || !r.undecided.iter().any(|(id, _)| id.as_str() == rule)
                {
                    failures.push(format!(
                        "{}: expected no errors and {rule} undecided, got {got} / {:?}",
                        xml.display(),
                        r.undecided
                    ));
                }
            } else if got != expected {
                failures.push(format!(
                    "{}: expected {expected}\n     got {got}",
                    xml.display()
                ));
            }
            with_answers += usize::from(check_with_answers(&xml, &rule, &expected, &mut failures));
            checked += 1;
        }
    }
    // The rules that ask a registry each have cases decided by answers.
    assert!(
        with_answers >= 20,
        "{with_answers} cases with .external answers"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every rule the shipped set checks has a fixture folder, except the gaps
/// listed here (each one is a missing test, to be written, not an exemption).
#[test]
fn every_checked_rule_has_fixtures() {
    const NOT_YET: &[&str] = &[];
    let cov: serde_json::Value = serde_json::from_str(eucdm_ncts_p5::COVERAGE_JSON).unwrap();
    let mut missing = Vec::new();
    let mut stale = Vec::new();
    for m in cov["messages"].as_array().unwrap() {
        for r in m["rules"].as_array().unwrap() {
            let id = r["id"].as_str().unwrap();
            let checked = matches!(
                r["status"].as_str().unwrap(),
                "implemented" | "external" | "partial" | "transitional"
            );
            let has = fixtures().join(id).join("pass.xml").is_file();
            match (checked, has, NOT_YET.contains(&id)) {
                (true, false, false) => missing.push(id.to_string()),
                (_, true, true) => stale.push(id.to_string()),
                _ => {}
            }
        }
    }
    assert!(
        missing.is_empty(),
        "checked rules without fixtures: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "have fixtures now, drop from NOT_YET: {stale:?}"
    );
}

/// Every rule that asks a registry has, among its cases with `.external`
/// answers, one it passes and one it fails (an error with its id).
#[test]
fn every_external_rule_is_decided_both_ways_by_answers() {
    let cov: serde_json::Value = serde_json::from_str(eucdm_ncts_p5::COVERAGE_JSON).unwrap();
    let mut external: Vec<String> = Vec::new();
    for m in cov["messages"].as_array().unwrap() {
        for r in m["rules"].as_array().unwrap() {
            if r["status"] == "external" {
                external.push(r["id"].as_str().unwrap().to_string());
            }
        }
    }
    assert!(external.len() >= 10, "external rules: {external:?}");
    let mut missing = Vec::new();
    for rule in &external {
        let dir = fixtures().join(rule);
        let (mut passes, mut fails) = (false, false);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "external") {
                continue;
            }
            let expected = path.with_extension("expected.json");
            let errors: serde_json::Value = match std::fs::read_to_string(&expected) {
                Ok(text) => serde_json::from_str(&text).unwrap(),
                // pass.xml: no errors.
                Err(_) => serde_json::json!([]),
            };
            let own = errors
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["reason"] == rule.as_str());
            fails |= own;
            passes |= !own;
        }
        if !passes || !fails {
            missing.push(format!("{rule} (pass: {passes}, fail: {fails})"));
        }
    }
    assert!(
        missing.is_empty(),
        "external rules without a decided pass and fail case: {missing:?}"
    );
}
