//! Rules that need a registry outside the message (is this EORI number
//! registered in EOS?) are undecided unless the application answers. This
//! program validates the repository's example declaration without answers,
//! then with a table of answers and with a function:
//! `cargo run -p eucdm --example registry_answers`.

use eucdm::{Answers, Options, Report, RuleSet, Verdict, NCTS_P5};

/// The example declaration of the repository (a valid T1 from DE to FR).
pub fn declaration() -> Vec<u8> {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/ncts-p5/t1-de-to-fr-valid.xml"
    );
    std::fs::read(file).expect("the repository's example declaration")
}

/// The carrier's EORI number in that declaration.
pub const CARRIER: &str = "DE3948102765000";

fn main() {
    let xml = declaration();
    let report = without_answers(&xml);
    println!(
        "without answers: {} error(s), {} undecided",
        report.violations.len(),
        report.undecided.len()
    );
    let report = with_table(&xml);
    println!(
        "EOS does not know the carrier: {:?}",
        report
            .violations
            .iter()
            .map(|v| v.reason.to_string())
            .collect::<Vec<_>>()
    );
    let report = with_function(&xml);
    println!(
        "every EORI number known: {} undecided",
        report.undecided.len()
    );
}

/// No registry consulted: the EOS checks stay undecided.
pub fn without_answers(xml: &[u8]) -> Report {
    NCTS_P5
        .validate_xml(xml, &Options::default())
        .expect("readable")
}

/// Answers given in advance, in the format of `eucdm validate --external`
/// (a vendor's export of what EOS said).
pub fn with_table(xml: &[u8]) -> Report {
    let answers = Answers::parse(&format!("eos invalid {CARRIER}\n"), "answers.txt")
        .expect("well-formed answers");
    let opts = Options {
        external: &answers,
        ..Options::default()
    };
    NCTS_P5.validate_xml(xml, &opts).expect("readable")
}

/// Answers computed by the application: any `Fn(hook, value) -> Verdict`.
pub fn with_function(xml: &[u8]) -> Report {
    let eos = |hook: &str, value: &str| match hook {
        "eos" if value.starts_with("DE") => Verdict::Valid,
        _ => Verdict::Unknown,
    };
    let opts = Options {
        external: &eos,
        ..Options::default()
    };
    NCTS_P5.validate_xml(xml, &opts).expect("readable")
}
