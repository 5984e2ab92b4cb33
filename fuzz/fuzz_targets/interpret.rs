//! Differential: the compiled NCTS P5 validator and the interpreter over the
//! same rule set (`rules/ncts-p5`, `codelists/`, compiled once) must give equal
//! reports on every message read from the input, as XML and as JSON, and the
//! same error when the input cannot be read. The judging date and the answers
//! of an external registry are chosen from the input's length.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use eucdm_compiler::interpret::Interpreter;
use eucdm_ncts_p5::{runtime, NCTS_P5};
use libfuzzer_sys::fuzz_target;
use runtime::{Document, ExternalChecks, MessageSchema, Options, ReadError, RuleSet, Verdict};

/// Answers by a checksum of the value: valid, invalid or unknown.
struct Alternating;

impl ExternalChecks for Alternating {
    fn check(&self, _hook: &str, value: &str) -> Verdict {
        match value.bytes().map(u32::from).sum::<u32>() % 3 {
            0 => Verdict::Valid,
            1 => Verdict::Invalid,
            _ => Verdict::Unknown,
        }
    }
}

fn interpreter() -> &'static Interpreter {
    static I: OnceLock<Interpreter> = OnceLock::new();
    I.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        match eucdm_compiler::compile_dir(&root.join("rules/ncts-p5"), &root.join("codelists")) {
            Ok(c) => Interpreter::new(&c.ruleset),
            Err(f) => panic!("the shipped rule set does not compile:\n{}", f.render()),
        }
    })
}

type Reader = fn(&[u8], &[&'static MessageSchema]) -> Result<Document, ReadError>;

fuzz_target!(|data: &[u8]| {
    let interp = interpreter();
    let dates = [None, Some("2025-01-21"), Some("2025-06-01")];
    let external: &dyn ExternalChecks = if data.len().is_multiple_of(2) {
        &Alternating
    } else {
        &runtime::NoExternalChecks
    };
    // Without a movement the movement rules are undecided; with an empty one
    // (a movement holding no earlier message) they take their ELSE branches.
    let no_messages: &[Document] = &[];
    let opts = Options {
        date: dates[data.len() % 3].map(str::to_string),
        external,
        movement: (data.len() % 4 == 1).then_some(no_messages),
    };
    let readers: [Reader; 2] = [runtime::read_xml, runtime::json::read_json];
    for read in readers {
        match (read(data, NCTS_P5.schemas()), read(data, interp.schemas())) {
            (Ok(a), Ok(b)) => {
                let compiled = NCTS_P5.validate(&a, &opts).expect("read with its schemas");
                let interpreted = interp.validate(&b, &opts).expect("read with its schemas");
                assert_eq!(compiled, interpreted, "date {:?}", opts.date);
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!(
                "the readers disagree: compiled schemas {:?}, interpreter's {:?}",
                a.err(),
                b.err()
            ),
        }
    }
});
