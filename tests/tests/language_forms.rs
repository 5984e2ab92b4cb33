//! The forms HMRC's import-control rules need (regular expressions, `..`,
//! counts with a condition, distinct counts, `number(X)`, `trim(X)`), run on
//! small messages by the compiled validator and by the interpreter: both give
//! the violations each case expects (the rules are in `tests/forms/`).

use eucdm_compiler::interpret::Interpreter;
use eucdm_runtime::{Options, RuleSet};

mod compiled {
    eucdm_macros::ruleset!("forms", codelists = "ui/codelists");
}

fn interpreter() -> Interpreter {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = eucdm_compiler::compile_dir(&dir.join("forms"), &dir.join("ui/codelists"))
        .unwrap_or_else(|f| panic!("{}", f.render()));
    Interpreter::new(&c.ruleset)
}

/// (code, pointer, rule) of each violation, as both give them (they must agree).
fn violations(xml: &str) -> Vec<(u8, String, String)> {
    let body = format!("<f:CC901A xmlns:f=\"urn:eucdm:forms\">{xml}</f:CC901A>");
    let opts = Options::default();
    let run = |rs: &dyn RuleSet| {
        let doc = eucdm_runtime::read_xml(body.as_bytes(), rs.schemas()).expect("readable");
        rs.validate(&doc, &opts)
            .expect("own schemas")
            .violations
            .iter()
            .map(|v| (v.code.number(), v.pointer.clone(), v.reason.to_string()))
            .collect::<Vec<_>>()
    };
    let compiled = run(&compiled::Compiled);
    assert_eq!(
        compiled,
        run(&interpreter()),
        "compiled and interpreted on {xml}"
    );
    compiled
}

/// The rules that fail on a message.
fn failing(xml: &str) -> Vec<String> {
    violations(xml).into_iter().map(|v| v.2).collect()
}

#[test]
fn regex_is_a_full_match_in_javas_syntax() {
    let h = |inner: &str| format!("<HEAHEA>{inner}</HEAHEA>");
    assert_eq!(failing(&h("<ref> 1234567 </ref>")), Vec::<String>::new());
    assert_eq!(failing(&h("<ref>123456789</ref>")), ["R0001"]);
    // `\s` is Java's ASCII white space: a no-break space is not.
    assert_eq!(failing(&h("<ref>\u{a0}1234567</ref>")), ["R0001"]);
    // The look-ahead: XFER must be followed by its form.
    assert_eq!(
        failing(&h("<mode>1</mode><ref>XFER</ref>")),
        ["R0001", "R0002"]
    );
    assert_eq!(
        failing(&h("<mode>1</mode><ref>XFERAB1:C2</ref>")),
        ["R0001"]
    );
    assert_eq!(failing(&h("<mode>2</mode><ref>XFER</ref>")), ["R0001"]);
}
