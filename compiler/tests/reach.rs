//! `explain::reach`: what one rule's checks govern (the subjects of their
//! statements) and what they read besides, as `eucdm docs` lists them.

use eucdm_compiler::compile_in_memory;
use eucdm_compiler::explain::reach;
use eucdm_compiler::ir::{MessageIr, RuleIndex, RuleSet};

const MODEL: &str = "message CC001C \"validated\" namespace \"urn:CC001C\"\n\
    TransitOperation group R 1 - - \"TRANSIT OPERATION\"\n\
    TransitOperation.type text R 1 an..5 - \"type\"\n\
    TransitOperation.carnet text D 1 an..12 - \"carnet\"\n\
    Item group R 9 - - \"ITEM\"\n\
    Item.number number R 1 n..5 - \"number\"\n\
    Item.mass number O 1 n..16,6 - \"mass\"\n";

const RULES: &str = "external eos \"the registry\"\n\
    condition C0001 \"carnet by type\"\n\
    \x20   TransitOperation.carnet mandatory if TransitOperation.type = 'TIR' else forbidden\n\
    rule R0001 \"numbered items\"\n\
    \x20   Item.number must be sequential from 1\n\
    rule R0002 \"mass known to the registry\"\n\
    \x20   for each Item\n\
    \x20   mass must satisfy (. is valid in eos or TransitOperation.type = 'T1')\n\
    rule R0003 \"not applied here\" applies to CC999C\n\
    \x20   Item.mass mandatory\n";

fn compile(rules: &str, models: &[(&str, &str)]) -> RuleSet {
    let mut files: Vec<(&str, &[u8])> = models.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    files.push(("test.rules", rules.as_bytes()));
    match compile_in_memory(&files, &[]) {
        Ok(c) => c.ruleset,
        Err(f) => panic!("{}", f.render()),
    }
}

fn paths(
    m: &MessageIr,
    nodes: &std::collections::BTreeSet<eucdm_compiler::ir::NodeId>,
) -> Vec<String> {
    nodes.iter().map(|&n| m.model.dotted(n)).collect()
}

#[test]
fn a_rule_governs_the_subjects_of_its_statements_and_reads_the_rest() {
    let other = MODEL.replace("CC001C", "CC999C");
    let rs = compile(RULES, &[("CC001C.model", MODEL), ("CC999C.model", &other)]);
    let m = &rs.messages[0];
    let rule = |id: &str| RuleIndex(rs.rules.iter().position(|r| r.id == id).unwrap());

    let c = reach(m, rule("C0001")).expect("C0001 applies to CC001C");
    assert_eq!(paths(m, &c.governed), ["TransitOperation.carnet"]);
    let read: Vec<String> = paths(m, &c.touched);
    assert!(
        read.contains(&"TransitOperation.type".to_string()),
        "{read:?}"
    );
    assert!(c.hooks.is_empty());

    let r1 = reach(m, rule("R0001")).unwrap();
    assert_eq!(paths(m, &r1.governed), ["Item.number"]);

    let r2 = reach(m, rule("R0002")).unwrap();
    assert_eq!(paths(m, &r2.governed), ["Item.mass"]);
    assert!(paths(m, &r2.touched).contains(&"TransitOperation.type".to_string()));
    assert_eq!(r2.hooks.iter().collect::<Vec<_>>(), ["eos"]);

    // Applied to CC999C only: nothing of it in CC001C.
    assert_eq!(reach(m, rule("R0003")), None);
    assert!(reach(&rs.messages[1], rule("R0003")).is_some());
}
