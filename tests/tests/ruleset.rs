//! Code written once against `&dyn RuleSet` runs on the compiled NCTS P5 rule
//! set and on the interpreter of `rules/ncts-p5` alike, and sees the same:
//! reports on every fixture and example (as XML and, for the JSON fixtures, as
//! JSON), rule metadata, code lists (with their sources), external checks,
//! explanations and coverage.

use std::path::{Path, PathBuf};

use eucdm_compiler::interpret::Interpreter;
use eucdm_runtime::{CoverageFormat, Options, RuleSet};
use eucdm_tests::root;

/// Every message under `dir` (`*.xml`, `*.json` but not `*.expected.json`), sorted.
fn messages(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    for p in v {
        let name = p.to_string_lossy();
        if p.is_dir() {
            messages(&p, out);
        } else if name.ends_with(".xml")
            || name.ends_with(".json") && !name.ends_with(".expected.json")
        {
            out.push(p);
        }
    }
}

/// What a program learns from a rule set, whichever it is: one line per
/// message validated (with and without a judging date), then its metadata.
fn observe(rules: &dyn RuleSet, files: &[PathBuf]) -> Vec<String> {
    let mut seen = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).unwrap();
        for date in [None, Some("2025-01-21".to_string())] {
            let opts = Options {
                date,
                ..Default::default()
            };
            seen.push(format!(
                "{}: {:?}",
                f.display(),
                rules.validate_message(&bytes, &opts)
            ));
        }
    }
    seen.extend(rules.rules().iter().map(|r| format!("{r:?}")));
    seen.extend(rules.externals().iter().map(|e| format!("{e:?}")));
    seen.extend(rules.codelists().iter().map(|c| format!("{c:?}")));
    seen.extend(rules.explanations().iter().map(|e| format!("{e:?}")));
    seen.push(rules.coverage(CoverageFormat::Text).into_owned());
    seen.push(rules.coverage(CoverageFormat::Json).into_owned());
    seen
}

#[test]
fn compiled_and_interpreted_rule_sets_are_one_interface() {
    let root = root();
    let c = eucdm_compiler::compile_dir(&root.join("rules/ncts-p5"), &root.join("codelists"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let interp = Interpreter::new(&c.ruleset);
    let mut files = Vec::new();
    messages(&root.join("tests/fixtures"), &mut files);
    messages(&root.join("examples"), &mut files);
    assert!(files.len() > 100, "messages found: {}", files.len());

    let compiled = observe(&eucdm_ncts_p5::NCTS_P5, &files);
    let interpreted = observe(&interp, &files);
    assert_eq!(compiled.len(), interpreted.len());
    for (a, b) in compiled.iter().zip(&interpreted) {
        assert_eq!(a, b);
    }
    assert!(
        compiled.iter().any(|l| l.contains("Ok(Report")),
        "some message was validated"
    );
    assert!(
        eucdm_ncts_p5::NCTS_P5.rule("C0411").is_some() && interp.rule("C0411").is_some(),
        "C0411 is a rule of both"
    );
    // The compiled rule set knows each list's source and snapshot (SOURCES.csv).
    let lists = eucdm_ncts_p5::NCTS_P5.codelists();
    let cl019 = lists.iter().find(|c| c.id.as_str() == "CL019").unwrap();
    let p = cl019.provenance.as_ref().expect("CL019 has a source");
    assert_eq!(
        (&*p.source, &*p.snapshot),
        ("RD_NCTS-P5.json", "2025-02-12")
    );
}

#[test]
fn a_document_of_another_rule_set_is_refused_not_misread() {
    let root = root();
    let c = eucdm_compiler::compile_dir(&root.join("rules/ncts-p5"), &root.join("codelists"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let interp = Interpreter::new(&c.ruleset);
    let xml = std::fs::read(root.join("examples/ncts-p5/tir-without-carnet-invalid.xml")).unwrap();
    let sets: [&dyn RuleSet; 2] = [&eucdm_ncts_p5::NCTS_P5, &interp];
    for (i, reader) in sets.iter().enumerate() {
        let doc = eucdm_runtime::read_message(&xml, reader.schemas()).unwrap();
        let other = sets[1 - i];
        let e = other.validate(&doc, &Options::default()).unwrap_err();
        assert_eq!(e.message, "CC015C");
        assert!(reader.validate(&doc, &Options::default()).is_ok());
    }
}
