//! For every encoded rule, in every message it is applied to: a message that
//! passes and messages that fail with the exact (code, pointer, reason, value)
//! answers, from the project's own fixtures in
//! `tests/fixtures/ncts-p5/<MESSAGE>/<RULE>/` (`CC015C/C0411/fail.xml`).
//!
//! A rule that asks a registry (`is valid in <hook>`) is undecided without one;
//! `<case>.external` (the `eucdm validate --external` format) gives the answers
//! for `<case>.xml`: the case is then validated a second time with them, must
//! give exactly `<case>.expected.json` (`pass.xml`: no errors), and the folder's
//! rule must be decided.
//!
//! A rule that reads another message of the movement (`CC015C: ...`) is
//! undecided without one; `<case>.movement/` beside `<case>.xml` holds the
//! messages of the case's movement sent or received before it (`*.xml`,
//! `*.json`, each read with the rule set's models): the case is validated
//! with them as `Options::movement`. A movement is complete: a message type
//! the folder does not hold was not sent. See `fixtures/ncts-p5/README.md`.
//!
//! `<case>.codelists/` beside `<case>.xml` holds reference data of the day
//! (`<ID>.csv` per list, as `eucdm validate --codelists DIR` reads it): the
//! case is validated with those lists replacing the compiled-in ones
//! (`Options::codelists`).

use std::path::{Path, PathBuf};

use eucdm_ncts_p5::NCTS_P5;
use eucdm_runtime::{Answers, CoverageFormat, Options, RuleSet as _};

/// Messages whose models and rules landed before their fixtures (issue 15):
/// their rule folders are being written (their `base.xml` may still be
/// missing); a message leaves this list when it has them all.
const MESSAGES_NOT_YET: &[&str] = &[];

/// The movement of a case: the messages in `<case>.movement/`, if there is one.
fn movement_of(xml: &Path) -> Option<eucdm_runtime::movement::Movement> {
    let dir = xml.with_extension("movement");
    if !dir.is_dir() {
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml" || e == "json"))
        .collect();
    files.sort();
    let docs = files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            eucdm_runtime::read_message(&bytes, eucdm_ncts_p5::NCTS_P5.schemas())
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect();
    Some(eucdm_runtime::movement::Movement::new(docs))
}

/// The reference data of a case: the lists in `<case>.codelists/`, if there is one.
fn codelists_of(xml: &Path) -> Option<eucdm_runtime::ReferenceData> {
    let dir = xml.with_extension("codelists");
    let declared: Vec<&str> = (eucdm_ncts_p5::NCTS_P5.codelists().iter())
        .map(|c| c.id.as_str())
        .collect();
    dir.is_dir().then(|| {
        let loaded = eucdm_runtime::ReferenceData::read_dir(&dir, &declared)
            .unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
        assert!(
            loaded.unused.is_empty(),
            "{}: {:?}",
            dir.display(),
            loaded.unused
        );
        loaded.data
    })
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ncts-p5")
}

/// The message types with fixtures: the folders of `fixtures()`.
fn messages() -> Vec<String> {
    let mut m: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    m.sort();
    m
}

/// The case folders of every message: `<MESSAGE>/<RULE>`, and the folders of
/// cases of the structure and the code lists (`CC015C/structure`).
fn rule_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for m in messages() {
        let mut d: Vec<PathBuf> = std::fs::read_dir(fixtures().join(&m))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        d.sort();
        dirs.extend(d);
    }
    dirs
}

fn report(path: &Path) -> eucdm_runtime::Report {
    report_with(path, &Options::default())
}

