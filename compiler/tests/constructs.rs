//! The constructs `this X`, `any other G`, `character N of X`, `concat(...)`,
//! format sequences (`an..3 followed by n..4`) and `partial "..."`: what they
//! resolve to in the IR for the CC015C model, and the diagnostics for misuse.

use std::path::{Path, PathBuf};

use eucdm_compiler::ir::Quantifier;
use eucdm_compiler::ir::{Cond, Nav, RuleSet, Stmt, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Compiles `rules` beside the shipped CC015C model, dictionary and code lists.
fn compile(name: &str, rules: &str) -> Result<RuleSet, String> {
    let dir = std::env::temp_dir().join(format!("eucdm-constructs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["CC015C.model", "data-elements.dict", "codelists.rules"] {
        std::fs::copy(root().join("rules/ncts-p5").join(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("test.rules"), rules).unwrap();
    let out = eucdm_compiler::compile_dir(&dir, &root().join("codelists"))
        .map(|c| c.ruleset)
        .map_err(|f| f.render());
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// The schema id of the model node at `path` (as the IR's navigations hold it).
fn node(rs: &RuleSet, path: &str) -> u16 {
    let n = rs.messages[0]
        .model
        .find(&path.split('.').collect::<Vec<_>>())
        .unwrap_or_else(|| panic!("{path}"));
    n.schema_id()
}

/// The test of the first `Assert` of the first check.
fn assert_test(rs: &RuleSet) -> &Cond {
    fn find(s: &[Stmt]) -> Option<&Cond> {
        s.iter().find_map(|s| match s {
            Stmt::Assert { test, .. } => Some(test),
            Stmt::If {
                arms, otherwise, ..
            } => arms
                .iter()
                .find_map(|a| find(&a.body))
                .or_else(|| find(otherwise)),
            Stmt::ForEach { body, .. } => find(body),
            _ => None,
        })
    }
    find(&rs.messages[0].checks[0].body).expect("an assert")
}

#[test]
fn this_and_other_resolve_from_the_statement_and_the_sibling_instances() {
    let rs = compile(
        "other",
        "rule R0364 \"x\"\n\
         for each Consignment.HouseConsignment.ConsignmentItem.Packaging\n\
         numberOfPackages must satisfy (\n\
             any other ConsignmentItem satisfies (\n\
                 any Packaging satisfies (shippingMarks = this shippingMarks)))\n",
    )
    .unwrap();
    let Cond::Quantified {
        quantifier: Quantifier::Any,
        nav,
        others: true,
        body,
    } = assert_test(&rs)
    else {
        panic!("{:?}", assert_test(&rs))
    };
    // From numberOfPackages up to the house consignment, down into its items.
    let item = node(&rs, "Consignment.HouseConsignment.ConsignmentItem");
    assert_eq!(
        *nav,
        Nav {
            up: 3,
            down: vec![item]
        }
    );
    let Cond::Quantified {
        others: false,
        body,
        ..
    } = &**body
    else {
        panic!("{body:?}")
    };
    let Cond::Compare { lhs, rhs, .. } = &**body else {
        panic!("{body:?}")
    };
    let marks = node(
        &rs,
        "Consignment.HouseConsignment.ConsignmentItem.Packaging.shippingMarks",
    );
    // The other packaging's marks, from its own instance ...
    assert!(matches!(lhs, Value::Text(n) if *n == Nav { up: 0, down: vec![marks] }));
    // ... and this packaging's, from the anchor (numberOfPackages): up one, down.
    assert!(matches!(rhs, Value::This(n) if *n == Nav { up: 1, down: vec![marks] }));
}

#[test]
fn character_concat_and_sequence_build_their_values() {
    let rs = compile(
        "values",
        "external taric \"t\"\n\
         rule R0416 \"x\"\n\
         Consignment.HouseConsignment.PreviousDocument.referenceNumber\n\
             must satisfy (character 17 of referenceNumber in <A,B,E>)\n\
         rule R0060 \"x\"\n\
         Consignment.HouseConsignment.ConsignmentItem.Commodity.CommodityCode.combinedNomenclatureCode\n\
             must satisfy (concat(harmonizedSystemSubHeadingCode, '-', combinedNomenclatureCode) is valid in taric)\n\
         rule R0315 \"x\"\n\
         Consignment.ActiveBorderTransportMeans.conveyanceReferenceNumber\n\
             must match an..3 followed by n..4 followed by optional a1\n",
    )
    .unwrap();
    let tests: Vec<&Cond> = rs.messages[0]
        .checks
        .iter()
        .map(|c| match &c.body[0] {
            Stmt::Assert { test, .. } => test,
            s => panic!("{s:?}"),
        })
        .collect();
    assert!(
        matches!(tests[0], Cond::InSet { value: Value::Char(17, inner), .. } if matches!(**inner, Value::Text(_)))
    );
    let Cond::External {
        hook,
        value: Value::Concat(parts),
    } = tests[1]
    else {
        panic!("{:?}", tests[1])
    };
    assert_eq!(hook, "taric");
    assert!(
        matches!(&parts[..], [Value::Text(_), Value::LitText(dash), Value::Text(_)] if dash == "-")
    );
    let Cond::Sequence { parts, .. } = tests[2] else {
        panic!("{:?}", tests[2])
    };
    let shape: Vec<(u32, u32, bool)> = parts
        .iter()
        .map(|p| (p.format.min, p.format.max, p.optional))
        .collect();
    assert_eq!(shape, [(1, 3, false), (1, 4, false), (1, 1, true)]);
}

#[test]
fn partial_rules_keep_what_they_do_not_check() {
    let rs = compile(
        "partial",
        "rule R0990 \"TIR\" partial \"the IRU check algorithm\"\n\
         TransitOperation.TIRCarnetNumber must match an..11\n",
    )
    .unwrap();
    assert_eq!(
        rs.rules[0].partial.as_deref(),
        Some("the IRU check algorithm")
    );
}

#[test]
fn misuse_is_reported_in_the_words_of_the_language() {
    let cases = [
        // `other` on a group that does not hold the context
        (
            "for each Consignment.HouseConsignment\n grossMass must satisfy (any other Consignment.TransportEquipment satisfies (numberOfSeals > 0))",
            "needs a data group that contains the context",
        ),
        // `other` on a group that does not repeat
        (
            "for each Consignment.HouseConsignment\n grossMass must satisfy (any other Consignment satisfies (grossMass > 0))",
            "does not repeat, so there is no other instance",
        ),
        // `this` with no statement context
        (
            "if this TransitOperation.LRN = 'x' then TransitOperation.LRN must = 'y' end",
            "`this` needs a statement context",
        ),
        // `this` naming a data group
        (
            "for each Consignment.HouseConsignment\n grossMass must != this Consignment",
            "is a data group and has no value",
        ),
        // `this` naming an item with several values from the statement's context
        (
            "for each Consignment.HouseConsignment\n grossMass must != this ConsignmentItem.declarationGoodsItemNumber",
            "may have several values here",
        ),
        // character 0
        (
            "TransitOperation.LRN must satisfy (character 0 of LRN = 'A')",
            "characters are counted from 1",
        ),
        // a computed number in concat
        (
            "TransitOperation.LRN must satisfy (concat(LRN, count(/*/Guarantee)) = 'A')",
            "`concat` joins texts",
        ),
        // decimals in a sequence
        (
            "TransitOperation.LRN must match an..3 followed by n..4,2",
            "a part of a sequence is a run of digits",
        ),
        // nothing required in a sequence
        (
            "TransitOperation.LRN must match optional an..3 followed by optional n..4",
            "every part of the sequence is optional",
        ),
    ];
    for (i, (body, want)) in cases.iter().enumerate() {
        let err = compile(
            &format!("misuse{i}"),
            &format!("rule R0001 \"x\"\n{body}\n"),
        )
        .expect_err(body);
        assert!(err.contains(want), "{body}\n---\n{err}");
    }
}

#[test]
fn a_list_may_be_declared_a_subset_of_several_lists() {
    // CL234 is declared a subset of CL380 and of CL213: R0601 and B1922 test a
    // supporting document's type (bound to CL213) against it without a warning.
    let shipped =
        eucdm_compiler::compile_dir(&root().join("rules/ncts-p5"), &root().join("codelists"))
            .unwrap_or_else(|f| panic!("{}", f.render()));
    let warnings = shipped.sources.render_all(&shipped.warnings);
    assert!(!warnings.contains("CL234"), "{warnings}");
    // Each list named is checked.
    let err = compile(
        "subsets",
        "codelist CL901 \"x\" subset of CL231 subset of CL234 = <T1>\n",
    )
    .unwrap_err();
    assert!(
        err.contains(
            "`CL901` is declared a subset of `CL234` but has codes that are not in it: T1"
        ),
        "{err}"
    );
    assert!(!err.contains("subset of `CL231` but"), "{err}");
}
