//! Resolution and the static checks are two passes over a rule: a rule with
//! errors of both reports both, in the order the rule is written, and the
//! warnings of the checks come only with a rule that compiles.

use eucdm_compiler::compile_in_memory;

const MODEL: &str = "message CC015C \"x\" namespace \"urn:x\"\n\
    TransitOperation group R 1 - - \"TRANSIT OPERATION\"\n\
    TransitOperation.declarationType code R 1 an..5 CL231 \"type\"\n\
    TransitOperation.limitDate date D 1 an10 - \"limit date\"\n";

const LISTS: &str = "codelist CL231 \"DeclarationType\" = <T1, T2, TIR>\n";

/// The errors (or, when it compiles, the warnings) of `rules`, one line
/// each: message and line.
fn reported(rules: &str) -> Vec<String> {
    let files: [(&str, &[u8]); 3] = [
        ("CC015C.model", MODEL.as_bytes()),
        ("lists.rules", LISTS.as_bytes()),
        ("test.rules", rules.as_bytes()),
    ];
    let (sources, diagnostics) = match compile_in_memory(&files, &[]) {
        Ok(c) => (c.sources, c.warnings),
        Err(f) => (f.sources, f.diagnostics),
    };
    let text = sources.render_all(&diagnostics);
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(l) = lines.next() {
        if l.starts_with("error") || l.starts_with("warning") {
            let at = lines.next().unwrap_or_default();
            let line = at.rsplit(':').nth(1).unwrap_or_default();
            out.push(format!("{line}: {l}"));
        }
    }
    out
}

#[test]
fn a_rule_with_errors_of_both_passes_reports_both_in_source_order() {
    let got = reported(
        "rule R0001 \"x\"\n\
         \x20   if TransitOperation.limitDate > 3.5 and TransitOperation.nope = '1' then\n\
         \x20       TransitOperation.limitDate mandatory\n\
         \x20   end\n\
         \x20   TransitOperation.declarationType must = 'X'\n\
         \x20   TransitOperation.nada mandatory\n",
    );
    assert_eq!(
        got,
        [
            "2: error: cannot compare `TransitOperation.limitDate`, a date, with the number 3.5",
            "2: error: unknown data element `TransitOperation.nope`",
            "5: error: 'X' is not a code of CL231 (DeclarationType), the list `TransitOperation.declarationType` is bound to",
            "6: error: unknown data element `TransitOperation.nada`",
        ]
    );
}

#[test]
fn the_body_of_an_arm_whose_condition_does_not_resolve_is_still_checked() {
    let got = reported(
        "rule R0001 \"x\"\n\
         \x20   if TransitOperation.nope = '1' then\n\
         \x20       TransitOperation.limitDate must > 3.5\n\
         \x20   end\n",
    );
    assert_eq!(
        got,
        [
            "2: error: unknown data element `TransitOperation.nope`",
            "3: error: cannot compare `TransitOperation.limitDate`, a date, with the number 3.5",
        ]
    );
}

#[test]
fn warnings_come_with_a_rule_that_compiles_only() {
    let warns = "codelist CL232 \"DeclarationTypeItemLevel\" = <T1, T2>\n\
                 rule R0001 \"x\"\n\
                 \x20   TransitOperation.declarationType must be in CL232\n";
    assert_eq!(
        reported(warns),
        ["3: warning: `TransitOperation.declarationType` is bound to CL231 in the message model, tested here against CL232"]
    );
    let with_error = format!("{warns}    TransitOperation.nope mandatory\n");
    assert_eq!(
        reported(&with_error),
        ["4: error: unknown data element `TransitOperation.nope`"]
    );
}