fn report_with(path: &Path, opts: &Options<'_>) -> eucdm_runtime::Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let movement = movement_of(path);
    let codelists = codelists_of(path);
    let opts = Options {
        date: opts.date.clone(),
        external: opts.external,
        movement: movement.as_ref().map(|m| m.messages()),
        codelists: codelists.as_ref(),
    };
    eucdm_ncts_p5::validate_xml(&bytes, &opts).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The registry answers of `<case>.xml`, from `<case>.external` if there is one.
fn answers_for(xml: &Path) -> Option<Answers> {
    let file = xml.with_extension("external");
    file.exists().then(|| {
        let a = Answers::read(&file).unwrap_or_else(|e| panic!("{e}"));
        let hooks: Vec<&str> = NCTS_P5.externals().iter().map(|(h, _)| *h).collect();
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
    let got: serde_json::Value = serde_json::to_value(&r.violations).unwrap();
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
    serde_json::to_value(&report(path).violations).unwrap()
}

/// Each message's `base.xml`, the valid message its rule cases start from.
#[test]
fn every_base_message_is_valid() {
    for m in messages() {
        let base = fixtures().join(&m).join("base.xml");
        if !base.exists() && MESSAGES_NOT_YET.contains(&m.as_str()) {
            continue;
        }
        assert_eq!(errors(&base), serde_json::json!([]), "{}", base.display());
    }
}

#[test]
fn every_rule_passes_and_fails_as_its_fixtures_say() {
    let (mut checked, mut with_answers) = (0, 0);
    let mut failures = Vec::new();
    let dirs = rule_dirs();
    assert!(dirs.len() >= 18, "fixtures for every rule");
    for dir in dirs {
        let rule = dir.file_name().unwrap().to_string_lossy().to_string();
        let pass_report = report(&dir.join("pass.xml"));
        let pass: serde_json::Value = serde_json::to_value(&pass_report.violations).unwrap();
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
            let got: serde_json::Value = serde_json::to_value(&r.violations).unwrap();
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

/// Every case message in a rule folder is judged: `pass.xml` expects no errors,
/// any other `<case>.xml` is checked only through its `<case>.expected.json`, so
/// one without it would be a case that cannot fail.
#[test]
fn every_case_has_its_expected_answer() {
    let mut unjudged = Vec::new();
    for dir in rule_dirs() {
        for path in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let Some(case) = name.strip_suffix(".xml") else {
                continue;
            };
            if case != "pass" && !dir.join(format!("{case}.expected.json")).is_file() {
                unjudged.push(path.display().to_string());
            }
        }
    }
    unjudged.sort();
    assert!(
        unjudged.is_empty(),
        "cases without <case>.expected.json (never checked): {unjudged:?}"
    );
}

/// The trader messages of a case's movement are valid on their own: NCTS rejects
/// an invalid one, which then never becomes part of the movement the case reads.
/// (Messages from customs, CC028C and CC043C, are context only, not validated.)
#[test]
fn every_trader_message_of_a_movement_is_valid() {
    let mut invalid = Vec::new();
    for dir in rule_dirs() {
        for movement in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            if !movement.is_dir() || movement.extension().is_none_or(|e| e != "movement") {
                continue;
            }
            for file in std::fs::read_dir(&movement)
                .unwrap()
                .map(|e| e.unwrap().path())
            {
                let bytes = std::fs::read(&file).unwrap();
                match eucdm_runtime::validate_message(&bytes, &NCTS_P5, &Options::default()) {
                    Ok(r) if !r.violations.is_empty() => invalid.push(format!(
                        "{}: {}",
                        file.display(),
                        serde_json::to_value(&r.violations).unwrap()
                    )),
                    Ok(_) | Err(eucdm_runtime::Refused::FromCustoms(_)) => {}
                    Err(e) => invalid.push(format!("{}: {e}", file.display())),
                }
            }
        }
    }
    assert!(
        invalid.is_empty(),
        "invalid trader messages in movements:\n{}",
        invalid.join("\n")
    );
}

/// Every rule the shipped set checks has a fixture folder in every message it
/// is applied to, except the gaps listed here (each one is missing tests, to
/// be written, not an exemption).
#[test]
fn every_checked_rule_has_fixtures() {
    const NOT_YET: &[&str] = &[];
    let mut complete: Vec<&str> = MESSAGES_NOT_YET.to_vec();
    let cov: serde_json::Value =
        serde_json::from_str(&NCTS_P5.coverage(CoverageFormat::Json)).unwrap();
    let mut missing = Vec::new();
    let mut stale = Vec::new();
    for m in cov["messages"].as_array().unwrap() {
        let message = m["message"].as_str().unwrap();
        for r in m["rules"].as_array().unwrap() {
            let id = r["id"].as_str().unwrap();
            let checked = matches!(
                r["status"].as_str().unwrap(),
                "implemented" | "external" | "partial" | "transitional"
            );
            let at = format!("{message}/{id}");
            let has = fixtures().join(&at).join("pass.xml").is_file();
            let pending = MESSAGES_NOT_YET.contains(&message);
            if checked && !has && pending {
                complete.retain(|m| *m != message);
                continue;
            }
            match (checked, has, NOT_YET.contains(&at.as_str())) {
                (true, false, false) => missing.push(at),
                (_, true, true) => stale.push(at),
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
    assert!(
        complete.is_empty(),
        "have every fixture now, drop from MESSAGES_NOT_YET: {complete:?}"
    );
}

/// Every rule that asks a registry has, among its cases with `.external`
/// answers, one it passes and one it fails (an error with its id).
#[test]
fn every_external_rule_is_decided_both_ways_by_answers() {
    let cov: serde_json::Value =
        serde_json::from_str(&NCTS_P5.coverage(CoverageFormat::Json)).unwrap();
    let mut external: Vec<(String, String)> = Vec::new();
    for m in cov["messages"].as_array().unwrap() {
        for r in m["rules"].as_array().unwrap() {
            if r["status"] == "external" {
                let message = m["message"].as_str().unwrap().to_string();
                external.push((message, r["id"].as_str().unwrap().to_string()));
            }
        }
    }
    assert!(external.len() >= 10, "external rules: {external:?}");
    let mut missing = Vec::new();
    for (message, rule) in &external {
        let dir = fixtures().join(message).join(rule);
        // Messages still without fixtures: every_checked_rule_has_fixtures lists them.
        if !dir.is_dir() {
            continue;
        }
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
            missing.push(format!("{message}/{rule} (pass: {passes}, fail: {fails})"));
        }
    }
    assert!(
        missing.is_empty(),
        "external rules without a decided pass and fail case: {missing:?}"
    );
}
