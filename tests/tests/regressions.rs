//! Replays `tests/regressions/<target>/*` the way each fuzz target runs its
//! input (see `fuzz/fuzz_targets/`), without the fuzzer: whatever the input,
//! an answer and never a panic; compiled validator == interpreter.

use std::path::PathBuf;

use eucdm_compiler::interpret::Interpreter;
use eucdm_runtime::{json::read_json, read_xml, Options, RuleSet};
use eucdm_tests::root;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("tests/regressions").join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no regression inputs in {}", dir.display());
    v.into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

fn shipped(name: &str) -> Vec<u8> {
    std::fs::read(root().join("rules/ncts-p5").join(name)).unwrap()
}

#[test]
fn rule_files_get_diagnostics_not_panics() {
    let (model, dict, lists) = (
        shipped("CC015C.model"),
        shipped("data-elements.dict"),
        shipped("codelists.rules"),
    );
    let csv: Vec<(String, Vec<u8>)> = std::fs::read_dir(root().join("codelists"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    let csv: Vec<(&str, &[u8])> = csv.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    for (path, bytes) in inputs("rules") {
        let files = [
            ("CC015C.model", &model[..]),
            ("data-elements.dict", &dict[..]),
            ("codelists.rules", &lists[..]),
            ("input.rules", &bytes[..]),
        ];
        let rendered = match eucdm_compiler::compile_in_memory(&files, &csv) {
            Ok(c) => {
                let _ =
                    eucdm_compiler::codegen::generate(&c.ruleset, &quote::quote!(::eucdm_runtime));
                String::new()
            }
            Err(f) => f.render(),
        };
        if path.ends_with("deep-parentheses.rules") {
            assert!(
                rendered.contains("nested deeper than 64 levels"),
                "{rendered}"
            );
        }
        if path.ends_with("for-each-first-statement.rules") || path.ends_with("not-chain.rules") {
            assert_eq!(rendered, "", "{}", path.display());
        }
    }
}

#[test]
fn csv_files_get_diagnostics_not_panics() {
    for (path, bytes) in inputs("codelist_csv") {
        let text = String::from_utf8_lossy(&bytes);
        let result = eucdm_compiler::codelist::read_csv(&text, 0);
        if path.ends_with("bom-header.csv") {
            assert_eq!(
                result.map(|e| e.len()).ok(),
                Some(2),
                "a BOM before the header"
            );
        } else {
            assert!(result.is_err(), "{}", path.display());
        }
    }
}

#[test]
fn messages_are_read_or_refused_and_both_validators_agree() {
    let root = root();
    let c = eucdm_compiler::compile_dir(&root.join("rules/ncts-p5"), &root.join("codelists"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    let interp = Interpreter::new(&c.ruleset);
    let mut validated = 0;
    for target in ["read_validate", "interpret"] {
        for (path, bytes) in inputs(target) {
            for read in [read_xml, read_json] {
                let (compiled, interpreted): (&dyn RuleSet, &dyn RuleSet) =
                    (&eucdm_ncts_p5::NCTS_P5, &interp);
                match (
                    read(&bytes, compiled.schemas()),
                    read(&bytes, interpreted.schemas()),
                ) {
                    (Ok(a), Ok(b)) => {
                        let opts = Options::default();
                        assert_eq!(
                            compiled.validate(&a, &opts).unwrap(),
                            interpreted.validate(&b, &opts).unwrap(),
                            "{}",
                            path.display()
                        );
                        validated += 1;
                    }
                    (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                    (a, b) => panic!("{}: {:?} / {:?}", path.display(), a.err(), b.err()),
                }
            }
        }
    }
    assert!(validated >= 1, "at least the R0364 fixture is a message");
}
